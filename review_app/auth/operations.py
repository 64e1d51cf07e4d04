"""Operations a user performs on their own account and session; the actor is always that user."""
import hmac
import secrets
from datetime import datetime, timezone

import pyotp
from flask_babel import gettext as _

from ..audit.trail import record
from ..extensions import db
from ..models import ApiToken, User
from ..models.base import utcnow
from ..operations import OperationError
from .passwords import WeakPassword, check_policy, hash_password, verify_password
from . import sessions, throttle
from .sessions import end_all_for, token_digest

TOKEN_PREFIX = "rv_"


def log_in(actor: User, row) -> None:
    """The login is complete (password, and the second factor where one is needed)."""
    row.second_factor_done = True
    throttle.clear(actor.username)
    record(actor, "user.login", "user", actor.id)


def log_out(actor: User | None) -> None:
    if actor is not None:
        record(actor, "user.logout", "user", actor.id)
    sessions.end()


def record_login_failure(name: str) -> None:
    """A wrong password or code for the name typed (whether or not such a user exists)."""
    throttle.record_failure(name)


def change_password(actor: User, current: str, new: str) -> None:
    if not verify_password(actor.password_hash, current):
        raise OperationError(_("当前密码不正确"))
    try:
        check_policy(new, actor.username)
    except WeakPassword as e:
        raise OperationError(str(e)) from None
    actor.password_hash = hash_password(new)
    end_all_for(actor.id)  # every other login ends; the caller starts a fresh one
    db.session.flush()
    record(actor, "user.password_change", "user", actor.id)
    sessions.start(actor, second_factor_done=True)


def create_api_token(actor: User, name: str) -> tuple[ApiToken, str]:
    """Returns the row and the token text, which is shown once and stored only as a hash."""
    name = name.strip()
    if not name:
        raise OperationError(_("请填写令牌名称"))
    text = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=actor.id, name=name[:80], prefix=text[:10], token_hash=token_digest(text))
    db.session.add(row)
    db.session.flush()
    record(actor, "api_token.create", "api_token", row.id, after={"user_id": actor.id, "name": row.name,
                                                                  "prefix": row.prefix})
    return row, text


def revoke_api_token(actor: User, token_id: int) -> None:
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != actor.id:
        raise OperationError(_("令牌不存在"), status=404)
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        db.session.flush()
        record(actor, "api_token.revoke", "api_token", row.id, after={"name": row.name})


def new_totp_secret() -> str:
    return pyotp.random_base32()


def _matching_step(secret: str | None, code: str) -> int | None:
    """The 30-second time step the code belongs to; one step of drift either way tolerates a phone
    clock that is a little off."""
    code = (code or "").strip()
    if not secret or not code.isdigit():
        return None
    totp, now = pyotp.TOTP(secret), datetime.now(timezone.utc)
    for drift in (0, -1, 1):
        step = totp.timecode(now) + drift
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def use_totp(user: User, code: str, secret: str | None = None) -> bool:
    """Accept a code once: a code (or an older one) already used cannot log in again (no replay)."""
    step = _matching_step(secret or user.totp_secret, code)
    if step is None or step <= (user.totp_last_step or 0):
        return False
    user.totp_last_step = step
    return True


def enable_totp(actor: User, secret: str, code: str) -> None:
    if not use_totp(actor, code, secret):
        raise OperationError(_("动态验证码不正确，请核对手机时间后重试"))
    actor.totp_secret = secret
    actor.totp_enabled = True
    db.session.flush()
    record(actor, "user.totp_enable", "user", actor.id)
