"""The hearing-eve reminder (local rule): the day before each hearing the defendant body's head is told, by
SMS and in the app, through the outbox. A periodic job computes the reminders due; each is stored once per
hearing, day and head (its dedup key), so a rerun, a second scheduler or a worker killed mid-run adds nothing,
and the outbox delivers it once."""
from datetime import date, timedelta

import sqlalchemy as sa

from workflows.litigation import reminder_day

from .. import rules
from ..extensions import db
from ..jobs import job, periodic
from ..models import Channel, Delivery, Hearing, Notification
from ..notifications.operations import notify
from ..web import path_for
from .operations import heads_of

KIND = "reminder.hearing"


def dedup_key(hearing: Hearing, head_id: int) -> str:
    """A rescheduled hearing (another day) is reminded again."""
    return f"hearing-eve:{hearing.id}:{hearing.day.isoformat()}:{head_id}"


def remind_hearings(today: date) -> int:
    """Store the reminders due today (hearings tomorrow, or today for one entered on its eve or day); returns
    how many were new."""
    due = db.session.scalars(sa.select(Hearing).where(
        Hearing.day.between(today, today + timedelta(days=1)), Hearing.appearance.is_(None))
        .order_by(Hearing.id)).all()
    stored = 0
    for h in due:
        day = reminder_day(h.day, h.scheduled_on)
        if day is None or day > today:
            continue
        case = h.lawsuit
        at = f" {h.time.strftime('%H:%M')}" if h.time else ""
        title = f"【开庭提醒】{h.day.isoformat()}{at} {case.court}{h.court_room}开庭审理{case.case_no}"
        body = (f"{case.plaintiff}诉{case.defendant.name}（{case.act}）一案定于{h.day.isoformat()}{at}在"
                f"{case.court}{h.court_room}开庭。请负责人依法出庭应诉；确不能出庭的，应委托相应工作人员出庭并"
                f"书面说明理由（行政诉讼法第三条）。")
        for head in heads_of(case.defendant):
            if notify(head, KIND, "hearing", h.id, path_for("disputes.lawsuit", case_id=case.id),
                      dedup_key(h, head.id), title, body, channels=(Channel.sms,)) is not None:
                stored += 1
    return stored


@periodic("hearing_reminders", every_seconds=3600)
@job("notifications", timeout=120)
def hearing_reminders() -> int:
    n = remind_hearings(rules.today())
    db.session.commit()
    return n


def reminders_of(hearing_ids: list[int]) -> dict[int, list[tuple[Notification, list[Delivery]]]]:
    """What was sent for each hearing: the notification (shown in the head's app) and its deliveries."""
    if not hearing_ids:
        return {}
    rows = db.session.scalars(sa.select(Notification).where(
        Notification.subject_type == "hearing", Notification.subject_id.in_(hearing_ids))
        .order_by(Notification.id)).all()
    out: dict[int, list] = {}
    for n in rows:
        out.setdefault(n.subject_id, []).append((n, list(n.deliveries)))
    return out
