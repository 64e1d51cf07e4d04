"""The board's pages: the board with its filters, the drill-down lists behind its figures, each table and list
as Excel, and the annual summary as .docx. They only read."""
from urllib.parse import quote

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user

from workflows.review import Category

from .. import labels, rules
from ..documents.filetypes import DOCX_MIME
from . import exports, policy, sections, words
from . import summary as annual
from .filters import FIRST_YEAR, LAST_YEAR, BoardFilter, parse

bp = Blueprint("board", __name__, url_prefix="/board")


def _user():
    return current_user._get_current_object()


def _filter() -> BoardFilter:
    return policy.scope(_user(), parse(request.args))


def _scope_name(f: BoardFilter) -> str:
    return policy.scope_name(_user(), f)


def _years(today) -> list[int]:
    return list(range(today.year, max(today.year - 10, FIRST_YEAR) - 1, -1))


@bp.route("/")
def index():
    f, today = _filter(), rules.today()
    shown = sections.build(_user(), f, today)
    return render_template("board/index.html", f=f, shown={s.key: s for s in shown}, order=shown,
                           scope=_scope_name(f), units=policy.units(_user()),
                           district=policy.sees_district(_user()), years=_years(today), today=today,
                           categories=list(Category), category_labels=labels.CATEGORY, say=words.sentence,
                           describe=exports.describe(f), tr=gettext)


@bp.route("/list/<figure>")
def drill(figure: str):
    drill_list = sections.drill_for(_user(), figure)
    if drill_list is None:
        abort(404)
    f, today = _filter(), rules.today()
    table = drill_list(_user(), f, request.args, today)
    return render_template("board/list.html", table=table, f=f, scope=_scope_name(f), figure=figure,
                           describe=exports.describe(f), export_args=dict(request.args.items()))


@bp.route("/list/<figure>/export.xlsx")
def drill_export(figure: str):
    drill_list = sections.drill_for(_user(), figure)
    if drill_list is None:
        abort(404)
    f, today = _filter(), rules.today()
    return exports.send(drill_list(_user(), f, request.args, today), _scope_name(f), f, today)


@bp.route("/export/<key>.xlsx")
def export(key: str):
    f, today = _filter(), rules.today()
    table = sections.table(_user(), f, today, key)
    if table is None:
        abort(404)
    return exports.send(table, _scope_name(f), f, today)


@bp.route("/summary.docx")
def summary_docx():
    f, today = _filter(), rules.today()
    year = f.year or today.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    s = annual.summary(_user(), f, year, today, _scope_name(f))
    name = quote(_("%(year)s年合法性审核工作情况", year=year) + ".docx")
    return Response(annual.docx(s), mimetype=DOCX_MIME,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
