"""The litigation-risk assessment (诉讼风险评估) of a matter at the bureau stage: each factor's likelihood and
impact with a note, the level the rules gave (workflows.risk) with their reasons, and the mitigation measures
with the bureau director's sign-off that the opinion gate asks of a high or medium level."""
import sqlalchemy as sa
from sqlalchemy.orm import backref, relationship

from workflows.litigation import Area
from workflows.risk.factors import Level

from ..extensions import db
from .base import enum_column, timestamp


class RiskAssessment(db.Model):
    __tablename__ = "risk_assessments"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    matter_id = sa.Column(sa.ForeignKey("matters.id"), nullable=False, unique=True)
    area = enum_column(Area, "litigation_area", nullable=False)  # the field the act falls in (history)
    level = enum_column(Level, "risk_level", nullable=False)
    # workflows.risk.scoring.Reason, as [{"source", "template", "params"}]: translated when shown.
    reasons = sa.Column(sa.JSON, nullable=False, default=list)
    mitigation = sa.Column(sa.Text, nullable=False, default="")  # 风险防范化解措施
    mitigation_signed_by_id = sa.Column(sa.ForeignKey("users.id"))  # the director's sign-off of the measures
    mitigation_signed_at = sa.Column(sa.DateTime(timezone=True))
    assessed_by_id = sa.Column(sa.ForeignKey("users.id"), nullable=False)
    assessed_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        sa.CheckConstraint("(mitigation_signed_by_id IS NULL) = (mitigation_signed_at IS NULL)",
                           name="signed_with_time"),
        sa.CheckConstraint("mitigation_signed_by_id IS NULL OR length(trim(mitigation)) > 0",
                           name="signed_only_measures"),
        sa.Index("ix_risk_assessments_district_id_id", "district_id", "id"),
    )

    matter = relationship("Matter", backref=backref("risk", uselist=False))
    scores = relationship("RiskFactorScore", cascade="all, delete-orphan", lazy="selectin",
                          order_by="RiskFactorScore.position")
    assessed_by = relationship("User", foreign_keys=[assessed_by_id])
    mitigation_signed_by = relationship("User", foreign_keys=[mitigation_signed_by_id])

    @property
    def mitigation_signed(self) -> bool:
        return self.mitigation_signed_by_id is not None

    def audit_state(self) -> dict:
        return {"area": self.area, "level": self.level, "mitigation": self.mitigation,
                "scores": [[s.code, s.likelihood, s.impact, s.note] for s in self.scores],
                "mitigation_signed_by_id": self.mitigation_signed_by_id}


class RiskFactorScore(db.Model):
    """One factor of the catalogue (workflows.risk.factors.FACTORS) as the reviewer rated it."""
    __tablename__ = "risk_factor_scores"
    assessment_id = sa.Column(sa.ForeignKey("risk_assessments.id", ondelete="CASCADE"), primary_key=True)
    code = sa.Column(sa.String(32), primary_key=True)
    position = sa.Column(sa.Integer, nullable=False)
    likelihood = sa.Column(sa.Integer, nullable=False)
    impact = sa.Column(sa.Integer, nullable=False)
    note = sa.Column(sa.Text, nullable=False, default="")
    __table_args__ = (
        sa.CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood_on_scale"),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name="impact_on_scale"),
    )
