"""The expert pool's one per-record policy: who sees a roster member, a draw record, an assignment and an
adviser's opinion, and who may change what.

The district's justice bureau keeps its pool: it sees every member, draw, assignment and opinion of its
district and makes every roster change, draw and rating. A legal adviser (role `adviser`, an account that
speaks for one member) sees its own member page and register of related parties, its own invitations and
assignments, and the matter's materials only once it has declared no conflict and accepted. Nobody sees
another district's pool. Each rule is written twice, side by side: on one row and as a SQL condition;
tests/app/test_policies.py checks that the two agree.
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from experts.load import AssignmentState
from workflows.roles import BUREAU, Role

from ..models import Assignment, DrawRecord, Expert, User
from ..operations import OperationError

NOT_FOUND = "记录不存在"  # the one answer for a row the caller may not see

# An adviser works on a matter (reads its materials, writes its opinion) in these states.
WORKING = frozenset({AssignmentState.accepted, AssignmentState.submitted, AssignmentState.rated})


def _bureau(user: User, district_id: int) -> bool:
    return user.district_id == district_id and user.has_role(*BUREAU)


def _adviser_of(user: User, expert_id: int) -> bool:
    return user.has_role(Role.adviser) and user.expert_id is not None and user.expert_id == expert_id


# --- roster members ---------------------------------------------------------------------------------------

def can_view_member(user: User, e: Expert) -> bool:
    return _bureau(user, e.district_id) or _adviser_of(user, e.id)


def members_visible(user: User):
    if user.has_role(*BUREAU):
        return Expert.district_id == user.district_id
    if user.has_role(Role.adviser) and user.expert_id is not None:
        return Expert.id == user.expert_id
    return sa.false()


def may_keep_roster(user: User, e: Expert | None = None, district_id: int | None = None) -> bool:
    """Add, edit, suspend, renew and exit members; the bureau of the pool's district."""
    return _bureau(user, e.district_id if e is not None else district_id)


def may_declare_related(user: User, e: Expert) -> bool:
    """Enter a related party: the bureau, and the member itself (成员自行申报)."""
    return _bureau(user, e.district_id) or _adviser_of(user, e.id)


# --- draws ------------------------------------------------------------------------------------------------

def can_view_draw(user: User, d: DrawRecord) -> bool:
    return _bureau(user, d.district_id)


def draws_visible(user: User):
    return DrawRecord.district_id == user.district_id if user.has_role(*BUREAU) else sa.false()


# --- assignments ------------------------------------------------------------------------------------------

def can_view_assignment(user: User, a: Assignment) -> bool:
    return _bureau(user, a.district_id) or _adviser_of(user, a.expert_id)


def assignments_visible(user: User):
    if user.has_role(*BUREAU):
        return Assignment.district_id == user.district_id
    if user.has_role(Role.adviser) and user.expert_id is not None:
        return Assignment.expert_id == user.expert_id
    return sa.false()


def may_answer(user: User, a: Assignment) -> bool:
    """Accept, decline or declare a conflict: the invited adviser, while invited."""
    return _adviser_of(user, a.expert_id) and a.state is AssignmentState.invited


def may_work(user: User, a: Assignment) -> bool:
    """Read the materials and write the opinion: the adviser, after declaring no conflict and accepting."""
    return _adviser_of(user, a.expert_id) and a.state in WORKING and a.no_conflict_declared_at is not None


def works_on_matter(user: User, matter_id: int):
    """`may_work` for some assignment on the matter, as a SQL condition (matters.policy lets such an
    adviser read the matter's documents)."""
    if not user.has_role(Role.adviser) or user.expert_id is None:
        return sa.false()
    return sa.exists().where(Assignment.matter_id == matter_id, Assignment.expert_id == user.expert_id,
                             Assignment.state.in_(WORKING), Assignment.no_conflict_declared_at.is_not(None))


def may_rate(user: User, a: Assignment) -> bool:
    return _bureau(user, a.district_id) and a.state is AssignmentState.submitted


# --- refusals ---------------------------------------------------------------------------------------------

def require(allowed: bool, message: str, status: int = 403) -> None:
    if not allowed:
        raise OperationError(message, status)


def require_visible(seen: bool) -> None:
    if not seen:
        raise OperationError(_(NOT_FOUND), 404)
