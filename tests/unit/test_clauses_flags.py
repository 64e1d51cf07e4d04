"""Flagging what a clause may not do, with the article that forbids it and the words that triggered it."""
import pytest

from workflows.clause_flags import RULES, RULES_BY_ID, flag
from workflows.clause_rules import BASES, FlagCategory, Level, Rule
from workflows.clauses import split
from workflows.review import Category

FINE_IN_ARTICLE_5 = [
    "某某区城市道路两侧物料堆放管理办法",
    "第一条 为了加强城市道路两侧物料堆放管理，制定本办法。",
    "第二条 本办法适用于本区城市建成区内的城市道路。",
    "第三条 区城市管理局负责本办法的组织实施。",
    "第四条 任何单位和个人不得在城市道路两侧擅自堆放物料。",
    "第五条 违反本办法第四条规定的，由区城市管理局责令限期改正，并处五百元以上二千元以下罚款。",
    "第六条 本办法自2026年1月1日起施行。",
]


def _flags(paragraphs, category=Category.normative_document):
    doc = split(paragraphs)
    return doc, flag(doc.clauses, category)


def test_a_fine_created_in_article_5_is_flagged_under_penalty_law_article_16():
    doc, flags = _flags(FINE_IN_ARTICLE_5)
    assert [(f.clause_label, f.rule_id, f.level, f.refers) for f in flags] == [
        ("第五条", "penalty.created", Level.high, False)]
    f = flags[0]
    assert f.category is FlagCategory.penalty
    assert f.article.startswith("《中华人民共和国行政处罚法》第十六条")
    text = doc.clauses[5].text
    assert [text[s:e] for s, e in f.spans] == ["并处五百元以上二千元以下罚款"] == list(f.words)
    assert f.point.startswith("第五条“并处五百元以上二千元以下罚款”的规定，属于设定行政处罚。根据《中华人民共和国行政处罚法》第十六条")


def test_the_referring_form_gets_a_low_note_not_a_flag():
    paragraphs = FINE_IN_ARTICLE_5[:5] + [
        "第五条 违反本办法第四条规定的，由区城市管理局依照《城市市容和环境卫生管理条例》第三十四条的规定，责令限期改正，"
        "并处五百元以上二千元以下罚款。"] + FINE_IN_ARTICLE_5[6:]
    _, flags = _flags(paragraphs)
    assert [(f.clause_label, f.rule_id, f.level, f.refers) for f in flags] == [
        ("第五条", "penalty.created", Level.low, True)]
    assert flags[0].point.startswith("第五条援引了上位法的规定")


@pytest.mark.parametrize("sentence, refers", [
    ("违反本办法规定的，由有关部门依法予以处罚。", True),  # a general reference, no measure of its own
    ("违反本办法规定的，按照有关法律、法规的规定予以处罚。", True),
    ("违反本办法规定的，由区生态环境局依法处一万元以上十万元以下罚款。", False),  # 依法 with the document's own amount
    ("违反本办法规定的，处一千元罚款；法律、法规另有规定的，从其规定。", False),  # the saving clause refers to nothing
])
def test_created_or_referred(sentence, refers):
    _, flags = _flags(["第一条 " + sentence])
    assert [f.refers for f in flags if f.category is FlagCategory.penalty] == [refers]


def test_innocent_mentions_of_the_same_words_are_not_flagged():
    _, flags = _flags([
        "第一条 本办法所称罚款收入，纳入一般公共预算管理，实行罚缴分离。",
        "第二条 新建、改建、扩建建设工程应当符合国家强制性标准。",
        "第三条 政务服务事项一律免费办理，不得向申请人收取任何费用。",
        "第四条 对年度考核排名末位的镇（街道），由区人民政府予以通报批评。",
        "第五条 各街道办事处应当指定专人负责统计数据报送工作。",
    ])
    assert flags == []


def test_a_fine_and_a_confiscation_in_one_clause_make_one_point():
    doc, flags = _flags(["第一条 违反本规定出租房屋未登记的，没收违法所得，并可处违法所得一倍以上三倍以下罚款。"])
    assert [(f.rule_id, f.words) for f in flags] == [
        ("penalty.created", ("没收违法所得", "可处违法所得一倍以上三倍以下罚款"))]
    assert "“没收违法所得”、“可处违法所得一倍以上三倍以下罚款”" in flags[0].point


def test_a_flag_on_an_item_points_to_the_item():
    doc, flags = _flags([
        "第五条 对违反本办法的行为，按照下列规定处理：",
        "（一）未按规定设置垃圾收集容器的，责令限期改正；",
        "（二）逾期不改正的，处五百元罚款。",
    ])
    f = flags[0]
    assert (f.clause_label, f.item, f.where) == ("第五条", 1, "第五条第（二）项")
    assert f.point.startswith("第五条第（二）项“处五百元罚款”")
    item = doc.clauses[0].items[1]
    assert item.start <= f.spans[0][0] < f.spans[0][1] <= item.end


def test_an_item_is_read_with_the_lead_in_it_completes():
    # 应当具备下列条件：（二）安装……指定的……: the obligation is in the lead-in, the designation in the item.
    _, flags = _flags([
        "第八条 从事建筑垃圾运输的单位，应当具备下列条件：",
        "（一）有固定的停车场所；",
        "（二）运输车辆安装区城市管理局指定的卫星定位装置。",
    ])
    assert [(f.rule_id, f.where) for f in flags] == [("competition.designation", "第八条第（二）项")]


@pytest.mark.parametrize("sentence, rule_id, basis", [
    ("未经区城市管理局批准，任何单位和个人不得在城市道路设置临时摊点。", "licence.approval", "licence_17"),
    ("对逾期拒不拆除违法建筑的，由区城市管理局组织强制拆除。", "coercion.enforcement", "coercion_13"),
    ("对有证据证明违法生产的场所，区应急管理局可以查封其生产设备。", "coercion.measure", "coercion_10"),
    ("进入农贸市场经营的摊主，每月向区市场服务中心缴纳管理费二百元。", "fee.charge", "fee_authority"),
    ("当事人对本决定不服的，不得申请行政复议。", "rights.remedy", "gb_2018_37"),
    ("全区中小学校服统一由区教育局指定的企业生产供应。", "competition.designation", "fcr_8"),
    ("对在本区纳税的企业，按其缴纳增值税区级留成部分的百分之五十给予奖励。", "competition.subsidy", "fcr_10"),
])
def test_each_normative_prohibition_with_its_article(sentence, rule_id, basis):
    _, flags = _flags(["第一条 " + sentence])
    found = {f.rule_id: f for f in flags}
    assert rule_id in found and not found[rule_id].refers
    assert BASES[basis].citation in found[rule_id].article


AGREEMENT = [
    "甲方：某某区人民政府",
    "乙方：某某科技有限公司",
    "第一条 乙方计划总投资十亿元，其中固定资产投资不低于八亿元。",
    "第二条 乙方违反环境保护规定的，甲方有权处以五万元罚款。",
    "第三条 因国家政策调整或者甲方规划变更，甲方有权单方解除本协议，且不承担任何补偿责任。",
    "第四条 甲方为乙方向金融机构申请的项目贷款提供担保。",
    "第五条 甲方承诺自项目投产之日起连续十年，每年向乙方支付运营补贴八百万元。",
    "第六条 因本协议发生的争议，双方协商不成的，提交北京仲裁委员会仲裁。",
]


def test_agreements_are_read_for_their_own_risks_and_not_for_penalties():
    _, flags = _flags(AGREEMENT, Category.agreement)
    assert [(f.clause_label, f.category.value) for f in flags] == [
        ("第三条", "termination"),
        ("第四条", "guarantee"),
        ("第五条", "fiscal_commitment"),
        ("第五条", "competition"),
        ("第六条", "dispute_resolution"),
    ]
    # Read as a normative document, the same 罚款 in 第二条 would be a created penalty.
    _, as_document = _flags(AGREEMENT, Category.normative_document)
    assert ("第二条", "penalty.created") in [(f.clause_label, f.rule_id) for f in as_document]
    assert not {"termination", "guarantee", "fiscal_commitment"} & {f.category.value for f in as_document}


def test_a_guarantee_the_counterparty_gives_is_its_own_business():
    _, flags = _flags(["第一条 乙方以其自有资产为项目融资提供担保，甲方不承担任何担保责任。"], Category.agreement)
    assert flags == []


def test_major_decisions_are_read_for_prohibitions_and_for_guarantees():
    _, flags = _flags([
        "第一条 对征收范围内逾期不搬迁的住户，由区征收办组织强制搬迁。",
        "第二条 项目建设资金由区城市建设投资有限公司融资解决，区财政为其融资提供全额兜底担保。",
    ], Category.major_decision)
    assert [f.rule_id for f in flags] == ["coercion.enforcement", "agreement.guarantee"]


def test_an_opinion_request_is_not_read():
    assert _flags(FINE_IN_ARTICLE_5, Category.opinion_request)[1] == []


def test_flags_come_in_clause_then_position_order_and_are_the_same_every_time():
    paragraphs = [
        "第一条 对拒不拆除的，由区城市管理局强制拆除，并处一千元罚款。",
        "第二条 未经区城市管理局批准，不得设置摊点；违者没收其经营工具。",
    ]
    first = _flags(paragraphs)[1]
    assert [(f.clause_label, f.rule_id) for f in first] == [
        ("第一条", "coercion.enforcement"), ("第一条", "penalty.created"),
        ("第二条", "licence.approval"), ("第二条", "penalty.created")]
    assert _flags(paragraphs)[1] == first


def test_a_caller_may_pass_its_own_rules():
    only = [r for r in RULES if r.id == "fee.charge"]
    doc = split(FINE_IN_ARTICLE_5)
    assert flag(doc.clauses, Category.normative_document, only) == []


def test_every_rule_is_well_formed_and_cites_known_provisions():
    assert len(RULES_BY_ID) == len(RULES)  # ids are unique
    for rule in RULES:
        assert rule.matters and rule.triggers and "%(where)s" in rule.point and "%(words)s" in rule.point
    with pytest.raises(ValueError):
        Rule(id="x", category=FlagCategory.fee, title="x", level=Level.low, matters=frozenset(),
             bases=("nowhere",), point="", triggers=("x",))
