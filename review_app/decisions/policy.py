"""Who may see the decision register: the decision body that keeps it and the bureau that watches coverage,
each for its own district. The row rule and its SQL form side by side."""
import sqlalchemy as sa

from workflows.roles import BUREAU, DECISION_BODY, Role

from ..models import Decision, User


def can_view(user: User, d: Decision) -> bool:
    return user.district_id == d.district_id and user.has_role(*DECISION_BODY, *BUREAU)


def visible(user: User):
    if not user.has_role(*DECISION_BODY, *BUREAU):
        return sa.false()
    return Decision.district_id == user.district_id


def may_record(user: User) -> bool:
    return user.has_role(Role.decision_officer)
