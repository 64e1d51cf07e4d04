"""Time per stage: how many working days each stage took and, where the stage has a period, the share done
within it. A matter counts in the period in which it finished the stage:
- the department's stage, from its first submission to its first sending on (submitted_on → sent_on);
- the decision body's, from then to the bureau's receipt (sent_on → clock_started_on);
- the bureau's, from receipt to the opinion's issue, counted by the review clock (workflows.clock: pauses
  for supplements and investigations do not count, extensions lengthen the period); on time when issued
  by the clock's due date.
Only the bureau's stage has a period (the review days of review_app.rules); the others show no on-time rate.
"""
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.clock import Extension, Pause, ReviewClock
from workflows.review import Stage
from workflows.review_summary import BoardMeasure, Ratio

from .. import labels, rules
from ..extensions import db
from ..models import ClockExtension, ClockPause, Matter, Opinion
from . import charts, matter_list, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "timing"
TITLE = _l("各环节办理用时")
TEMPLATE = "board/_timing.html"
STAGES = (Stage.department, Stage.decision_body, Stage.bureau)


@dataclass(frozen=True)
class Passage:
    """One matter's passage through one stage."""
    matter_id: int
    finished: date
    days: int
    on_time: bool | None  # None: the stage has no period


@dataclass(frozen=True)
class StageLine:
    stage: Stage
    passages: tuple[Passage, ...]

    @property
    def count(self) -> int:
        return len(self.passages)

    @property
    def average_days(self) -> Decimal | None:
        if not self.passages:
            return None
        mean = Decimal(sum(p.days for p in self.passages)) / Decimal(len(self.passages))
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def on_time(self) -> Ratio | None:
        if self.stage is not Stage.bureau:
            return None
        on_time = sum(bool(p.on_time) for p in self.passages)
        return Ratio(BoardMeasure.on_time_rate, on_time, len(self.passages))


def _bounds(stage: Stage):
    """(start column, end column) of a stage."""
    return {Stage.department: (Matter.submitted_on, Matter.sent_on),
            Stage.decision_body: (Matter.sent_on, Matter.clock_started_on),
            Stage.bureau: (Matter.clock_started_on, Opinion.issued_on)}[stage]


def condition(user, f: BoardFilter, stage: Stage):
    start, end = _bounds(stage)
    return sa.and_(policy.matters_condition(user, f), start.is_not(None), end.is_not(None), f.within(end))


def _clock_rows(model, columns, ids) -> dict[int, list]:
    """Each matter's pauses or extensions, in order, for the matters `ids` (a subquery)."""
    out: dict[int, list] = {}
    for matter_id, *values in db.session.execute(
            sa.select(model.matter_id, *columns).where(model.matter_id.in_(ids)).order_by(model.id)):
        out.setdefault(matter_id, []).append(values)
    return out


def passages(user, f: BoardFilter, stage: Stage) -> tuple[Passage, ...]:
    """Read as plain columns (a district's year is thousands of rows); pauses and extensions in one query
    each."""
    start, end = _bounds(stage)
    rows = db.session.execute(
        sa.select(Matter.id, start, end, Matter.category, Matter.district_id, Matter.period_days)
        .select_from(Matter).outerjoin(Opinion).where(condition(user, f, stage)).order_by(Matter.id)).all()
    cal = rules.calendar()
    if stage is not Stage.bureau:
        return tuple(Passage(i, done, cal.working_days_between(began, done), None)
                     for i, began, done, *_rest in rows)
    ids = sa.select(Matter.id).select_from(Matter).outerjoin(Opinion).where(condition(user, f, stage))
    pauses = _clock_rows(ClockPause, (ClockPause.start, ClockPause.end), ids)
    extensions = _clock_rows(ClockExtension, (ClockExtension.days, ClockExtension.reason), ids)
    days = {}  # the district's review days per category, for matters without their own
    out = []
    for i, started, issued, category, district_id, period in rows:
        if period is None:
            period = days.setdefault((category, district_id), rules.review_days(category, district_id))
        c = ReviewClock(started, period, tuple(Pause(*p) for p in pauses.get(i, ())),
                        tuple(Extension(*e) for e in extensions.get(i, ())))
        out.append(Passage(i, issued, c.elapsed_working_days(cal, issued), c.in_time(cal, issued)))
    return tuple(out)


def build(user, f: BoardFilter, today) -> tuple[StageLine, ...]:
    return tuple(StageLine(s, passages(user, f, s)) for s in STAGES)


def link(f: BoardFilter, stage: Stage, late: bool = False) -> str:
    extra = {"late": 1} if late else {}
    return url_for("board.drill", figure="stage", stage=stage.value, **extra, **f.args())


def tables(lines, f: BoardFilter) -> list[Table]:
    rows = []
    for x in lines:
        rate = x.on_time
        late = None if rate is None else rate.denominator - rate.numerator
        rows.append((Cell(labels.STAGE[x.stage]), Cell(x.count, link(f, x.stage)),
                     Cell(None if x.average_days is None else str(x.average_days)), Cell(rate),
                     Cell(late, link(f, x.stage, late=True) if late else None)))
    return [Table("timing", _("各环节办理用时（工作日）"),
                  (_("环节"), _("完成件数"), _("平均用时（工作日）"), _("按期办结率"), _("超期件数")),
                  tuple(rows), (22, 12, 20, 20, 12))]


def drill(user, f: BoardFilter, args, today) -> Table:
    try:
        stage = Stage(args.get("stage", ""))
    except ValueError:
        stage = Stage.bureau
    rows = passages(user, f, stage) if stage in STAGES else ()
    late = args.get("late") == "1"
    if late:
        rows = tuple(p for p in rows if p.on_time is False)
    by_matter = {p.matter_id: p for p in rows}
    title = _("%(stage)s：超出期限的事项", stage=labels.STAGE[stage]) if late else \
        _("%(stage)s：完成本环节的事项", stage=labels.STAGE[stage])
    extra = [(_("完成日期"), lambda m: by_matter[m.id].finished), (_("用时（工作日）"), lambda m: by_matter[m.id].days)]
    if stage is Stage.bureau:
        extra.append((_("是否按期"), lambda m: _("按期") if by_matter[m.id].on_time else _("超期")))
    matters = db.session.scalars(
        sa.select(Matter).outerjoin(Opinion).where(condition(user, f, stage))
        .options(selectinload(Matter.opinion), selectinload(Matter.reviewer)).order_by(Matter.id)).all()
    return matter_list.table("stage", title, [m for m in matters if m.id in by_matter], extra)


def chart(lines) -> str | None:
    if not any(x.count for x in lines):
        return None
    return charts.bars(_("各环节平均用时（工作日）"), [labels.STAGE[x.stage] for x in lines],
                       [(_("平均用时（工作日）"), [float(x.average_days or 0) for x in lines])])
