""""My tasks": the matters waiting for this person, a group per status, soonest due first.

Which statuses wait for whom comes from the state machine (workflows.review.next_roles), and which of those
matters are this person's from the pipeline's policy (matters.policy.held_by)."""
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
    result = []
    for status in task_statuses(user):
        where = held_by(user, [status])
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Matter).where(where))
        rows = db.session.scalars(sa.select(Matter).where(where).order_by(
            Matter.due_on.is_(None), Matter.due_on, Matter.id.desc()).limit(LIMIT)).all()
        result.append(TaskGroup(labels.STATUS[status], rows, total))
    return result


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
