"""Ledger pages: the list with filters, a case with its steps as a timeline and the gate's answer on top, the
step entry form, challenges and execution, supervision letters and replies, the boards, Excel in and out."""
import io
from urllib.parse import quote

from flask import (Blueprint, Response, abort, flash, g, redirect, render_template, request, send_file,
                   session, url_for)
from flask_babel import gettext as _
from flask_login import current_user

from workflows.demolition import TRACKS, ChallengeKind, ChallengeOutcome, StepKind, Track
from workflows.demolition.tracks import COMPUTED
from workflows.roles import BUREAU

from .. import labels, rules
from ..documents.filetypes import DOCX_MIME
from ..documents.service import blob_store, checked_upload
from ..extensions import db
from ..models import DemolitionChallenge, DemolitionCase, DemolitionDocument, Organisation, SupervisionLetter
from ..models.base import aware
from ..operations import OperationError
from ..spreadsheets import SheetUnreadable
from ..transaction import on_refusal
from ..web import date_or_none, enum_or_none, row_id
from . import operations as ops
from . import policy, queries
from .forms import (CaseForm, ChallengeForm, EndChallengeForm, ExecutionForm, ImportForm, LetterForm,
                    ReplyForm, StepForm)
from .ledger import STATUS_BADGES, STATUS_LABELS, LedgerStatus, answer, say
from .letter import DEFAULT_REQUIREMENTS, default_findings, letter_number, official_letter
from .spreadsheet import build_workbook, ledger_row, read_rows

bp = Blueprint("demolition", __name__, url_prefix="/demolition")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _actor():
    return current_user._get_current_object()


def load_case(case_id: int) -> DemolitionCase:
    """404 for a case the user may not see, so its existence is not revealed."""
    case = db.session.get(DemolitionCase, case_id)
    if case is None or not policy.can_view(current_user, case):
        abort(404, _(policy.NOT_FOUND))
    return case


def load_letter(letter_id: int) -> SupervisionLetter:
    letter = db.session.get(SupervisionLetter, letter_id)
    if letter is None or not policy.can_view_letter(current_user, letter):
        abort(404, _(policy.LETTER_NOT_FOUND))
    return letter


def _attach(form, problems) -> None:
    """Put each refused field's message under the field; the others above the form."""
    for name, message in problems:
        target = form._fields.get(name) if name else None
        if target is not None:
            target.errors = list(target.errors) + [message]
        else:
            form.form_errors.append(message)


def _refused_into(form):
    """A form re-rendered after its operation refused: what the user typed, each message under its field.
    The flash on top then only says that nothing was saved (the messages are where they belong)."""
    refusal = g.get("refusal")
    problems = getattr(refusal, "problems", [])
    _attach(form, problems)
    flashes = session.get("_flashes", [])
    if problems and flashes and flashes[-1][1] == refusal.message:
        flashes[-1] = ("danger", _("未能保存，请按提示修改"))
    return form


def _files(name="files") -> list[tuple[str, bytes]]:
    return [(f.filename or "", f.read()) for f in request.files.getlist(name) if f and f.filename]


@bp.context_processor
def ledger_helpers():
    return dict(track_labels=labels.TRACK, step_labels=labels.STEP, challenge_labels=labels.CHALLENGE,
                outcome_labels=labels.OUTCOME, alert_labels=labels.ALERT, status_labels=STATUS_LABELS,
                status_badges=STATUS_BADGES, say=say, letter_number=letter_number,
                bureau=current_user.is_authenticated and current_user.has_role(*BUREAU))


def _parsed(form) -> None:
    """Run the form's parsing (dates, numbers, choices); what it cannot read is refused under its field."""
    form.validate_on_submit()
    if form.errors:
        raise ops.FieldsRefused([(name, str(errors[0])) for name, errors in form.errors.items()])


# --- the ledger ---------------------------------------------------------------------------------------------

def _filter() -> queries.LedgerFilter:
    a = request.args
    return queries.LedgerFilter(
        organisation_id=a.get("org", type=row_id), track=enum_or_none(Track, a.get("track")),
        status=enum_or_none(LedgerStatus, a.get("status")), q=a.get("q", "")[:100],
        planned_from=date_or_none(a.get("from")), planned_to=date_or_none(a.get("to")),
        alerts_only=a.get("alerts") == "1")


@bp.route("/")
def index():
    f = _filter()
    today = rules.today()
    rows = queries.cases(current_user, f, today)
    return render_template("demolition/index.html", rows=rows, f=f, keepers=queries.keepers(current_user),
                           today=today, args=dict(request.args.items()))


@bp.route("/export.xlsx")
def export():
    today = rules.today()
    rows = queries.cases(current_user, _filter(), today)
    scope = current_user.district.name if current_user.has_role(*BUREAU) else current_user.organisation.name
    title = f"{scope}拟强制拆除房屋摸底台账（导出日期：{today.isoformat()}）"
    data = build_workbook(title, [ledger_row(i, r.case, r.answer) for i, r in enumerate(rows, start=1)])
    return send_file(io.BytesIO(data), as_attachment=True, mimetype=XLSX_MIME,
                     download_name=f"拟强制拆除房屋摸底台账_{today.isoformat()}.xlsx")


def _import_page():
    problems = getattr(g.get("refusal"), "problems", [])
    return render_template("demolition/import.html", form=ImportForm(), problems=problems)


@bp.route("/import", methods=["GET", "POST"])
@on_refusal(_import_page)
def import_cases():
    form = ImportForm()
    if not form.is_submitted():
        return render_template("demolition/import.html", form=form, problems=[])
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise OperationError(_("请选择要导入的 .xlsx 文件"))
    data = upload.read()
    if checked_upload(upload.filename, data).kind != "xlsx":
        raise OperationError(_("请上传 Excel（.xlsx）格式的台账"))
    try:
        rows = read_rows(_actor(), data)
    except SheetUnreadable as e:
        raise OperationError(e.message) from None
    saved = ops.import_cases(_actor(), rows)
    flash(_("已导入 %(n)d 户台账案件", n=len(saved)), "success")
    return redirect(url_for("demolition.index"))


# --- entering and editing a case ----------------------------------------------------------------------------

def _case_form(case: DemolitionCase | None = None) -> CaseForm:
    form = CaseForm(obj=case) if case is not None and request.method == "GET" else CaseForm()
    form.track.choices = [("", _("（请选择）"))] + labels.TRACK.choices()
    orgs = [o for o in queries.keepers(current_user) if o.active]
    form.organisation_id.choices = [(o.id, o.name) for o in orgs]
    if case is not None and request.method == "GET":
        form.parties.data = "\n".join(case.party_names)
        form.track.data = case.track.value
        form.version.data = case.version
    return form


def _fields(form: CaseForm, organisation_id=None) -> ops.CaseFields:
    return ops.CaseFields(
        project=form.project.data or "", track=enum_or_none(Track, form.track.data),
        address=form.address.data or "", parties=(form.parties.data or "").splitlines(),
        building_area=form.building_area.data, enforcing_body=form.enforcing_body.data or "",
        planned_on=form.planned_on.data, note=form.note.data or "", organisation_id=organisation_id)


def _new_page():
    return render_template("demolition/case_form.html", form=_refused_into(_case_form()), case=None)


@bp.route("/new", methods=["GET", "POST"])
@on_refusal(_new_page)
def new():
    form = _case_form()
    if form.validate_on_submit():
        org_id = form.organisation_id.data if current_user.has_role(*BUREAU) else None
        case = ops.create_case(_actor(), _fields(form, org_id))
        flash(_("已录入台账案件，请录入已完成的程序节点"), "success")
        return redirect(url_for("demolition.case", case_id=case.id))
    status = 400 if form.is_submitted() else 200
    return render_template("demolition/case_form.html", form=form, case=None), status


def _edit_page(case_id: int):
    case = load_case(case_id)
    return render_template("demolition/case_form.html", form=_refused_into(_case_form(case)), case=case)


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@on_refusal(_edit_page)
def edit(case_id: int):
    case = load_case(case_id)
    form = _case_form(case)
    if form.validate_on_submit():
        ops.update_case(_actor(), case, form.version.data, _fields(form))
        flash(_("已保存"), "success")
        return redirect(url_for("demolition.case", case_id=case.id))
    status = 400 if form.is_submitted() else 200
    return render_template("demolition/case_form.html", form=form, case=case), status


# --- the case page ------------------------------------------------------------------------------------------

def _timeline(case: DemolitionCase, gate):
    """The track's steps in order, each with its records (the latest counts) and what the gate says of it."""
    records = {}
    for s in case.steps:
        records.setdefault(s.kind, []).append(s)
    missing = {m.step: m for m in gate.missing if m.step is not None}
    return [{"kind": spec.kind, "article": spec.article, "computed": spec.kind in COMPUTED,
             "records": records.get(spec.kind, []), "done": spec.kind in gate.done,
             "missing": missing.get(spec.kind)} for spec in TRACKS[case.track].steps]


def case_context(case: DemolitionCase, step_form=None, challenge_form=None, execution_form=None) -> dict:
    today = rules.today()
    result = answer(case, today)
    keeper = policy.may_keep(current_user, case)
    challenge_form = challenge_form or ChallengeForm()
    challenge_form.against.choices = [("", _("（请选择）"))] + [
        (k.value, labels.STEP[k]) for k in ops.step_kinds(case.track)]
    execution_form = execution_form or ExecutionForm()
    if not execution_form.is_submitted():
        execution_form.version.data = case.version
    return dict(case=case, answer=result, gate=result.gate, timeline=_timeline(case, result.gate),
                today=today, may_keep=keeper, keeper=keeper and case.executed_on is None,
                may_issue=policy.may_issue_letter(current_user, case),
                challenge_form=challenge_form, execution_form=execution_form, end_form=EndChallengeForm,
                overdue=lambda letter: ops.is_overdue(letter, today))


@bp.route("/<int:case_id>")
def case(case_id: int):
    return render_template("demolition/case.html", **case_context(load_case(case_id)))


def _case_page(case_id: int, **_view_args):
    """The case page after a refused change on it: the refused form keeps what was typed, each message under
    its field."""
    case = load_case(case_id)
    forms = {"demolition.new_challenge": "challenge_form", "demolition.execution": "execution_form"}
    extra = {}
    if request.endpoint in forms:
        form = ChallengeForm() if request.endpoint == "demolition.new_challenge" else ExecutionForm()
        extra[forms[request.endpoint]] = _refused_into(form)
    return render_template("demolition/case.html", **case_context(case, **extra))


@bp.route("/<int:case_id>/challenges", methods=["POST"])
@on_refusal(_case_page)
def new_challenge(case_id: int):
    case = load_case(case_id)
    form = ChallengeForm()
    _parsed(form)
    ops.record_challenge(_actor(), case, enum_or_none(ChallengeKind, form.kind.data),
                         enum_or_none(StepKind, form.against.data), form.filed_on.data,
                         form.case_no.data or "")
    flash(_("已登记：%(k)s", k=labels.CHALLENGE[ChallengeKind(form.kind.data)]), "success")
    return redirect(url_for("demolition.case", case_id=case.id))


def _challenge(challenge_id: int) -> DemolitionChallenge:
    challenge = db.session.get(DemolitionChallenge, challenge_id) or abort(404, _(policy.NOT_FOUND))
    load_case(challenge.case_id)
    return challenge


def _challenge_page(challenge_id: int):
    return _case_page(_challenge(challenge_id).case_id)


@bp.route("/challenges/<int:challenge_id>/end", methods=["POST"])
@on_refusal(_challenge_page)
def end_challenge(challenge_id: int):
    challenge = _challenge(challenge_id)
    form = EndChallengeForm()
    _parsed(form)
    ops.end_challenge(_actor(), challenge, form.version.data, form.ended_on.data,
                      enum_or_none(ChallengeOutcome, form.outcome.data))
    flash(_("已登记结果：%(o)s", o=labels.OUTCOME[challenge.outcome]), "success")
    return redirect(url_for("demolition.case", case_id=challenge.case_id))


@bp.route("/<int:case_id>/execution", methods=["POST"])
@on_refusal(_case_page)
def execution(case_id: int):
    case = load_case(case_id)
    form = ExecutionForm()
    _parsed(form)
    ops.record_execution(_actor(), case, form.version.data, form.executed_on.data, form.executed_time.data)
    if case.executed_lawfully:
        flash(_("已登记实施拆除"), "success")
    else:
        flash(_("已登记实施拆除。实施时程序未完备，该案件标记为违法实施"), "danger")
    return redirect(url_for("demolition.case", case_id=case.id))


# --- the step entry form ------------------------------------------------------------------------------------

def _step_form(case: DemolitionCase) -> StepForm:
    form = StepForm()
    form.kind.choices = [("", _("（请选择）"))] + [(k.value, labels.STEP[k]) for k in ops.step_kinds(case.track)]
    if not form.is_submitted() and request.args.get("kind"):
        form.kind.data = request.args["kind"]
    return form


def _step_page(case_id: int):
    case = load_case(case_id)
    return render_template("demolition/step_form.html", form=_refused_into(_step_form(case)), case=case,
                   answer=answer(case))


@bp.route("/<int:case_id>/steps/new", methods=["GET", "POST"])
@on_refusal(_step_page)
def new_step(case_id: int):
    case = load_case(case_id)
    form = _step_form(case)
    if not form.is_submitted():
        return render_template("demolition/step_form.html", form=form, case=case, answer=answer(case))
    _parsed(form)
    step = ops.record_step(_actor(), case, ops.StepFields(
        kind=enum_or_none(StepKind, form.kind.data), done_on=form.done_on.data,
        document_no=form.document_no.data or "", deadline=form.deadline.data,
        told_of_remedies=bool(form.told_of_remedies.data), note=form.note.data or ""),
        _files())
    flash(_("已录入：%(s)s", s=labels.STEP[step.kind]), "success")
    return redirect(url_for("demolition.case", case_id=case.id))


@bp.route("/documents/<int:document_id>")
def document(document_id: int):
    doc = db.session.get(DemolitionDocument, document_id) or abort(404)
    load_case(doc.case_id)
    inline = doc.kind in ("pdf", "jpeg", "png")  # office files download; the stored name is for display only
    return send_file(blob_store().path(doc.sha256), mimetype=doc.mime, as_attachment=not inline,
                     download_name=doc.display_name)


# --- supervision letters ------------------------------------------------------------------------------------

def _letter_form(case: DemolitionCase) -> LetterForm:
    form = LetterForm()
    if not form.is_submitted():
        today = rules.today()
        form.reply_due_on.data = ops.default_reply_due(case.district_id, today)
        form.findings.data = default_findings(answer(case, today))
        form.requirements.data = DEFAULT_REQUIREMENTS
    return form


def _letter_form_page(case_id: int):
    case = load_case(case_id)
    return render_template("demolition/letter_form.html", form=_refused_into(_letter_form(case)), case=case,
                   answer=answer(case))


@bp.route("/<int:case_id>/letters/new", methods=["GET", "POST"])
@on_refusal(_letter_form_page)
def new_letter(case_id: int):
    case = load_case(case_id)
    form = _letter_form(case)
    if not form.is_submitted():
        return render_template("demolition/letter_form.html", form=form, case=case, answer=answer(case))
    _parsed(form)
    letter = ops.issue_letter(_actor(), case, ops.LetterFields(
        form.reply_due_on.data, form.findings.data or "", form.requirements.data or "",
        form.copies_to.data or ""))
    flash(_("已制发法治督察函 %(n)s", n=letter_number(letter)), "success")
    return redirect(url_for("demolition.letter", letter_id=letter.id))


@bp.route("/letters")
def letters():
    today = rules.today()
    view = request.args.get("view", "outstanding")
    rows = queries.letters(current_user, today, outstanding=view == "outstanding", overdue=view == "overdue")
    return render_template("demolition/letters.html", letters=rows, view=view, today=today,
                   overdue=lambda letter: ops.is_overdue(letter, today))


def _reply_form(letter: SupervisionLetter) -> ReplyForm:
    form = ReplyForm()
    unreported = [s for s in letter.case.steps if s.reply_id is None]
    form.step_ids.choices = [(s.id, f"{labels.STEP[s.kind]}（{s.done_on.isoformat()}"
                                    f"{'，' + s.document_no if s.document_no else ''}）") for s in unreported]
    if not form.is_submitted():
        # The steps recorded since the letter was issued are what the reply reports, unless the body unticks
        # them.
        form.step_ids.data = [s.id for s in unreported if aware(s.recorded_at) >= aware(letter.issued_at)]
    return form


def _letter_page(letter: SupervisionLetter, form=None):
    today = rules.today()
    return render_template("demolition/letter.html", letter=letter, case=letter.case,
                   official=official_letter(letter, letter_number(letter)),
                   reply_form=form or _reply_form(letter), may_reply=policy.may_reply(current_user, letter),
                   overdue=ops.is_overdue(letter, today), today=today)


@bp.route("/letters/<int:letter_id>")
def letter(letter_id: int):
    return _letter_page(load_letter(letter_id))


@bp.route("/letters/<int:letter_id>/letter.docx")
def letter_docx(letter_id: int):
    """The letter exactly as stored when it was issued."""
    letter = load_letter(letter_id)
    name = letter_number(letter) + ".docx"
    return Response(blob_store().read(letter.docx_sha256), mimetype=DOCX_MIME,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _reply_page(letter_id: int):
    letter = load_letter(letter_id)
    return _letter_page(letter, _refused_into(_reply_form(letter)))


@bp.route("/letters/<int:letter_id>/replies", methods=["POST"])
@on_refusal(_reply_page)
def reply(letter_id: int):
    letter = load_letter(letter_id)
    form = _reply_form(letter)
    _parsed(form)
    ops.reply_to_letter(_actor(), letter, form.text.data or "", form.step_ids.data or [], _files())
    flash(_("已回复督察函 %(n)s", n=letter_number(letter)), "success")
    return redirect(url_for("demolition.letter", letter_id=letter.id))


# --- boards -------------------------------------------------------------------------------------------------

@bp.route("/board")
def board():
    """A town's or department's own board; the bureau's district board, or one body's (?org=)."""
    today = rules.today()
    org = None
    if current_user.has_role(*BUREAU):
        org_id = request.args.get("org", type=row_id)
        if org_id is not None:
            org = db.session.get(Organisation, org_id)
            if org is None or org.district_id != current_user.district_id or org.kind not in policy.KEEPERS:
                abort(404)
    elif policy.may_enter_for(current_user, current_user.organisation):
        org = current_user.organisation
    else:
        abort(403)
    data = queries.board(current_user, today, org.id if org else None)
    per_body = data.per_body(queries.keepers(current_user)) if org is None else []
    return render_template("demolition/board.html", board=data, org=org, per_body=per_body, today=today,
                           tracks=list(Track), statuses=list(LedgerStatus),
                           overdue=lambda letter: ops.is_overdue(letter, today))
