"""Figures pages, on the disputes blueprint: the rates per unit and period with their formulas, the annual
sentences, the quarterly bulletin (.docx, .xlsx), the month-end ledger and predicted against actual."""
import io
from urllib.parse import quote

from flask import Response, abort, render_template, request, send_file
from flask_babel import gettext
from flask_login import current_user

from workflows import summaries
from workflows.figures import PeriodKey, unit_figures, units
from workflows.rates import MEASURES, Measure
from workflows.risk.hindsight import CHALLENGE_OUTCOME_LABELS, ChallengeOutcome, predicted_vs_actual

from .. import labels, rules
from ..demolition.ledger import say
from ..documents.filetypes import DOCX_MIME
from ..extensions import db
from ..models import District
from . import figures as fig
from .views import bp

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN = (Measure.loss_rate, Measure.head_appearance_rate, Measure.in_suit_resolution_rate,
         Measure.correction_rate, Measure.resolution_rate, Measure.centre_resolution_rate,
         Measure.pre_suit_resolutions)


def _period() -> PeriodKey:
    today = rules.today()
    year = request.args.get("year", type=int) or today.year
    quarter = request.args.get("quarter", type=int)
    if not 2000 <= year <= 2100 or (quarter is not None and not 1 <= quarter <= 4):
        abort(404)
    return PeriodKey(year, quarter)


@bp.route("/figures")
def figures():
    period = _period()
    r = fig.records(current_user)
    names = units(r.lawsuits, r.reconsiderations, r.disputes)
    rows = [unit_figures(period, u, r.lawsuits, r.reconsiderations, r.disputes) for u in [*names, None]]
    sentences = ()
    if period.quarter is None:
        sentences = (summaries.reconsideration_sentence(period.year, r.reconsiderations),
                     summaries.litigation_sentence(period.year, r.lawsuits, r.disputes))
    # Translated here: a formula's "100%" is no placeholder, and Jinja's _() would format it.
    formulas = [(gettext(MEASURES[m].formula), gettext(MEASURES[m].basis)) for m in SHOWN]
    return render_template("disputes/figures.html", period=period, rows=rows, cells=fig.figure_cells,
                           formulas=formulas, sentences=[say_sentence(s) for s in sentences],
                           columns=fig.FIGURE_COLUMNS)


def say_sentence(sentence: summaries.Sentence) -> str:
    """The bureau's sentence in the reader's language, clause by clause (workflows.summaries)."""
    return summaries.CLAUSE_SEPARATOR.join(say(m) for m in sentence.clauses) + gettext("。")


def _bulletin(year: int, quarter: int):
    if not 2000 <= year <= 2100 or not 1 <= quarter <= 4:
        abort(404)
    r = fig.records(current_user)
    return summaries.quarterly_bulletin(year, quarter, r.lawsuits, r.reconsiderations, r.disputes,
                                        rules.today(), rules.calendar(), fig.late_limits(current_user))


def _district() -> District:
    return db.session.get(District, current_user.district_id)


@bp.route("/bulletin/<int:year>/<int:quarter>.docx")
def bulletin_docx(year: int, quarter: int):
    b = _bulletin(year, quarter)
    return Response(fig.bulletin_docx(b, _district()), mimetype=DOCX_MIME, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(fig.bulletin_name(b) + '.docx')}"})


@bp.route("/bulletin/<int:year>/<int:quarter>.xlsx")
def bulletin_xlsx(year: int, quarter: int):
    b = _bulletin(year, quarter)
    return send_file(io.BytesIO(fig.bulletin_xlsx(b, _district())), mimetype=XLSX_MIME, as_attachment=True,
                     download_name=fig.bulletin_name(b) + ".xlsx")


@bp.route("/bulletin/<int:year>/<int:quarter>")
def bulletin(year: int, quarter: int):
    b = _bulletin(year, quarter)
    return render_template("disputes/bulletin.html", b=b, cells=fig.figure_cells, columns=fig.FIGURE_COLUMNS)


@bp.route("/ledger")
def ledger():
    today = rules.today()
    year = request.args.get("year", type=int) or today.year
    month = request.args.get("month", type=int) or today.month
    if not 2000 <= year <= 2100 or not 1 <= month <= 12:
        abort(404)
    rows = summaries.month_end_ledger(fig.records(current_user).lawsuits, year, month)
    return render_template("disputes/ledger.html", rows=rows, year=year, month=month,
                           month_end=summaries.month_end(year, month))


@bp.route("/hindsight")
def hindsight():
    h = predicted_vs_actual(fig.hindsight_rows(current_user))
    return render_template("disputes/hindsight.html", h=h, outcomes=list(ChallengeOutcome),
                           outcome_labels=CHALLENGE_OUTCOME_LABELS, level_labels=labels.RISK_LEVEL)
