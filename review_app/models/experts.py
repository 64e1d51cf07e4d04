"""The government's legal-adviser pool (法律顾问专家库): the roster with its history, each member's register of
related parties, the matters' parties, the draw records, the assignments that follow them, the advisers'
opinions and the bureau's ratings.

What these rows mean for a draw (who is excluded and why, the ranking, the replay) is experts/'s to say;
review_app.experts_pool.snapshot turns the rows into its plain values.
"""
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from experts.load import AssignmentState
from experts.ratings import Veto
from experts.verify_draw import PartyRole, RecordKind, RelationKind

from ..extensions import db
from .base import enum_column, timestamp


class ExpertKind(str, Enum):
    firm = "firm"      # 律师事务所
    lawyer = "lawyer"  # 律师


class ExpertStatus(str, Enum):
    active = "active"        # 在聘
    suspended = "suspended"  # 暂停
    exited = "exited"        # 退出（专家库退出机制，Decree 713 Art. 21）


class Specialty(db.Model):
    """专业领域: the district administrator's list members choose their specialties from."""
    __tablename__ = "specialties"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    name = sa.Column(sa.String(40), nullable=False)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    __table_args__ = (sa.UniqueConstraint("district_id", "name", name="uq_specialties_district_name"),)


expert_specialties = sa.Table(
    "expert_specialties", db.metadata,
    sa.Column("expert_id", sa.ForeignKey("experts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("specialty_id", sa.ForeignKey("specialties.id"), primary_key=True))


class Expert(db.Model):
    __tablename__ = "experts"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)  # whose pool: each bureau keeps its own
    kind = enum_column(ExpertKind, "expert_kind", nullable=False)
    name = sa.Column(sa.String(120), nullable=False)
    # A lawyer's firm: a pool member (its conflicts pass to the lawyer), or only a name when it is not one.
    firm_id = sa.Column(sa.ForeignKey("experts.id"), index=True)
    firm_name = sa.Column(sa.String(120))
    licence_no = sa.Column(sa.String(40), nullable=False)  # 执业证号 / 统一社会信用代码, once per pool
    term_start = sa.Column(sa.Date, nullable=False)
    term_end = sa.Column(sa.Date, nullable=False)
    status = enum_column(ExpertStatus, "expert_status", nullable=False, default=ExpertStatus.active)
    load_cap = sa.Column(sa.Integer, nullable=False, default=3)  # maximum open assignments (experts.load)
    contact = sa.Column(sa.String(40))
    phone = sa.Column(sa.String(32))
    note = sa.Column(sa.String(255))
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    # Terms of engagement run 1 to 3 years (中办发〔2016〕30号); the end follows the start.
    __table_args__ = (sa.CheckConstraint("term_end > term_start", name="term_order"),
                      sa.CheckConstraint("load_cap >= 0", name="load_cap_non_negative"),
                      sa.CheckConstraint("firm_id IS NULL OR kind = 'lawyer'", name="only_lawyers_in_firms"),
                      sa.UniqueConstraint("district_id", "licence_no", name="uq_experts_district_licence"))

    firm = relationship("Expert", remote_side=[id])
    specialty_rows = relationship(Specialty, secondary=expert_specialties, order_by=Specialty.id,
                                  lazy="selectin")
    history = relationship("ExpertChange", order_by="ExpertChange.id", back_populates="expert")
    related_parties = relationship("RelatedPartyRow", order_by="RelatedPartyRow.id", back_populates="expert")

    @property
    def specialty_names(self) -> list[str]:
        return [s.name for s in self.specialty_rows]

    @property
    def firm_label(self) -> str:
        return self.firm.name if self.firm else (self.firm_name or "")

    def audit_state(self) -> dict:
        return {"kind": self.kind, "name": self.name, "firm_id": self.firm_id, "firm_name": self.firm_name,
                "licence_no": self.licence_no, "specialties": self.specialty_names,
                "term_start": self.term_start, "term_end": self.term_end, "status": self.status,
                "load_cap": self.load_cap, "contact": self.contact, "phone": self.phone, "note": self.note}


class ChangeKind(str, Enum):
    added = "added"
    edited = "edited"
    suspended = "suspended"
    reinstated = "reinstated"
    renewed = "renewed"
    exited = "exited"


class ExpertChange(db.Model):
    """One entry of a member's history: each status change and renewal with its reason and date."""
    __tablename__ = "expert_changes"
    id = sa.Column(sa.Integer, primary_key=True)
    expert_id = sa.Column(sa.ForeignKey("experts.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = enum_column(ChangeKind, "expert_change_kind", nullable=False)
    status = enum_column(ExpertStatus, "expert_status", nullable=False)  # the status after the change
    effective_on = sa.Column(sa.Date, nullable=False)
    reason = sa.Column(sa.Text, nullable=False, default="")
    term_end = sa.Column(sa.Date)  # a renewal's new end
    by_id = sa.Column(sa.ForeignKey("users.id"))  # None: the system (import, demo)
    at = timestamp(nullable=False)
    __table_args__ = (
        sa.CheckConstraint("kind NOT IN ('suspended', 'reinstated', 'exited', 'renewed') "
                           "OR length(trim(reason)) > 0", name="reason_for_status_change"),)

    expert = relationship(Expert, back_populates="history")
    by = relationship("User")


class EnteredBy(str, Enum):
    bureau = "bureau"  # 司法局登记
    member = "member"  # 成员自行申报


class RelatedPartyRow(db.Model):
    """关联方登记: a client represented, an opponent in litigation, an ownership or family tie of a member."""
    __tablename__ = "expert_related_parties"
    id = sa.Column(sa.Integer, primary_key=True)
    expert_id = sa.Column(sa.ForeignKey("experts.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = enum_column(RelationKind, "relation_kind", nullable=False)
    party_name = sa.Column(sa.String(120), nullable=False)
    start = sa.Column(sa.Date)
    end = sa.Column(sa.Date)
    entered_by = enum_column(EnteredBy, "entered_by", nullable=False)
    entered_by_user_id = sa.Column(sa.ForeignKey("users.id"))
    created_at = timestamp(nullable=False)
    __table_args__ = (sa.CheckConstraint('start IS NULL OR "end" IS NULL OR "end" >= start', name="order"),)

    expert = relationship(Expert, back_populates="related_parties")


class MatterParty(db.Model):
    """A matter's counterparty or affected party, one row each (conflicts are matched against these)."""
    __tablename__ = "matter_parties"
    id = sa.Column(sa.Integer, primary_key=True)
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), nullable=False, index=True)
    name = sa.Column(sa.String(120), nullable=False)
    role = enum_column(PartyRole, "party_role", nullable=False)
    __table_args__ = (sa.UniqueConstraint("matter_id", "name", "role", name="uq_matter_parties_name_role"),)


class MatterDrafter(db.Model):
    """A pool member that took part in drafting the matter: never drawn for it (回避)."""
    __tablename__ = "matter_drafters"
    matter_id = sa.Column(sa.ForeignKey("matters.id", ondelete="CASCADE"), primary_key=True)
    expert_id = sa.Column(sa.ForeignKey("experts.id"), primary_key=True)


class DrawRecord(db.Model):
    """抽取记录: one draw, designation or re-draw, stored field by field as experts.verify_draw defines it, so
    that `flask experts replay-draw` and the standalone verifier recompute it from this row alone."""
    __tablename__ = "draw_records"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, index=True)
    record_no = sa.Column(sa.String(40), nullable=False, unique=True)  # the record_id the hashes commit to
    kind = enum_column(RecordKind, "draw_kind", nullable=False)
    reason = sa.Column(sa.Text, nullable=False, default="")
    previous_id = sa.Column(sa.ForeignKey("draw_records.id"))  # the record a re-draw replaces
    requested_by_id = sa.Column(sa.ForeignKey("users.id"))
    drawn_at = timestamp(nullable=False)
    seed = sa.Column(sa.String(64))  # hex; None for a designation
    seed_hash = sa.Column(sa.String(64))
    snapshot_hash = sa.Column(sa.String(64), nullable=False)
    rules_version = sa.Column(sa.String(40), nullable=False)
    snapshot = sa.Column(sa.JSON, nullable=False)
    exclusions = sa.Column(sa.JSON, nullable=False)  # each with its reason code and matching rows
    ranking = sa.Column(sa.JSON, nullable=False)
    picks = sa.Column(sa.JSON, nullable=False)
    alternates = sa.Column(sa.JSON, nullable=False)
    shortfall = sa.Column(sa.String(20))
    __table_args__ = (
        sa.CheckConstraint("kind = 'draw' OR length(trim(reason)) > 0", name="designation_has_reason"),
        sa.CheckConstraint("previous_id IS NULL OR length(trim(reason)) > 0", name="redraw_has_reason"),
        sa.CheckConstraint("(kind = 'draw') = (seed IS NOT NULL)", name="seed_only_for_draws"),
    )

    matter = relationship("Matter")
    requested_by = relationship("User")
    previous = relationship("DrawRecord", remote_side=[id])

    def record_json(self) -> dict:
        """The record as experts.verify_draw.DrawRecord.to_json gives it (what replay and export read)."""
        return {"snapshot": self.snapshot, "snapshot_hash": self.snapshot_hash, "seed": self.seed,
                "seed_hash": self.seed_hash, "rules_version": self.rules_version,
                "exclusions": self.exclusions, "ranking": self.ranking, "picks": self.picks,
                "alternates": self.alternates, "shortfall": self.shortfall}


class Assignment(db.Model):
    """指派: one member invited for one matter from a draw record; states as experts.load defines them."""
    __tablename__ = "adviser_assignments"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, index=True)
    expert_id = sa.Column(sa.ForeignKey("experts.id"), nullable=False, index=True)
    draw_id = sa.Column(sa.ForeignKey("draw_records.id"), nullable=False, index=True)
    state = enum_column(AssignmentState, "assignment_state", nullable=False, default=AssignmentState.invited)
    invited_on = sa.Column(sa.Date, nullable=False)
    accept_due = sa.Column(sa.Date, nullable=False)  # acceptance deadline (working days, a district setting)
    answered_at = sa.Column(sa.DateTime(timezone=True))
    no_conflict_declared_at = sa.Column(sa.DateTime(timezone=True))  # before any material opens
    answer_reason = sa.Column(sa.Text, nullable=False, default="")  # a decline's or a conflict's reason
    opinion_due = sa.Column(sa.Date)  # set on acceptance
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("draw_id", "expert_id", name="uq_adviser_assignments_draw_expert"),
        sa.CheckConstraint("state NOT IN ('declined', 'conflict_declared') "
                           "OR length(trim(answer_reason)) > 0", name="reason_when_refused"),
        sa.CheckConstraint("state NOT IN ('accepted', 'submitted', 'rated') "
                           "OR no_conflict_declared_at IS NOT NULL", name="no_conflict_before_work"),
        sa.Index("ix_adviser_assignments_state_accept_due", "state", "accept_due"),
        # A district's assignments in one state: the opinions awaiting a rating on a reviewer's home page.
        sa.Index("ix_adviser_assignments_district_id_state", "district_id", "state"),
    )

    matter = relationship("Matter")
    expert = relationship(Expert)
    draw = relationship(DrawRecord)
    opinion = relationship("AdviserOpinion", uselist=False, back_populates="assignment")
    rating = relationship("AdviserRating", uselist=False, back_populates="assignment")

    def audit_state(self) -> dict:
        return {"matter_id": self.matter_id, "expert_id": self.expert_id, "state": self.state,
                "accept_due": self.accept_due, "opinion_due": self.opinion_due,
                "answer_reason": self.answer_reason}


class AdviserOpinionStatus(str, Enum):
    draft = "draft"
    submitted = "submitted"


class AdviserOpinion(db.Model):
    """法律顾问意见: the adviser's written opinion on the matter; fixed and attributed once submitted."""
    __tablename__ = "adviser_opinions"
    id = sa.Column(sa.Integer, primary_key=True)
    assignment_id = sa.Column(sa.ForeignKey("adviser_assignments.id"), nullable=False, unique=True)
    status = enum_column(AdviserOpinionStatus, "adviser_opinion_status", nullable=False,
                         default=AdviserOpinionStatus.draft)
    overall = sa.Column(sa.Text, nullable=False, default="")      # 总体意见
    risk_notes = sa.Column(sa.Text, nullable=False, default="")   # 风险提示
    legal_basis = sa.Column(sa.Text, nullable=False, default="")  # 法律依据
    written_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    submitted_on = sa.Column(sa.Date)
    submitted_at = sa.Column(sa.DateTime(timezone=True))
    updated_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("(status = 'submitted') = (submitted_at IS NOT NULL AND submitted_on IS NOT NULL)",
                           name="submitted_with_time"),
        sa.CheckConstraint("status = 'draft' OR length(trim(overall)) > 0", name="overall_when_submitted"),
    )

    assignment = relationship(Assignment, back_populates="opinion")
    written_by = relationship("User")
    comments = relationship("AdviserComment", order_by="AdviserComment.number", cascade="all, delete-orphan",
                            back_populates="opinion")

    @property
    def submitted(self) -> bool:
        return self.status is AdviserOpinionStatus.submitted


class AdviserComment(db.Model):
    """逐条意见: one comment tied to a clause of the draft; `point_id` once the bureau pulled it into its
    own opinion (counts as adopted in the annual assessment)."""
    __tablename__ = "adviser_comments"
    id = sa.Column(sa.Integer, primary_key=True)
    opinion_id = sa.Column(sa.ForeignKey("adviser_opinions.id", ondelete="CASCADE"), nullable=False,
                           index=True)
    number = sa.Column(sa.Integer, nullable=False)
    clause = sa.Column(sa.String(80), nullable=False, default="")
    text = sa.Column(sa.Text, nullable=False)
    point_id = sa.Column(sa.ForeignKey("opinion_points.id", ondelete="SET NULL"))
    __table_args__ = (sa.UniqueConstraint("opinion_id", "number", name="uq_adviser_comments_number"),)

    opinion = relationship(AdviserOpinion, back_populates="comments")


class AdviserRating(db.Model):
    """评分: the bureau's 0-100 scores of one submitted opinion (experts.ratings weighs them)."""
    __tablename__ = "adviser_ratings"
    assignment_id = sa.Column(sa.ForeignKey("adviser_assignments.id"), primary_key=True)
    timeliness = sa.Column(sa.Integer, nullable=False)
    quality = sa.Column(sa.Integer, nullable=False)
    adoption = sa.Column(sa.Integer, nullable=False)
    note = sa.Column(sa.Text, nullable=False, default="")
    rated_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    rated_on = sa.Column(sa.Date, nullable=False)
    __table_args__ = (
        sa.CheckConstraint("timeliness BETWEEN 0 AND 100 AND quality BETWEEN 0 AND 100 "
                           "AND adoption BETWEEN 0 AND 100", name="scores_in_range"),)

    assignment = relationship(Assignment, back_populates="rating")
    rated_by = relationship("User")


class ExpertFinding(db.Model):
    """A finding against a member in a year that vetoes its annual grade (一票否决)."""
    __tablename__ = "expert_findings"
    id = sa.Column(sa.Integer, primary_key=True)
    expert_id = sa.Column(sa.ForeignKey("experts.id", ondelete="CASCADE"), nullable=False, index=True)
    year = sa.Column(sa.Integer, nullable=False)
    veto = enum_column(Veto, "expert_veto", nullable=False)
    note = sa.Column(sa.Text, nullable=False)
    recorded_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    recorded_at = timestamp(nullable=False)
    __table_args__ = (sa.CheckConstraint("length(trim(note)) > 0", name="note_given"),)

    expert = relationship(Expert)
