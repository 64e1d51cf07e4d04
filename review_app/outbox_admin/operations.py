"""Administrators' actions on the background work: retry a failed job, retry an undelivered notification; and
the alert job that tells administrators when the outbox backlog grows old."""
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import FailedJobRegistry

from workflows.roles import Role

from ..audit.trail import record
from ..extensions import db
from ..jobs import QUEUES, after_commit, job, periodic, redis_connection
from ..models import Delivery, DeliveryStatus, Notification, Organisation, User, UserRole
from ..models.base import aware, utcnow
from ..notifications.jobs import deliver, job_id
from ..notifications.operations import notify
from ..operations import OperationError
from ..web import path_for
from .health import UNDELIVERED, minutes, oldest_undelivered


def district_deliveries(actor: User):
    """Deliveries to the people of the administrator's district (the SQL condition)."""
    return Delivery.notification_id.in_(
        sa.select(Notification.id).join(User, Notification.user_id == User.id)
        .join(Organisation, User.organisation_id == Organisation.id)
        .where(Organisation.district_id == actor.district_id))


def retry_delivery(actor: User, delivery_id: int) -> Delivery:
    """Send an undelivered or failed delivery again now (one more attempt, queued after the commit)."""
    d = db.session.scalar(sa.select(Delivery).where(Delivery.id == delivery_id, district_deliveries(actor)))
    if d is None:
        raise OperationError(_("通知投递记录不存在"), 404)
    if d.status not in (*UNDELIVERED, DeliveryStatus.failed):
        raise OperationError(_("该通知已送达，无需重试"), 409)
    before = {"status": d.status, "attempts": d.attempts, "last_error": d.last_error}
    d.status, d.claimed_at = DeliveryStatus.pending, None
    db.session.flush()
    record(actor, "outbox.retry_delivery", "delivery", d.id, before, {"status": d.status})
    after_commit(deliver, d.id, job_id=job_id(d.id, d.attempts))
    return d


@dataclass
class FailedJob:
    id: str
    function: str
    args: str
    queue: str
    reason: str  # the exception's last line
    ended_at: datetime | None


def failed_jobs(limit: int = 50) -> list[FailedJob]:
    connection = redis_connection(current_app)
    jobs = []
    for name in QUEUES:
        registry = FailedJobRegistry(queue=Queue(name, connection=connection))
        for j in Job.fetch_many(registry.get_job_ids(0, limit - 1), connection=connection):
            if j is None:
                continue
            result = j.latest_result()
            reason = (result.exc_string or "").strip().splitlines()[-1:] if result is not None else []
            jobs.append(FailedJob(j.id, j.func_name, ", ".join(map(repr, j.args)), j.origin, "".join(reason),
                                  j.ended_at))
    return sorted(jobs, key=lambda j: j.ended_at.timestamp() if j.ended_at else 0, reverse=True)[:limit]


def retry_job(actor: User, failed_job_id: str) -> None:
    """Put a failed job back on its queue."""
    if not current_app.config.get("REDIS_URL"):
        raise OperationError(_("未配置 Redis：后台任务在请求中直接运行，没有失败任务可重试"), 409)
    connection = redis_connection(current_app)
    try:
        j = Job.fetch(failed_job_id, connection=connection)
    except NoSuchJobError:
        raise OperationError(_("该任务不存在或已过期"), 404) from None
    registry = FailedJobRegistry(queue=Queue(j.origin, connection=connection))
    if failed_job_id not in registry.get_job_ids():
        raise OperationError(_("该任务不在失败列表中"), 409)
    registry.requeue(failed_job_id)
    record(actor, "outbox.retry_job", "job", failed_job_id, None, {"function": j.func_name})


@periodic("outbox_alert", every_seconds=300)
@job("default", timeout=120)
def alert_old_backlog() -> int:
    """Tell every administrator when the oldest undelivered notification is older than OUTBOX_ALERT_MINUTES;
    once per stuck delivery (the key names the oldest one), in the app and by e-mail. Returns how many."""
    oldest = oldest_undelivered()
    threshold = timedelta(minutes=current_app.config["OUTBOX_ALERT_MINUTES"])
    if oldest is None or utcnow() - aware(oldest.created_at) <= threshold:
        return 0
    age = minutes(utcnow() - aware(oldest.created_at))
    admins = db.session.scalars(sa.select(User).join(UserRole).where(UserRole.role == Role.admin, User.active)
                                .order_by(User.id)).unique()
    stored = sum(notify(u, "outbox.alert", "delivery", oldest.id, path_for("outbox_admin.page"),
                        f"outbox.alert:{oldest.id}:{u.id}", f"【系统告警】通知积压：最早一条已等待{age}分钟",
                        "后台任务可能已停止或 Redis 不可用。请查看“后台任务”页面，并运行 flask jobs health。")
                 is not None for u in admins)
    db.session.commit()
    return stored
