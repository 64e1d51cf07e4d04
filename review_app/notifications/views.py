"""The notifications page (/notifications: filters by read state, kind and date; mark read) and the bell in
the navigation bar with the unread count."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..auth.forms import EmptyForm
from ..extensions import db
from ..models import Notification
from .operations import mark_read, titles, unread_count

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PAGE = 50

# Kinds are grouped by what they are about: the first part of the kind (matter.submit, reminder.overdue …).
KINDS = {"matter": _l("事项流转"), "reminder": _l("提醒"), "supervision": _l("法治督察函"),
         "digest": _l("每日摘要"), "outbox": _l("系统告警")}
STATES = {"unread": _l("未读"), "read": _l("已读")}


@bp.app_context_processor
def bell():
    """The unread count for the bell in the navigation bar (base.html), computed only when it is drawn."""
    def unread() -> int:
        return unread_count(current_user) if current_user.is_authenticated else 0
    return {"unread_notifications": unread}


@dataclass
class NoticeFilter:
    state: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    before: int | None = None

    @classmethod
    def from_args(cls, args) -> "NoticeFilter":
        def day(name):
            try:
                return date.fromisoformat(args.get(name, ""))
            except ValueError:
                return None
        before = args.get("before", "")
        return cls(state=args.get("state", "") if args.get("state") in STATES else "",
                   kind=args.get("kind", "") if args.get("kind") in KINDS else "",
                   date_from=day("from"), date_to=day("to"), before=int(before) if before.isdigit() else None)

    def where(self, user_id: int) -> list:
        where = [Notification.user_id == user_id]
        if self.state == "unread":
            where.append(Notification.read_at.is_(None))
        elif self.state == "read":
            where.append(Notification.read_at.is_not(None))
        if self.kind:
            where.append(sa.or_(Notification.kind == self.kind,
                                Notification.kind.startswith(self.kind + ".")))
        if self.date_from:
            where.append(Notification.created_at >= _start(self.date_from))
        if self.date_to:
            where.append(Notification.created_at < _start(self.date_to + timedelta(days=1)))
        if self.before:
            where.append(Notification.id < self.before)
        return where


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


@bp.route("")
def index():
    f = NoticeFilter.from_args(request.args)
    rows = db.session.scalars(sa.select(Notification).where(*f.where(current_user.id))
                              .order_by(Notification.id.desc()).limit(PAGE + 1)).all()
    more = rows[PAGE - 1].id if len(rows) > PAGE else None
    rows = rows[:PAGE]
    args = {k: v for k, v in request.args.items() if k != "before"}
    return render_template("notifications/index.html", notices=rows, notice_titles=titles(rows), f=f,
                           kinds=KINDS, states=STATES, more=more, args=args, form=EmptyForm())


@bp.route("/mark-read", methods=["POST"])
def read():
    """Mark the ticked notifications read (or, with all=1, every one); back to the same filtered page."""
    if EmptyForm().validate_on_submit():
        ids = None if request.form.get("all") == "1" else [
            int(i) for i in request.form.getlist("id") if i.isdigit()]
        mark_read(current_user._get_current_object(), ids)
    back = request.form.get("back", "")
    return redirect(back if back.startswith("/notifications") else url_for("notifications.index"))
