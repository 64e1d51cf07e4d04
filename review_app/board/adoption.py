"""Adoption of modification points: of the points in opinions issued in the period, those the department
answered, and of these those adopted (the rest were refused with a written reason)."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.review import Category
from workflows.review_summary import BoardMeasure, Ratio

from .. import labels
from ..extensions import db
from ..models import Adoption, Matter, Opinion, OpinionPoint
from ..review.operations import opinion_number_text
from . import policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "adoption"
TITLE = _l("修改意见采纳情况")
TEMPLATE = "board/_adoption.html"


@dataclass(frozen=True)
class Line:
    category: Category | None  # None: the total
    points: int
    answered: int
    adopted: int

    @property
    def rate(self) -> Ratio:
        return Ratio(BoardMeasure.adoption_rate, self.adopted, self.answered)


def condition(user, f: BoardFilter):
    return sa.and_(policy.matters_condition(user, f), Opinion.issued_on.is_not(None),
                   f.within(Opinion.issued_on))


def _points():
    return (sa.select(OpinionPoint).join(Opinion, OpinionPoint.opinion_id == Opinion.id)
            .join(Matter, Opinion.matter_id == Matter.id)
            .outerjoin(Adoption, Adoption.point_id == OpinionPoint.id))


def build(user, f: BoardFilter, today) -> tuple[Line, ...]:
    adopted = sa.func.sum(sa.case((Adoption.adopted.is_(True), 1), else_=0))
    columns = (Matter.category, sa.func.count(), sa.func.count(Adoption.point_id), adopted)
    rows = db.session.execute(
        _points().with_only_columns(*columns).where(condition(user, f)).group_by(Matter.category)).all()
    by = {c: Line(c, n, a, int(d or 0)) for c, n, a, d in rows}
    lines = [by[c] for c in Category if c in by]
    return (*lines, Line(None, sum(x.points for x in lines), sum(x.answered for x in lines),
                         sum(x.adopted for x in lines)))


def link(f: BoardFilter, answer: str | None = None, **changes) -> str:
    extra = {"answer": answer} if answer else {}
    return url_for("board.drill", figure="points", **f.args(**changes), **extra)


def tables(lines, f: BoardFilter) -> list[Table]:
    rows = []
    for x in lines:
        at = {} if x.category is None else {"category": x.category}
        name = labels.CATEGORY[x.category] if x.category else _("合计")
        rows.append((Cell(name), Cell(x.points, link(f, **at)),
                     Cell(x.answered, link(f, "answered", **at)), Cell(x.adopted, link(f, "adopted", **at)),
                     Cell(x.answered - x.adopted, link(f, "refused", **at)), Cell(x.rate)))
    return [Table("adoption", _("修改意见采纳情况"),
                  (_("类别"), _("修改意见"), _("已答复"), _("采纳"), _("不予采纳"), _("采纳率")), tuple(rows),
                  (24, 12, 12, 12, 12, 18))]


ANSWERS = {"answered": Adoption.point_id.is_not(None), "adopted": Adoption.adopted.is_(True),
           "refused": Adoption.adopted.is_(False), "unanswered": Adoption.point_id.is_(None)}


def drill(user, f: BoardFilter, args, today) -> Table:
    q = _points().where(condition(user, f))
    answer = args.get("answer")
    if answer in ANSWERS:
        q = q.where(ANSWERS[answer])
    q = q.options(selectinload(OpinionPoint.adoption),
                  selectinload(OpinionPoint.opinion).selectinload(Opinion.matter))
    points = db.session.scalars(
        q.order_by(Opinion.issued_on.desc(), OpinionPoint.opinion_id, OpinionPoint.number)).all()

    def state(p):
        if p.adoption is None:
            return _("未答复")
        return _("采纳") if p.adoption.adopted else _("不予采纳")

    rows = tuple((Cell(p.opinion.matter.title, url_for("matters.detail", matter_id=p.opinion.matter_id)),
                  Cell(opinion_number_text(p.opinion)), Cell(p.number), Cell(p.clause), Cell(p.text),
                  Cell(state(p)), Cell(p.adoption.reason if p.adoption else ""))
                 for p in points)
    return Table("points", _("修改意见"), (_("审核事项"), _("审核意见书编号"), _("序号"), _("条款"),
                                          _("修改意见"), _("采纳情况"), _("不予采纳的理由")),
                 rows, (36, 20, 6, 12, 40, 10, 40))
