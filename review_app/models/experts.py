"""Members of the government's legal-adviser pool (法律顾问专家库)."""
from enum import Enum

import sqlalchemy as sa

from ..extensions import db
from .base import enum_column, timestamp


class ExpertKind(str, Enum):
    firm = "firm"      # 律师事务所
    lawyer = "lawyer"  # 律师


class ExpertStatus(str, Enum):
    active = "active"        # 在聘
    suspended = "suspended"  # 暂停
    exited = "exited"        # 退出（专家库退出机制，Decree 713 Art. 21）


class Expert(db.Model):
    __tablename__ = "experts"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)  # whose pool: each bureau keeps its own
    kind = enum_column(ExpertKind, "expert_kind", nullable=False)
    name = sa.Column(sa.String(120), nullable=False)
    firm_name = sa.Column(sa.String(120))
    licence_no = sa.Column(sa.String(40), nullable=False)  # 执业证号 / 统一社会信用代码, once per pool
    specialties = sa.Column(sa.String(255), nullable=False, default="")
    term_start = sa.Column(sa.Date, nullable=False)
    term_end = sa.Column(sa.Date, nullable=False)
    status = enum_column(ExpertStatus, "expert_status", nullable=False, default=ExpertStatus.active)
    contact = sa.Column(sa.String(40))
    phone = sa.Column(sa.String(32))
    note = sa.Column(sa.String(255))
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    # Terms of engagement run 1 to 3 years (中办发〔2016〕30号); the end follows the start.
    __table_args__ = (sa.CheckConstraint("term_end > term_start", name="term_order"),
                      sa.UniqueConstraint("district_id", "licence_no", name="uq_experts_district_licence"))
