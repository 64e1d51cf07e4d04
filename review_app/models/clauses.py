"""Clause flags (#12): each draft version read into its clauses, the flags the rules raise on them, and what the
bureau decided about each flag."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.clause_rules import FlagCategory, Level
from workflows.clauses import ClauseKind
from workflows.review import Category

from ..extensions import db
from .base import enum_column, timestamp
from .matters import Document


class FlagDecision(str, enum.Enum):
    accepted = "accepted"    # turned into a modification point of the opinion
    dismissed = "dismissed"  # not a problem here, with the reviewer's reason


class ClauseReading(db.Model):
    """One draft version (.docx) as read: split into clauses and, unless its category has no rules, flagged."""
    __tablename__ = "clause_readings"
    document_id = sa.Column(sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, index=True)
    category = enum_column(Category, "category")  # the rules read for; NULL: none (an opinion request)
    # The version before this one, whose flags were paired with this one's (resolved or continued).
    previous_document_id = sa.Column(sa.ForeignKey("documents.id"))
    warnings = sa.Column(sa.JSON, nullable=False, default=list)  # workflows.clauses.SplitWarning, as dicts
    read_at = timestamp(nullable=False)

    document = relationship(Document, foreign_keys=[document_id])
    clauses = relationship("DraftClause", order_by="DraftClause.position", cascade="all, delete-orphan",
                           back_populates="reading")
    flags = relationship("ClauseFlag", order_by="ClauseFlag.position", cascade="all, delete-orphan",
                         back_populates="reading", foreign_keys="ClauseFlag.document_id")


class DraftClause(db.Model):
    """One clause of a draft version, as workflows.clauses.split reads it."""
    __tablename__ = "draft_clauses"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    document_id = sa.Column(sa.ForeignKey("clause_readings.document_id", ondelete="CASCADE"), nullable=False)
    position = sa.Column(sa.Integer, nullable=False)  # order in the draft
    kind = enum_column(ClauseKind, "kind", nullable=False)
    number = sa.Column(sa.Integer, nullable=False)  # 0 for the preamble and appendices
    label = sa.Column(sa.String(40), nullable=False)  # 第五条, 附件1, 序言
    chapter = sa.Column(sa.String(200), nullable=False, default="")
    section = sa.Column(sa.String(200), nullable=False, default="")
    text = sa.Column(sa.Text, nullable=False)
    items = sa.Column(sa.JSON, nullable=False, default=list)  # [{number, label, text, start, end}]
    __table_args__ = (sa.UniqueConstraint("document_id", "position", name="uq_draft_clauses_position"),)

    reading = relationship(ClauseReading, back_populates="clauses")


class ClauseFlag(db.Model):
    """A rule that fired on a clause of one draft version (workflows.clause_flags.Flag), and the bureau's
    decision on it: accepted as a modification point, or dismissed with a reason. A newer version's flag that
    continues this one carries the decision; one that no longer applies records the version that resolved it."""
    __tablename__ = "clause_flags"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, index=True)
    document_id = sa.Column(sa.ForeignKey("clause_readings.document_id", ondelete="CASCADE"), nullable=False,
                            index=True)
    clause_id = sa.Column(sa.ForeignKey("draft_clauses.id", ondelete="CASCADE"), nullable=False, index=True)
    position = sa.Column(sa.Integer, nullable=False)
    rule_id = sa.Column(sa.String(64), nullable=False)
    category = enum_column(FlagCategory, "flag_category", nullable=False)
    level = enum_column(Level, "level", nullable=False)
    refers = sa.Column(sa.Boolean, nullable=False)  # only points to a higher law's measure: a 低 note
    article = sa.Column(sa.Text, nullable=False)
    item = sa.Column(sa.Integer)  # index into the clause's items
    location = sa.Column(sa.String(80), nullable=False)  # 第五条, 第五条第（二）项
    spans = sa.Column(sa.JSON, nullable=False)  # [[start, end], …] in the clause text
    words = sa.Column(sa.JSON, nullable=False)
    point = sa.Column(sa.Text, nullable=False)  # the suggested modification point
    fingerprint = sa.Column(sa.String(16), nullable=False)
    continues_id = sa.Column(sa.ForeignKey("clause_flags.id"), index=True)  # the previous version's flag
    resolved_in_id = sa.Column(sa.ForeignKey("documents.id"))  # the later version where it no longer applies
    decision = enum_column(FlagDecision, "decision")
    carried = sa.Column(sa.Boolean, nullable=False, default=False)  # decision taken on an earlier version
    reason = sa.Column(sa.Text, nullable=False, default="")
    decided_by_id = sa.Column(sa.ForeignKey("users.id"))
    decided_at = sa.Column(sa.DateTime(timezone=True))
    # The opinion the accepted point went into, and the point itself: saving the working draft rewrites its
    # points (review.operations), which clears point_id; the number the point had is kept.
    opinion_id = sa.Column(sa.ForeignKey("opinions.id", ondelete="SET NULL"))
    point_id = sa.Column(sa.ForeignKey("opinion_points.id", ondelete="SET NULL"))
    point_number = sa.Column(sa.Integer)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.UniqueConstraint("document_id", "position", name="uq_clause_flags_position"),
        sa.CheckConstraint("(decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by_id IS NULL)",
                           name="decided_together"),
        sa.CheckConstraint("COALESCE(decision, '') <> 'dismissed' OR length(trim(reason)) > 0",
                           name="reason_when_dismissed"),
        sa.CheckConstraint("(COALESCE(decision, '') = 'accepted') = (point_number IS NOT NULL)",
                           name="point_when_accepted"),
        sa.CheckConstraint("decision IS NOT NULL OR NOT carried", name="carried_decision"),
        sa.Index("ix_clause_flags_district_id_rule_id", "district_id", "rule_id"),
    )

    reading = relationship(ClauseReading, back_populates="flags", foreign_keys=[document_id])
    clause = relationship(DraftClause)
    matter = relationship("Matter")
    decided_by = relationship("User")
