"""The review pipeline's one per-record policy: who may see a matter, what they may do to it now, and who holds
it (whose task list shows it, who is told when it moves).

Used alike by the matter pages, the API, the list queries, the task lists and the notifications. `access.py`
only says which roles may call an endpoint; the state machine (workflows.review) says which roles may take an
action from a status; this module adds the rules about the record itself. Each rule is written twice, side
by side: on one row (`can_view`, `holds`) and as a SQL condition (`visible`, `held_by`);
tests/app/test_matter_policy.py checks with hypothesis that the two forms agree.
"""
from dataclasses import dataclass, replace
from enum import Enum

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.review import (CLOCK_RUNNING, EDITABLE, Action, Category, DecisionOutcome, Guards, ReviewState,
                              Status, acting_roles, allowed_actions, next_roles)
from workflows.roles import BUREAU, DECISION_BODY, DEPARTMENT, Role

from ..experts_pool.policy import works_on_matter as adviser_works_on
from ..extensions import db
from ..models import Matter, Organisation, User, UserRole
from ..operations import OperationError


class Change(str, Enum):
    """Changes to a matter other than its status transitions."""
    edit = "edit"          # the fields of a matter still being prepared
    exempt = "exempt"      # explain why a required material is not submitted
    upload = "upload"      # add a document or a new version of one
    extend = "extend"      # extend the bureau's review period
    answer = "answer"      # answer one of the opinion's modification points
    write_opinion = "write_opinion"  # the bureau's working draft of its opinion (saved, points added)
    investigate = "investigate"  # stop an agreement's clock for an investigation (调查核实), and start it again
    file_signed = "file_signed"  # the signed agreement, filed with the bureau after signing
    participate = "participate"  # record a major decision's public participation (Decree 713 Art. 14-19)


# --- seeing -------------------------------------------------------------------------------------------------

def can_view(user: User, m: Matter) -> bool:
    """A department sees its own matters; the decision body and the bureau of the same district see those
    that left the department (its own drafting and internal review stay private), and keep seeing them."""
    if user.district_id != m.district_id:
        return False
    own = user.organisation_id == m.department_id
    if user.has_role(*BUREAU, *DECISION_BODY):
        return m.sent_on is not None or own
    if user.has_role(*DEPARTMENT):
        return own
    if user.has_role(Role.adviser):
        # An adviser reads the materials of a matter it accepted after declaring no conflict (expert pool).
        return bool(db.session.scalar(sa.select(adviser_works_on(user, m.id))))
    return False


def visible(user: User):
    """`can_view` as a query condition."""
    in_district = Matter.district_id == user.district_id
    own = Matter.department_id == user.organisation_id
    if user.has_role(*BUREAU, *DECISION_BODY):
        return sa.and_(in_district, sa.or_(Matter.sent_on.is_not(None), own))
    if user.has_role(*DEPARTMENT):
        return sa.and_(in_district, own)
    if user.has_role(Role.adviser):
        return sa.and_(in_district, adviser_works_on(user, Matter.id))
    return sa.false()


def can_view_opinion(user: User, m: Matter) -> bool:
    """The opinion's draft is the bureau's own until it is issued."""
    o = m.opinion
    return o is not None and can_view(user, m) and (o.issued or user.has_role(*BUREAU))


NOT_FOUND = "审核事项不存在"  # the one answer for a matter the caller may not see: its existence is not revealed


def require_visible(user: User, m: Matter | None) -> Matter:
    if m is None or not can_view(user, m):
        raise OperationError(_(NOT_FOUND), 404)
    return m


# --- acting -------------------------------------------------------------------------------------------------

def _own_department(user: User, m: Matter) -> bool:
    return user.organisation_id == m.department_id and user.has_role(*DEPARTMENT)


def department_side(user: User, m: Matter) -> bool:
    """Whether the user acts for the undertaking department (else for the decision body or the bureau)."""
    return _own_department(user, m)


def may_take(user: User, m: Matter, action: Action) -> bool:
    """The record's rule for a transition (the state machine checks the role and the status): the
    department's own steps are for that department only."""
    if acting_roles(action) <= DEPARTMENT:
        return _own_department(user, m)
    return can_view(user, m)


def may_change(user: User, m: Matter, change: Change) -> bool:
    """The record's and the role's rule for the other changes, whatever the matter's status."""
    if change in (Change.edit, Change.exempt, Change.answer, Change.file_signed, Change.participate):
        return _own_department(user, m)
    if change is Change.upload:  # the bureau adds its marked-up or revised versions of the draft (标注稿/修改稿)
        return _own_department(user, m) or (user.has_role(*BUREAU) and can_view(user, m))
    if change in (Change.extend, Change.write_opinion, Change.investigate):
        return user.has_role(*BUREAU) and can_view(user, m)
    raise ValueError(change)


# The statuses in which the bureau holds the draft for review, and may add its own versions of it.
BUREAU_DRAFTING = frozenset({Status.bureau_review, Status.consulting})


def change_open(m: Matter, change: Change, user: User | None = None) -> bool:
    """Whether the matter's status allows the change at all (for uploads: to this user's side)."""
    if change in (Change.edit, Change.exempt):
        return m.status in EDITABLE
    if change is Change.participate:
        return m.category is Category.major_decision and m.status in EDITABLE
    if change is Change.upload:
        department = m.status in EDITABLE | {Status.issued}
        bureau = m.status in BUREAU_DRAFTING
        if user is None:
            return department or bureau
        return department if _own_department(user, m) else bureau
    if change is Change.extend:
        return m.clock_started_on is not None and m.status in CLOCK_RUNNING
    if change is Change.answer:
        return m.status is Status.issued
    if change is Change.write_opinion:
        return m.status in BUREAU_DRAFTING
    if change is Change.investigate:
        return m.category is Category.agreement and m.status is Status.bureau_review
    if change is Change.file_signed:
        return (m.category is Category.agreement and m.status is Status.closed and m.decision is not None
                and m.decision.outcome in (DecisionOutcome.passed, DecisionOutcome.passed_amended))
    raise ValueError(change)


def _departments_own(what: Action | Change) -> bool:
    """Whether only the undertaking department itself may do this."""
    if isinstance(what, Action):
        return acting_roles(what) <= DEPARTMENT
    return what in (Change.edit, Change.exempt, Change.answer, Change.file_signed, Change.participate)


def require(user: User, m: Matter, what: Action | Change) -> None:
    """Refuse, without naming anything the caller may not see, an action or change the record rules forbid.

    Another district's matter does not exist for the caller; the department's own steps are its own; what
    else a role may do from the matter's status is the state machine's to say (its statuses imply that the
    matter left the department, so nobody acts on a drafting they may not see)."""
    if user.district_id != m.district_id:
        raise OperationError(_(NOT_FOUND), 404)
    if _departments_own(what) and not _own_department(user, m):
        raise OperationError(_("只能处理本单位的审核事项"), 403)
    if isinstance(what, Change) and not may_change(user, m, what):
        raise OperationError(_("您的角色无权执行此操作"), 403)


@dataclass(frozen=True)
class Available:
    """What the user may do to the matter now; the page shows these as buttons and forms, the API lists them."""
    actions: tuple[Action, ...]
    changes: frozenset[Change]


def available(user: User, m: Matter, state: ReviewState, guards: Guards) -> Available:
    # Assigning a reviewer and drafting the opinion are offered before their facts exist: their forms and
    # endpoints supply them (the reviewer, the draft).
    facts = replace(guards, reviewer_assigned=True, has_opinion_draft=True)
    actions = tuple(a for a in allowed_actions(state, user.roles, facts, m.category) if may_take(user, m, a))
    changes = frozenset(c for c in Change if may_change(user, m, c) and change_open(m, c, user))
    return Available(actions, changes)


# --- holding ------------------------------------------------------------------------------------------------
# Who, among the roles the state machine names as next (workflows.review.next_roles), holds the matter: the
# department's heads and the clerk who created it; the decision body's officers; in the bureau, the assigned
# reviewer for a reviewer's work (the directors while nobody is assigned) and the directors for their own.

def _reviewer_work(status: Status) -> bool:
    return Role.bureau_reviewer in next_roles(status)


def holds(user: User, m: Matter) -> bool:
    if user.district_id != m.district_id or not user.active:
        return False
    roles = user.roles & next_roles(m.status)
    if roles & DEPARTMENT and user.organisation_id == m.department_id and (
            Role.department_head in roles or user.id == m.created_by_id):
        return True
    if roles & DECISION_BODY:
        return can_view(user, m)
    if roles & BUREAU and can_view(user, m):
        if _reviewer_work(m.status) and m.reviewer_id is not None:
            return m.reviewer_id == user.id
        return Role.bureau_director in roles
    return False


def held_by(user: User, statuses=None):
    """`holds` as a query condition, optionally for some statuses only (a task group). Statuses that wait for
    this user in the same way share one condition (`status IN (…)`), which PostgreSQL serves with one index
    range per status whatever the parameters; an OR per status had it intersect the district's rows."""
    by_party: dict[tuple, list[Status]] = {}
    for status in statuses or list(Status):
        roles = user.roles & next_roles(status)
        if roles:
            by_party.setdefault((frozenset(roles), _reviewer_work(status)), []).append(status)
    conditions = []
    for (roles, reviewer_work), group in by_party.items():
        parties = []
        if roles & DEPARTMENT:
            clerk = Role.department_head in roles or Matter.created_by_id == user.id
            parties.append(sa.and_(Matter.department_id == user.organisation_id, clerk))
        if roles & DECISION_BODY:
            parties.append(visible(user))
        if roles & BUREAU:
            if reviewer_work:
                mine = Matter.reviewer_id == user.id
                parties.append(sa.and_(visible(user), sa.or_(mine, Matter.reviewer_id.is_(None))
                                       if Role.bureau_director in roles else mine))
            elif Role.bureau_director in roles:
                parties.append(visible(user))
        if parties:
            conditions.append(sa.and_(Matter.status.in_(group), sa.or_(*parties)))
    if not user.active or not conditions:
        return sa.false()
    return sa.and_(Matter.district_id == user.district_id, sa.or_(*conditions))


def task_statuses(user: User) -> list[Status]:
    """The statuses whose matters may wait for this user, in the pipeline's order."""
    return [s for s in Status if user.roles & next_roles(s)]


def holders(m: Matter) -> list[User]:
    """The people a matter now waits for, e.g. to tell them it arrived."""
    return holders_of([m])[m.id]


def holders_of(matters: list[Matter]) -> dict[int, list[User]]:
    """`holders` of many matters, by matter id: the candidates (active users of the district with a role the
    status waits for) read once per district and set of roles, so a sweep over many matters does not query
    once per matter."""
    candidates: dict[tuple, list[User]] = {}
    found = {}
    for m in matters:
        roles = next_roles(m.status)
        if not roles:
            found[m.id] = []
            continue
        key = (m.district_id, frozenset(roles))
        if key not in candidates:
            candidates[key] = list(db.session.scalars(
                sa.select(User).join(UserRole).join(Organisation, User.organisation_id == Organisation.id)
                .where(UserRole.role.in_(roles), User.active, Organisation.district_id == m.district_id)
                .order_by(User.id)).unique())
        found[m.id] = [u for u in candidates[key] if holds(u, m)]
    return found
