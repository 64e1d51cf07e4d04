"""Administrator-maintained tables: numbers of the rules, the holiday calendar, required materials."""
import sqlalchemy as sa

from workflows.review import Category

from ..extensions import db
from .base import enum_column


class Setting(db.Model):
    """One configurable number of the rules (review periods, minimum notice …) as a district set it; a
    district without a row uses the default in review_app.rules."""
    __tablename__ = "settings"
    district_id = sa.Column(sa.ForeignKey("districts.id"), primary_key=True)
    key = sa.Column(sa.String(64), primary_key=True)
    value = sa.Column(sa.Integer, nullable=False)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.CheckConstraint("value >= 0", name="non_negative"),)


class CalendarDay(db.Model):
    """An official holiday or swapped workday (调休) entered by the administrator, for years the
    chinese_calendar package does not know or to correct it."""
    __tablename__ = "calendar_days"
    day = sa.Column(sa.Date, primary_key=True)
    is_workday = sa.Column(sa.Boolean, nullable=False)
    note = sa.Column(sa.String(80), nullable=False, default="")


class MaterialKind(db.Model):
    """A kind of document a category of matter must (or may) be submitted with."""
    __tablename__ = "material_kinds"
    id = sa.Column(sa.Integer, primary_key=True)
    category = enum_column(Category, "category", nullable=False)
    code = sa.Column(sa.String(40), nullable=False)
    name = sa.Column(sa.String(80), nullable=False)
    required = sa.Column(sa.Boolean, nullable=False, default=True)
    is_draft = sa.Column(sa.Boolean, nullable=False, default=False)  # the draft text itself: versioned, diffed
    sort = sa.Column(sa.Integer, nullable=False, default=0)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    __table_args__ = (sa.UniqueConstraint("category", "code", name="uq_material_kinds_category_code"),)
