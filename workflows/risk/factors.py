"""The catalogue of litigation-risk factors and the numbers of the scoring rule.

Each legality and stability factor is rated for likelihood (可能性) and impact (影响程度) on a 1-5 scale, with a
note; its score is the product (1-25), as in the usual 5×5 risk matrix. The rule (district practice; the
numbers are settings, verify them with the bureau):
- a factor scoring `high_score` (15) or more makes the matter high risk (高), e.g. likely (3) × severe (5);
- otherwise a factor scoring `medium_score` (8) or more makes it medium risk (中), e.g. possible (3) ×
  moderate (3);
- otherwise low (低);
- the history raises the level one step (低→中, 中→高) when, over the last `history_years` years, cases in
  the same area, against the same department or on the same kind of act ended in a loss at a rate of
  `history_loss_percent` % or more, among at least `history_min_cases` concluded cases (fewer say little).
A factor that does not apply to the matter is rated 1 × 1 with the note "不适用": every factor is answered.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from workflows.text import N_


class Level(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


LEVEL_LABELS = {Level.high: N_("高"), Level.medium: N_("中"), Level.low: N_("低")}
_ORDER = (Level.low, Level.medium, Level.high)


def raised(level: Level) -> Level:
    """One step up; high stays high."""
    return _ORDER[min(_ORDER.index(level) + 1, len(_ORDER) - 1)]


class Group(str, Enum):
    legality = "legality"
    stability = "stability"
    history = "history"


GROUP_LABELS = {
    Group.legality: N_("合法性风险（行政诉讼法第七十条、第七十四条、第七十五条）"),
    Group.stability: N_("社会稳定风险（发改投资〔2012〕2492号）"),
    Group.history: N_("同类案件情况（同一领域、同一部门、同类行为的复议诉讼结果及典型案例）"),
}


@dataclass(frozen=True)
class Factor:
    code: str
    group: Group
    label: str
    basis: str


# Legality: the grounds on which a court quashes an act (Administrative Litigation Law Art. 70), confirms it
# illegal without quashing (Art. 74) or confirms it void (Art. 75). Stability: the factors of the NDRC's
# social-stability risk assessment of major projects (发改投资〔2012〕2492号). History is not scored by hand: it is
# computed from the district's records (`workflows.risk.history`) and raises the level by rule, so the same
# past losses are never counted twice; the reviewer reads its lines and typical cases beside the form.
FACTORS: tuple[Factor, ...] = (
    Factor("evidence", Group.legality, N_("主要证据不足"), N_("行政诉讼法第七十条第（一）项")),
    Factor("legal_basis", Group.legality, N_("适用法律、法规错误"), N_("行政诉讼法第七十条第（二）项")),
    Factor("procedure", Group.legality, N_("违反法定程序"), N_("行政诉讼法第七十条第（三）项")),
    Factor("authority", Group.legality, N_("超越职权"), N_("行政诉讼法第七十条第（四）项")),
    Factor("abuse", Group.legality, N_("滥用职权"), N_("行政诉讼法第七十条第（五）项")),
    Factor("impropriety", Group.legality, N_("明显不当"), N_("行政诉讼法第七十条第（六）项")),
    Factor("confirm_illegal", Group.legality,
           N_("程序轻微违法、不具有可撤销内容或撤销将损害公共利益（应确认违法）"), N_("行政诉讼法第七十四条")),
    Factor("void", Group.legality, N_("重大且明显违法（实施主体不具有行政主体资格或者没有依据等）"),
           N_("行政诉讼法第七十五条")),
    Factor("stability_lawfulness", Group.stability, N_("是否符合法律法规和政策，审批程序是否完备"),
           N_("发改投资〔2012〕2492号")),
    Factor("public_support", Group.stability, N_("大多数受影响群众是否理解支持"), N_("发改投资〔2012〕2492号")),
    Factor("timing", Group.stability, N_("实施时机是否成熟"), N_("发改投资〔2012〕2492号")),
    Factor("chain_reaction", Group.stability, N_("是否可能引发连锁反应或攀比"), N_("发改投资〔2012〕2492号")),
    Factor("group_incident", Group.stability, N_("是否存在引发群体性事件的诱因"), N_("发改投资〔2012〕2492号")),
    Factor("mitigation_plans", Group.stability, N_("风险防范化解措施和应急处置预案是否完备"),
           N_("发改投资〔2012〕2492号")),
)
FACTOR_BY_CODE = {f.code: f for f in FACTORS}

LIKELIHOOD_LABELS = {1: N_("极小"), 2: N_("较小"), 3: N_("可能"), 4: N_("较大"), 5: N_("极大")}
IMPACT_LABELS = {1: N_("轻微"), 2: N_("较轻"), 3: N_("中等"), 4: N_("严重"), 5: N_("特别严重")}


@dataclass(frozen=True)
class RiskRules:
    """The scoring numbers; the app keeps each as an integer setting under "risk.<name>"."""
    scale_max: int = 5
    medium_score: int = 8
    high_score: int = 15
    history_years: int = 3
    history_min_cases: int = 3
    history_loss_percent: int = 30


RISK_RULES = RiskRules()
