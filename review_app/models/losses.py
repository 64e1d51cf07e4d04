"""What follows a case at risk of loss and a loss (凡败必报, 一案一整改): the high-risk case's meetings, the
defendant body's loss analysis with its rectification items tracked to completion, referrals for
accountability, and the typical cases (典型案例) the bureau writes up from the district's cases."""
import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.litigation import Area

from ..extensions import db
from .base import enum_column, timestamp


class RiskMeeting(db.Model):
    """A meeting on a case at risk of loss (会商), with its conclusions."""
    __tablename__ = "risk_meetings"
    id = sa.Column(sa.Integer, primary_key=True)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), nullable=False, index=True)
    day = sa.Column(sa.Date, nullable=False)
    attendees = sa.Column(sa.String(300), nullable=False)
    conclusions = sa.Column(sa.Text, nullable=False)
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(conclusions)) > 0", name="conclusions_given"),)


class LossReport(db.Model):
    """The defendant body's analysis of a lost case: causes, responsibility and the rectification plan."""
    __tablename__ = "loss_reports"
    id = sa.Column(sa.Integer, primary_key=True)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), nullable=False, unique=True)
    causes = sa.Column(sa.Text, nullable=False)
    responsibility = sa.Column(sa.Text, nullable=False)
    submitted_on = sa.Column(sa.Date, nullable=False)
    submitted_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(causes)) > 0", name="causes_given"),)

    lawsuit = relationship("Lawsuit", back_populates="loss_report")
    items = relationship("RectificationItem", order_by="RectificationItem.position", lazy="selectin",
                         cascade="all, delete-orphan")


class RectificationItem(db.Model):
    """One item of the rectification plan, tracked to completion (一案一整改)."""
    __tablename__ = "rectification_items"
    id = sa.Column(sa.Integer, primary_key=True)
    report_id = sa.Column(sa.ForeignKey("loss_reports.id", ondelete="CASCADE"), nullable=False, index=True)
    position = sa.Column(sa.Integer, nullable=False)
    text = sa.Column(sa.Text, nullable=False)
    due_on = sa.Column(sa.Date, nullable=False)
    done_on = sa.Column(sa.Date)
    done_note = sa.Column(sa.Text, nullable=False, default="")
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("report_id", "position", name="uq_rectification_items_position"),
        sa.CheckConstraint("done_on IS NULL OR length(trim(done_note)) > 0", name="done_with_note"),
    )

    report = relationship(LossReport, back_populates="items")


class AccountabilityReferral(db.Model):
    """A referral for accountability (追责问责) after a loss."""
    __tablename__ = "accountability_referrals"
    id = sa.Column(sa.Integer, primary_key=True)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), nullable=False, index=True)
    referred_on = sa.Column(sa.Date, nullable=False)
    referred_to = sa.Column(sa.String(120), nullable=False)  # e.g. 区纪委监委
    subject = sa.Column(sa.String(200), nullable=False)      # who or what is referred
    note = sa.Column(sa.Text, nullable=False, default="")
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)


class TypicalCase(db.Model):
    """典型案例 (the district's "观观说法" series): a case written up with its lesson; shown in the history
    factor of new assessments in its area and on the quarterly review meeting's list."""
    __tablename__ = "typical_cases"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False, index=True)
    title = sa.Column(sa.String(200), nullable=False)
    lesson = sa.Column(sa.Text, nullable=False)
    area = enum_column(Area, "litigation_area", nullable=False)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), index=True)
    reconsideration_id = sa.Column(sa.ForeignKey("reconsideration_cases.id"), index=True)
    published_on = sa.Column(sa.Date, nullable=False)
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    created_at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("lawsuit_id IS NOT NULL OR reconsideration_id IS NOT NULL", name="from_a_case"),
        sa.CheckConstraint("length(trim(lesson)) > 0", name="lesson_given"),
    )

    lawsuit = relationship("Lawsuit")
    reconsideration = relationship("ReconsiderationCase")
