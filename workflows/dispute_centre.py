"""The district's dispute-resolution centre (行政争议协调化解中心): a dispute entrusted to it before or during a
suit is registered, the body concerned is told, the body answers with its resolution proposal, and the case
ends resolved, or not resolved and (when the party sues or the suit goes on) in court, where the litigation
record continues from it.

Every number is a local rule (DESIGN.md §3, from the seed; verify against the centre's own rules). "Days" are
working days, as the local rules write them.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.due import Due
from workflows.periods import Period, Unit, period_end
from workflows.text import N_
from workflows.time_limits import TimeLimit

_LOCAL_RULE = N_("本区行政争议协调化解中心工作规则")

DISPUTE_LIMITS: dict[str, TimeLimit] = {
    "register": TimeLimit(Period(2, Unit.working_days, _LOCAL_RULE), N_("登记受托案件"), statutory=False),
    "notify": TimeLimit(Period(5, Unit.working_days, _LOCAL_RULE), N_("通知相关行政机关"), statutory=False),
    "proposal": TimeLimit(Period(5, Unit.working_days, _LOCAL_RULE), N_("行政机关反馈化解方案"), statutory=False),
}


class Stage(str, Enum):
    before_suit = "before_suit"  # 诉前
    in_suit = "in_suit"          # 诉中


STAGE_LABELS = {Stage.before_suit: N_("诉前"), Stage.in_suit: N_("诉中")}


class Outcome(str, Enum):
    resolved = "resolved"
    not_resolved = "not_resolved"


OUTCOME_LABELS = {Outcome.resolved: N_("化解成功"), Outcome.not_resolved: N_("未化解")}


@dataclass(frozen=True)
class DisputeCase:
    case_no: str
    body: str        # the body concerned: the unit its figures belong to
    stage: Stage
    entrusted: date  # the centre received the case (from the court, a petition office or the party)
    registered: date | None = None
    body_told: date | None = None
    proposal_received: date | None = None
    outcome: Outcome | None = None
    concluded_on: date | None = None
    court_case_no: str = ""  # not resolved and filed in court: the lawsuit the record continues in

    def __post_init__(self):
        if (self.outcome is None) != (self.concluded_on is None):
            raise ValueError("化解结果与办结日期须同时填写")
        if self.court_case_no and self.outcome is not Outcome.not_resolved:
            raise ValueError("只有未化解的案件才转入诉讼")

    @property
    def concluded(self) -> bool:
        return self.outcome is not None

    @property
    def resolved(self) -> bool:
        return self.outcome is Outcome.resolved


def deadlines(case: DisputeCase, cal: WorkingCalendar,
              limits: Mapping[str, TimeLimit] = DISPUTE_LIMITS) -> tuple[Due, ...]:
    """Each step's deadline runs from the step before it, so a step appears once the one before is done."""
    steps = (("register", case.entrusted, case.registered),
             ("notify", case.registered, case.body_told),
             ("proposal", case.body_told, case.proposal_received))
    return tuple(Due(key, limits[key].label, period_end(cal, start, limits[key].period), done,
                     limits[key].period.article)
                 for key, start, done in steps if start is not None)


def overdue(case: DisputeCase, today: date, cal: WorkingCalendar,
            limits: Mapping[str, TimeLimit] = DISPUTE_LIMITS) -> tuple[Due, ...]:
    return tuple(d for d in deadlines(case, cal, limits) if d.is_late(today))
