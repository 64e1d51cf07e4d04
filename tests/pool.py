"""Building an expert pool for tests: a firm with two lawyers and a few independent lawyers, the cast of the
review pipeline, and a matter at the bureau, all through the app's operations."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from review_app import rules
from review_app.experts_admin import operations as roster
from review_app.extensions import db
from review_app.models import Expert, ExpertKind, User
from tests import factories, pipeline
from workflows.review import Category, Status
from workflows.roles import Role

TERM = (date(2025, 1, 1), date(2027, 12, 31))
TODAY = date(2026, 11, 25)  # a Wednesday


@dataclass
class World:
    cast: pipeline.Cast
    firm: Expert
    lawyers: list[Expert]   # lawyers[0] and [1] belong to the firm
    advisers: dict          # expert id -> the adviser account speaking for it

    @property
    def reviewer(self) -> User:
        return self.cast.reviewer

    def adviser(self, expert: Expert) -> User:
        return self.advisers[expert.id]


def member(district_id: int, kind=ExpertKind.lawyer, name=None, specialties=("行政法",), firm=None, **kw):
    n = next(factories._seq)
    return roster.add_expert(None, district_id, kind, name or f"池律师{n}", f"POOL-{n:06d}", list(specialties),
                             *TERM, firm_id=firm.id if firm else None, **kw)


def build(lawyers: int = 5) -> World:
    c = pipeline.cast()
    d = c.reviewer.district_id
    firm = member(d, ExpertKind.firm, "贵州明法律师事务所", ("政府合同",))
    people = [member(d, firm=firm), member(d, firm=firm)] + [member(d) for _ in range(lawyers - 2)]
    advisers = {e.id: factories.user(Role.adviser, expert_id=e.id) for e in [firm, *people]}
    db.session.flush()
    return World(c, firm, people, advisers)


def freeze(monkeypatch, day: date = TODAY) -> None:
    monkeypatch.setattr(rules, "today", lambda: day)


def matter_at_bureau(w: World, category=Category.agreement):
    return pipeline.drive(w.cast, Status.bureau_review, category=category)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))
