"""Matters reviewed by category and year: a matter counts in the year (and quarter) its opinion was issued,
as the bureau's annual report counts them; the year's sentence in the bureau's words comes from the same
counts (workflows.review_summary)."""
from collections import Counter
from dataclasses import dataclass, replace

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.review import Category
from workflows.review_summary import review_sentence
from workflows.summaries import Sentence

from .. import labels
from ..extensions import db
from ..models import Matter, Opinion
from . import charts, matter_list, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "volumes"
TITLE = _l("各类审核事项数量")
TEMPLATE = "board/_volumes.html"


@dataclass(frozen=True)
class Volumes:
    by_year: dict[int, Counter]  # year -> category -> matters reviewed
    sentence_year: int
    sentence: Sentence

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    def total(self, year: int) -> int:
        return sum(self.by_year[year].values())


def condition(user, f: BoardFilter):
    return sa.and_(policy.matters_condition(user, f), Opinion.issued_on.is_not(None),
                   f.within(Opinion.issued_on))


def counts(user, f: BoardFilter) -> dict[int, Counter]:
    year = sa.extract("year", Opinion.issued_on)
    rows = db.session.execute(
        sa.select(year, Matter.category, sa.func.count()).select_from(Matter).join(Opinion)
        .where(condition(user, f)).group_by(year, Matter.category)).all()
    by_year: dict[int, Counter] = {}
    for y, category, n in rows:
        by_year.setdefault(int(y), Counter())[category] = n
    return by_year


def sentence(user, f: BoardFilter, year: int) -> Sentence:
    """The year's sentence, whatever quarter the board shows."""
    return review_sentence(year, counts(user, replace(f, year=year, quarter=None)).get(year, Counter()))


def build(user, f: BoardFilter, today) -> Volumes:
    year = f.year or today.year
    return Volumes(counts(user, f), year, sentence(user, f, year))


def link(f: BoardFilter, **changes) -> str:
    return url_for("board.drill", figure="reviewed", **f.args(**changes))


def tables(data: Volumes, f: BoardFilter) -> list[Table]:
    shown = [f.category] if f.category else list(Category)
    rows = []
    for y in data.years:
        quarter = f.quarter if f.year == y else None
        rows.append((Cell(y), *(Cell(data.by_year[y][c], link(f, year=y, quarter=quarter, category=c))
                                for c in shown),
                     Cell(data.total(y), link(f, year=y, quarter=quarter))))
    return [Table("volumes", _("各类审核事项数量（按出具审核意见书的年度）"),
                  (_("年度"), *(labels.CATEGORY[c] for c in shown), _("合计")), tuple(rows),
                  (10,) + (18,) * (len(shown) + 1))]


def drill(user, f: BoardFilter, args, today) -> Table:
    matters = db.session.scalars(
        sa.select(Matter).join(Opinion).where(condition(user, f))
        .options(selectinload(Matter.opinion), selectinload(Matter.reviewer))
        .order_by(Opinion.issued_on.desc(), Matter.id.desc())).all()
    return matter_list.table("reviewed", _("已出具审核意见书的审核事项"), matters,
                             [(_("出具日期"), lambda m: m.opinion.issued_on)])


def chart(data: Volumes) -> str | None:
    if not data.years:
        return None
    present = [c for c in Category if any(data.by_year[y][c] for y in data.years)]
    return charts.bars(_("各类审核事项数量（按年度）"), [str(y) for y in data.years],
                       [(labels.CATEGORY[c], [data.by_year[y][c] for y in data.years]) for c in present])
