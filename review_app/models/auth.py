"""Server-side login sessions, API tokens and failed-login records."""
import sqlalchemy as sa
from sqlalchemy.orm import relationship

from ..extensions import db
from .base import timestamp


class LoginSession(db.Model):
    """One login. The cookie carries only a random token whose hash is stored here, so logout and
    disabling a user end the session on every machine at once."""
    __tablename__ = "login_sessions"
    id = sa.Column(sa.Integer, primary_key=True)
    token_hash = sa.Column(sa.String(64), nullable=False, unique=True)
    user_id = sa.Column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = timestamp(nullable=False)
    last_seen_at = timestamp(nullable=False)
    second_factor_done = sa.Column(sa.Boolean, nullable=False, default=False)
    ip = sa.Column(sa.String(64))
    user_agent = sa.Column(sa.String(255))

    user = relationship("User", lazy="joined")


class ApiToken(db.Model):
    __tablename__ = "api_tokens"
    id = sa.Column(sa.Integer, primary_key=True)
    user_id = sa.Column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    name = sa.Column(sa.String(80), nullable=False)
    prefix = sa.Column(sa.String(12), nullable=False)
    token_hash = sa.Column(sa.String(64), nullable=False, unique=True)
    created_at = timestamp(nullable=False)
    last_used_at = sa.Column(sa.DateTime(timezone=True))
    revoked_at = sa.Column(sa.DateTime(timezone=True))

    user = relationship("User", lazy="joined")


class LoginFailure(db.Model):
    """Failed attempts keyed by the name typed, whether or not such a user exists."""
    __tablename__ = "login_failures"
    id = sa.Column(sa.Integer, primary_key=True)
    username_key = sa.Column(sa.String(64), nullable=False, index=True)
    ip = sa.Column(sa.String(64))
    at = timestamp(nullable=False, index=True)
