"""Counters of numbered letters other than the opinion (which keeps its own table, OpinionCounter)."""
import sqlalchemy as sa

from ..extensions import db


class NumberCounter(db.Model):
    """The last number a district gave in one series of letters in a year (series "supervision": 法治督察函);
    locked while issuing (review_app.numbering.next_number), so numbers are unique and gap-free."""
    __tablename__ = "number_counters"
    district_id = sa.Column(sa.ForeignKey("districts.id"), primary_key=True)
    series = sa.Column(sa.String(20), primary_key=True)
    year = sa.Column(sa.Integer, primary_key=True)
    last = sa.Column(sa.Integer, nullable=False, default=0)
