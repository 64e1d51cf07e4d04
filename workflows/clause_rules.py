"""What a clause may not do, as data: the rule type, the legal bases it rests on, and the words of reference.

A rule says what it looks for (`triggers`: regular expressions whose matches are the words the page
highlights), in which sentences it counts (`context`: one of these must also occur in the sentence; `unless`:
none of these may), which matter categories it applies to, its level, the provision it rests on and the
modification point the bureau would write. The rule sets themselves are in `clause_rules_normative` (what a
normative document or a major decision may not create) and `clause_rules_agreement` (the risks of a government
agreement); the matcher is `clause_flags`.

Created or referred to. A normative document may repeat a measure a law provides, naming it; what it may not
do is provide the measure itself. A sentence that names its law (依照《…法》第…条) only refers to the measure; a
sentence with a general reference (依法, 依照有关法律法规的规定) refers to it too, unless it also states its own amount
(依法处一万元以上十万元以下罚款: the amount is the document's). A referred measure gets a 低 note asking the reviewer to check
the reference, never a flag above it. The saving clause 法律、法规另有规定的，从其规定 refers to nothing: the measure it
follows is still the document's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from workflows.review import Category
from workflows.text import N_


class FlagCategory(str, Enum):
    penalty = "penalty"
    licence = "licence"
    coercion = "coercion"
    fee = "fee"
    rights_duties = "rights_duties"
    competition = "competition"
    termination = "termination"
    guarantee = "guarantee"
    fiscal_commitment = "fiscal_commitment"
    liability = "liability"
    dispute_resolution = "dispute_resolution"


FLAG_CATEGORY_LABELS = {
    FlagCategory.penalty: N_("设定行政处罚"),
    FlagCategory.licence: N_("设定行政许可"),
    FlagCategory.coercion: N_("设定行政强制"),
    FlagCategory.fee: N_("设定收费"),
    FlagCategory.rights_duties: N_("减损权利或者增加义务"),
    FlagCategory.competition: N_("排除、限制竞争"),
    FlagCategory.termination: N_("单方解除或者变更协议"),
    FlagCategory.guarantee: N_("政府违规担保或者兜底"),
    FlagCategory.fiscal_commitment: N_("超出预算的财政支出承诺"),
    FlagCategory.liability: N_("违约责任不对等或者免责"),
    FlagCategory.dispute_resolution: N_("争议解决方式"),
}


class Level(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"


LEVEL_LABELS = {Level.high: N_("高"), Level.medium: N_("中"), Level.low: N_("低")}
LEVEL_ORDER = {Level.high: 0, Level.medium: 1, Level.low: 2}


@dataclass(frozen=True)
class Basis:
    """One provision a rule rests on; `verify` marks a citation taken from secondary sources."""

    source: str  # 《中华人民共和国行政处罚法》
    article: str  # 第十六条; "" for a document cited as a whole
    gist: str  # what it says, in short
    verify: bool = False

    @property
    def citation(self) -> str:
        return self.source + self.article


# Every provision the rules cite, in one table.
BASES = {
    "penalty_16": Basis(
        "《中华人民共和国行政处罚法》", "第十六条",
        N_("除法律、法规、规章外，其他规范性文件不得设定行政处罚。")),
    "licence_17": Basis(
        "《中华人民共和国行政许可法》", "第十七条",
        N_("除该法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。")),
    # Art. 16 para. 4 binds regulations and rules; 国办发〔2018〕37号 applies the same to normative documents.
    "licence_16": Basis(
        "《中华人民共和国行政许可法》", "第十六条第四款",
        N_("对行政许可条件作出的具体规定，不得增设违反上位法的其他条件。")),
    "coercion_10": Basis(
        "《中华人民共和国行政强制法》", "第十条第四款",
        N_("法律、法规以外的其他规范性文件不得设定行政强制措施。")),
    "coercion_13": Basis(
        "《中华人民共和国行政强制法》", "第十三条",
        N_("行政强制执行由法律设定；法律没有规定行政机关强制执行的，应当申请人民法院强制执行。")),
    "coercion_43": Basis(
        "《中华人民共和国行政强制法》", "第四十三条第二款",
        N_("行政机关不得对居民生活采取停止供水、供电、供热、燃气等方式迫使当事人履行相关行政决定。")),
    "coercion_26": Basis(
        "《中华人民共和国行政强制法》", "第二十六条第三款",
        N_("因查封、扣押发生的保管费用由行政机关承担。")),
    "gb_2018_37": Basis(
        "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）", "",
        N_("行政规范性文件不得增加法律、法规规定之外的行政权力事项或者减少法定职责；不得设定行政许可、行政处罚、行政强制等事项，增加办理行政许可事项的条件，规定出具循环证明、重复证"
           "明、无谓证明的内容；不得违法减损公民、法人和其他组织的合法权益或者增加其义务；不得违法制定含有排除或者限制公平竞争内容的措施。")),
    "fee_authority": Basis(
        "《中共中央、国务院关于治理向企业乱收费、乱罚款和各种摊派等问题的决定》（中发〔1997〕14号）", "",
        N_("收费项目只能由国务院和省级人民政府及其财政、价格主管部门按照规定权限审批，其他部门和地方各级人民政府无权审批。"), verify=True),
    "deposits_2016_49": Basis(
        "《国务院办公厅关于清理规范工程建设领域保证金的通知》（国办发〔2016〕49号）", "",
        N_("工程建设领域只保留投标保证金、履约保证金、工程质量保证金、农民工工资保证金，其他保证金一律取消。"), verify=True),
    "legislation_93": Basis(
        "《中华人民共和国立法法》", "第九十三条第六款",
        N_("没有法律、行政法规、地方性法规的依据，地方政府规章不得设定减损公民、法人和其他组织权利或者增加其义务的规范；规范性文件更不得设定。"), verify=True),
    "civil_178": Basis(
        "《中华人民共和国民法典》", "第一百七十八条第三款",
        N_("连带责任，由法律规定或者当事人约定。")),
    "state_compensation_4": Basis(
        "《中华人民共和国国家赔偿法》", "第四条",
        N_("行政机关及其工作人员在行使行政职权时侵犯财产权的，受害人有取得赔偿的权利。")),
    "constitution_39": Basis(
        "《中华人民共和国宪法》", "第三十九条",
        N_("公民的住宅不受侵犯，禁止非法搜查或者非法侵入公民的住宅。")),
    "credit_2020_49": Basis(
        "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》（国办发〔2020〕49号）", "",
        N_("将失信信息纳入信用记录、列入严重失信主体名单和实施失信惩戒，应当以法律、法规或者党中央、国务院政策文件为依据。"), verify=True),
    "certificates_2018_47": Basis(
        "《国务院办公厅关于做好证明事项清理工作的通知》（国办发〔2018〕47号）", "",
        N_("没有法律、法规依据的证明事项一律取消，不得要求群众提供无谓证明。"), verify=True),
    "fcr_8": Basis(
        "《公平竞争审查条例》", "第八条",
        N_("政策措施不得限定经营、购买或者使用特定经营者提供的商品，不得违法授予特许经营权，不得设置不合理或者歧视性的准入、退出条件。"), verify=True),
    "fcr_9": Basis(
        "《公平竞争审查条例》", "第九条",
        N_("政策措施不得限制外地或者进口商品、要素进入本地市场，不得排斥、限制外地经营者参加本地政府采购、招标投标，不得在资质标准等方面对外地经营者设置歧视性要求。"), verify=True),
    "fcr_10": Basis(
        "《公平竞争审查条例》", "第十条",
        N_("没有法律、行政法规依据或者未经国务院批准，政策措施不得给予特定经营者税收优惠或者选择性、差异化的财政奖励、补贴，不得给予其要素获取等方面的优惠。"), verify=True),
    "budget_35": Basis(
        "《中华人民共和国预算法》", "第三十五条",
        N_("除法律另有规定外，地方政府及其所属部门不得为任何单位和个人的债务以任何方式提供担保。"), verify=True),
    "civil_683": Basis(
        "《中华人民共和国民法典》", "第六百八十三条第一款",
        N_("机关法人不得为保证人，但是经国务院批准为使用外国政府或者国际经济组织贷款进行转贷的除外。")),
    "debt_2017_50": Basis(
        "《关于进一步规范地方政府举债融资行为的通知》（财预〔2017〕50号）", "",
        N_("地方政府不得承诺回购社会资本方的投资本金，不得承担社会资本方的投资本金损失，不得向社会资本方承诺最低收益，不得出具担保函、承诺函、安慰函等直接或者变相担保协议。"), verify=True),
    "budget_13": Basis(
        "《中华人民共和国预算法》", "第十三条",
        N_("各级政府、各部门、各单位的支出必须以经批准的预算为依据，未列入预算的不得支出。")),
    "purchase_102": Basis(
        "《政府购买服务管理办法》（财政部令第102号）", "第二十四条",
        N_("政府购买服务合同履行期限一般不超过1年；符合条件的，可以签订履行期限不超过3年的合同。"), verify=True),
    "business_31": Basis(
        "《优化营商环境条例》", "第三十一条",
        N_("不得以行政区划调整、政府换届、机构或者职能调整以及相关责任人更替等为由违约毁约；因国家利益、社会公共利益需要改变合同约定的，应当依照法定权限和程序进行，并依法予以补偿。")),
    "agreement_16": Basis(
        "《最高人民法院关于审理行政协议案件若干问题的规定》", "第十六条",
        N_("行政机关为公共利益变更、解除协议的行为合法的，给对方造成损失的，应当予以补偿。"), verify=True),
    "civil_506": Basis(
        "《中华人民共和国民法典》", "第五百零六条",
        N_("造成对方人身损害的，或者因故意或者重大过失造成对方财产损失的免责条款无效。")),
    "civil_6": Basis(
        "《中华人民共和国民法典》", "第六条",
        N_("民事主体从事民事活动，应当遵循公平原则，合理确定各方的权利和义务。")),
    "agreement_26": Basis(
        "《最高人民法院关于审理行政协议案件若干问题的规定》", "第二十六条",
        N_("行政协议约定仲裁条款的，人民法院应当确认该条款无效，但法律、行政法规或者我国缔结、参加的国际条约另有规定的除外。"), verify=True),
    "agreement_7": Basis(
        "《最高人民法院关于审理行政协议案件若干问题的规定》", "第七条",
        N_("当事人可以书面协议约定选择被告所在地、原告所在地、协议履行地等与争议有实际联系地点的人民法院管辖。"), verify=True),
}

NORMATIVE = frozenset({Category.normative_document, Category.major_decision})
AGREEMENT = frozenset({Category.agreement})
# Guarantees and spending beyond the budget are as unlawful in a decision as in a contract.
AGREEMENT_AND_DECISION = frozenset({Category.agreement, Category.major_decision})
ALL_DRAFTS = NORMATIVE | AGREEMENT
# An opinion request (法律意见征询函) is a question, not a draft: no rule reads it. The app passes the category
# of the draft being asked about when it wants one read.


@dataclass(frozen=True)
class Rule:
    id: str
    category: FlagCategory
    title: str  # N_: what the rule finds, as the panel names it
    level: Level
    matters: frozenset[Category]
    bases: tuple[str, ...]  # keys of BASES
    point: str  # N_ template: %(where)s is 第五条 or 第五条第（二）项, %(words)s the quoted words of the draft
    triggers: tuple[str, ...]
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    referable: bool = True  # False: a reference to a law does not excuse it (an agreement term is its own)
    # Only what the government side undertakes counts: a trigger in a clause part (between commas) whose first
    # named party is the counterparty is the counterparty's own business (乙方以其自有资产提供担保).
    government_only: bool = False

    def __post_init__(self):
        for key in self.bases:
            if key not in BASES:
                raise ValueError(f"unknown basis {key!r} in rule {self.id}")
        for pattern in self.triggers + self.context + self.unless:
            re.compile(pattern)

    @property
    def article(self) -> str:
        """The citations, as the panel and the point show them."""
        return "、".join(BASES[k].citation for k in self.bases)


# --- the words of reference (see the module docstring) ---------------------------------------------------

# "依法纳税", "依法经营" and the like state a duty; they do not point to a measure.
# Naming the law: 依照《中华人民共和国食品安全法》第一百二十二条; not 违反《…》 (the rule broken, not the measure).
NAMED_REFERENCE = re.compile(r"(?:依照|依据|按照|根据|适用)[^。；，]{0,8}?《(?!本)[^》]+》")
GENERAL_REFERENCE = re.compile(
    r"依法(?!律|纳税|经营|登记|注册|设立|成立|履行|保护|保障|维护)|依规|"
    r"(?:依照|按照|根据|依据)(?:国家|省|市|上级|法律|法规|有关|相关)[^。；]{0,24}?(?:规定|标准|执行)|"
    r"(?:依照|按照|根据|依据)[^。；，本]{0,15}?(?:核定|批准|公布)的(?:收费)?标准|"
    r"以法律、?法规[^。；]{0,24}?为依据"
)
# The document's own amount or multiple: 五百元, 2000元, 一倍以上三倍以下.
OWN_AMOUNT = re.compile(r"(?:[0-9０-９][0-9０-９.,，]*|[零〇一二三四五六七八九十百千万两]+)\s*(?:万)?元|[一二三四五六七八九十0-9]+倍")

# Who a clause part speaks of: the government side or the counterparty (agreements).
GOVERNMENT = r"甲方|政府|财政|管委会|管理委员会|区属|国有企业|国资"
COUNTERPARTY = r"乙方|社会资本方|项目公司|投资方"

REFERENCE_POINT = N_("%(where)s援引了上位法的规定（“%(words)s”），请核对所援引的法律依据是否存在、准确、现行有效，并写明具体条款。")
