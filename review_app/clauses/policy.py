"""Who sees a draft's clauses and its flags, and who decides on a flag when. Row rule and SQL form side by side.

The clause split is the draft itself, cut at its articles: whoever may see the matter (matters.policy) may
see it, the department its own draft included. The flags are the bureau's working material: which clauses a
rule caught, which the reviewer turned into points and which were dismissed, and why. What the department
receives of them is the issued opinion's points; a dismissed flag's reason is an internal note, like the
opinion's working draft (matters.policy.can_view_opinion), and stays with the bureau after the opinion is
issued. So flags are seen by the bureau of the matter's district only, and decided only while its opinion is
being written (the pipeline's `Change.write_opinion`).
"""
import sqlalchemy as sa

from workflows.roles import BUREAU

from ..matters import policy as matters_policy
from ..matters.policy import Change
from ..models import ClauseFlag, Matter, User


def can_view_flags(user: User, m: Matter) -> bool:
    return user.has_role(*BUREAU) and matters_policy.can_view(user, m)


def can_view(user: User, f: ClauseFlag) -> bool:
    return f.district_id == user.district_id and can_view_flags(user, f.matter)


def visible(user: User):
    """`can_view` as a query condition."""
    if not user.has_role(*BUREAU):
        return sa.false()
    return sa.and_(ClauseFlag.district_id == user.district_id,
                   ClauseFlag.matter_id.in_(sa.select(Matter.id).where(matters_policy.visible(user))))


def may_decide_on(user: User, m: Matter) -> bool:
    """The record's and the role's rule (whatever the matter's status): whoever may write its opinion."""
    return can_view_flags(user, m) and matters_policy.may_change(user, m, Change.write_opinion)


def may_decide(user: User, f: ClauseFlag) -> bool:
    return f.district_id == user.district_id and may_decide_on(user, f.matter)


def decision_open(m: Matter) -> bool:
    """Whether the matter's status lets the bureau decide on flags now: while it writes its opinion."""
    return matters_policy.change_open(m, Change.write_opinion)
