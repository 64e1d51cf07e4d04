"""Open and overdue work per department and per reviewer, as of today (the period does not apply: what is
open is open now). Open: every matter not closed or withdrawn; overdue: the bureau's review clock has run
past its due date (matters.queries.overdue_condition, the same rule as the matter list's filter)."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.review import CLOCK_RUNNING, Status

from ..extensions import db
from ..matters.queries import overdue_condition
from ..models import Matter, Organisation, User
from . import charts, matter_list, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "workload"
TITLE = _l("在办与超期事项")
TEMPLATE = "board/_workload.html"
FINISHED = (Status.closed, Status.withdrawn)
UNASSIGNED = 0  # the reviewer "nobody yet" in links and rows


@dataclass(frozen=True)
class Line:
    id: int
    name: str
    open: int
    overdue: int


@dataclass(frozen=True)
class Workload:
    departments: tuple[Line, ...]
    reviewers: tuple[Line, ...]

    @property
    def open(self) -> int:
        return sum(x.open for x in self.departments)

    @property
    def overdue(self) -> int:
        return sum(x.overdue for x in self.departments)


def condition(user, f: BoardFilter):
    return sa.and_(policy.matters_condition(user, f), Matter.status.not_in(FINISHED))


def build(user, f: BoardFilter, today) -> Workload:
    late = sa.func.sum(sa.case((overdue_condition(today), 1), else_=0))
    per_department = db.session.execute(
        sa.select(Organisation.id, Organisation.name, sa.func.count(), late)
        .select_from(Matter).join(Organisation, Matter.department_id == Organisation.id)
        .where(condition(user, f)).group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name)).all()
    per_reviewer = db.session.execute(
        sa.select(Matter.reviewer_id, User.display_name, sa.func.count(), late)
        .select_from(Matter).outerjoin(User, Matter.reviewer_id == User.id)
        .where(condition(user, f), Matter.status.in_(CLOCK_RUNNING))
        .group_by(Matter.reviewer_id, User.display_name).order_by(User.display_name)).all()
    return Workload(
        tuple(Line(i, n, c, int(o or 0)) for i, n, c, o in per_department),
        tuple(Line(i or UNASSIGNED, n or _("（尚未分配）"), c, int(o or 0)) for i, n, c, o in per_reviewer))


def link(f: BoardFilter, overdue: bool = False, reviewer: int | None = None, **changes) -> str:
    extra = {"overdue": 1} if overdue else {}
    if reviewer is not None:
        extra["reviewer"] = reviewer
    return url_for("board.drill", figure="open", **f.args(**changes), **extra)


def tables(data: Workload, f: BoardFilter) -> list[Table]:
    departments = [(Cell(x.name), Cell(x.open, link(f, department_id=x.id)),
                    Cell(x.overdue, link(f, True, department_id=x.id) if x.overdue else None))
                   for x in data.departments]
    departments.append((Cell(_("合计")), Cell(data.open, link(f)),
                        Cell(data.overdue, link(f, True) if data.overdue else None)))
    reviewers = [(Cell(x.name), Cell(x.open, link(f, reviewer=x.id)),
                  Cell(x.overdue, link(f, True, reviewer=x.id) if x.overdue else None))
                 for x in data.reviewers]
    return [
        Table("workload_departments", _("各单位在办与超期事项"), (_("承办单位"), _("在办"), _("超期")),
              tuple(departments), (30, 10, 10)),
        Table("workload_reviewers", _("各审核人员在办与超期事项（司法局审核环节）"),
              (_("审核人员"), _("在办"), _("超期")), tuple(reviewers), (20, 10, 10)),
    ]


def drill(user, f: BoardFilter, args, today) -> Table:
    q = sa.select(Matter).where(condition(user, f))
    reviewer = args.get("reviewer", type=int)
    if reviewer is not None:
        whose = Matter.reviewer_id.is_(None) if reviewer == UNASSIGNED else Matter.reviewer_id == reviewer
        q = q.where(Matter.status.in_(CLOCK_RUNNING), whose)
    overdue = args.get("overdue") == "1"
    if overdue:
        q = q.where(overdue_condition(today))
    matters = db.session.scalars(q.options(selectinload(Matter.opinion), selectinload(Matter.reviewer))
                                 .order_by(Matter.due_on.is_(None), Matter.due_on, Matter.id)).all()
    return matter_list.table("open", _("超期事项") if overdue else _("在办事项"), matters,
                             [(_("报送日期"), lambda m: m.submitted_on)])


def chart(data: Workload) -> str | None:
    if not data.departments:
        return None
    return charts.bars(_("各单位在办与超期事项"), [x.name for x in data.departments],
                       [(_("在办"), [x.open for x in data.departments]),
                        (_("超期"), [x.overdue for x in data.departments])], horizontal=True)
