"""Districts, the organisations in them and the people who work there."""
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from workflows.roles import Role

from ..extensions import db
from .base import enum_column, timestamp


class OrgKind(str, Enum):
    government_office = "government_office"  # 决策机关（区政府办公室）
    department = "department"                # 承办部门
    town = "town"                            # 镇（街道）
    justice_bureau = "justice_bureau"        # 司法局


class DistrictLevel(str, Enum):
    district = "district"  # 区（县）: its own bureau, matters, counters and settings
    city = "city"          # 市: a city justice bureau sees its districts' figures, never their drafting
    province = "province"  # 省


class District(db.Model):
    """行政区: the scope of every organisation, user, counter and district setting. One database serves a
    city or a province; each district's records stay its own."""
    __tablename__ = "districts"
    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(12), nullable=False, unique=True)  # 行政区划代码
    name = sa.Column(sa.String(60), nullable=False)
    level = enum_column(DistrictLevel, "district_level", nullable=False, default=DistrictLevel.district)
    parent_id = sa.Column(sa.ForeignKey("districts.id"), index=True)
    # Document-number prefixes printed on this district's letters (GB/T 9704), e.g. 示司审〔2026〕1号.
    opinion_prefix = sa.Column(sa.String(20), nullable=False)
    supervision_prefix = sa.Column(sa.String(20), nullable=False)
    created_at = timestamp(nullable=False)

    parent = relationship("District", remote_side=[id])

    def audit_state(self) -> dict:
        return {"code": self.code, "name": self.name, "level": self.level, "parent_id": self.parent_id,
                "opinion_prefix": self.opinion_prefix, "supervision_prefix": self.supervision_prefix}


class Organisation(db.Model):
    __tablename__ = "organisations"
    id = sa.Column(sa.Integer, primary_key=True)
    district_id = sa.Column(sa.ForeignKey("districts.id"), nullable=False)
    name = sa.Column(sa.String(120), nullable=False)
    short_name = sa.Column(sa.String(40), nullable=False)
    kind = enum_column(OrgKind, "org_kind", nullable=False)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.UniqueConstraint("district_id", "name", name="uq_organisations_district_name"),)

    district = relationship(District, lazy="joined")
    users = relationship("User", back_populates="organisation")

    def audit_state(self) -> dict:
        return {"name": self.name, "short_name": self.short_name, "kind": self.kind.value,
                "active": self.active}


class UserRole(db.Model):
    __tablename__ = "user_roles"
    user_id = sa.Column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role = enum_column(Role, "role", primary_key=True)


class User(db.Model):
    __tablename__ = "users"
    id = sa.Column(sa.Integer, primary_key=True)
    username = sa.Column(sa.String(64), nullable=False, unique=True)
    display_name = sa.Column(sa.String(80), nullable=False)
    organisation_id = sa.Column(sa.ForeignKey("organisations.id"), nullable=False, index=True)
    password_hash = sa.Column(sa.String(255), nullable=False)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    phone = sa.Column(sa.String(32))
    expert_id = sa.Column(sa.ForeignKey("experts.id"), index=True)
    totp_secret = sa.Column(sa.String(64))
    totp_enabled = sa.Column(sa.Boolean, nullable=False, default=False)
    totp_last_step = sa.Column(sa.BigInteger)  # the last accepted code's time step: a code works once
    locale = sa.Column(sa.String(8))
    # Notifications (issue 11): the channels besides the app this person receives them on, and the digest.
    notify_email = sa.Column(sa.Boolean, nullable=False, default=True, server_default=sa.true())
    notify_sms = sa.Column(sa.Boolean, nullable=False, default=True, server_default=sa.true())
    daily_digest = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    created_at = timestamp(nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    # A legal adviser account speaks for one member of the expert pool.
    __table_args__ = (
        sa.CheckConstraint("length(username) >= 3", name="username_length"),
    )

    organisation = relationship(Organisation, back_populates="users", lazy="joined")
    role_rows = relationship(UserRole, cascade="all, delete-orphan", lazy="selectin")
    expert = relationship("Expert")

    # Flask-Login protocol; the session token, not the user id, identifies a login (auth.sessions).
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active and self.organisation.active

    def get_id(self) -> str:
        return str(self.id)

    @property
    def district_id(self) -> int:
        return self.organisation.district_id

    @property
    def district(self) -> District:
        return self.organisation.district

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(r.role for r in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def needs_second_factor(self) -> bool:
        return self.has_role(Role.bureau_reviewer, Role.bureau_director, Role.admin)

    def audit_state(self) -> dict:
        return {"username": self.username, "display_name": self.display_name,
                "organisation_id": self.organisation_id, "active": self.active,
                "roles": sorted(r.value for r in self.roles), "expert_id": self.expert_id,
                "totp_enabled": self.totp_enabled}
