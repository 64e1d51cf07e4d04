"""Public participation in a major decision (公众参与, Decree 713 Art. 14-19), as the department records it."""
import sqlalchemy as sa

from ..extensions import db
from .base import timestamp


class PublicParticipation(db.Model):
    """One row per major decision; the bureau reads its findings from it (workflows/participation.py)."""
    __tablename__ = "public_participation"
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), primary_key=True)
    not_public_reason = sa.Column(sa.Text, nullable=False, default="")  # legal ground for not publishing
    comment_published_on = sa.Column(sa.Date)
    comment_closes_on = sa.Column(sa.Date)
    shortened_reason = sa.Column(sa.Text, nullable=False, default="")  # as stated when the draft was published
    hearing_on = sa.Column(sa.Date)
    hearing_materials_on = sa.Column(sa.Date)
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    updated_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("comment_closes_on > comment_published_on", name="comment_order"),
        sa.CheckConstraint("hearing_materials_on <= hearing_on", name="hearing_order"),
    )
