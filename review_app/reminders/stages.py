"""Reminders about the review pipeline: the working day before a stage is due, to the people holding it; and
overdue work escalated to the bureau's director."""
from datetime import date

import sqlalchemy as sa

from workflows.review import CLOCK_RUNNING, STATUS_LABELS

from ..extensions import db
from ..matters.policy import holders_of
from ..matters.queries import overdue_condition
from ..models import Matter, User
from ..notifications.operations import Message, notify_many
from ..web import path_for
from . import reminder
from .people import directors, next_working_day


def _links():
    """matter id -> the path of its page: url_for once, its result filled in for each matter (a sweep may
    build a hundred thousand links, and url_for costs more than the rest of a notification)."""
    marker = 987654321
    return path_for("matters.detail", matter_id=marker).replace(str(marker), "{}").format


@reminder("stage_due")
def stage_due(today: date) -> int:
    """Each matter whose running review period ends the next working day: its holders, once per status and
    due date (an extension or a pause moves the date and earns a reminder of its own)."""
    due = next_working_day(today)
    if due is None:
        return 0
    matters = db.session.scalars(sa.select(Matter).where(Matter.due_on == due, Matter.status.in_(CLOCK_RUNNING))
                                 .order_by(Matter.id)).all()
    holding, link = holders_of(matters), _links()
    return notify_many([
        Message(user, "reminder.stage_due", "matter", m.id, link(m.id),
                f"reminder.stage_due:{m.id}:{m.status.value}:{m.due_on}:{user.id}", f"【明日到期】{m.title}",
                f"{STATUS_LABELS[m.status]}环节将于{m.due_on.isoformat()}到期，请及时办理。")
        for m in matters for user in holding[m.id]])


@reminder("overdue")
def overdue(today: date) -> int:
    """Each matter past its review period: the district's bureau directors, once per due date."""
    late = db.session.execute(
        sa.select(Matter.id, Matter.title, Matter.status, Matter.due_on, Matter.district_id,
                  User.display_name.label("reviewer"))
        .outerjoin(User, User.id == Matter.reviewer_id)
        .where(overdue_condition(today)).order_by(Matter.id)).all()
    directors_of: dict[int, list] = {}  # a district's directors, read once per sweep
    link = _links()
    for m in late:
        if m.district_id not in directors_of:
            directors_of[m.district_id] = directors(m.district_id)
    return notify_many([
        Message(user, "reminder.overdue", "matter", m.id, link(m.id),
                f"reminder.overdue:{m.id}:{m.due_on}:{user.id}", f"【已逾期】{m.title}",
                f"审核期限{m.due_on.isoformat()}已过，当前环节：{STATUS_LABELS[m.status]}，"
                f"承办人：{m.reviewer or '未分配'}。")
        for m in late for user in directors_of[m.district_id]])
