""""My tasks": for each role, the matters waiting for that person, soonest due first."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from workflows.review import Role, Status

from ..extensions import db
from ..matters.queries import visible_to
from ..models import Matter

LIMIT = 20


@dataclass
class TaskGroup:
    title: str
    matters: list
    total: int


def _groups(user) -> list[tuple[str, object]]:
    own = Matter.department_id == user.organisation_id
    groups = []
    if user.has_role(Role.submitter, Role.department_head):
        groups += [
            (_l("待补正材料"), sa.and_(own, Matter.status == Status.awaiting_supplement)),
            (_l("待答复修改意见"), sa.and_(own, Matter.status == Status.issued)),
            (_l("草稿（未提交）"), sa.and_(own, Matter.status == Status.draft)),
        ]
    if user.has_role(Role.department_head):
        groups.append((_l("待部门负责人审核"), sa.and_(own, Matter.status == Status.department_review)))
    if user.has_role(Role.decision_officer):
        groups += [
            (_l("待决策机关受理"), Matter.status.in_([Status.decision_pending, Status.decision_accepted])),
            (_l("待登记决策"), Matter.status.in_([Status.issued, Status.answered])),
        ]
    if user.has_role(Role.bureau_director, Role.bureau_reviewer):
        groups += [
            (_l("待分配审核人员"), Matter.status == Status.bureau_intake),
            (_l("我审核的事项"), sa.and_(Matter.reviewer_id == user.id, Matter.status.in_(
                [Status.bureau_review, Status.consulting, Status.signed, Status.awaiting_supplement]))),
        ]
    if user.has_role(Role.bureau_director):
        groups.append((_l("待签发审核意见书"), Matter.status == Status.opinion_drafted))
    return groups


def tasks_for(user) -> list[TaskGroup]:
    result = []
    for title, condition in _groups(user):
        where = sa.and_(visible_to(user), condition)
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Matter).where(where))
        rows = db.session.scalars(sa.select(Matter).where(where).order_by(
            Matter.due_on.is_(None), Matter.due_on, Matter.id.desc()).limit(LIMIT)).all()
        result.append(TaskGroup(str(title), rows, total))
    return result
