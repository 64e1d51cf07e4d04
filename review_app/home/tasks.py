""""My tasks": the matters waiting for this person, a group per status, soonest due first.

Which statuses wait for whom comes from the state machine (workflows.review.next_roles), and which of those
matters are this person's from the pipeline's policy (matters.policy.held_by). Every group, its first rows and
its count come from one query (window functions per status), each status's rows found by the indexes on
district, department or reviewer with status (migration 0016): the home page costs one round trip to the
database whatever the number of groups."""
from dataclasses import dataclass

import sqlalchemy as sa

from experts.load import OPEN_STATES
from workflows.roles import BUREAU, Role

from .. import labels
from ..experts_pool import opinions as adviser_opinions
from ..experts_pool.policy import assignments_visible
from ..extensions import db
from ..matters.policy import held_by, task_statuses
from ..models import Assignment, Matter

LIMIT = 20


@dataclass
class TaskGroup:
    title: str
    matters: list
    total: int


def tasks_for(user) -> list[TaskGroup]:
    statuses = task_statuses(user)
    if not statuses:
        return []
    soonest_due = (Matter.due_on.is_(None), Matter.due_on, Matter.id.desc())
    ranked = sa.select(Matter.id, sa.func.row_number().over(partition_by=Matter.status, order_by=soonest_due)
                       .label("rank"), sa.func.count().over(partition_by=Matter.status).label("total")
                       ).where(held_by(user, statuses)).subquery()
    rows = db.session.execute(sa.select(Matter, ranked.c.total).join(ranked, ranked.c.id == Matter.id)
                              .where(ranked.c.rank <= LIMIT).order_by(ranked.c.rank)).all()
    groups = {s: TaskGroup(labels.STATUS[s], [], 0) for s in statuses}
    for matter, total in rows:
        groups[matter.status].matters.append(matter)
        groups[matter.status].total = total
    return list(groups.values())


def adviser_tasks(user) -> list[Assignment]:
    """An adviser's open invitations and assignments (expert pool), the soonest due first."""
    if not user.has_role(Role.adviser):
        return []
    return list(db.session.scalars(sa.select(Assignment).where(assignments_visible(user),
                                                               Assignment.state.in_(OPEN_STATES))
                                   .order_by(Assignment.accept_due, Assignment.id).limit(LIMIT)))


def overdue_ratings(user) -> list[Assignment]:
    """Advisers' opinions on the reviewer's matters not rated within 2 working days (DESIGN.md §3)."""
    return adviser_opinions.overdue_ratings(user) if user.has_role(*BUREAU) else []
