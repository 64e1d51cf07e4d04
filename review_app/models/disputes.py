"""The district's litigation records (行政应诉, 全过程备案): lawsuits against its bodies, their hearings with who
appeared, the course of each case, and the bureau's task force member responsible for each unit's cases.

What the law makes of these rows (deadlines, losses, late filings, missed appearances, rates) is
workflows.litigation's and workflows.rates' to say; review_app.disputes.facts turns rows into their values.
"""
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.litigation import Appearance, Area, Instance, Outcome

from ..extensions import db
from .base import enum_column, timestamp


class NoteKind(str, Enum):
    resolution = "resolution"                    # 化解工作
    suggestion_received = "suggestion_received"  # 司法建议、检察建议 received
    suggestion_answered = "suggestion_answered"
    execution = "execution"                      # the effective judgment carried out
    other = "other"


class TaskForceMember(db.Model):
    """工作专班: the bureau's member responsible for one unit's cases (the justice office head for a town or
    street, a bureau lawyer for a department); the bureau keeps this table as a setting."""
    __tablename__ = "task_force_members"
    organisation_id = sa.Column(sa.ForeignKey("organisations.id"), primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False, index=True)
    user_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}

    organisation = relationship("Organisation", lazy="joined")
    user = relationship("User", lazy="joined")


class Lawsuit(db.Model):
    """One case number at one instance against a district body (the defendant), filed with the bureau."""
    __tablename__ = "lawsuits"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    # The body sued: the unit its figures count for.
    defendant_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)
    co_defendants = sa.Column(sa.String(300), nullable=False, default="")  # names separated by 、
    court = sa.Column(sa.String(120), nullable=False)
    instance = enum_column(Instance, "lawsuit_instance", nullable=False, default=Instance.first)
    case_no = sa.Column(sa.String(60), nullable=False)  # 案号, e.g. (2026)黔0102行初123号
    plaintiff = sa.Column(sa.String(200), nullable=False)
    act = sa.Column(sa.String(300), nullable=False)  # the act challenged (被诉行政行为)
    area = enum_column(Area, "litigation_area", nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), index=True)  # the reviewed matter behind the act
    demolition_case_id = sa.Column(sa.ForeignKey("demolition_cases.id"), index=True)
    complaint_received = sa.Column(sa.Date, nullable=False)  # the complaint copy (起诉状副本) received
    filed_with_bureau = sa.Column(sa.Date)   # 备案
    defence_submitted = sa.Column(sa.Date)   # 答辩状及证据
    outcome = enum_column(Outcome, "lawsuit_outcome")
    outcome_on = sa.Column(sa.Date)          # judgment or ruling: concluded (审结)
    outcome_served = sa.Column(sa.Date)
    resolved_in_suit = sa.Column(sa.Boolean, nullable=False, default=False)  # 诉中化解
    # The grounds of a loss as legality factor codes (workflows.risk.factors): what the review under-rated.
    loss_grounds = sa.Column(sa.JSON, nullable=False, default=list)
    appealed_on = sa.Column(sa.Date)
    executed_on = sa.Column(sa.Date)         # the effective judgment carried out
    loss_report_submitted = sa.Column(sa.Date)
    task_force_member_id = sa.Column(sa.ForeignKey("users.id"))
    # 败诉风险案件: marked by the bureau, its one-case-one-plan analysis reported to the deputy district head.
    at_risk = sa.Column(sa.Boolean, nullable=False, default=False)
    risk_plan = sa.Column(sa.Text, nullable=False, default="")
    risk_reported_on = sa.Column(sa.Date)
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("district_id", "case_no", name="uq_lawsuits_case_no"),
        sa.CheckConstraint("(outcome IS NULL) = (outcome_on IS NULL)", name="outcome_with_date"),
        sa.CheckConstraint("outcome_on IS NULL OR outcome_on >= complaint_received",
                           name="outcome_after_receipt"),
        sa.CheckConstraint("outcome_served IS NULL OR outcome_on IS NOT NULL", name="served_after_outcome"),
        sa.CheckConstraint("NOT resolved_in_suit OR outcome IN ('withdrawal_allowed', 'mediated')",
                           name="resolved_by_withdrawal_or_mediation"),
        sa.Index("ix_lawsuits_district_id_id", "district_id", "id"),
        sa.Index("ix_lawsuits_defendant_id_id", "defendant_id", "id"),
    )

    defendant = relationship("Organisation", lazy="joined")
    matter = relationship("Matter")
    demolition_case = relationship("DemolitionCase")
    task_force_member = relationship("User", foreign_keys=[task_force_member_id])
    created_by = relationship("User", foreign_keys=[created_by_id])
    hearings = relationship("Hearing", order_by="(Hearing.day, Hearing.id)", back_populates="lawsuit",
                            lazy="selectin")
    notes = relationship("LawsuitNote", order_by="(LawsuitNote.day, LawsuitNote.id)", lazy="selectin")
    meetings = relationship("RiskMeeting", order_by="(RiskMeeting.day, RiskMeeting.id)", lazy="selectin")
    loss_report = relationship("LossReport", uselist=False, back_populates="lawsuit", lazy="selectin")
    referrals = relationship("AccountabilityReferral", order_by="AccountabilityReferral.id", lazy="selectin")

    def audit_state(self) -> dict:
        return {"defendant_id": self.defendant_id, "co_defendants": self.co_defendants, "court": self.court,
                "instance": self.instance, "case_no": self.case_no, "plaintiff": self.plaintiff,
                "act": self.act, "area": self.area, "matter_id": self.matter_id,
                "demolition_case_id": self.demolition_case_id, "complaint_received": self.complaint_received,
                "filed_with_bureau": self.filed_with_bureau, "defence_submitted": self.defence_submitted,
                "outcome": self.outcome, "outcome_on": self.outcome_on, "outcome_served": self.outcome_served,
                "resolved_in_suit": self.resolved_in_suit, "loss_grounds": list(self.loss_grounds or ()),
                "appealed_on": self.appealed_on,
                "executed_on": self.executed_on, "loss_report_submitted": self.loss_report_submitted,
                "task_force_member_id": self.task_force_member_id, "at_risk": self.at_risk,
                "risk_plan": self.risk_plan, "risk_reported_on": self.risk_reported_on}


class Hearing(db.Model):
    """One hearing (开庭) of a lawsuit: scheduled with its day and court room; after it, who appeared for the
    body and, when the head did not, the written reason (Litigation Law Art. 3)."""
    __tablename__ = "hearings"
    id = sa.Column(sa.Integer, primary_key=True)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), nullable=False, index=True)
    day = sa.Column(sa.Date, nullable=False)
    time = sa.Column(sa.Time)
    court_room = sa.Column(sa.String(80), nullable=False, default="")
    scheduled_on = sa.Column(sa.Date, nullable=False)  # the day it was entered: the reminder runs from it
    appearance = enum_column(Appearance, "hearing_appearance")  # NULL until the hearing is recorded
    appeared_names = sa.Column(sa.String(200), nullable=False, default="")  # who stood for the body
    written_reason = sa.Column(sa.Text, nullable=False, default="")
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.Index("ix_hearings_day", "day"),)

    lawsuit = relationship(Lawsuit, back_populates="hearings")

    def audit_state(self) -> dict:
        return {"day": self.day, "time": self.time, "court_room": self.court_room,
                "appearance": self.appearance, "appeared_names": self.appeared_names,
                "written_reason": self.written_reason}


class LawsuitNote(db.Model):
    """The rest of the course as filed: resolution attempts, judicial or procuratorial suggestions received
    and answered, execution steps; each dated, in words."""
    __tablename__ = "lawsuit_notes"
    id = sa.Column(sa.Integer, primary_key=True)
    lawsuit_id = sa.Column(sa.ForeignKey("lawsuits.id"), nullable=False, index=True)
    kind = enum_column(NoteKind, "lawsuit_note_kind", nullable=False)
    day = sa.Column(sa.Date, nullable=False)
    text = sa.Column(sa.Text, nullable=False)
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    recorded_at = timestamp(nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(text)) > 0", name="text_given"),)
