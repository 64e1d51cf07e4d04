"""Reminders about the review pipeline: the working day before a stage is due, to the people holding it; and
overdue work escalated to the bureau's director."""
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from workflows.review import CLOCK_RUNNING, STATUS_LABELS

from ..extensions import db
from ..matters.policy import holders
from ..matters.queries import overdue_condition
from ..models import Matter
from ..notifications.operations import already_stored, notify
from ..web import path_for
from . import reminder
from .people import directors, next_working_day


def _link(m: Matter) -> str:
    return path_for("matters.detail", matter_id=m.id)


@reminder("stage_due")
def stage_due(today: date) -> int:
    """Each matter whose running review period ends the next working day: its holders, once per status and
    due date (an extension or a pause moves the date and earns a reminder of its own)."""
    due = next_working_day(today)
    if due is None:
        return 0
    stored = 0
    due_soon = sa.select(Matter).where(Matter.due_on == due, Matter.status.in_(CLOCK_RUNNING))
    for m in db.session.scalars(due_soon.order_by(Matter.id)):
        for user in holders(m):
            stored += notify(
                user, "reminder.stage_due", "matter", m.id, _link(m),
                f"reminder.stage_due:{m.id}:{m.status.value}:{m.due_on}:{user.id}", f"【明日到期】{m.title}",
                f"{STATUS_LABELS[m.status]}环节将于{m.due_on.isoformat()}到期，请及时办理。") is not None
    return stored


@reminder("overdue")
def overdue(today: date) -> int:
    """Each matter past its review period: the district's bureau directors, once per due date."""
    stored = 0
    matters = db.session.scalars(sa.select(Matter).options(selectinload(Matter.reviewer))
                                 .where(overdue_condition(today)).order_by(Matter.id)).all()
    directors_of: dict[int, list] = {}  # a district's directors, read once per sweep
    for start in range(0, len(matters), 1000):
        chunk = matters[start:start + 1000]
        for m in chunk:
            if m.district_id not in directors_of:
                directors_of[m.district_id] = directors(m.district_id)
        sent = already_stored(f"reminder.overdue:{m.id}:{m.due_on}:{u.id}"
                              for m in chunk for u in directors_of[m.district_id])
        for m in chunk:
            reviewer = m.reviewer.display_name if m.reviewer is not None else "未分配"
            for user in directors_of[m.district_id]:
                key = f"reminder.overdue:{m.id}:{m.due_on}:{user.id}"
                if key in sent:
                    continue
                stored += notify(
                    user, "reminder.overdue", "matter", m.id, _link(m), key, f"【已逾期】{m.title}",
                    f"审核期限{m.due_on.isoformat()}已过，当前环节：{STATUS_LABELS[m.status]}，承办人：{reviewer}。"
                ) is not None
    return stored
