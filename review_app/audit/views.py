"""The bureau's view of the audit trail, filtered and paged by id (keyset, newest first)."""
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from zoneinfo import ZoneInfo

from ..extensions import db
from ..models import AuditEvent
from ..web import row_id
from .policy import visible

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE = 50


def _day(text: str | None):
    try:
        return datetime.strptime(text, "%Y-%m-%d").date() if text else None
    except ValueError:
        return None


@bp.route("/")
def events():
    args = request.args
    q = sa.select(AuditEvent).where(visible(current_user)).order_by(AuditEvent.id.desc()).limit(PAGE + 1)
    if args.get("action"):
        q = q.where(AuditEvent.action.startswith(args["action"].strip()))
    if args.get("object_type"):
        q = q.where(AuditEvent.object_type == args["object_type"].strip())
    if args.get("object_id"):
        q = q.where(AuditEvent.object_id == args["object_id"].strip())
    if args.get("actor"):
        q = q.where(AuditEvent.actor_name.contains(args["actor"].strip()))
    tz = ZoneInfo(current_app.config["TIME_ZONE"])
    if start := _day(args.get("from")):
        q = q.where(AuditEvent.at >= datetime.combine(start, time(), tz))
    if end := _day(args.get("to")):
        q = q.where(AuditEvent.at < datetime.combine(end + timedelta(days=1), time(), tz))
    before = args.get("before", type=row_id)
    if before:
        q = q.where(AuditEvent.id < before)
    rows = db.session.scalars(q).all()
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    next_args = {k: v for k, v in args.items() if k != "before"}
    return render_template("audit/events.html", events=rows, more=more, next_args=next_args,
                           next_before=rows[-1].id if more else None)
