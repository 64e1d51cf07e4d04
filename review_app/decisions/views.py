"""Decision registry pages: the list, recording one decision, importing and exporting the decision list."""
import io
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import lazyload, load_only, selectinload
from flask import Blueprint, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.review import CATEGORY_LABELS, DECISION_OUTCOME_LABELS, Category, DecisionOutcome

from .. import labels, rules
from ..documents.service import checked_upload
from ..extensions import db
from ..matters import policy as matter_policy
from ..models import Decision, Matter, Opinion, Organisation
from ..operations import OperationError
from ..review.operations import opinion_number_text
from ..spreadsheets import SheetUnreadable
from ..transaction import on_refusal
from ..web import MAX_ID, row_id
from . import operations as ops
from . import policy
from .forms import DecisionForm, ImportForm
from .importer import build_workbook, read_rows

bp = Blueprint("decisions", __name__, url_prefix="/decisions")
PAGE_SIZE = 50


def _filters():
    """(year or None, gaps_only) from the query string; a malformed year is ignored rather than an error."""
    year = request.args.get("year", type=int)
    if year is not None and not 1900 <= year <= 9999:
        year = None
    return year, request.args.get("gaps") in ("1", "on", "true")


def _actor():
    return current_user._get_current_object()


def _conditions(year, gaps_only) -> list:
    where = [policy.visible(current_user)]
    if year is not None:
        where += [Decision.meeting_date >= date(year, 1, 1), Decision.meeting_date <= date(year, 12, 31)]
    if gaps_only:
        where.append(Decision.matter_id.is_(None))
    return where


def _query(year, gaps_only):
    # Of a row's matter the register reads only who may see it and its opinion's number (fifty full matters
    # and opinions, with their departments, were a third of the page's time at a million matters).
    return sa.select(Decision).where(*_conditions(year, gaps_only)).options(
        selectinload(Decision.department),
        selectinload(Decision.matter).options(
            load_only(Matter.id, Matter.district_id, Matter.department_id, Matter.sent_on),
            lazyload(Matter.department),
            selectinload(Matter.opinion).load_only(Opinion.id, Opinion.matter_id, Opinion.district_id,
                                                   Opinion.year, Opinion.number)))


def _count(year, gaps_only) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Decision)
                             .where(*_conditions(year, gaps_only)))


def _cursor(text: str | None):
    """A page boundary (meeting date, id) from its text "2026-03-05.812"; None when absent or malformed."""
    day, _dot, ident = (text or "").partition(".")
    try:
        return date.fromisoformat(day), row_id(ident)
    except ValueError:
        return None


def cursor_text(d: Decision) -> str:
    return f"{d.meeting_date.isoformat()}.{d.id}"


def _years() -> list[int]:
    """The years with a decision, newest first: one index probe per year between the first and last meeting
    (ix_decisions_district_id_meeting_date_id), all in one query, never a scan of every date."""
    mine = policy.visible(current_user)
    first, last = db.session.execute(sa.select(sa.func.min(Decision.meeting_date),
                                               sa.func.max(Decision.meeting_date)).where(mine)).one()
    if first is None:
        return []
    probes = [sa.select(sa.literal(y).label("year")).where(sa.exists().where(
        mine, Decision.meeting_date >= date(y, 1, 1), Decision.meeting_date <= date(y, 12, 31)))
        for y in range(last.year, first.year - 1, -1)]
    return sorted(db.session.scalars(sa.union_all(*probes)), reverse=True)


def _page_rows(q, page: int) -> list[Decision]:
    """A page by keyset: rows after the `after` boundary (next) or before the `before` one (previous) in the
    register's order, as the page links ask; OFFSET only for a bare page number (an old link)."""
    key = sa.tuple_(Decision.meeting_date, Decision.id)
    after, before = _cursor(request.args.get("after")), _cursor(request.args.get("before"))
    newest_first = (Decision.meeting_date.desc(), Decision.id.desc())
    if after:
        return db.session.scalars(q.where(key < after).order_by(*newest_first).limit(PAGE_SIZE)).all()
    if before:
        rows = db.session.scalars(q.where(key > before).order_by(Decision.meeting_date, Decision.id)
                                  .limit(PAGE_SIZE)).all()
        return rows[::-1]
    return db.session.scalars(q.order_by(*newest_first).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()


@bp.route("/")
def index():
    year, gaps_only = _filters()
    q = _query(year, gaps_only)
    # Both counts read the district's entries of an index (the gaps their partial one), not the table.
    total = _count(year, gaps_only)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(request.args.get("page", type=row_id) or 1, pages)
    gaps = _count(year, True)
    rows = _page_rows(q, page)
    return render_template("decisions/index.html", rows=rows, total=total, gaps=gaps, year=year,
                           gaps_only=gaps_only, years=_years(), page=page, pages=pages, cursor=cursor_text,
                           category_labels=labels.CATEGORY, outcome_labels=labels.DECISION_OUTCOME,
                           opinion_number=ops.opinion_number,
                           can_see=lambda m: m is not None and matter_policy.can_view(current_user, m))


def _decision_form() -> DecisionForm:
    form = DecisionForm()
    form.department_id.choices = [("", _("（未填写）"))] + [(o.id, o.name) for o in db.session.scalars(
        sa.select(Organisation).where(Organisation.active, Organisation.district_id == current_user.district_id)
        .order_by(Organisation.kind, Organisation.name))]
    ready, _waiting = ops.linkable_matters(_actor())
    form.matter_id.choices = [("", _("（未经合法性审核）"))] + [
        (m.id, f"{opinion_number_text(m.opinion)} {m.title}（{m.department.short_name}）") for m in ready]
    if not form.is_submitted() and request.args.get("matter_id", type=row_id):
        form.matter_id.data = request.args.get("matter_id", type=row_id)
    return form


def _form_page(form=None):
    form = form or _decision_form()
    _ready, waiting = ops.linkable_matters(_actor())
    chosen_id = form.matter_id.data
    chosen = db.session.get(Matter, chosen_id) if chosen_id and 0 < chosen_id <= MAX_ID else None
    return render_template("decisions/form.html", form=form, waiting=waiting, category_labels=labels.CATEGORY,
                           chosen=chosen if chosen is not None and matter_policy.can_view(_actor(), chosen) else None,
                           opinion_number_text=opinion_number_text)


@bp.route("/new", methods=["GET", "POST"])
@on_refusal(_form_page)
def new():
    form = _decision_form()
    if form.validate_on_submit():
        fields = ops.DecisionFields(
            meeting_name=form.meeting_name.data, meeting_date=form.meeting_date.data, title=form.title.data or "",
            category=Category(form.category.data) if form.category.data else None,
            department_id=form.department_id.data, matter_id=form.matter_id.data,
            unreviewed_reason=form.unreviewed_reason.data or "", outcome=DecisionOutcome(form.outcome.data))
        decision = ops.record_decision(_actor(), fields)
        flash(_("已登记决策事项：%(t)s", t=decision.title), "success")
        if decision.matter_id:
            return redirect(url_for("matters.detail", matter_id=decision.matter_id))
        return redirect(url_for("decisions.index"))
    return _form_page(form), 400 if form.is_submitted() else 200


def _import_page():
    """The import page after a refusal: an ImportRejected lists every bad row under the message."""
    problems = getattr(g.get("refusal"), "problems", [])
    return render_template("decisions/import.html", form=ImportForm(), problems=problems)


@bp.route("/import", methods=["GET", "POST"])
@on_refusal(_import_page)
def import_list():
    form = ImportForm()
    if not form.is_submitted():
        return render_template("decisions/import.html", form=form, problems=[])
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise OperationError(_("请选择要导入的 .xlsx 文件"))
    data = upload.read()
    checked = checked_upload(upload.filename or "", data)
    if checked.kind != "xlsx":
        raise OperationError(_("请上传 Excel（.xlsx）格式的决策事项目录"))
    try:
        rows = read_rows(_actor(), data)
    except SheetUnreadable as e:
        raise OperationError(e.message) from None
    saved = ops.import_decisions(_actor(), rows)
    flash(_("已导入 %(n)d 项决策事项", n=len(saved)), "success")
    return redirect(url_for("decisions.index"))


def export_rows(decisions) -> list[list]:
    """The rows as clerks keep them; the sheet is Chinese whatever the reader's language (it is re-imported)."""
    out = []
    for i, d in enumerate(decisions, start=1):
        out.append([i, d.meeting_name, d.meeting_date, d.title, CATEGORY_LABELS[d.category],
                    d.department.name if d.department else "", "是" if d.matter_id else "否",
                    ops.opinion_number(d), d.unreviewed_reason,
                    DECISION_OUTCOME_LABELS[d.outcome] if d.outcome else ""])
    return out


@bp.route("/export.xlsx")
def export():
    year, gaps_only = _filters()
    rows = db.session.scalars(_query(year, gaps_only).order_by(Decision.meeting_date, Decision.id)).all()
    today = rules.today()
    scope = _("%(y)d年", y=year) if year else ""
    title = _("%(district)s%(scope)s决策事项登记目录（导出日期：%(d)s）", district=current_user.district.name,
              scope=scope, d=today.isoformat())
    data = build_workbook(title, export_rows(rows))
    name = f"决策事项登记目录_{year or '全部'}_{today.isoformat()}.xlsx"
    return send_file(io.BytesIO(data), as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
