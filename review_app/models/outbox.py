"""The transactional outbox: notifications are rows written with the change that causes them, so none is
lost when Redis or the mail server is down; a job delivers them after the commit."""
import sqlalchemy as sa
from sqlalchemy.orm import relationship

from ..extensions import db
from .base import timestamp


class Notification(db.Model):
    __tablename__ = "notifications"
    id = sa.Column(sa.Integer, primary_key=True)
    user_id = sa.Column(sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"))
    subject = sa.Column(sa.String(200), nullable=False)
    body = sa.Column(sa.Text, nullable=False, default="")
    created_at = timestamp(nullable=False)
    delivered_at = sa.Column(sa.DateTime(timezone=True))
    read_at = sa.Column(sa.DateTime(timezone=True))
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    last_error = sa.Column(sa.String(255))
    __table_args__ = (
        sa.Index("ix_notifications_user_id_id", "user_id", "id"),
        sa.Index("ix_notifications_undelivered", "delivered_at", "id"),
    )

    user = relationship("User")
