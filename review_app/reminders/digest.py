"""The daily digest: once a day, from DIGEST_HOUR local time, each person who asked for it on their profile
gets their open tasks and their unread notifications in one message (nothing when there is nothing)."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..home.tasks import tasks_for
from ..models import Notification, User
from ..notifications.operations import notify
from ..web import path_for
from . import reminder

UNREAD_LISTED = 10


def _local_hour() -> int:
    return datetime.now(ZoneInfo(current_app.config["TIME_ZONE"])).hour


@reminder("digest")
def digest(today: date) -> int:
    if _local_hour() < current_app.config["DIGEST_HOUR"]:
        return 0
    stored = 0
    for user in db.session.scalars(sa.select(User).where(User.daily_digest, User.active).order_by(User.id)):
        stored += send_digest(user, today)
    return stored


def send_digest(user: User, today: date) -> bool:
    groups = [g for g in tasks_for(user) if g.total]
    unread_filter = (Notification.user_id == user.id, Notification.read_at.is_(None),
                     Notification.kind != "digest")
    unread = db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(*unread_filter))
    if not groups and not unread:
        return False
    latest = db.session.scalars(sa.select(Notification.title).where(*unread_filter)
                                .order_by(Notification.id.desc()).limit(UNREAD_LISTED)).all()
    tasks = sum(g.total for g in groups)
    lines = [f"待办事项共{tasks}件："] + [f"  {g.title}：{g.total}件" for g in groups] if groups else []
    if unread:
        lines += [f"未读通知{unread}条" + ("，最近的：" if latest else "")] + [f"  {t}" for t in latest]
    return notify(user, "digest", "user", user.id, path_for("home.index"), f"digest:{user.id}:{today}",
                  f"【每日摘要】{today.isoformat()}：待办{tasks}件，未读通知{unread}条", "\n".join(lines)) is not None
