"""Which assignments count towards a member's load, and when it was last assigned.

An assignment (指派) is one member on one matter. Its states follow the invitation: invited, then accepted,
declined, conflict_declared (counts as a decline with its reason) or lapsed (the acceptance deadline passed);
an accepted assignment is submitted, then rated; the bureau may withdraw one (e.g. the matter was withdrawn).

- Open (counted against the load cap): invited and accepted. An invitation holds a place until it is answered,
  so one member cannot be sent more invitations than its cap; the work ends with submission.
- Taken (for "least recently assigned"): accepted, submitted, rated. Declined, lapsed and withdrawn
  assignments gave the member no work, so they do not push it down the next ranking.
The adapter applies the same sets in SQL (`state IN OPEN_STATES`) at scale; the functions below are the
reference and serve small callers.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.text import N_

# Local practice (verify): the roster's default maximum of open assignments per member; each member's own cap
# is a roster field.
LOAD_SETTINGS = {"default_load_cap": 3}


class AssignmentState(str, Enum):
    invited = "invited"
    accepted = "accepted"
    declined = "declined"
    conflict_declared = "conflict_declared"
    lapsed = "lapsed"
    submitted = "submitted"
    rated = "rated"
    withdrawn = "withdrawn"


ASSIGNMENT_STATE_LABELS = {
    AssignmentState.invited: N_("已邀请，待确认"),
    AssignmentState.accepted: N_("已接受"),
    AssignmentState.declined: N_("已谢绝"),
    AssignmentState.conflict_declared: N_("申报回避"),
    AssignmentState.lapsed: N_("逾期未确认"),
    AssignmentState.submitted: N_("已提交意见"),
    AssignmentState.rated: N_("已评价"),
    AssignmentState.withdrawn: N_("已撤销"),
}
OPEN_STATES = frozenset({AssignmentState.invited, AssignmentState.accepted})
TAKEN_STATES = frozenset({AssignmentState.accepted, AssignmentState.submitted, AssignmentState.rated})


@dataclass(frozen=True)
class Assignment:
    member_id: int
    state: AssignmentState
    invited_on: date


def open_loads(assignments: Iterable[Assignment]) -> Counter[int]:
    """Open assignments per member (members with none are absent: 0)."""
    return Counter(a.member_id for a in assignments if a.state in OPEN_STATES)


def last_assigned(assignments: Iterable[Assignment]) -> dict[int, date]:
    """The latest invitation date per member among assignments it took (never assigned: absent)."""
    latest: dict[int, date] = {}
    for a in assignments:
        if a.state in TAKEN_STATES and a.invited_on > latest.get(a.member_id, date.min):
            latest[a.member_id] = a.invited_on
    return latest
