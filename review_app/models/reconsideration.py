"""Reconsideration cases decided by the district government (行政复议, Reconsideration Law 2023), the
reconsideration opinion letters (行政复议意见书, Art. 76) with the bodies' correction reports, and the cases
entrusted to the dispute-resolution centre (行政争议协调化解中心). Deadlines and rates are workflows'."""
import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.dispute_centre import Outcome as CentreOutcome, Stage
from workflows.litigation import Area
from workflows.reconsideration import Outcome, Procedure

from ..extensions import db
from .base import enum_column, timestamp


class ReconsiderationCase(db.Model):
    __tablename__ = "reconsideration_cases"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    case_no = sa.Column(sa.String(60), nullable=False)  # e.g. 示府复〔2026〕12号
    applicant = sa.Column(sa.String(200), nullable=False)
    # The body whose act is challenged: the unit its figures count for.
    respondent_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)
    act = sa.Column(sa.String(300), nullable=False)
    area = enum_column(Area, "litigation_area", nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), index=True)
    procedure = enum_column(Procedure, "reconsideration_procedure", nullable=False,
                            default=Procedure.ordinary)
    received = sa.Column(sa.Date, nullable=False)
    accepted = sa.Column(sa.Date)
    refused = sa.Column(sa.Date)
    copy_sent = sa.Column(sa.Date)
    copy_received = sa.Column(sa.Date)
    reply_received = sa.Column(sa.Date)
    extension_days = sa.Column(sa.Integer)
    extension_approved_on = sa.Column(sa.Date)
    extension_reason = sa.Column(sa.Text, nullable=False, default="")
    outcome = enum_column(Outcome, "reconsideration_outcome")
    concluded_on = sa.Column(sa.Date)
    performance_due = sa.Column(sa.Date)
    performed_on = sa.Column(sa.Date)
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("district_id", "case_no", name="uq_reconsideration_cases_case_no"),
        sa.CheckConstraint("(outcome IS NULL) = (concluded_on IS NULL)", name="outcome_with_date"),
        sa.CheckConstraint("accepted IS NULL OR refused IS NULL", name="accepted_or_refused"),
        sa.CheckConstraint("(extension_days IS NULL) = (extension_approved_on IS NULL)",
                           name="extension_whole"),
        sa.Index("ix_reconsideration_cases_district_id_id", "district_id", "id"),
        sa.Index("ix_reconsideration_cases_respondent_id_id", "respondent_id", "id"),
    )

    respondent = relationship("Organisation", lazy="joined")
    matter = relationship("Matter")
    letters = relationship("ReconsiderationLetter", order_by="ReconsiderationLetter.id",
                           back_populates="case", lazy="selectin")

    def audit_state(self) -> dict:
        return {k: getattr(self, k) for k in (
            "case_no", "applicant", "respondent_id", "act", "area", "matter_id", "procedure", "received",
            "accepted", "refused", "copy_sent", "copy_received", "reply_received", "extension_days",
            "extension_approved_on", "extension_reason", "outcome", "concluded_on", "performance_due",
            "performed_on")}


class ReconsiderationLetter(db.Model):
    """行政复议意见书 to a body found at fault: numbered per district and year; its correction report is due
    60 days after receipt (Art. 76)."""
    __tablename__ = "reconsideration_letters"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    case_id = sa.Column(sa.ForeignKey("reconsideration_cases.id"), nullable=False, index=True)
    organisation_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)  # 主送
    year = sa.Column(sa.Integer, nullable=False)
    number = sa.Column(sa.Integer, nullable=False)
    sent_on = sa.Column(sa.Date, nullable=False)
    received_on = sa.Column(sa.Date)
    report_received = sa.Column(sa.Date)
    report_text = sa.Column(sa.Text, nullable=False, default="")
    findings = sa.Column(sa.Text, nullable=False)
    requirements = sa.Column(sa.Text, nullable=False)
    docx_sha256 = sa.Column(sa.String(64), nullable=False)
    issued_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    issued_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("district_id", "year", "number", name="uq_reconsideration_letters_number"),
        sa.CheckConstraint("report_received IS NULL OR length(trim(report_text)) > 0",
                           name="report_with_text"),
    )

    case = relationship(ReconsiderationCase, back_populates="letters")
    organisation = relationship("Organisation", lazy="joined")


class DisputeCase(db.Model):
    """A dispute entrusted to the dispute-resolution centre before or during a suit."""
    __tablename__ = "dispute_cases"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    case_no = sa.Column(sa.String(60), nullable=False)
    applicant = sa.Column(sa.String(200), nullable=False)
    body_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)  # the body concerned
    subject = sa.Column(sa.String(300), nullable=False)  # what the dispute is about
    stage = enum_column(Stage, "dispute_stage", nullable=False)
    entrusted = sa.Column(sa.Date, nullable=False)
    registered = sa.Column(sa.Date)
    body_told = sa.Column(sa.Date)
    proposal_received = sa.Column(sa.Date)
    outcome = enum_column(CentreOutcome, "dispute_outcome")
    concluded_on = sa.Column(sa.Date)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), index=True)  # not resolved: the suit it continues in
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("district_id", "case_no", name="uq_dispute_cases_case_no"),
        sa.CheckConstraint("(outcome IS NULL) = (concluded_on IS NULL)", name="outcome_with_date"),
        sa.CheckConstraint("lawsuit_id IS NULL OR outcome = 'not_resolved'",
                           name="suit_only_when_unresolved"),
        sa.Index("ix_dispute_cases_district_id_id", "district_id", "id"),
    )

    body = relationship("Organisation", lazy="joined")
    lawsuit = relationship("Lawsuit")

    def audit_state(self) -> dict:
        return {k: getattr(self, k) for k in (
            "case_no", "applicant", "body_id", "subject", "stage", "entrusted", "registered", "body_told",
            "proposal_received", "outcome", "concluded_on", "lawsuit_id")}
