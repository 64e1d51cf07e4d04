"""Whose rows the board counts: the bureau its district's (or one department's, when it filters), a department
or town its own and nobody else's, whatever it asks for. Each section reads its rows through the feature's own
policy (matters, demolition) and narrows them with `scope`; the decision register, which a department does not
browse, is counted for a department on its own decisions: the row rule and its SQL form side by side."""
from dataclasses import replace

import sqlalchemy as sa

from workflows.roles import BUREAU, DECISION_BODY, DEPARTMENT

from ..decisions import policy as decision_policy
from ..extensions import db
from ..models import Decision, Organisation, OrgKind, User
from .filters import BoardFilter

# The bodies a bureau may pick in the department filter.
UNITS = (OrgKind.department, OrgKind.town)


def sees_district(user: User) -> bool:
    return user.has_role(*BUREAU)


def scope(user: User, f: BoardFilter) -> BoardFilter:
    """The filters as applied: a department or town is always its own department filter."""
    if sees_district(user):
        return f
    return replace(f, department_id=user.organisation_id)


def units(user: User) -> list[Organisation]:
    """The departments and towns the department filter offers."""
    if not sees_district(user):
        return [user.organisation]
    return db.session.scalars(sa.select(Organisation).where(
        Organisation.district_id == user.district_id, Organisation.kind.in_(UNITS))
        .order_by(Organisation.kind, Organisation.name)).all()


def scope_name(user: User, f: BoardFilter) -> str:
    """Whose board it is: the district, or the unit chosen or forced."""
    if f.department_id:
        unit = next((o for o in units(user) if o.id == f.department_id), None)
        if unit is not None:
            return unit.name
    return user.district.name if sees_district(user) else user.organisation.name


def can_view_decision(user: User, d: Decision) -> bool:
    if user.has_role(*BUREAU, *DECISION_BODY):
        return decision_policy.can_view(user, d)
    return (user.has_role(*DEPARTMENT) and user.district_id == d.district_id
            and d.department_id == user.organisation_id)


def decisions_visible(user: User):
    """`can_view_decision` as a query condition."""
    if user.has_role(*BUREAU, *DECISION_BODY):
        return decision_policy.visible(user)
    if user.has_role(*DEPARTMENT):
        return sa.and_(Decision.district_id == user.district_id,
                       Decision.department_id == user.organisation_id)
    return sa.false()


def matters_condition(user: User, f: BoardFilter):
    """The matters the board counts: those the user may see (matters.policy), in the category and department
    chosen (a department or town: its own, see `scope`)."""
    from ..matters.policy import visible
    from ..models import Matter
    conditions = [visible(user)]
    if f.category:
        conditions.append(Matter.category == f.category)
    if f.department_id:
        conditions.append(Matter.department_id == f.department_id)
    return sa.and_(*conditions)
