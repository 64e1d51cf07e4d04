"""The demolition pre-check ledger (房屋拆除控增量摸底台账): the cases a town/street or department plans to
demolish by force, their parties, the procedure steps recorded with their evidence, the party's
reconsiderations and lawsuits, and the bureau's rule-of-law supervision letters (法治督察函) with replies.

What the law makes of these rows (ready or not, what is missing, from which day) is workflows.demolition's to
say; review_app.demolition.facts turns the rows into its CaseFacts.
"""
import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.demolition import ChallengeKind, ChallengeOutcome, StepKind, Track

from ..extensions import db
from .base import enum_column, timestamp

DOCUMENT_KINDS = "kind IN ('docx', 'pdf', 'xlsx', 'jpeg', 'png')"


class DemolitionCase(db.Model):
    """拟强制拆除房屋台账条目: one house planned for forced demolition, kept by the body responsible for it."""
    __tablename__ = "demolition_cases"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    organisation_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)  # 镇(街道) or department
    project = sa.Column(sa.String(200), nullable=False)  # 项目名称
    track = enum_column(Track, "demolition_track", nullable=False)  # 拆除类型
    address = sa.Column(sa.String(200), nullable=False)  # 房屋坐落
    building_area = sa.Column(sa.Numeric(12, 2))  # 建筑面积(㎡)
    enforcing_body = sa.Column(sa.String(120), nullable=False, default="")  # 执法主体
    planned_on = sa.Column(sa.Date)  # 拟拆除时间
    executed_on = sa.Column(sa.Date)
    executed_time = sa.Column(sa.Time)  # local time of day, when known (Coercion Law Art. 43: not at night)
    # Whether the gate was open on the day of execution, as the ledger stood when it was recorded; kept so the
    # case stays on the board as executed unlawfully whatever is recorded later.
    executed_lawfully = sa.Column(sa.Boolean)
    execution_problems = sa.Column(sa.Text, nullable=False, default="")
    note = sa.Column(sa.Text, nullable=False, default="")  # 备注
    last_progress_on = sa.Column(sa.Date, nullable=False)  # entered, a step or a reply recorded
    created_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    created_at = timestamp(nullable=False)
    updated_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("building_area IS NULL OR building_area > 0", name="area_positive"),
        sa.CheckConstraint("(executed_on IS NULL) = (executed_lawfully IS NULL)",
                           name="executed_with_verdict"),
        sa.CheckConstraint("executed_time IS NULL OR executed_on IS NOT NULL", name="time_with_day"),
        sa.Index("ix_demolition_cases_district_id_id", "district_id", "id"),
        sa.Index("ix_demolition_cases_organisation_id_id", "organisation_id", "id"),
    )

    organisation = relationship("Organisation", lazy="joined")
    created_by = relationship("User")
    parties = relationship("DemolitionParty", order_by="DemolitionParty.position",
                           cascade="all, delete-orphan", lazy="selectin")
    steps = relationship("ProcedureStep", order_by="(ProcedureStep.done_on, ProcedureStep.id)",
                         back_populates="case", lazy="selectin")
    challenges = relationship("DemolitionChallenge", order_by="DemolitionChallenge.id", back_populates="case",
                              lazy="selectin")
    letters = relationship("SupervisionLetter", order_by="SupervisionLetter.id", back_populates="case",
                           lazy="selectin")

    @property
    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]

    def audit_state(self) -> dict:
        return {"organisation_id": self.organisation_id, "project": self.project, "track": self.track,
                "address": self.address, "parties": self.party_names,
                "building_area": None if self.building_area is None else str(self.building_area),
                "enforcing_body": self.enforcing_body, "planned_on": self.planned_on, "note": self.note}


class DemolitionParty(db.Model):
    """当事人: one person or organisation whose house it is, in the order the ledger lists them."""
    __tablename__ = "demolition_parties"
    case_id = sa.Column(sa.ForeignKey("demolition_cases.id", ondelete="CASCADE"), primary_key=True)
    position = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(80), nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(name)) > 0", name="name_given"),)


class ProcedureStep(db.Model):
    """执法程序节点: one statutory step as recorded, with its document. Steps are never edited: a document issued
    anew is recorded again, and the latest of a kind counts (workflows.demolition.timing.latest_steps)."""
    __tablename__ = "procedure_steps"
    id = sa.Column(sa.Integer, primary_key=True)
    case_id = sa.Column(sa.ForeignKey("demolition_cases.id"), nullable=False, index=True)
    kind = enum_column(StepKind, "step_kind", nullable=False)
    done_on = sa.Column(sa.Date, nullable=False)  # the day of service, or the day it was done
    document_no = sa.Column(sa.String(60), nullable=False, default="")  # 文书编号
    deadline = sa.Column(sa.Date)  # the last day the document gives the party to act
    told_of_remedies = sa.Column(sa.Boolean, nullable=False, default=False)  # 告知复议、诉讼的途径和期限
    note = sa.Column(sa.Text, nullable=False, default="")
    reply_id = sa.Column(sa.ForeignKey("supervision_replies.id"), index=True)  # reported in this reply
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    recorded_at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("deadline IS NULL OR deadline >= done_on", name="deadline_after_day"),
    )

    case = relationship(DemolitionCase, back_populates="steps")
    documents = relationship("DemolitionDocument", order_by="DemolitionDocument.id", lazy="selectin",
                             primaryjoin="DemolitionDocument.step_id == ProcedureStep.id")
    recorded_by = relationship("User")

    def audit_state(self) -> dict:
        return {"kind": self.kind, "done_on": self.done_on, "document_no": self.document_no,
                "deadline": self.deadline, "told_of_remedies": self.told_of_remedies, "note": self.note,
                "reply_id": self.reply_id}


class DemolitionChallenge(db.Model):
    """A reconsideration or lawsuit the party brought against one of the case's decisions; it closes the gate
    until it ends (Coercion Law Art. 44, 53)."""
    __tablename__ = "demolition_challenges"
    id = sa.Column(sa.Integer, primary_key=True)
    case_id = sa.Column(sa.ForeignKey("demolition_cases.id"), nullable=False, index=True)
    kind = enum_column(ChallengeKind, "challenge_kind", nullable=False)
    against = enum_column(StepKind, "step_kind", nullable=False)
    filed_on = sa.Column(sa.Date, nullable=False)
    case_no = sa.Column(sa.String(60), nullable=False, default="")  # 案号
    ended_on = sa.Column(sa.Date)  # the decision served (reconsideration) or the judgment in force (lawsuit)
    outcome = enum_column(ChallengeOutcome, "challenge_outcome")
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    recorded_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("(ended_on IS NULL) = (outcome IS NULL)", name="ended_with_outcome"),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= filed_on", name="ends_after_filing"),
    )

    case = relationship(DemolitionCase, back_populates="challenges")

    def audit_state(self) -> dict:
        return {"kind": self.kind, "against": self.against, "filed_on": self.filed_on,
                "case_no": self.case_no, "ended_on": self.ended_on, "outcome": self.outcome}


class SupervisionLetter(db.Model):
    """法治督察函: numbered per district and year (X司督〔2026〕N号), addressed to the body responsible for the
    case, with the date its written reply is due; fixed once issued (its .docx hash is recorded)."""
    __tablename__ = "supervision_letters"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    case_id = sa.Column(sa.ForeignKey("demolition_cases.id"), nullable=False, index=True)
    organisation_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False)  # 主送: who must reply
    year = sa.Column(sa.Integer, nullable=False)
    number = sa.Column(sa.Integer, nullable=False)
    issued_on = sa.Column(sa.Date, nullable=False)
    reply_due_on = sa.Column(sa.Date, nullable=False)
    findings = sa.Column(sa.Text, nullable=False)  # what the bureau found (the alerts and missing steps)
    requirements = sa.Column(sa.Text, nullable=False)  # what the body must do
    copies_to = sa.Column(sa.String(200), nullable=False, default="")  # 抄送, names separated by 、
    docx_sha256 = sa.Column(sa.String(64), nullable=False)
    issued_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    issued_at = timestamp(nullable=False)
    answered_on = sa.Column(sa.Date)  # the first reply; the letter is outstanding until then
    __table_args__ = (
        sa.UniqueConstraint("district_id", "year", "number", name="uq_supervision_letters_number"),
        sa.CheckConstraint("reply_due_on > issued_on", name="reply_due_after_issue"),
        sa.Index("ix_supervision_letters_district_id_id", "district_id", "id"),
        sa.Index("ix_supervision_letters_organisation_id_id", "organisation_id", "id"),
        # The overdue list and the reminder job (issue 11): unanswered letters by due date.
        sa.Index("ix_supervision_letters_outstanding", "answered_on", "reply_due_on"),
    )

    case = relationship(DemolitionCase, back_populates="letters")
    organisation = relationship("Organisation", lazy="joined")
    issued_by = relationship("User")
    replies = relationship("SupervisionReply", order_by="SupervisionReply.id", back_populates="letter",
                           lazy="selectin")

    def audit_state(self) -> dict:
        return {"case_id": self.case_id, "organisation_id": self.organisation_id, "year": self.year,
                "number": self.number, "issued_on": self.issued_on, "reply_due_on": self.reply_due_on,
                "copies_to": self.copies_to, "sha256": self.docx_sha256}


class SupervisionReply(db.Model):
    """The body's written reply to a letter: what it did, with the steps it reports (each with evidence)."""
    __tablename__ = "supervision_replies"
    id = sa.Column(sa.Integer, primary_key=True)
    letter_id = sa.Column(sa.ForeignKey("supervision_letters.id"), nullable=False, index=True)
    replied_on = sa.Column(sa.Date, nullable=False)
    text = sa.Column(sa.Text, nullable=False)
    submitted_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    submitted_at = timestamp(nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(text)) > 0", name="text_given"),)

    letter = relationship(SupervisionLetter, back_populates="replies")
    steps = relationship(ProcedureStep, order_by=ProcedureStep.id, lazy="selectin")
    documents = relationship("DemolitionDocument", order_by="DemolitionDocument.id", lazy="selectin",
                             primaryjoin="DemolitionDocument.reply_id == SupervisionReply.id")
    submitted_by = relationship("User")


class DemolitionDocument(db.Model):
    """Evidence of a step, or the scanned reply letter; the bytes live in the content-addressed store."""
    __tablename__ = "demolition_documents"
    id = sa.Column(sa.Integer, primary_key=True)
    case_id = sa.Column(sa.ForeignKey("demolition_cases.id"), nullable=False, index=True)
    step_id = sa.Column(sa.ForeignKey("procedure_steps.id"), index=True)
    reply_id = sa.Column(sa.ForeignKey("supervision_replies.id"), index=True)
    sha256 = sa.Column(sa.String(64), nullable=False, index=True)
    display_name = sa.Column(sa.String(160), nullable=False)
    kind = sa.Column(sa.String(8), nullable=False)
    mime = sa.Column(sa.String(100), nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    uploaded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    uploaded_at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("(step_id IS NULL) <> (reply_id IS NULL)", name="step_or_reply"),
        sa.CheckConstraint(DOCUMENT_KINDS, name="known_kind"),
    )
