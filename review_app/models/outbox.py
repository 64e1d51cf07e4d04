"""The transactional outbox: a notification is a row written with the change that causes it, so none is lost
when Redis, the mail server or the SMS gateway is down; jobs deliver it after the commit.

A notification is shown in the app (the row itself) and delivered on each of its channels (a `Delivery` row
per channel). `dedup_key` is unique: a reminder computed twice, by a restart or a second scheduler, is stored
once (INSERT … ON CONFLICT DO NOTHING).
"""
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from ..extensions import db
from .base import enum_column, timestamp


class Channel(str, Enum):
    email = "email"
    sms = "sms"


class DeliveryStatus(str, Enum):
    pending = "pending"    # waiting for a worker
    sending = "sending"    # claimed by a worker (claimed_at): recorded before anything leaves
    sent = "sent"
    failed = "failed"      # gave up after the last attempt; an administrator may retry


class Notification(db.Model):
    __tablename__ = "notifications"
    id = sa.Column(sa.Integer, primary_key=True)
    user_id = sa.Column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind = sa.Column(sa.String(40), nullable=False)           # e.g. matter.submit, reminder.stage_due
    subject_type = sa.Column(sa.String(40), nullable=False)   # the record it is about: matter, lawsuit …
    subject_id = sa.Column(sa.Integer)
    link = sa.Column(sa.String(255), nullable=False, default="")  # where the reader acts (a path of the app)
    dedup_key = sa.Column(sa.String(160), nullable=False, unique=True)
    title = sa.Column(sa.String(200), nullable=False)
    body = sa.Column(sa.Text, nullable=False, default="")
    created_at = timestamp(nullable=False)
    read_at = sa.Column(sa.DateTime(timezone=True))
    __table_args__ = (
        sa.Index("ix_notifications_user_id_id", "user_id", "id"),
        sa.Index("ix_notifications_subject", "subject_type", "subject_id"),
        # The bell on every page counts the reader's unread ones: a handful, however many were read.
        sa.Index("ix_notifications_unread", "user_id", postgresql_where=sa.text("read_at IS NULL"),
                 sqlite_where=sa.text("read_at IS NULL")),
    )

    user = relationship("User")
    deliveries = relationship("Delivery", back_populates="notification", cascade="all, delete-orphan",
                              order_by="Delivery.id")


class Delivery(db.Model):
    """One channel of one notification; claimed before sending and recorded after, so a worker that dies
    mid-send leaves a trace instead of a silent duplicate (the notification id travels as the idempotency key:
    the e-mail's Message-ID, the SMS gateway's client reference)."""
    __tablename__ = "deliveries"
    id = sa.Column(sa.Integer, primary_key=True)
    notification_id = sa.Column(sa.ForeignKey("notifications.id", ondelete="CASCADE"), nullable=False)
    channel = enum_column(Channel, "channel", nullable=False)
    status = enum_column(DeliveryStatus, "delivery_status", nullable=False, default=DeliveryStatus.pending)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    created_at = timestamp(nullable=False)
    claimed_at = sa.Column(sa.DateTime(timezone=True))
    sent_at = sa.Column(sa.DateTime(timezone=True))
    last_error = sa.Column(sa.String(255))
    __table_args__ = (
        sa.UniqueConstraint("notification_id", "channel", name="uq_deliveries_notification_channel"),
        sa.Index("ix_deliveries_status_id", "status", "id"),
        sa.CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name="sent_when_sent_at"),
    )

    notification = relationship(Notification, back_populates="deliveries")
