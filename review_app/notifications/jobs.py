"""Delivering notifications: by SMTP when MAIL_SERVER is set, otherwise as .eml files in MAIL_DIR.

Delivery is idempotent (a delivered row is skipped, the row is locked while sending), so the periodic
sweep can re-enqueue anything a dead worker or an unreachable Redis left behind.
"""
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_app_context

from ..extensions import db
from ..jobs import after_commit, job_app
from ..models import Notification
from ..models.base import utcnow

SWEEP_AGE = timedelta(minutes=1)


def _in_app(func, *args):
    if has_app_context():
        return func(*args)
    with job_app().app_context():
        return func(*args)


def _message(n: Notification) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = n.subject
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = f"{n.user.username}@{current_app.config['MAIL_DOMAIN']}"
    msg["Message-ID"] = f"<notification-{n.id}@{current_app.config['MAIL_DOMAIN']}>"
    msg.set_content(f"{n.user.display_name}：\n\n{n.body}\n\n{current_app.config['DISTRICT_NAME']}合法性审核系统")
    return msg


def _send(msg: EmailMessage, n: Notification) -> None:
    cfg = current_app.config
    if cfg.get("MAIL_SERVER"):
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
            smtp.send_message(msg)
        return
    folder = Path(cfg["MAIL_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"notification-{n.id}.eml").write_bytes(bytes(msg))


def _deliver(notification_id: int) -> bool:
    n = db.session.execute(sa.select(Notification).where(Notification.id == notification_id)
                           .with_for_update()).scalar()
    if n is None or n.delivered_at is not None:
        db.session.rollback()
        return False
    n.attempts += 1
    try:
        _send(_message(n), n)
    except OSError as e:
        n.last_error = str(e)[:255]
        db.session.commit()
        raise
    n.delivered_at = utcnow()
    db.session.commit()
    return True


def deliver_notification(notification_id: int) -> bool:
    return _in_app(_deliver, notification_id)


def _sweep() -> int:
    cutoff = utcnow() - SWEEP_AGE
    ids = db.session.scalars(sa.select(Notification.id).where(
        Notification.delivered_at.is_(None), Notification.created_at < cutoff, Notification.attempts < 10)
        .order_by(Notification.id).limit(500)).all()
    for notification_id in ids:
        after_commit(deliver_notification, notification_id)
    db.session.commit()
    return len(ids)


def sweep_outbox() -> int:
    """Periodic (rq cron): re-enqueue notifications still undelivered after a minute."""
    return _in_app(_sweep)
