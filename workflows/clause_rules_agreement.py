"""The risks a government agreement (重点项目协议, 行政协议) carries, read instead of the normative prohibitions.

An agreement does not create penalties or licences; what goes wrong in one is the government's side of the
bargain: a right to walk away without compensation, a guarantee or a promised return it may not give, spending
beyond an approved budget, liability that binds one side only, and a forum that does not hold. Guarantees and
spending beyond the budget are read in major decisions too. No reference to a law excuses an agreement term.
"""
from workflows.clause_rules import AGREEMENT, AGREEMENT_AND_DECISION, FlagCategory, Level, Rule
from workflows.text import N_

_YEARS = "[一二三四五六七八九十0-9０-９]+年"

RULES = (
    Rule(
        id="agreement.termination",
        category=FlagCategory.termination,
        title=N_("单方解除、变更协议而不予补偿"),
        level=Level.medium,
        matters=AGREEMENT,
        bases=("business_31", "agreement_16"),
        point=N_("%(where)s“%(words)s”的约定，允许一方单方解除、变更协议并排除补偿。根据《优化营商环境条例》第三十一条，因国家利益、"
                 "社会公共利益需要改变合同约定的，应当依照法定权限和程序进行，并依法予以补偿。建议修改为依法解除并给予对方公平、合理的补偿。"),
        triggers=(r"(?:单方|单方面|随时|有权|可以|可)[^。；，]{0,10}?(?:解除|终止|变更|收回|调整)|自动(?:终止|解除|失效)|"
                  r"提前(?:终止|解除|收回)",),
        context=(r"不(?:予|作|给予)?(?:任何)?(?:补偿|赔偿|退还|退回)|无须|无需|不承担[^。；，]{0,6}?(?:责任|补偿|赔偿)|互不承担|"
                 r"不得提出[^。；]{0,10}?(?:异议|补偿|赔偿|要求)|应当服从|无偿收回|不予退还|"
                 r"(?:损失|投入|费用)[^。；，]{0,6}?自行承担",),
        referable=False,
    ),
    Rule(
        id="agreement.guarantee",
        category=FlagCategory.guarantee,
        title=N_("政府提供担保、兜底、承诺回购或者保底收益"),
        level=Level.high,
        matters=AGREEMENT_AND_DECISION,
        bases=("budget_35", "civil_683", "debt_2017_50"),
        point=N_("%(where)s“%(words)s”的约定，属于政府违规提供担保或者承诺回购、保底收益。根据《中华人民共和国预算法》第三十五条、"
                 "《中华人民共和国民法典》第六百八十三条第一款和财预〔2017〕50号文件，地方政府及其所属部门不得为任何单位和个人的债务"
                 "以任何方式提供担保，不得承诺回购投资本金或者最低收益。建议删除。"),
        triggers=(
            r"(?:提供|出具)[^。；，]{0,12}?(?:担保|保证|承诺函|安慰函)",
            r"兜底|保底|固定(?:回报|收益)",
            r"回购",
            r"年化[^。；，]{0,8}?(?:收益|回报)",
            r"(?:最低|保证|不低于)[^。；，]{0,12}?(?:收益|回报)",
            r"差额(?:部分)?[^。；，]{0,8}?(?:补足|补偿|补贴|承担)|予以补足",
            r"承担[^。；，]{0,8}?(?:还款|偿还|偿债)责任",
        ),
        referable=False,
        government_only=True,
    ),
    Rule(
        id="agreement.fiscal_commitment",
        category=FlagCategory.fiscal_commitment,
        title=N_("跨年度或者不设上限的财政支出承诺"),
        level=Level.high,
        matters=AGREEMENT_AND_DECISION,
        bases=("budget_13", "debt_2017_50", "purchase_102"),
        point=N_("%(where)s“%(words)s”的约定，作出了超出年度预算的财政支出承诺。根据《中华人民共和国预算法》第十三条，支出必须以经批准的"
                 "预算为依据，未列入预算的不得支出。建议删除，或者明确相关资金按程序纳入年度预算和中期财政规划后执行。"),
        triggers=(
            rf"(?:连续|今后|未来|此后)?{_YEARS}(?:内)?[，,]?[^。；]{{0,6}}?每年",
            rf"每年[^。；]{{0,30}}?(?:连续|期限为?|共计){_YEARS}",
            rf"期限为?{_YEARS}",
            rf"分{_YEARS}(?:拨付|支付|兑现)|分年(?:度)?(?:支付|拨付)",
            rf"前{_YEARS}",
            rf"(?:今后|未来|此后|连续){_YEARS}",
            r"以后年度[^。；，]{0,10}?预算",
            r"(?:不设|没有)上限",
            r"预期(?:土地)?出让收入",
        ),
        context=(r"支付|拨付|安排|补贴|补助|奖励|资金|费用|扶持|返还",),
        unless=(r"纳入[^。；，]{0,10}?预算|已列入[^。；，]{0,6}?预算|中期财政规划|按程序报批|经[^。；，]{0,10}?人民代表大会",),
        referable=False,
        government_only=True,
    ),
    Rule(
        id="agreement.liability",
        category=FlagCategory.liability,
        title=N_("违约责任不对等或者免除甲方责任"),
        level=Level.medium,
        matters=AGREEMENT,
        bases=("civil_6", "civil_506"),
        point=N_("%(where)s“%(words)s”的约定，使双方的违约责任明显不对等或者免除了一方的责任，可能因违反公平原则被认定无效或者引发争议"
                 "（《中华人民共和国民法典》第六条、第五百零六条）。建议修改为双方对等承担违约责任。"),
        triggers=(
            r"不[^。；，担补]{0,8}?(?:承担|负)[^。；，担补]{0,15}?责任",
            r"无权(?:要求|向)甲方[^。；，]{0,10}?(?:赔偿|补偿|承担)",
            r"与甲方无关|(?<![部全])免责|免除甲方[^。；，]{0,6}?责任|不视为(?:甲方)?违约",
            r"不得以此为由(?:停止|拒绝|中止)履行",
            r"甲方[^。；]{0,20}?以[^。；，]{0,12}?为限",
            r"甲方违约的?，?(?:双方)?另行协商",
        ),
        # Walking away without compensation is the termination rule's; force majeure excuses both by law.
        unless=(r"解除|终止|收回|不可抗力",),
        referable=False,
    ),
    Rule(
        id="agreement.arbitration",
        category=FlagCategory.dispute_resolution,
        title=N_("约定仲裁"),
        level=Level.medium,
        matters=AGREEMENT,
        bases=("agreement_26",),
        point=N_("%(where)s“%(words)s”的约定，选择仲裁解决争议。本协议如被认定为行政协议，仲裁条款无效（《最高人民法院关于审理行政协议案件"
                 "若干问题的规定》第二十六条）。建议修改为向甲方所在地人民法院提起诉讼。"),
        triggers=(r"仲裁(?:委员会|院|机构|庭)|(?:提交|申请|提请|交由)[^。；，]{0,20}?仲裁",),
        referable=False,
    ),
    Rule(
        id="agreement.forum",
        category=FlagCategory.dispute_resolution,
        title=N_("约定由相对方所在地法院管辖"),
        level=Level.low,
        matters=AGREEMENT,
        bases=("agreement_7",),
        point=N_("%(where)s“%(words)s”的约定，将争议交由乙方所在地法院管辖，增加了甲方的应诉成本。建议修改为由甲方所在地人民法院管辖。"),
        triggers=(r"(?:乙方|原告|起诉方|守约方)[^。；，]{0,8}?(?:所在地|住所地|注册地|所在城市|所在市)[^。；，]{0,8}?"
                  r"(?:人民法院|法院)",),
        referable=False,
    ),
)
