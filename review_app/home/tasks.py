""""My tasks": the matters waiting for this person, a group per status, soonest due first.

Which statuses wait for whom comes from the state machine (workflows.review.next_roles), and which of those
matters are this person's from the pipeline's policy (matters.policy.held_by)."""
from dataclasses import dataclass

import sqlalchemy as sa

from .. import labels
from ..extensions import db
from ..matters.policy import held_by, task_statuses
from ..models import Matter

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
