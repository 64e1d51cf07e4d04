"""Risk levels (litigation-risk assessment, issue 10): of the matters reviewed in the period (opinion issued),
how many were assessed high, medium or low, whether the measures of a high or medium level were signed off by
the director, and how many were not assessed. Read through the assessment's own policy (review_app.risk)."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.risk.factors import Level

from .. import labels
from ..extensions import db
from ..models import Matter, Opinion, RiskAssessment
from ..risk import policy as risk_policy
from . import charts, matter_list, policy
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "risk"
TITLE = _l("诉讼风险等级")
TEMPLATE = "board/_risk.html"
LEVELS = (Level.high, Level.medium, Level.low)
NONE = "none"  # the drill-down's "not assessed"


@dataclass(frozen=True)
class Line:
    level: Level | None  # None: not assessed
    matters: int
    signed: int  # measures signed off by the director


def condition(user, f: BoardFilter):
    """Matters reviewed in the period (the assessment is read through its policy in the outer join)."""
    return sa.and_(policy.matters_condition(user, f), Opinion.issued_on.is_not(None),
                   f.within(Opinion.issued_on))


def _joined(user):
    return (sa.select(Matter).join(Opinion, Opinion.matter_id == Matter.id)
            .outerjoin(RiskAssessment,
                       sa.and_(RiskAssessment.matter_id == Matter.id, risk_policy.visible(user))))


def build(user, f: BoardFilter, today) -> tuple[Line, ...]:
    signed = sa.func.count(RiskAssessment.mitigation_signed_by_id)
    rows = db.session.execute(_joined(user).with_only_columns(RiskAssessment.level, sa.func.count(), signed)
                              .where(condition(user, f)).group_by(RiskAssessment.level)).all()
    by = {level: (n, s) for level, n, s in rows}
    return (*(Line(level, *by.get(level, (0, 0))) for level in LEVELS), Line(None, *by.get(None, (0, 0))))


def link(f: BoardFilter, level: Level | None) -> str:
    return url_for("board.drill", figure="risk", level=level.value if level else NONE, **f.args())


def tables(lines, f: BoardFilter) -> list[Table]:
    rows = [(Cell(labels.RISK_LEVEL[x.level] if x.level else _("未评估")), Cell(x.matters, link(f, x.level)),
             Cell(x.signed if x.level in (Level.high, Level.medium) else None)) for x in lines]
    rows.append((Cell(_("合计")), Cell(sum(x.matters for x in lines)), Cell(sum(x.signed for x in lines))))
    return [Table("risk", _("诉讼风险等级（按出具审核意见书的期间）"), (_("风险等级"), _("审核事项"),
                                                              _("防范化解措施已经负责人签批")),
                  tuple(rows), (16, 12, 26))]


def chart(lines) -> str | None:
    if not any(x.matters for x in lines):
        return None
    return charts.bars(_("各风险等级的审核事项"),
                       [labels.RISK_LEVEL[x.level] if x.level else _("未评估") for x in lines],
                       [(_("审核事项"), [x.matters for x in lines])])


def drill(user, f: BoardFilter, args, today) -> Table:
    q = _joined(user).where(condition(user, f))
    value = args.get("level", "")
    if value == NONE:
        q = q.where(RiskAssessment.id.is_(None))
    elif value in Level.__members__:
        q = q.where(RiskAssessment.level == Level(value))
    matters = db.session.scalars(q.options(selectinload(Matter.opinion), selectinload(Matter.reviewer))
                                 .order_by(Opinion.issued_on.desc(), Matter.id.desc())).all()
    levels = dict(db.session.execute(sa.select(RiskAssessment.matter_id, RiskAssessment.level).where(
        RiskAssessment.matter_id.in_([m.id for m in matters]), risk_policy.visible(user))).all())
    return matter_list.table("risk", _("诉讼风险等级：审核事项"), matters, [
        (_("风险等级"), lambda m: labels.RISK_LEVEL[levels[m.id]] if m.id in levels else _("未评估"))])
