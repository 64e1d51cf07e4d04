"""Append-only, hash-chained audit trail."""
import sqlalchemy as sa

from ..extensions import db
from .base import timestamp


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    id = sa.Column(sa.Integer, primary_key=True)
    at = timestamp(nullable=False, index=True)
    actor_id = sa.Column(sa.Integer)  # no FK: the trail outlives the rows it names
    actor_name = sa.Column(sa.String(80), nullable=False)
    # Whose trail: the bureau of a district reads its own (NULL: a change no district owns, e.g. a new district).
    district_id = sa.Column(sa.Integer)
    ip = sa.Column(sa.String(64))
    action = sa.Column(sa.String(64), nullable=False)
    object_type = sa.Column(sa.String(40), nullable=False)
    object_id = sa.Column(sa.String(40))
    before = sa.Column(sa.JSON)
    after = sa.Column(sa.JSON)
    # A unique previous hash makes a fork (two events claiming the same predecessor) impossible.
    prev_hash = sa.Column(sa.String(64), nullable=False, unique=True)
    hash = sa.Column(sa.String(64), nullable=False, unique=True)
    # HMAC-SHA256 of `hash` under a key kept outside the database (audit.keys): NULL only for events written
    # before the key existed, which all come first.
    mac = sa.Column(sa.String(64))
    __table_args__ = (
        sa.Index("ix_audit_events_object", "object_type", "object_id"),
        sa.Index("ix_audit_events_district_id_id", "district_id", "id"),
        # The page's filters, newest first: one action or one actor reads its own rows in id order. The
        # action index compares characters by code (text_pattern_ops) whatever the database's collation, so an
        # action prefix ("matter.") is a range scan on it (audit.filters).
        # An actor's rows are read within the reader's district (without it, PostgreSQL intersected the actor's
        # few rows with the district's 60,000).
        sa.Index("ix_audit_events_action_id", "action", "id", postgresql_ops={"action": "text_pattern_ops"}),
        sa.Index("ix_audit_events_actor_id_district_id_id", "actor_id", "district_id", "id"),
    )


class AuditHead(db.Model):
    """The chain's tip: locked by each append, and lets `audit verify` notice a removed last row."""
    __tablename__ = "audit_head"
    id = sa.Column(sa.Integer, primary_key=True)
    last_id = sa.Column(sa.Integer, nullable=False, default=0)
    last_hash = sa.Column(sa.String(64), nullable=False)
    count = sa.Column(sa.Integer, nullable=False, default=0)
    # How many of the first events carry no MAC (written before the key existed); fixed once the key exists.
    legacy = sa.Column(sa.Integer, nullable=False, default=0)
    # HMAC of (last_id, last_hash, count, legacy): a head rewritten to hide removed last rows does not match.
    mac = sa.Column(sa.String(64))
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)
