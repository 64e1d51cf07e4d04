"""What a normative document (and a major decision) may not create without a basis in law, regulation or rule.

国办发〔2018〕37号: a normative document may not create licences, penalties or coercive measures, add conditions to
a licence, demand needless certificates, reduce rights or add duties, add powers or reduce the
administration's duties, or restrict fair competition; fees are approved only by the State Council and the
provinces. Each rule below is one such prohibition, with the words by which drafts usually break it. Patterns
are read one sentence at a time (see `clause_flags`); `[^。；，]` keeps a pattern inside one clause part.
"""
from workflows.clause_rules import AGREEMENT, ALL_DRAFTS, NORMATIVE, FlagCategory, Level, Rule
from workflows.text import N_

_NUM = "[0-9０-９零〇一二三四五六七八九十百千万两]"
_YEARS = "[一二三四五六七八九十0-9０-９]+年"
_LOCAL = "本区|本地|本市|本县|本省|区内|辖区"
# Approvals between government bodies (人事、财务、外事 and the like) are not licences (行政许可法 Art. 3), nor is
# the consent of a private party (业主大会同意, 出租人同意): that is civil law.
_INTERNAL = (r"各(?:镇|乡镇|街道|部门|单位)|区级部门|区直(?:各)?部门|本部门|编制|财政资金|预算|资金使用|工作方案|"
             r"实施方案|规范性文件|业主大会|业主委员会|股东会|董事会|出租人同意|所有权人|权利人同意|监护人")
_MODAL = r"应当|须|需|必须|方可"
# Refusing or stopping to pay a fee the law sets is not creating one.
_NOT_CHARGED = (r"(?:不|未|拒不|逾期不|拖欠|欠缴)(?:按时|按规定)?(?:缴纳|交纳|缴存)|不得[^。；，]{0,8}?(?:收取|收费)|"
                r"免(?:收|费|征)|不收取|严禁[^。；，]{0,8}?收费|取消[^。；，]{0,10}?收费")

_PENALTY_POINT = N_(
    "%(where)s“%(words)s”的规定，属于设定行政处罚。根据《中华人民共和国行政处罚法》第十六条，除法律、法规、规章外，"
    "其他规范性文件不得设定行政处罚。建议删除，或者修改为“违反本办法规定的，由有关部门依照有关法律、法规、规章的规定处理”。")

PENALTY = (
    Rule(
        id="penalty.created",
        category=FlagCategory.penalty,
        title=N_("设定罚款、没收、吊销证照、责令停产停业、行政拘留等行政处罚"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("penalty_16", "gb_2018_37"),
        point=_PENALTY_POINT,
        triggers=(
            r"(?:可以|可)?(?:并处|单处|处以|(?<![办此各出到住该何好益难坏相判惩])处(?![理置分室所长]))"
            r"[^。；，]{0,24}?罚款(?!收入|决定|票据|数额|款项)",
            r"(?:给予|予以|课以)[^。；，]{0,24}?罚款(?!收入|决定|票据|数额|款项)",
            rf"罚款(?:人民币)?\s*{_NUM}+(?:\.\d+)?\s*(?:万)?元",
            r"没收(?!入)(?:其|当事人的?)?[^。；，]{0,12}?(?:违法所得|非法所得|非法财物|违法财物|工具|设备|商品|物品|财物|"
            r"车辆|原材料|产品|器材|货物)",
            r"(?:暂扣|吊销)(?:其|当事人的?)?[^。；，]{0,15}?(?:许可证件|许可证|执照|证照|证书|资格证|证明|驾驶证)",
            r"降低(?:其)?资质等级",
            r"责令(?:其)?(?:停产停业|停业整顿|停止营业|停业|停产(?!整治)|关闭|关停)",
            r"限制(?:其)?(?:开展)?生产经营活动|限制从业",
            rf"{_YEARS}内不得(?:从事|担任)",
            r"(?<!刑事)(?:行政)?拘留",
            r"(?:给予|予以|处以?)警告(?!处分)",
        ),
        # Where penalty proceeds go is not a penalty: 罚款、没收违法所得……的款项，必须全部上缴国库.
        unless=(r"(?:上缴|缴入|解缴)国库|罚没(?:收入|款项)|的款项",),
    ),
    Rule(
        id="penalty.notice",
        category=FlagCategory.penalty,
        title=N_("对公民、法人或者其他组织设定通报批评"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("penalty_16", "gb_2018_37"),
        point=_PENALTY_POINT,
        triggers=(r"(?:给予|予以|进行)?通报批评",),
        # Criticising a town, a department or its staff is internal management, not a penalty.
        unless=(r"镇|街道|部门|工作人员|干部|考核|责任人|负责人|领导",),
    ),
    Rule(
        id="penalty.unspecified",
        category=FlagCategory.penalty,
        title=N_("规定予以处罚而未明确种类和依据"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("penalty_16", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定未明确处罚的种类和依据，规范性文件不得自行设定行政处罚（《中华人民共和国行政处罚法》第十六条）。"
                 "建议写明所依据的法律、法规、规章的具体条款，或者修改为“依照有关法律、法规、规章的规定处理”。"),
        triggers=(r"(?:予以|给予|进行|作出)(?:行政)?处罚(?!决定)", r"(?:予以|依法|依规)+查处"),
    ),
)

LICENCE = (
    Rule(
        id="licence.approval",
        category=FlagCategory.licence,
        title=N_("以审批、批准、同意、核准或者备案作为从事活动的前提"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("licence_17", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，实际设定了行政许可。根据《中华人民共和国行政许可法》第十七条，规范性文件一律不得设定行政许可。"
                 "建议删除；确有上位法依据的，写明所依据的法律、法规的具体条款。"),
        triggers=(
            r"(?:须|需|需要|必须|应当|应)(?:事先|事前|先行|预先)?(?:经|报|报经|向)[^。；，]{0,25}?"
            r"(?:审批|批准|核准|许可|同意|准许|检测合格|检验合格)",
            r"经[^。；，]{0,20}?(?:批准|同意|审批|核准|许可|备案|登记)(?:后|之后)?[^。；，]{0,4}?(?:方可|方能|才能|才可)",
            r"(?:登记|备案|审批|批准|核准|同意|审核)(?:后|之后)[^。；，]{0,4}?(?:方可|方能|才能|才可)",
            r"未(?:经|取得|办理)?[^。；，]{0,20}?(?:批准|许可|同意|审批|核准|备案|登记)(?:的)?[^。；]{0,20}?"
            r"(?:不得|禁止|一律不得|严禁)",
            r"(?:取得|领取|申领|持有)[^。；，]{0,20}?(?:证|许可|准许|批准文件|批准书|回执|批复)》?(?:后|之后)?"
            r"[^。；，]{0,4}?(?:方可|方能|才能|才可|才准)",
            r"未取得[^。；，]{0,20}?(?:许可证|许可|批准|合格证明|资格证书|证书)[^。；]{0,20}?(?:不得|禁止)",
            r"实行(?:审批|许可|核准|准入)(?:制度|管理|制)",
            r"准予(?:开办|开业|经营|设立|营业|从事)",
            r"申请资格认定",
        ),
        unless=(_INTERNAL,),
    ),
    Rule(
        id="licence.obtain",
        category=FlagCategory.licence,
        title=N_("要求取得许可证件或者办理许可手续"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("licence_17", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，要求取得许可或者办理许可手续。根据《中华人民共和国行政许可法》第十七条，规范性文件不得设定行政许可。"
                 "该许可如有法律、法规依据，建议写明具体条款；没有依据的，建议删除。"),
        triggers=(r"(?:领取|取得|办理)[^。；，]{0,20}?(?:许可证|许可手续|审批手续|许可|准许)",),
        context=(_MODAL,),
        unless=(_INTERNAL,),
    ),
    Rule(
        id="licence.conditions",
        category=FlagCategory.licence,
        title=N_("增加办理行政许可的条件"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("licence_16", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，增加了办理行政许可事项的条件，违反《中华人民共和国行政许可法》第十六条第四款和"
                 "国办发〔2018〕37号文件的规定。建议删除增设的条件。"),
        triggers=(
            r"除[^。；]{0,20}?(?:法定条件|规定的条件|规划许可证|许可证|许可)[^。；]{0,6}?外，?[^。；]{0,10}?还(?:应当|须|需|必须)",
            r"未[^。；]{1,20}?的，?(?:一律)?不予(?:办理|核发|发放|审批|批准)[^。；，]{0,10}?"
            r"(?:营业执照|许可证|执照|证照|许可|审批|登记)",
        ),
    ),
)

COERCION = (
    Rule(
        id="coercion.measure",
        category=FlagCategory.coercion,
        title=N_("设定查封、扣押、冻结、限制人身自由等行政强制措施"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("coercion_10", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，属于设定行政强制措施。根据《中华人民共和国行政强制法》第十条第四款，法律、法规以外的"
                 "其他规范性文件不得设定行政强制措施。建议删除，或者修改为“依照有关法律、法规的规定处理”。"),
        triggers=(
            r"(?:查封|扣押|冻结|扣留|封存)(?!的|、(?:查封|扣押|冻结|扣留)的)",
            r"暂扣(?!(?:其|当事人的?)?[^。；，]{0,15}?(?:许可证|执照|证照|证书|资格证|证明|驾驶证))",
            r"限制(?:其)?(?:法定代表人|当事人|负责人|人员)?(?:的)?(?:人身自由|出境|出入境)",
            r"强制(?:带离|隔离|检查|扣留|收容|检测|传唤)",
            r"(?:予以)?收容",
            r"拖移|清拖|拖离|拖走",
        ),
        unless=(r"人民法院(?:依法)?(?:查封|扣押|冻结)",),
    ),
    Rule(
        id="coercion.enforcement",
        category=FlagCategory.coercion,
        title=N_("设定强制拆除、强制执行等行政强制执行"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("coercion_13", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，属于设定行政强制执行。根据《中华人民共和国行政强制法》第十三条，行政强制执行由法律设定；"
                 "法律没有授权行政机关强制执行的，应当申请人民法院强制执行。建议删除，或者修改为“依法申请人民法院强制执行”。"),
        triggers=(r"(?<!人民法院)(?<!申请法院)强制(?:拆除|清除|搬迁|执行|收回|清理|腾退|拆迁)",),
    ),
    Rule(
        id="coercion.utilities",
        category=FlagCategory.coercion,
        title=N_("以停止供水、供电等方式迫使履行"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("coercion_13", "coercion_43"),
        point=N_("%(where)s“%(words)s”的规定，以停止供水、供电等方式迫使当事人履行义务，违反《中华人民共和国行政强制法》第十三条、"
                 "第四十三条第二款的规定。建议删除。"),
        triggers=(r"(?:停止|中断|暂停)(?:其)?(?:供水|供电|供气|供热|用水|用电)|断水断电|停水停电",),
    ),
)

FEE = (
    Rule(
        id="fee.charge",
        category=FlagCategory.fee,
        title=N_("设定收费项目"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("fee_authority", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，设定了收费项目。收费项目须有法律、法规依据或者经国务院、省级人民政府及其财政、"
                 "价格主管部门批准，规范性文件不得自行设定收费。建议删除；确有依据的，写明收费依据和批准文件。"),
        triggers=(
            r"(?:收取|征收|计收|缴纳|交纳|缴交|收缴)(?!罚款)[^。；，]{0,20}?(?:费用?|基金)",
            r"[^。；，、\s]{0,6}(?<![罚经])费(?:用)?(?:按|依|由)[^。；]{0,30}?(?:收取|征收|计收|缴纳|交纳)",
        ),
        unless=(r"社会保险费|住房公积金|物业(?:服务)?费", _NOT_CHARGED),
    ),
    Rule(
        id="fee.deposit",
        category=FlagCategory.fee,
        title=N_("要求缴纳保证金、押金"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("deposits_2016_49", "fee_authority"),
        point=N_("%(where)s“%(words)s”的规定，要求缴纳保证金或者押金，缺乏法律依据。工程建设领域只保留投标、履约、工程质量、"
                 "农民工工资四类保证金（国办发〔2016〕49号），其他领域亦不得自行设定。建议删除。"),
        triggers=(r"(?:缴纳|交纳|缴存|存缴|收取|缴交)[^。；，]{0,15}?(?:保证金|押金)",),
        unless=(_NOT_CHARGED,),
    ),
)

_RIGHTS_BASES = ("gb_2018_37", "legislation_93")
RIGHTS = (
    Rule(
        id="rights.remedy",
        category=FlagCategory.rights_duties,
        title=N_("排除申请复议、提起诉讼的权利"),
        level=Level.high,
        matters=NORMATIVE,
        bases=_RIGHTS_BASES,
        point=N_("%(where)s“%(words)s”的规定，剥夺了当事人依法申请行政复议、提起行政诉讼的权利，违反国办发〔2018〕37号文件关于不得违法"
                 "减损公民、法人和其他组织合法权益的规定。建议删除，并告知当事人依法享有的救济权利。"),
        triggers=(r"不得(?:申请)?(?:行政)?复议|不得(?:提起)?(?:行政)?诉讼|(?:为|是)最终(?:决定|裁决|处理决定)|不予(?:行政)?复议|"
                  r"不得(?:上访|信访)",),
    ),
    Rule(
        id="rights.deeming",
        category=FlagCategory.rights_duties,
        title=N_("将沉默视为同意或者放弃权利"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=_RIGHTS_BASES,
        point=N_("%(where)s“%(words)s”的规定，在没有法律依据的情况下将当事人的沉默视为同意或者放弃权利，减损了当事人的合法权益。"
                 "建议删除，或者写明所依据的法律、法规的具体条款。"),
        triggers=(r"视为(?:自动)?(?:同意|放弃|认可|自愿|接受|默认|撤回|无异议|认同|确认)",),
    ),
    Rule(
        id="rights.credit",
        category=FlagCategory.rights_duties,
        title=N_("设定失信惩戒、黑名单或者资格限制"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("credit_2020_49", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，设定了失信惩戒或者资格限制措施。失信惩戒措施应当以法律、法规或者党中央、国务院政策文件为依据"
                 "（国办发〔2020〕49号），规范性文件不得自行设定。建议删除，或者写明具体依据。"),
        triggers=(
            r"(?:列入|纳入)[^。；，]{0,8}?(?:黑名单|失信|重点监管名单|不良(?:信用)?记录|信用惩戒)",
            r"取消[^。；，]{0,12}?资格",
            rf"{_YEARS}内不得[^。；，]{{0,4}}?(?:参与|参加|申报|享受|申请|承接|进入)",
        ),
    ),
    Rule(
        id="rights.services",
        category=FlagCategory.rights_duties,
        title=N_("以不予办理、限制使用等手段约束当事人"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=_RIGHTS_BASES,
        point=N_("%(where)s“%(words)s”的规定，将暂停或者不予办理相关事项、限制享受公共服务作为约束手段，没有法律依据，"
                 "违法减损了公民、法人和其他组织的合法权益（国办发〔2018〕37号）。建议删除。"),
        triggers=(
            r"(?:暂停|停止|不予)(?:办理|受理)[^。；，]{0,16}?(?:手续|事项|业务|审批|登记|申请|营业执照|执照|证照)",
            r"(?:子女|家属|亲属|配偶)[^。；，]{0,10}?不得",
            r"限制其(?:使用|进入|出入|参加|享受|办理)",
        ),
    ),
    Rule(
        id="rights.entry",
        category=FlagCategory.rights_duties,
        title=N_("增设入户检查、随时调取等行政权力"),
        level=Level.high,
        matters=NORMATIVE,
        bases=("constitution_39", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，增加了行政机关的权力、加重了当事人的义务，涉及公民住宅和生产经营自主权，没有法律依据"
                 "（国办发〔2018〕37号）。建议删除，或者写明所依据的法律、法规的具体条款。"),
        triggers=(
            r"(?:进入|入户)[^。；，]{0,10}?(?:住宅|家中|室内|住所|居所)",
            r"入户(?:检查|登记|调查|核查)",
            r"随时(?:进入|调取|查阅|检查|查看|抽查)",
            r"无条件(?:配合|服从|接受|执行)",
        ),
    ),
    Rule(
        id="rights.joint_liability",
        category=FlagCategory.rights_duties,
        title=N_("设定连带责任"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("civil_178", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，为当事人设定了连带责任。根据《中华人民共和国民法典》第一百七十八条第三款，连带责任由法律"
                 "规定或者当事人约定，规范性文件不得设定。建议删除。"),
        triggers=(r"(?:承担|负)连带(?:赔偿)?责任",),
    ),
    Rule(
        id="rights.own_liability",
        category=FlagCategory.rights_duties,
        title=N_("免除行政机关的责任"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("state_compensation_4", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，免除了行政机关依法应当承担的责任，违反国办发〔2018〕37号文件关于不得减少法定职责的规定"
                 "和《中华人民共和国国家赔偿法》第四条。建议删除。"),
        triggers=(r"(?:行政机关|执法部门|有关部门|主管部门|人民政府|本机关)[^。；，]{0,6}?不(?:承担|负)[^。；，担补]{0,10}?责任|"
                  r"不予(?:国家)?赔偿",
                  # changing the rules at will, without notice, breaks legitimate expectations
                  r"(?:恕)?不(?:再)?另行通知"),
    ),
    Rule(
        id="rights.certificate",
        category=FlagCategory.rights_duties,
        title=N_("要求提供无谓证明"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("certificates_2018_47", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，要求提供没有法律、法规依据的证明，属于无谓证明（国办发〔2018〕37号、国办发〔2018〕47号）。"
                 "建议删除，改由部门间信息共享核查或者由申请人书面承诺。"),
        triggers=(r"(?:村|居|社区)[^。；，]{0,8}?(?:出具|开具)的?[^。；，]{0,20}?证明", r"循环证明|重复证明",
                  # certificates the 2018-2019 clean-up abolished as a class (verify against the local list)
                  r"(?:亲属关系|家庭成员关系|婚姻状况|健在|生存|无房)证明"),
    ),
    Rule(
        id="rights.tied_benefit",
        category=FlagCategory.rights_duties,
        title=N_("将捐赠、赞助与享受政策挂钩"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=_RIGHTS_BASES,
        point=N_("%(where)s“%(words)s”的规定，将捐赠、赞助等与享受政策挂钩，增加了企业的义务，没有法律依据。建议删除。"),
        triggers=(r"(?:捐赠|捐款|赞助|摊派)[^。；]{0,30}?(?:作为|列为)[^。；]{0,20}?(?:条件|依据|前提)",),
    ),
    Rule(
        id="rights.insurance",
        category=FlagCategory.rights_duties,
        title=N_("强制购买商业保险"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=_RIGHTS_BASES,
        point=N_("%(where)s“%(words)s”的规定，强制当事人购买商业保险，增加了当事人的义务，没有法律依据。建议删除，或者改为鼓励性规定。"),
        triggers=(r"(?:购买|投保)[^。；，]{0,20}?商业(?:保险|险)",),
        context=(_MODAL,),
    ),
    Rule(
        id="rights.custody_costs",
        category=FlagCategory.rights_duties,
        title=N_("将查封、扣押的保管费用转由当事人承担"),
        level=Level.medium,
        matters=NORMATIVE,
        bases=("coercion_26",),
        point=N_("%(where)s“%(words)s”的规定，将查封、扣押期间的保管费用转由当事人承担，违反《中华人民共和国行政强制法》第二十六条第三款。"
                 "建议删除。"),
        triggers=(r"(?:扣押|查封|保管|拖移|拖车|扣留)[^。；]{0,10}?费用?[^。；，]{0,3}?由(?:当事人|车主|所有人|经营者|违法行为人)"
                  r"(?:负担|承担|支付)",),
    ),
)

_DESIGNATED = "企业|机构|公司|品牌|厂家|供应商|保险公司|平台|型号|门店|商家|设备|装置|系统|软件|产品|服务商"
COMPETITION = (
    Rule(
        id="competition.designation",
        category=FlagCategory.competition,
        title=N_("指定交易、授予独家经营"),
        level=Level.high,
        matters=ALL_DRAFTS,
        bases=("fcr_8", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，限定经营、购买或者使用特定经营者提供的商品或者服务，违反《公平竞争审查条例》第八条的规定。"
                 "建议删除，由市场主体自主选择。"),
        triggers=(
            rf"(?:指定|推荐|确定|选定)的?[^。；，或]{{0,8}}?(?:{_DESIGNATED})",
            r"统一(?:在|到|向|从|由|交由|交给)[^。；，]{0,20}?(?:购买|采购|供应|提供|生产|承办|承接|公司|企业)",
            r"(?:推荐|指定)[^。；，]{0,6}?(?:品牌|企业|产品)?目录",
            r"(?:限定|指定)[^。；，]{0,6}?(?:购买|使用|选择|采购)",
            r"独家|专营权|其他(?:企业|经营者)不得(?:进入|经营|参与)",
            r"不再(?:引进|引入|批准|审批|新设|设立)[^。；，]{0,8}?(?:同类|同业|同行业|竞争)",
        ),
        context=(r"应当|须|必须|统一|只能|一律|限定|独家|专营|不再",),
    ),
    Rule(
        id="competition.local",
        category=FlagCategory.competition,
        title=N_("歧视外地经营者、地方保护"),
        level=Level.high,
        matters=ALL_DRAFTS,
        bases=("fcr_8", "fcr_9", "gb_2018_37"),
        point=N_("%(where)s“%(words)s”的规定，对外地经营者设置歧视性条件或者实行地方保护，违反《公平竞争审查条例》第八条、第九条的规定。"
                 "建议删除。"),
        triggers=(
            rf"优先(?:采购|使用|选用|选择|购买|安排|考虑)[^。；，]{{0,12}}?(?:{_LOCAL}|乙方)",
            rf"(?:在|到)(?:{_LOCAL})(?:内)?(?:注册|登记|设立|纳税|缴纳|缴税|开设)",
            rf"(?:具有|具备|限于?|须为|应为|持有)(?:{_LOCAL})(?:户籍|户口|常住户口)",
            r"外地[^。；，]{0,12}?(?:企业|经营者|商品|产品|供应商|车辆|经营户|材料|机构)[^。；]{0,40}?"
            r"(?:不得|须|应当(?!遵守|执行|按照|依法)|另行|需|必须|额外|限制|禁止|方可)",
            rf"(?:{_LOCAL})[^。；，]{{0,12}}?(?:业绩|承接|经营|纳税)[^。；]{{0,20}}?(?:加[^。；，]{{0,4}}分|优先)",
            rf"(?:仅|只)(?:允许|限于?|接受|限)[^。；，]{{0,10}}?(?:{_LOCAL}|在本区)",
            rf"(?:{_LOCAL})[^。；，]{{0,4}}?(?:停车场|办公场所|经营场所|仓库|固定场所)",
        ),
        # What an investor undertakes itself (乙方承诺在本区设立区域总部) is its own choice, not a condition imposed.
        government_only=True,
    ),
    Rule(
        id="competition.subsidy",
        category=FlagCategory.competition,
        title=N_("税收返还、选择性奖励补贴和要素优惠"),
        level=Level.medium,
        matters=ALL_DRAFTS,
        bases=("fcr_10",),
        point=N_("%(where)s“%(words)s”的规定，给予特定经营者税收返还、财政奖励、补贴或者要素价格优惠，违反《公平竞争审查条例》第十条的规定。"
                 "建议删除；确有法律、行政法规依据或者经国务院批准的，写明依据。"),
        triggers=(
            r"(?:地方|区级|县级|市级|本级)(?:财政)?(?:留成|留存|分成|财力|贡献|所得)[^。；]{0,30}?(?:奖励|返还|补贴|扶持|补助)",
            r"(?:税收|税款|税费)[^。；，]{0,8}?(?:返还|先征后返|即征即奖|奖励)|先征后返|即征即返",
            r"(?:给予|享受)[^。；，]{0,15}?(?:土地出让金|地价|水电|电价|用地|土地)[^。；，]{0,8}?(?:减免|优惠|补贴)",
            r"对[^。；，]{2,20}?(?:有限公司|集团|股份公司|有限责任公司)[^。；]{0,30}?(?:补贴|奖励|补助|扶持)",
        ),
    ),
    Rule(
        id="competition.counterparty_subsidy",
        category=FlagCategory.competition,
        title=N_("协议给予相对方奖励、补贴"),
        level=Level.medium,
        matters=AGREEMENT,
        bases=("fcr_10",),
        point=N_("%(where)s“%(words)s”的约定，给予协议相对方选择性、差异化的财政奖励或者补贴，违反《公平竞争审查条例》第十条的规定。"
                 "建议删除；确有法律、行政法规依据或者经国务院批准的，写明依据。"),
        triggers=(r"(?:给予|向|支持|扶持|资助|补贴|奖励)乙方|乙方[^。；，]{0,20}?给予|(?:财政|运营|经营)补贴|缺口补助",),
        context=(r"补贴|补助|奖励|扶持资金|资金|优惠",),
    ),
)

RULES = PENALTY + LICENCE + COERCION + FEE + RIGHTS + COMPETITION
