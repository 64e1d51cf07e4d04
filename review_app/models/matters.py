"""Matters under review, their documents, clock, opinion and adoption, and decisions taken."""
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import backref, relationship

from workflows.opinion import Finding
from workflows.review import Category, Conclusion, DecisionOutcome, Stage, Status, STAGE_OF

from ..extensions import db
from .base import enum_column, timestamp


class Matter(db.Model):
    __tablename__ = "matters"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)  # the department's, copied for scoping
    category = enum_column(Category, "category", nullable=False)
    title = sa.Column(sa.String(200), nullable=False)
    summary = sa.Column(sa.Text, nullable=False, default="")
    legal_basis = sa.Column(sa.Text, nullable=False, default="")
    planned_date = sa.Column(sa.Date)          # planned decision or signing date
    counterparties = sa.Column(sa.Text, nullable=False, default="")  # agreements: 协议相对方
    contact_name = sa.Column(sa.String(40), nullable=False, default="")
    contact_phone = sa.Column(sa.String(32), nullable=False, default="")
    department_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    reviewer_id = sa.Column(sa.ForeignKey("users.id"))
    status = enum_column(Status, "status", nullable=False, default=Status.draft)
    resume_status = enum_column(Status, "resume_status")
    conclusion = enum_column(Conclusion, "conclusion")
    signed_off = sa.Column(sa.Boolean, nullable=False, default=False)
    submitted_on = sa.Column(sa.Date)          # first submitted by the department
    sent_on = sa.Column(sa.Date)               # first sent on to the decision body by the department head
    too_close = sa.Column(sa.Boolean, nullable=False, default=False)  # Decree 713 Art. 26 flag
    clock_started_on = sa.Column(sa.Date)      # received by the bureau
    period_days = sa.Column(sa.Integer)
    due_on = sa.Column(sa.Date)                # derived from the clock; NULL while paused or not started
    # Agreements: the signing date the department records, and the day the signed text was filed with the bureau
    # (local practice: within 5 working days of signing; a late filing is listed).
    signed_on = sa.Column(sa.Date)
    filing_due_on = sa.Column(sa.Date)
    filed_on = sa.Column(sa.Date)
    created_at = timestamp(nullable=False)
    updated_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        # The supplement status and its return point go together (workflows.review.ReviewState).
        sa.CheckConstraint("(status = 'awaiting_supplement') = (resume_status IS NOT NULL)",
                           name="resume_only_when_awaiting"),
        # No opinion leaves the bureau without the director's sign-off.
        sa.CheckConstraint("status NOT IN ('signed', 'issued', 'answered', 'closed') OR signed_off",
                           name="issued_only_after_sign_off"),
        sa.Index("ix_matters_district_id_id", "district_id", "id"),
        sa.Index("ix_matters_department_id_id", "department_id", "id"),
        sa.Index("ix_matters_status_id", "status", "id"),
        sa.Index("ix_matters_category_id", "category", "id"),
        sa.Index("ix_matters_due_on", "due_on"),
        # A task group (home/tasks.py) and a list filtered by status read only their own rows at a million
        # matters: the district's (decision body, directors), a department's (its clerks and head), or a
        # reviewer's, each by status.
        sa.Index("ix_matters_district_id_status_id", "district_id", "status", "id"),
        sa.Index("ix_matters_department_id_status_id", "department_id", "status", "id"),
        sa.Index("ix_matters_reviewer_id_status_due_on", "reviewer_id", "status", "due_on"),
        # Title search (LIKE '%…%') by trigrams, which pg_trgm extracts from Chinese text too under a UTF-8
        # ctype; on SQLite a plain index (migration 0016 creates the extension).
        sa.Index("ix_matters_title_trgm", "title", postgresql_using="gin",
                 postgresql_ops={"title": "gin_trgm_ops"}),
    )

    department = relationship("Organisation", lazy="joined")
    created_by = relationship("User", foreign_keys=[created_by_id])
    reviewer = relationship("User", foreign_keys=[reviewer_id])
    documents = relationship("Document", back_populates="matter", order_by="Document.id")
    exemptions = relationship("MaterialExemption", cascade="all, delete-orphan")
    pauses = relationship("ClockPause", order_by="ClockPause.id", cascade="all, delete-orphan")
    extensions = relationship("ClockExtension", order_by="ClockExtension.id", cascade="all, delete-orphan")
    opinion = relationship("Opinion", uselist=False, back_populates="matter")

    @property
    def stage(self) -> Stage:
        return STAGE_OF[self.resume_status or self.status]

    def audit_state(self) -> dict:
        return {"status": self.status, "resume_status": self.resume_status, "conclusion": self.conclusion,
                "title": self.title, "category": self.category, "planned_date": self.planned_date,
                "reviewer_id": self.reviewer_id, "due_on": self.due_on, "version": self.version}


class MaterialExemption(db.Model):
    """A required material the department does not submit, with its written reason."""
    __tablename__ = "material_exemptions"
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), primary_key=True)
    material_kind_id = sa.Column(sa.ForeignKey("material_kinds.id"), primary_key=True)
    reason = sa.Column(sa.Text, nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(reason)) > 0", name="reason_given"),)


class Document(db.Model):
    """One uploaded file version; the bytes live in the content-addressed store under `sha256`."""
    __tablename__ = "documents"
    id = sa.Column(sa.Integer, primary_key=True)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, index=True)
    material_kind_id = sa.Column(sa.ForeignKey("material_kinds.id"))
    version_no = sa.Column(sa.Integer, nullable=False)
    sha256 = sa.Column(sa.String(64), nullable=False, index=True)
    display_name = sa.Column(sa.String(160), nullable=False)
    kind = sa.Column(sa.String(8), nullable=False)
    mime = sa.Column(sa.String(100), nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    uploaded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    uploaded_at = timestamp(nullable=False)
    __table_args__ = (
        sa.UniqueConstraint("matter_id", "material_kind_id", "version_no", name="uq_documents_version"),
        sa.CheckConstraint("kind IN ('docx', 'pdf', 'xlsx', 'jpeg', 'png')", name="known_kind"),
    )

    matter = relationship(Matter, back_populates="documents")
    material_kind = relationship("MaterialKind")
    uploaded_by = relationship("User")


class PauseKind(str, Enum):
    supplement = "supplement"        # waiting for supplementary materials (补正)
    advisers = "advisers"            # an agreement waiting for its legal advisers (local practice)
    investigation = "investigation"  # an agreement under investigation (调查核实, local practice)


class ClockPause(db.Model):
    """Time that does not count against the review period: supplements for every matter; for agreements also the
    advisers' and investigation time (local practice, DESIGN.md §3)."""
    __tablename__ = "clock_pauses"
    id = sa.Column(sa.Integer, primary_key=True)
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = enum_column(PauseKind, "pause_kind", nullable=False, default=PauseKind.supplement)
    start = sa.Column(sa.Date, nullable=False)
    end = sa.Column(sa.Date)
    reason = sa.Column(sa.Text, nullable=False, default="")
    __table_args__ = (sa.CheckConstraint('"end" IS NULL OR "end" >= start', name="order"),)


class ClockExtension(db.Model):
    __tablename__ = "clock_extensions"
    id = sa.Column(sa.Integer, primary_key=True)
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), nullable=False, index=True)
    days = sa.Column(sa.Integer, nullable=False)
    reason = sa.Column(sa.Text, nullable=False)
    granted_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    granted_at = timestamp(nullable=False)
    __table_args__ = (sa.CheckConstraint("days > 0 AND length(trim(reason)) > 0", name="days_and_reason"),)


class OpinionCounter(db.Model):
    """The last opinion number a district issued in a year; locked while issuing so numbers are unique and
    gap-free within the district."""
    __tablename__ = "opinion_counters"
    district_id = sa.Column(sa.ForeignKey("districts.id"), primary_key=True)
    year = sa.Column(sa.Integer, primary_key=True)
    last = sa.Column(sa.Integer, nullable=False, default=0)


class Opinion(db.Model):
    """合法性审核意见书: a reviewer's working draft (saved as often as needed, points added from clause flags
    and advisers' comments), sent to the director for sign-off, then issued with a number."""
    __tablename__ = "opinions"
    id = sa.Column(sa.Integer, primary_key=True)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, unique=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)  # numbers run per district
    conclusion = enum_column(Conclusion, "conclusion")  # none yet in a working draft: no default is offered
    reasons = sa.Column(sa.Text, nullable=False, default="")
    # Decree 713 Art. 27: a finding and a note on authority, procedure and content (workflows.opinion).
    authority_finding = enum_column(Finding, "authority_finding")
    authority_note = sa.Column(sa.Text, nullable=False, default="")
    procedure_finding = enum_column(Finding, "procedure_finding")
    procedure_note = sa.Column(sa.Text, nullable=False, default="")
    content_finding = enum_column(Finding, "content_finding")
    content_note = sa.Column(sa.Text, nullable=False, default="")
    drafted_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    signed_by_id = sa.Column(sa.ForeignKey("users.id"))
    signed_at = sa.Column(sa.DateTime(timezone=True))
    year = sa.Column(sa.Integer)
    number = sa.Column(sa.Integer)
    issued_on = sa.Column(sa.Date)
    issued_at = sa.Column(sa.DateTime(timezone=True))  # revised drafts an adoption cites come after this moment
    docx_sha256 = sa.Column(sa.String(64))
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("district_id", "year", "number", name="uq_opinions_district_year_number"),
        sa.CheckConstraint("(number IS NULL) = (issued_on IS NULL) AND (number IS NULL) = (docx_sha256 IS NULL)",
                           name="issued_together"),
        sa.CheckConstraint("number IS NULL OR signed_by_id IS NOT NULL", name="signed_before_issue"),
        sa.CheckConstraint("signed_by_id IS NULL OR conclusion IS NOT NULL", name="concluded_before_sign_off"),
        # A lawful-if-amended opinion without points would leave nothing to amend; enforced in operations.
    )

    matter = relationship(Matter, back_populates="opinion")
    points = relationship("OpinionPoint", order_by="OpinionPoint.number", cascade="all, delete-orphan",
                          back_populates="opinion")
    drafted_by = relationship("User", foreign_keys=[drafted_by_id])
    signed_by = relationship("User", foreign_keys=[signed_by_id])

    @property
    def issued(self) -> bool:
        return self.number is not None


class OpinionPoint(db.Model):
    """修改意见: one numbered modification point, tied to a clause of the draft."""
    __tablename__ = "opinion_points"
    id = sa.Column(sa.Integer, primary_key=True)
    opinion_id = sa.Column(sa.ForeignKey("opinions.id", ondelete="CASCADE"), nullable=False)
    number = sa.Column(sa.Integer, nullable=False)
    clause = sa.Column(sa.String(80), nullable=False, default="")
    text = sa.Column(sa.Text, nullable=False)
    __table_args__ = (sa.UniqueConstraint("opinion_id", "number", name="uq_opinion_points_number"),)

    opinion = relationship(Opinion, back_populates="points")
    adoption = relationship("Adoption", uselist=False, back_populates="point")


class Adoption(db.Model):
    """采纳情况: the department's answer to one point — adopted with the revised version, or a reason."""
    __tablename__ = "adoptions"
    point_id = sa.Column(sa.ForeignKey("opinion_points.id", ondelete="CASCADE"), primary_key=True)
    adopted = sa.Column(sa.Boolean, nullable=False)
    reason = sa.Column(sa.Text, nullable=False, default="")
    revised_document_id = sa.Column(sa.ForeignKey("documents.id"))
    answered_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    answered_at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("adopted OR length(trim(reason)) > 0", name="reason_when_not_adopted"),
    )

    point = relationship(OpinionPoint, back_populates="adoption")
    revised_document = relationship(Document)


# The trigram operator class must exist before the schema is built without migrations (db.create_all).
sa.event.listen(Matter.__table__, "before_create",
                sa.DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"))


class Decision(db.Model):
    """决策事项登记: a decision actually taken; without a reviewed matter it is a coverage gap."""
    __tablename__ = "decisions"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    meeting_name = sa.Column(sa.String(120), nullable=False)
    meeting_date = sa.Column(sa.Date, nullable=False, index=True)
    title = sa.Column(sa.String(200), nullable=False)
    category = enum_column(Category, "category", nullable=False)
    department_id = sa.Column(sa.ForeignKey("organisations.id"))
    matter_id = sa.Column(sa.ForeignKey("matters.id"), unique=True)
    # The decision taken; none yet for a decision planned in the year's catalogue (Decree 713 Art. 3).
    outcome = enum_column(DecisionOutcome, "decision_outcome")
    unreviewed_reason = sa.Column(sa.Text, nullable=False, default="")
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    recorded_at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("matter_id IS NOT NULL OR length(trim(unreviewed_reason)) > 0",
                           name="reviewed_or_reason"),
        # The register's order within a district, for keyset pages and its counts; the gaps (no review) apart.
        sa.Index("ix_decisions_district_id_meeting_date_id", "district_id", "meeting_date", "id"),
        sa.Index("ix_decisions_district_id_gaps", "district_id", "meeting_date",
                 postgresql_where=sa.text("matter_id IS NULL")),
    )

    matter = relationship(Matter, backref=backref("decision", uselist=False))
    department = relationship("Organisation")
