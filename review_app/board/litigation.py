"""Litigation and reconsideration ("两降一保", issue 10): per defendant, respondent or body concerned and for
the whole, the lawsuits received, the loss rate, the head appearance rate, the reconsideration correction and
resolution rates and the disputes resolved before suit, each counted as workflows.figures and workflows.rates
define them (cases concluded in the period). Rows are read through the litigation records' own policy
(review_app.disputes.policy): the bureau its district's, a body its own."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from workflows.figures import UnitFigures, unit_figures, units
from workflows.summaries import Sentence, litigation_sentence, reconsideration_sentence

from ..disputes import policy as disputes_policy
from ..disputes.facts import dispute_facts, lawsuit_facts, reconsideration_facts
from ..extensions import db
from ..models import DisputeCase, Lawsuit, ReconsiderationCase
from . import charts
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "litigation"
TITLE = _l("行政应诉与行政复议")
TEMPLATE = "board/_litigation.html"


class _EveryYear:
    """The period "every year" for workflows.figures: every dated case falls in it."""
    def contains(self, d) -> bool:
        return d is not None


@dataclass(frozen=True)
class Cases:
    lawsuits: list
    reconsiderations: list
    disputes: list
    ids: dict[str, int]  # unit name -> organisation id, for the links


@dataclass(frozen=True)
class Litigation:
    rows: tuple[UnitFigures, ...]  # one per unit, sorted
    total: UnitFigures
    ids: dict[str, int]


def cases(user, f: BoardFilter) -> Cases:
    def narrowed(model, owner):
        q = sa.select(model)
        if f.department_id:
            q = q.where(owner == f.department_id)
        return q
    lawsuits = db.session.scalars(
        narrowed(Lawsuit, Lawsuit.defendant_id).where(disputes_policy.visible(user))
        .options(selectinload(Lawsuit.hearings))).all()
    recon = db.session.scalars(
        narrowed(ReconsiderationCase, ReconsiderationCase.respondent_id)
        .where(disputes_policy.reconsiderations_visible(user))
        .options(selectinload(ReconsiderationCase.letters))).all()
    disputes = db.session.scalars(
        narrowed(DisputeCase, DisputeCase.body_id).where(disputes_policy.disputes_visible(user))).all()
    ids = {c.defendant.name: c.defendant_id for c in lawsuits}
    ids |= {c.respondent.name: c.respondent_id for c in recon}
    ids |= {d.body.name: d.body_id for d in disputes}
    return Cases([lawsuit_facts(c) for c in lawsuits], [reconsideration_facts(c) for c in recon],
                 [dispute_facts(d) for d in disputes], ids)


def build(user, f: BoardFilter, today) -> Litigation:
    c = cases(user, f)
    period = f.period or _EveryYear()
    rows = tuple(unit_figures(period, u, c.lawsuits, c.reconsiderations, c.disputes)
                 for u in units(c.lawsuits, c.reconsiderations, c.disputes))
    return Litigation(rows, unit_figures(period, None, c.lawsuits, c.reconsiderations, c.disputes), c.ids)


def sentences(user, f: BoardFilter, year: int) -> list[Sentence]:
    """The year's litigation and reconsideration sentences in the bureau's words (workflows.summaries), each
    when there are such cases at all."""
    c = cases(user, f)
    out = []
    if c.lawsuits or c.disputes:
        out.append(litigation_sentence(year, c.lawsuits, c.disputes))
    if c.reconsiderations:
        out.append(reconsideration_sentence(year, c.reconsiderations))
    return out


def tables(data: Litigation, f: BoardFilter) -> list[Table]:
    def line(x: UnitFigures, name: str, org: int | None):
        at = {"org": org} if org else {}
        return (Cell(name), Cell(x.lawsuits_received, url_for("disputes.index", **at)),
                Cell(x.loss_rate, url_for("disputes.index", state="concluded", **at)),
                Cell(x.head_appearance_rate), Cell(x.correction_rate, url_for("disputes.reconsiderations")),
                Cell(x.resolution_rate), Cell(x.pre_suit_resolutions, url_for("disputes.centre")))
    rows = [line(x, x.unit, data.ids.get(x.unit)) for x in data.rows]
    rows.append(line(data.total, _("合计"), None))
    return [Table("litigation", _("行政应诉与行政复议（审结案件）"),
                  (_("单位"), _("新收行政诉讼"), _("败诉率"), _("负责人出庭应诉率"), _("行政复议纠错率"),
                   _("行政复议化解率"), _("诉前化解")), tuple(rows), (30, 12, 16, 18, 16, 16, 10))]


def chart(data: Litigation) -> str | None:
    t = data.total
    measures = [t.loss_rate, t.head_appearance_rate, t.correction_rate, t.resolution_rate]
    if not any(r.denominator for r in measures):
        return None
    return charts.bars(_("行政应诉与行政复议主要指标（%）"), [_(r.label) for r in measures],
                       [(_("百分比"), [float(r.percent or 0) for r in measures])])
