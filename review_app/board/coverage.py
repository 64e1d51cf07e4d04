"""Review coverage: registered decisions with a review over all registered decisions (by meeting date in the
period), per category, and the unreviewed ones listed with their reasons."""
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
from ..matters import policy as matter_policy
from ..models import Decision, Matter
from ..review.operations import opinion_number_text
from . import charts, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "coverage"
TITLE = _l("审核覆盖率")
TEMPLATE = "board/_coverage.html"


@dataclass(frozen=True)
class CategoryLine:
    category: Category
    registered: int
    reviewed: int

    @property
    def rate(self) -> Ratio:
        return Ratio(BoardMeasure.coverage_rate, self.reviewed, self.registered)


@dataclass(frozen=True)
class Coverage:
    lines: tuple[CategoryLine, ...]
    unreviewed: tuple[Decision, ...]

    @property
    def registered(self) -> int:
        return sum(x.registered for x in self.lines)

    @property
    def reviewed(self) -> int:
        return sum(x.reviewed for x in self.lines)

    @property
    def rate(self) -> Ratio:
        return Ratio(BoardMeasure.coverage_rate, self.reviewed, self.registered)


def condition(user, f: BoardFilter):
    """The decisions the figures count (and the drill-down lists)."""
    conditions = [policy.decisions_visible(user), f.within(Decision.meeting_date)]
    if f.category:
        conditions.append(Decision.category == f.category)
    if f.department_id:
        conditions.append(Decision.department_id == f.department_id)
    return sa.and_(*conditions)


def build(user, f: BoardFilter, today) -> Coverage:
    counts = db.session.execute(
        sa.select(Decision.category, sa.func.count(), sa.func.count(Decision.matter_id))
        .where(condition(user, f)).group_by(Decision.category)).all()
    by = {c: (n, reviewed) for c, n, reviewed in counts}
    lines = tuple(CategoryLine(c, *by.get(c, (0, 0))) for c in Category)
    return Coverage(lines, tuple(unreviewed(user, f)))


def unreviewed(user, f: BoardFilter) -> list[Decision]:
    return db.session.scalars(
        sa.select(Decision).where(condition(user, f), Decision.matter_id.is_(None))
        .options(selectinload(Decision.department))
        .order_by(Decision.meeting_date.desc(), Decision.id.desc())).all()


def decisions(user, f: BoardFilter, reviewed: bool | None) -> list[Decision]:
    q = sa.select(Decision).where(condition(user, f)).options(
        selectinload(Decision.department), selectinload(Decision.matter).selectinload(Matter.opinion))
    if reviewed is not None:
        q = q.where(Decision.matter_id.is_not(None) if reviewed else Decision.matter_id.is_(None))
    return db.session.scalars(q.order_by(Decision.meeting_date.desc(), Decision.id.desc())).all()


def link(f: BoardFilter, reviewed: bool | None = None, **changes) -> str:
    extra = {} if reviewed is None else {"reviewed": int(reviewed)}
    return url_for("board.drill", figure="decisions", **f.args(**changes), **extra)


def tables(data: Coverage, f: BoardFilter) -> list[Table]:
    rows = [(Cell(labels.CATEGORY[x.category]), Cell(x.registered, link(f, category=x.category)),
             Cell(x.reviewed, link(f, True, category=x.category)),
             Cell(x.registered - x.reviewed, link(f, False, category=x.category)), Cell(x.rate))
            for x in data.lines if x.registered or f.category is None]
    rows.append((Cell(_("合计")), Cell(data.registered, link(f)), Cell(data.reviewed, link(f, True)),
                 Cell(data.registered - data.reviewed, link(f, False)), Cell(data.rate)))
    gaps = [(Cell(d.meeting_date), Cell(d.meeting_name), Cell(d.title), Cell(labels.CATEGORY[d.category]),
             Cell(d.department.name if d.department else ""), Cell(d.unreviewed_reason))
            for d in data.unreviewed]
    return [
        Table("coverage", _("审核覆盖率"), (_("类别"), _("登记决策事项"), _("经合法性审核"), _("未经审核"),
                                         _("覆盖率")), tuple(rows), (24, 14, 14, 12, 18)),
        Table("unreviewed", _("未经合法性审核的决策事项"),
              (_("会议日期"), _("会议名称"), _("议题名称"), _("类别"), _("承办单位"), _("未经审核的原因")),
              tuple(gaps), (12, 24, 36, 18, 18, 40)),
    ]


def drill(user, f: BoardFilter, args, today) -> Table:
    reviewed = {"1": True, "0": False}.get(args.get("reviewed"))
    title = {True: _("经合法性审核的决策事项"), False: _("未经合法性审核的决策事项")}.get(reviewed, _("登记决策事项"))
    rows = []
    for d in decisions(user, f, reviewed):
        m = d.matter
        seen = m is not None and matter_policy.can_view(user, m)
        issued = m is not None and m.opinion is not None and m.opinion.issued
        rows.append((Cell(d.meeting_date), Cell(d.meeting_name), Cell(d.title),
                     Cell(labels.CATEGORY[d.category]), Cell(d.department.name if d.department else ""),
                     Cell(opinion_number_text(m.opinion) if issued else "",
                          url_for("matters.detail", matter_id=m.id) if seen else None),
                     Cell(d.unreviewed_reason)))
    columns = (_("会议日期"), _("会议名称"), _("议题名称"), _("类别"), _("承办单位"), _("审核意见书编号"),
               _("未经审核的原因"))
    return Table("decisions", title, columns, tuple(rows), (12, 24, 36, 18, 18, 20, 40))


def chart(data: Coverage) -> str | None:
    lines = [x for x in data.lines if x.registered]
    if not lines:
        return None
    return charts.bars(_("各类决策事项审核覆盖情况"), [labels.CATEGORY[x.category] for x in lines],
                       [(_("经合法性审核"), [x.reviewed for x in lines]),
                        (_("未经审核"), [x.registered - x.reviewed for x in lines])], horizontal=True)
