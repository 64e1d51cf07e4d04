"""Server-side login sessions and API-token lookup (Flask-Login's request loader).

The signed cookie holds only a random token; the row behind it decides whether the login is alive.
"""
import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request, session
from sqlalchemy.exc import OperationalError

from ..extensions import db, login_manager
from ..models import ApiToken, LoginSession
from ..models.base import aware, utcnow

TOUCH_EVERY = timedelta(minutes=1)  # write last_seen at most once a minute


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user, second_factor_done: bool) -> LoginSession:
    """A fresh session on every login: the old cookie content is dropped (no session fixation)."""
    session.clear()
    token = secrets.token_urlsafe(32)
    row = LoginSession(token_hash=token_digest(token), user_id=user.id, second_factor_done=second_factor_done,
                       ip=request.remote_addr, user_agent=(request.user_agent.string or "")[:255])
    db.session.add(row)
    session["sid"] = token
    session.permanent = True
    return row


def current_row() -> LoginSession | None:
    token = session.get("sid")
    if not token:
        return None
    row = db.session.execute(
        sa.select(LoginSession).where(LoginSession.token_hash == token_digest(token))
    ).scalar()
    if row is None:
        return None
    now = utcnow()
    cfg = current_app.config
    idle = timedelta(minutes=cfg["SESSION_IDLE_MINUTES"])
    lifetime = timedelta(hours=cfg["SESSION_MAX_HOURS"])
    if (now - aware(row.last_seen_at) > idle or now - aware(row.created_at) > lifetime
            or not row.user.is_active):
        db.session.delete(row)
        db.session.commit()
        session.clear()
        return None
    if now - aware(row.last_seen_at) > TOUCH_EVERY:
        _touch(row, now)
    return row


def _touch(row, now) -> None:
    """Best effort: a busy database (SQLite under concurrent writers) only delays the idle clock."""
    row.last_seen_at = now
    try:
        db.session.commit()
    except OperationalError:
        db.session.rollback()


def end() -> None:
    token = session.get("sid")
    if token:
        db.session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == token_digest(token)))
    session.clear()


def end_all_for(user_id: int) -> None:
    db.session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user_id))


def api_token_user(header: str):
    if not header.startswith("Bearer "):
        return None
    row = db.session.execute(
        sa.select(ApiToken).where(ApiToken.token_hash == token_digest(header[7:].strip()),
                                  ApiToken.revoked_at.is_(None))
    ).scalar()
    if row is None or not row.user.is_active:
        return None
    now = utcnow()
    if row.last_used_at is None or now - aware(row.last_used_at) > TOUCH_EVERY:
        row.last_used_at = now
        db.session.commit()
    return row.user


@login_manager.request_loader
def load_user(req):
    # The JSON API authenticates by token only, so a browser's cookie can never drive it (no CSRF there).
    if req.path.startswith("/api/"):
        return api_token_user(req.headers.get("Authorization", ""))
    row = current_row()
    if row is None or not row.second_factor_done:
        return None
    return row.user
