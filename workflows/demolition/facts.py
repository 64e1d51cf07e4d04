"""The facts of one ledger case as the app loads them from its rows, and the worded findings returned.

Everything here is a plain value: the adapter builds a CaseFacts from a DemolitionCase, its ProcedureSteps and
the challenges recorded against it, and shows each Message by translating `template` (marked with N_) and
filling in `params` (dates as 2026-10-08, or labels that are themselves N_-marked, so the adapter may pass
every param through gettext too).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from workflows.demolition.tracks import StepKind, Track
from workflows.text import N_


@dataclass(frozen=True)
class RecordedStep:
    """One recorded step of the procedure.

    `on`: for a document served on the party, the day of service (every period counts from it, that day not
    counted); for anything else, the day it was done. `deadline`: the last day the document gives the party to
    act (the order's 限期, the demand's 履行期限, the notice's 自行拆除期限). `told_of_remedies`: the document
    told the party of the right to reconsideration and to sue, the bodies and the periods; False (the
    default) gives the party the one-year periods, which is the safe assumption when unknown.
    """

    kind: StepKind
    on: date
    document_no: str = ""
    deadline: date | None = None
    told_of_remedies: bool = False

    def __post_init__(self):
        object.__setattr__(self, "kind", StepKind(self.kind))  # the stored string value is accepted too


class ChallengeKind(str, Enum):
    reconsideration = "reconsideration"
    lawsuit = "lawsuit"


class ChallengeOutcome(str, Enum):
    upheld = "upheld"  # 维持、驳回: the decision stands
    withdrawn = "withdrawn"  # 申请人撤回申请、原告撤诉
    overturned = "overturned"  # 撤销、变更、确认违法、确认无效、责令履行: the decision cannot be executed as it was
    settled = "settled"  # 调解、和解: performed under the agreement, not by force


CHALLENGE_LABELS = {
    ChallengeKind.reconsideration: N_("行政复议"),
    ChallengeKind.lawsuit: N_("行政诉讼"),
}
OUTCOME_LABELS = {
    ChallengeOutcome.upheld: N_("维持或驳回"),
    ChallengeOutcome.withdrawn: N_("撤回"),
    ChallengeOutcome.overturned: N_("撤销、变更或确认违法、无效"),
    ChallengeOutcome.settled: N_("调解或和解结案"),
}


@dataclass(frozen=True)
class Challenge:
    """A reconsideration or lawsuit brought by the party against one of the case's decisions.

    `ended_on`: for a reconsideration, the day its decision was served on the party (the 15 days of Litigation
    Law Art. 45 count from it); for a lawsuit, the day the judgment or ruling took legal effect. None while
    pending. An ended challenge without an `outcome` keeps the gate closed until the outcome is recorded.
    """

    kind: ChallengeKind
    against: StepKind
    filed_on: date
    ended_on: date | None = None
    outcome: ChallengeOutcome | None = None

    def __post_init__(self):
        object.__setattr__(self, "kind", ChallengeKind(self.kind))
        object.__setattr__(self, "against", StepKind(self.against))
        if self.outcome is not None:
            object.__setattr__(self, "outcome", ChallengeOutcome(self.outcome))

    def pending_on(self, day: date) -> bool:
        return self.filed_on <= day and (self.ended_on is None or self.ended_on > day)


@dataclass(frozen=True)
class CaseFacts:
    track: Track
    steps: tuple[RecordedStep, ...] = ()
    challenges: tuple[Challenge, ...] = ()
    planned_on: date | None = None
    executed_on: date | datetime | None = None  # a datetime when the hour is known (night execution, Art. 43)

    def __post_init__(self):
        object.__setattr__(self, "track", Track(self.track))
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "challenges", tuple(self.challenges))


@dataclass(frozen=True)
class Message:
    template: str
    params: Mapping[str, str] = field(default_factory=dict)
    article: str = ""

    @property
    def text(self) -> str:
        return self.template % self.params if self.params else self.template


def iso(d: date) -> str:
    return d.isoformat()


def day_of(moment: date | datetime) -> date:
    """datetime is a subclass of date, so test for it first."""
    return moment.date() if isinstance(moment, datetime) else moment
