"""The four demolition tracks, the steps each requires, and what each step depends on.

A track is an ordered list of steps; each step names the earlier steps it depends on and what must have
happened between them (only the day: same day allowed; the earlier step's own deadline; or a period from
the table in rules.py). That dependency is what lets the gate and check_step say "dated before the step it
depends on". Two steps are computed, never typed in: the reconsideration and litigation periods having
lapsed, from the decisions the party may challenge and the challenges recorded (see timing.py).

Who may execute (DESIGN.md §3, "Forced demolition"):
- planning violations: the county-level government orders its departments to demolish (城乡规划法 Art. 68;
  a town government in a village or town planning area, Art. 65): self-enforcement under Coercion Law
  Art. 44, no court;
- illegal occupation of land: the body that made the order applies to the court (土地管理法 Art. 83);
- state-land expropriation: the government applies to the court (国有土地上房屋征收与补偿条例 Art. 28);
- collective-land expropriation: the county-level government orders the land handed over and, refused,
  applies to the court (土地管理法实施条例 Art. 62); a court track (verify: some local rules read Art. 62
  differently, but nothing in it gives the government its own power to demolish).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from workflows.demolition.rules import RuleKey
from workflows.text import N_


class Track(str, Enum):
    state_land_expropriation = "state_land_expropriation"
    collective_land_expropriation = "collective_land_expropriation"
    planning_violation = "planning_violation"
    illegal_land_occupation = "illegal_land_occupation"


# Exactly as the ledger's 拆除类型 column writes them (DESIGN.md §7).
TRACK_LABELS = {
    Track.state_land_expropriation: N_("国有土地征收"),
    Track.collective_land_expropriation: N_("集体土地征收"),
    Track.planning_violation: N_("违法建设"),
    Track.illegal_land_occupation: N_("违法占用耕地"),
}


class StepKind(str, Enum):
    stability_assessment = "stability_assessment"
    expropriation_decision = "expropriation_decision"
    pre_announcement = "pre_announcement"
    compensation_plan_posted = "compensation_plan_posted"
    land_expropriation_announcement = "land_expropriation_announcement"
    compensation_decision = "compensation_decision"
    compensation_secured = "compensation_secured"
    handover_order = "handover_order"
    demolition_order = "demolition_order"
    demand = "demand"
    statement_heard = "statement_heard"
    enforcement_decision = "enforcement_decision"
    enforcement_decision_served = "enforcement_decision_served"
    public_notice = "public_notice"
    reconsideration_lapsed = "reconsideration_lapsed"
    litigation_lapsed = "litigation_lapsed"
    court_application = "court_application"
    court_ruling = "court_ruling"


STEP_LABELS = {
    StepKind.stability_assessment: N_("社会稳定风险评估"),
    StepKind.expropriation_decision: N_("房屋征收决定及公告"),
    StepKind.pre_announcement: N_("征收土地预公告"),
    StepKind.compensation_plan_posted: N_("征地补偿安置方案公告"),
    StepKind.land_expropriation_announcement: N_("征收土地公告"),
    StepKind.compensation_decision: N_("补偿决定送达"),
    StepKind.compensation_secured: N_("补偿款已支付或专户存储"),
    StepKind.handover_order: N_("责令交出土地决定送达"),
    StepKind.demolition_order: N_("责令限期拆除决定送达"),
    StepKind.demand: N_("催告书送达"),
    StepKind.statement_heard: N_("听取陈述申辩并复核"),
    StepKind.enforcement_decision: N_("强制执行决定"),
    StepKind.enforcement_decision_served: N_("强制执行决定送达"),
    StepKind.public_notice: N_("强制拆除公告"),
    StepKind.reconsideration_lapsed: N_("行政复议期限届满未申请复议"),
    StepKind.litigation_lapsed: N_("行政诉讼期限届满未起诉"),
    StepKind.court_application: N_("申请人民法院强制执行"),
    StepKind.court_ruling: N_("人民法院准予执行裁定送达"),
}

# Coercion Law Art. 43: no execution at night or on a statutory holiday; cited by the gate, checks and alerts.
ART_43 = N_("《行政强制法》第四十三条")

# Never typed in: the gate derives them from the challengeable decisions and the recorded challenges.
COMPUTED = frozenset({StepKind.reconsideration_lapsed, StepKind.litigation_lapsed})


@dataclass(frozen=True)
class Dependency:
    """The step depends on `kind`: not dated before it, and, when given, only after that step's own
    deadline (`after_deadline`) or after a period from the rules table counted from it (`period`)."""

    kind: StepKind
    period: RuleKey | None = None
    after_deadline: bool = False


@dataclass(frozen=True)
class StepSpec:
    kind: StepKind
    article: str
    after: tuple[Dependency, ...] = ()
    needs_deadline: bool = False  # the document must state the date by which the party is to act
    needs_remedies_notice: bool = False  # the document must name the remedies and their periods


@dataclass(frozen=True)
class TrackSpec:
    track: Track
    self_enforcement: bool
    enforcement_article: str  # what lets execution happen at all on this track
    steps: tuple[StepSpec, ...]
    execute_after: tuple[Dependency, ...]
    challengeable: tuple[StepKind, ...]  # decisions whose reconsideration and litigation periods must lapse
    enforced: StepKind  # the decision executed; Coercion Law Art. 53's window counts from its periods
    litigation_rule: RuleKey = RuleKey.litigation

    def spec(self, kind: StepKind) -> StepSpec | None:
        return next((s for s in self.steps if s.kind is kind), None)

    @property
    def kinds(self) -> tuple[StepKind, ...]:
        return tuple(s.kind for s in self.steps)


def _d(kind: StepKind, period: RuleKey | None = None, after_deadline: bool = False) -> Dependency:
    return Dependency(kind, period, after_deadline)


K = StepKind
_RECONSIDERATION_LAPSED = StepSpec(K.reconsideration_lapsed, N_("《行政复议法》第二十条"))
_LITIGATION_LAPSED = StepSpec(K.litigation_lapsed, N_("《行政诉讼法》第四十五条、第四十六条"))
_STATEMENT = N_("《行政强制法》第三十六条")
# The court tracks also record the hearing of the party's statement and defence. Art. 36 sits in the chapter
# on self-enforcement, but the district lost its demolition suits on exactly this point and the court reviews
# due process before granting enforcement (法释〔2012〕4号 Art. 6); a conservative reading (verify).
_STATEMENT_COURT = N_("《行政强制法》第三十六条（参照）")
_COURT_APPLICATION_AFTER = (_d(K.demand, RuleKey.demand_before_court), _d(K.demand, after_deadline=True),
                            _d(K.statement_heard), _d(K.reconsideration_lapsed), _d(K.litigation_lapsed))
_COURT_RULING = StepSpec(K.court_ruling, N_("《行政强制法》第五十七条、第五十八条"), (_d(K.court_application),))

TRACKS: Mapping[Track, TrackSpec] = MappingProxyType({
    Track.state_land_expropriation: TrackSpec(
        Track.state_land_expropriation, False, N_("《国有土地上房屋征收与补偿条例》第二十八条；《行政强制法》第五十三条"),
        steps=(
            StepSpec(K.stability_assessment, N_("《国有土地上房屋征收与补偿条例》第十二条")),
            StepSpec(K.expropriation_decision, N_("《国有土地上房屋征收与补偿条例》第十三条、第十四条"),
                     (_d(K.stability_assessment),)),
            # The decision fixes the period to move out (Art. 26, 28): the party defaults only after it.
            StepSpec(K.compensation_decision, N_("《国有土地上房屋征收与补偿条例》第二十五条、第二十六条"),
                     (_d(K.expropriation_decision),), needs_deadline=True),
            # Art. 27: compensation first, removal after; Art. 28: the court application attaches the
            # compensation paid or the deposit account.
            StepSpec(K.compensation_secured, N_("《国有土地上房屋征收与补偿条例》第二十七条、第二十八条"),
                     (_d(K.compensation_decision),)),
            StepSpec(K.demand, N_("《行政强制法》第五十四条"),
                     (_d(K.compensation_decision, after_deadline=True), _d(K.compensation_secured)),
                     needs_deadline=True),
            StepSpec(K.statement_heard, _STATEMENT_COURT, (_d(K.demand),)),
            _RECONSIDERATION_LAPSED,
            _LITIGATION_LAPSED,
            StepSpec(K.court_application, N_("《行政强制法》第五十三条至第五十五条；《国有土地上房屋征收与补偿条例》第二十八条"),
                     _COURT_APPLICATION_AFTER + (_d(K.compensation_secured),)),
            _COURT_RULING,
        ),
        execute_after=(_d(K.court_ruling),),
        challengeable=(K.expropriation_decision, K.compensation_decision),
        enforced=K.compensation_decision,
    ),
    Track.collective_land_expropriation: TrackSpec(
        Track.collective_land_expropriation, False, N_("《土地管理法实施条例》第六十二条；《行政强制法》第五十三条"),
        steps=(
            StepSpec(K.pre_announcement, N_("《土地管理法实施条例》第二十六条")),
            StepSpec(K.stability_assessment, N_("《土地管理法实施条例》第二十六条、第二十七条"),
                     (_d(K.pre_announcement),)),
            # The plan follows the pre-announcement period and the assessment's result (Art. 28; verify that
            # the plan may not be posted while the pre-announcement is still running).
            StepSpec(K.compensation_plan_posted, N_("《土地管理法实施条例》第二十八条"),
                     (_d(K.pre_announcement, RuleKey.pre_announcement), _d(K.stability_assessment))),
            StepSpec(K.land_expropriation_announcement, N_("《土地管理法实施条例》第三十一条"),
                     (_d(K.compensation_plan_posted, RuleKey.plan_posting),)),
            StepSpec(K.compensation_decision, N_("《土地管理法实施条例》第三十一条"),
                     (_d(K.land_expropriation_announcement),)),
            # The court enforces a hand-over order only once the party was compensated or refused
            # compensation without reason (法释〔2011〕20号 Art. 14(3), verify).
            StepSpec(K.compensation_secured, N_("法释〔2011〕20号第十四条"), (_d(K.compensation_decision),)),
            StepSpec(K.handover_order, N_("《土地管理法实施条例》第六十二条"),
                     (_d(K.compensation_decision), _d(K.compensation_secured)), needs_deadline=True),
            StepSpec(K.demand, N_("《行政强制法》第五十四条"), (_d(K.handover_order, after_deadline=True),),
                     needs_deadline=True),
            StepSpec(K.statement_heard, _STATEMENT_COURT, (_d(K.demand),)),
            _RECONSIDERATION_LAPSED,
            _LITIGATION_LAPSED,
            StepSpec(K.court_application, N_("《行政强制法》第五十三条至第五十五条；《土地管理法实施条例》第六十二条"),
                     _COURT_APPLICATION_AFTER),
            _COURT_RULING,
        ),
        execute_after=(_d(K.court_ruling),),
        challengeable=(K.compensation_decision, K.handover_order),
        enforced=K.handover_order,
    ),
    Track.planning_violation: TrackSpec(
        Track.planning_violation, True, N_("《行政强制法》第四十四条；《城乡规划法》第六十五条、第六十八条"),
        steps=(
            StepSpec(K.demolition_order, N_("《城乡规划法》第六十四条、第六十五条、第六十八条"), needs_deadline=True),
            # Art. 35: the demand follows the party's failure to act by the order's deadline.
            StepSpec(K.demand, N_("《行政强制法》第三十五条"), (_d(K.demolition_order, after_deadline=True),),
                     needs_deadline=True),
            StepSpec(K.statement_heard, _STATEMENT, (_d(K.demand),)),
            # Art. 37: decided only once the demand's deadline has passed unheeded, naming the remedies.
            StepSpec(K.enforcement_decision, N_("《行政强制法》第三十七条；《城乡规划法》第六十八条"),
                     (_d(K.demand, after_deadline=True), _d(K.statement_heard)), needs_remedies_notice=True),
            StepSpec(K.enforcement_decision_served, N_("《行政强制法》第三十八条"), (_d(K.enforcement_decision),)),
            # Art. 44: the notice gives the party a last period to demolish itself; posted after the decision
            # is served, as courts expect (verify: some bodies post it earlier).
            StepSpec(K.public_notice, N_("《行政强制法》第四十四条"), (_d(K.enforcement_decision_served),),
                     needs_deadline=True),
            _RECONSIDERATION_LAPSED,
            _LITIGATION_LAPSED,
        ),
        execute_after=(_d(K.public_notice, after_deadline=True), _d(K.enforcement_decision_served),
                       _d(K.reconsideration_lapsed), _d(K.litigation_lapsed)),
        # Art. 44's "法定期限" is read as the periods against the demolition order (verify: the enforcement
        # decision also names remedies under Art. 37; a challenge to it, once recorded, closes the gate).
        challengeable=(K.demolition_order,),
        enforced=K.demolition_order,
    ),
    Track.illegal_land_occupation: TrackSpec(
        Track.illegal_land_occupation, False, N_("《土地管理法》第八十三条；《行政强制法》第五十三条"),
        steps=(
            StepSpec(K.demolition_order, N_("《土地管理法》第七十七条、第七十八条、第八十三条"), needs_deadline=True),
            StepSpec(K.demand, N_("《行政强制法》第五十四条"), (_d(K.demolition_order, after_deadline=True),),
                     needs_deadline=True),
            StepSpec(K.statement_heard, _STATEMENT_COURT, (_d(K.demand),)),
            _RECONSIDERATION_LAPSED,
            StepSpec(K.litigation_lapsed, N_("《土地管理法》第八十三条；《行政诉讼法》第四十五条")),
            StepSpec(K.court_application, N_("《行政强制法》第五十三条至第五十五条；《土地管理法》第八十三条"),
                     _COURT_APPLICATION_AFTER),
            _COURT_RULING,
        ),
        execute_after=(_d(K.court_ruling),),
        challengeable=(K.demolition_order,),
        enforced=K.demolition_order,
        litigation_rule=RuleKey.litigation_land_occupation,
    ),
})
