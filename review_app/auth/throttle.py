"""Lockout after repeated failed logins, counted by the name typed so it works whether or not it exists."""
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request

from ..extensions import db
from ..models import LoginFailure
from ..models.base import utcnow


def _key(username: str) -> str:
    return username.strip().lower()[:64]


def is_locked(username: str) -> bool:
    cfg = current_app.config
    since = utcnow() - timedelta(minutes=cfg["LOGIN_LOCK_MINUTES"])
    failures = db.session.scalar(
        sa.select(sa.func.count()).select_from(LoginFailure)
        .where(LoginFailure.username_key == _key(username), LoginFailure.at > since)
    )
    return failures >= cfg["LOGIN_MAX_FAILURES"]


def record_failure(username: str) -> None:
    db.session.add(LoginFailure(username_key=_key(username), ip=request.remote_addr))


def clear(username: str) -> None:
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.username_key == _key(username)))
