"""Matter pages: list, intake, detail with timeline, materials and documents, stage transitions."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.participation import Participation
from workflows.review import Action, Category, Stage, Status
from workflows.roles import BUREAU

from .. import labels, rules
from ..clauses.forms import forms_for
from ..clauses.panel import document_context
from ..documents.render import aligned_diff, docx_to_html, docx_to_text
from ..documents.service import blob_store
from ..extensions import db
from ..models import (AuditEvent, Document, MaterialKind, Matter, Organisation, OrgKind, PublicParticipation, User,
                      UserRole)
from ..operations import OperationError, StaleVersion
from ..review import operations as rops
from ..decisions import operations as dops
from ..decisions import policy as decision_policy
from ..transaction import on_refusal
from ..web import date_or_none, enum_or_none, form_errors, row_id
from . import operations as ops
from .badges import status_badge
from . import policy
from .forms import (ActionForm, AssignForm, ExemptionForm, ExtendForm, InvestigationForm, MatterForm,
                    ParticipationForm, SignedAgreementForm, UploadForm)
from .materials import SIGNED_AGREEMENT
from .participation import participation_findings, record_participation
from .queries import MatterFilter, search
from .timeline import describe_event

bp = Blueprint("matters", __name__, url_prefix="/matters")
bp.add_app_template_global(status_badge)
LABELS = {"category": labels.CATEGORY, "stage": labels.STAGE, "status": labels.STATUS, "action": labels.ACTION,
          "conclusion": labels.CONCLUSION, "outcome": labels.DECISION_OUTCOME, "event": describe_event}
# Actions done on the matter page with just a version and an optional reason; the others have forms.
SIMPLE_ACTIONS = {Action.submit, Action.approve, Action.accept, Action.forward, Action.request_supplement,
                  Action.supply, Action.return_for_revision, Action.withdraw, Action.request_advisers,
                  Action.advisers_done, Action.sign_off, Action.reject_sign_off, Action.issue,
                  Action.answer_adoption}


def load_matter(matter_id: int, *options) -> Matter:
    """404 for matters the user may not see, so their existence is not revealed. `options`: what the page
    will read of it, loaded with it."""
    matter = db.session.get(Matter, matter_id, options=options)
    if matter is None or not policy.can_view(current_user, matter):
        abort(404)
    return matter


def _page_loads():
    """A matter's page reads its opinion, decision, risk assessment, author and reviewer: one query for all of
    them rather than one each."""
    return (joinedload(Matter.opinion), joinedload(Matter.decision), joinedload(Matter.risk),
            joinedload(Matter.created_by), joinedload(Matter.reviewer))


def _actor() -> User:
    return current_user._get_current_object()


@bp.route("/")
def index():
    a = request.args
    f = MatterFilter(q=a.get("q", "")[:100], category=enum_or_none(Category, a.get("category")),
                     stage=enum_or_none(Stage, a.get("stage")), status=enum_or_none(Status, a.get("status")),
                     department_id=a.get("department_id", type=row_id), date_from=date_or_none(a.get("from")),
                     date_to=date_or_none(a.get("to")), overdue=a.get("overdue") == "1",
                     late_filing=a.get("late_filing") == "1", before=a.get("before", type=row_id))
    rows, next_before = search(current_user, f, rules.today())
    departments = db.session.scalars(sa.select(Organisation).where(
        Organisation.district_id == current_user.district_id,
        Organisation.kind.in_([OrgKind.department, OrgKind.town])).order_by(Organisation.name)).all()
    next_args = {k: v for k, v in a.items() if k != "before"}
    return render_template("matters/list.html", matters=rows, next_before=next_before, next_args=next_args,
                           departments=departments, labels=LABELS, today=rules.today())


def _fields(form: MatterForm) -> ops.MatterFields:
    return ops.MatterFields(form.title.data or "", form.summary.data or "", form.legal_basis.data or "",
                            form.planned_date.data, form.counterparties.data or "", form.contact_name.data or "",
                            form.contact_phone.data or "")


def _new_form_page():
    return render_template("matters/form.html", form=MatterForm(), matter=None)


@bp.route("/new", methods=["GET", "POST"])
@on_refusal(_new_form_page)
def new():
    form = MatterForm()
    if form.validate_on_submit():
        matter = ops.create_matter(_actor(), Category(form.category.data), _fields(form))
        flash(_("已保存草稿，请上传报送材料"), "success")
        return redirect(url_for("matters.detail", matter_id=matter.id))
    return render_template("matters/form.html", form=form, matter=None), 400 if form.is_submitted() else 200


def _edit_form(matter: Matter) -> MatterForm:
    form = MatterForm(obj=matter)
    del form.category
    # A stale form comes back with what was typed and the current version: submitting again, knowingly, applies.
    if not form.is_submitted() or isinstance(g.get("refusal"), StaleVersion):
        form.version.data = matter.version
    return form


def _edit_page(matter_id: int):
    matter = load_matter(matter_id)
    return render_template("matters/form.html", form=_edit_form(matter), matter=matter)


@bp.route("/<int:matter_id>/edit", methods=["GET", "POST"])
@on_refusal(_edit_page)
def edit(matter_id: int):
    matter = load_matter(matter_id)
    form = _edit_form(matter)
    if form.validate_on_submit():
        ops.update_matter(_actor(), matter, form.version.data, _fields(form))
        flash(_("已保存"), "success")
        return redirect(url_for("matters.detail", matter_id=matter.id))
    return render_template("matters/form.html", form=form, matter=matter), 400 if form.is_submitted() else 200


# The opinion's own events (with its number and content) already tell these steps.
TIMELINE_HIDDEN = ("matter.draft_opinion", "matter.issue")


def _timeline(matter: Matter):
    return db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.object_type == "matter", AuditEvent.object_id == str(matter.id),
        AuditEvent.action.not_in(TIMELINE_HIDDEN)).order_by(AuditEvent.id)).all()


def _supplement_request(timeline) -> AuditEvent | None:
    """The latest request for supplementary materials, whose reason the department must read."""
    return next((e for e in reversed(timeline) if e.action == "matter.request_supplement"), None)


def _participation_form(matter: Matter, row: PublicParticipation | None) -> ParticipationForm:
    """Drawn from the record, or from what was typed when the page re-renders a refused save."""
    if request.endpoint == "matters.participation":
        return ParticipationForm()
    return ParticipationForm(formdata=None, obj=row, version=row.version if row else "")


def detail_context(matter: Matter) -> dict:
    kinds = ops.required_kinds(matter.category)
    docs_by_kind = {}
    for d in matter.documents:
        docs_by_kind.setdefault(d.material_kind_id, []).append(d)
    cal = rules.calendar()
    clock = ops.review_clock(matter)
    today = rules.today()
    timeline = _timeline(matter)
    upload_form = UploadForm()
    # The bureau adds versions of the draft only; the signed agreement has its own form.
    offered = [k for k in kinds if k.code != SIGNED_AGREEMENT
               and (policy.department_side(current_user, matter) or k.is_draft)]
    upload_form.material_kind_id.choices = [(k.id, _(k.name)) for k in offered]
    available = ops.available(_actor(), matter, kinds)
    assign = AssignForm(version=matter.version)
    if Action.assign_reviewer in available.actions:
        assign.reviewer_id.choices = [(u.id, u.display_name) for u in db.session.scalars(
            sa.select(User).join(UserRole).join(Organisation, User.organisation_id == Organisation.id)
            .where(UserRole.role.in_(BUREAU), User.active, Organisation.district_id == matter.district_id)
            .order_by(User.id)).unique()]
    participation_row = db.session.get(PublicParticipation, matter.id)
    return dict(
        participation=participation_row, participation_findings=participation_findings(matter),
        participation_form=_participation_form(matter, participation_row),
        matter=matter, kinds=kinds, docs_by_kind=docs_by_kind, labels=LABELS,
        exemptions={e.material_kind_id: e for e in matter.exemptions}, missing=ops.missing_materials(matter, kinds),
        actions=[a for a in available.actions if a in SIMPLE_ACTIONS],
        # Assigning and drafting have their own forms.
        can_assign=Action.assign_reviewer in available.actions,
        can_draft=Action.draft_opinion in available.actions,
        changes={c.value for c in available.changes},
        comparison=default_comparison(matter),
        can_view_opinion=policy.can_view_opinion(_actor(), matter),
        opinion_number=rops.opinion_number_text(matter.opinion) if matter.opinion and matter.opinion.issued else None,
        is_department=current_user.organisation_id == matter.department_id,
        # For the decision body: None when it has nothing to record here, "" when it can, else why not yet.
        record_decision_reason=_record_decision_reason(matter),
        upload_form=upload_form, exemption_form=ExemptionForm(), action_form=ActionForm(version=matter.version),
        assign_form=assign, extend_form=ExtendForm(version=matter.version), timeline=timeline,
        investigation_form=InvestigationForm(version=matter.version, formdata=None),
        signed_form=SignedAgreementForm(version=matter.version, formdata=None),
        late_filing=ops.late_filing(matter, today), pause_labels=labels.PAUSE_KIND,
        filing_days=rules.setting("agreement_filing_days", matter.district_id),
        supplement_request=_supplement_request(timeline) if matter.status == Status.awaiting_supplement else None,
        clock=clock, remaining=clock.remaining(cal, today) if clock else None,
        overdue=clock.is_overdue(cal, today) if clock else False,
        fallback_years=cal.fallback_years(matter.clock_started_on, matter.due_on or today)
        if clock else [], today=today)


def _record_decision_reason(matter: Matter) -> str | None:
    if matter.decision is not None or not decision_policy.may_record(current_user) \
            or matter.status not in (Status.issued, Status.answered):
        return None
    return dops.why_not_recordable(_actor(), matter) or ""


@bp.route("/<int:matter_id>")
def detail(matter_id: int):
    matter = load_matter(matter_id, *_page_loads())
    return render_template("matters/detail.html", **detail_context(matter))


def _back(matter, message=None, category="success"):
    if message:
        flash(message, category)
    return redirect(url_for("matters.detail", matter_id=matter.id))


def detail_page(matter_id: int, **_view_args):
    """The matter page: what a refused change on it shows, with the refusal on top."""
    return render_template("matters/detail.html", **detail_context(load_matter(matter_id, *_page_loads())))


@bp.route("/<int:matter_id>/documents", methods=["POST"])
@on_refusal(detail_page)
def upload(matter_id: int):
    matter = load_matter(matter_id)
    form = UploadForm()
    form.material_kind_id.choices = [(k.id, k.name) for k in ops.required_kinds(matter.category)]
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    kind = db.session.get(MaterialKind, form.material_kind_id.data)
    ops.upload(_actor(), matter, kind, form.file.data.filename or "", form.file.data.read())
    return _back(matter, _("已上传：%(name)s", name=kind.name))


@bp.route("/<int:matter_id>/exemptions", methods=["POST"])
@on_refusal(detail_page)
def exempt(matter_id: int):
    matter = load_matter(matter_id)
    form = ExemptionForm()
    kind = db.session.get(MaterialKind, request.form.get("material_kind_id", type=row_id) or 0)
    if kind is None:
        abort(400, _("请选择材料类型"))
    if not form.validate_on_submit():
        raise OperationError(_("请写明免报理由"))
    ops.set_exemption(_actor(), matter, kind, form.reason.data)
    return _back(matter, _("已登记免报理由"))


@bp.route("/<int:matter_id>/act/<action>", methods=["POST"])
@on_refusal(detail_page)
def act(matter_id: int, action: str):
    matter = load_matter(matter_id)
    chosen = enum_or_none(Action, action)
    if chosen not in SIMPLE_ACTIONS:
        abort(404)
    form = ActionForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form) or _("请求有误，请检查后重试"))
    if chosen == Action.issue:
        rops.issue(_actor(), matter, form.version.data)
    elif chosen == Action.sign_off:
        rops.sign_off(_actor(), matter, form.version.data)
    elif chosen == Action.reject_sign_off:
        rops.reject_sign_off(_actor(), matter, form.version.data, form.reason.data or "")
    else:
        ops.transition(_actor(), matter, chosen, form.version.data, reason=form.reason.data or "")
    return _back(matter, _("已完成：%(a)s", a=labels.ACTION[chosen]))


@bp.route("/<int:matter_id>/reviewer", methods=["POST"])
@on_refusal(detail_page)
def assign(matter_id: int):
    matter = load_matter(matter_id)
    form = AssignForm()
    reviewer = db.session.get(User, request.form.get("reviewer_id", type=row_id) or 0)
    if reviewer is None:
        abort(400, _("请选择审核人员"))
    ops.assign_reviewer(_actor(), matter, form.version.data, reviewer)
    return _back(matter, _("已分配审核人员：%(n)s", n=reviewer.display_name))


@bp.route("/<int:matter_id>/extend", methods=["POST"])
@on_refusal(detail_page)
def extend(matter_id: int):
    matter = load_matter(matter_id)
    form = ExtendForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    ops.extend(_actor(), matter, form.version.data, form.days.data, form.reason.data)
    return _back(matter, _("已延长审核期限"))


@bp.route("/<int:matter_id>/investigation", methods=["POST"])
@on_refusal(detail_page)
def investigation(matter_id: int):
    matter = load_matter(matter_id)
    form = InvestigationForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    start = request.form.get("step") == "start"
    ops.investigation(_actor(), matter, form.version.data, form.reason.data or "", start)
    return _back(matter, _("已暂停计时，开始调查核实") if start else _("调查核实结束，恢复计时"))


@bp.route("/<int:matter_id>/participation", methods=["POST"])
@on_refusal(detail_page)
def participation(matter_id: int):
    matter = load_matter(matter_id)
    form = ParticipationForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    record_participation(_actor(), matter, form.version.data, Participation(
        not_public_reason=form.not_public_reason.data or "", comment_published_on=form.comment_published_on.data,
        comment_closes_on=form.comment_closes_on.data, shortened_reason=form.shortened_reason.data or "",
        hearing_on=form.hearing_on.data, hearing_materials_on=form.hearing_materials_on.data))
    return _back(matter, _("已保存公众参与情况"))


@bp.route("/<int:matter_id>/signed", methods=["POST"])
@on_refusal(detail_page)
def file_signed(matter_id: int):
    matter = load_matter(matter_id)
    form = SignedAgreementForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    upload = form.file.data
    data = upload.read() if upload else None
    ops.file_signed_agreement(_actor(), matter, form.version.data, form.signed_on.data,
                              (upload.filename or "") if upload else "", data)
    return _back(matter, _("已备案已签署的协议") if data else _("已登记协议签署日期"))


def _document(document_id: int) -> Document:
    doc = db.session.get(Document, document_id) or abort(404)
    load_matter(doc.matter_id)
    return doc


@bp.route("/documents/<int:document_id>/file")
def document_file(document_id: int):
    doc = _document(document_id)
    # PDFs and images open in the browser; office files download. The stored name is for display only.
    inline = doc.kind in ("pdf", "jpeg", "png")
    return send_file(blob_store().path(doc.sha256), mimetype=doc.mime, as_attachment=not inline,
                     download_name=doc.display_name)


def render_document(doc: Document) -> str:
    """A .docx online: a draft version clause by clause, with the bureau's flag panel beside it (clause flags);
    any other file, or a draft asked for with ?layout=original, as converted from Word."""
    context = document_context(_actor(), doc)
    original = context["reading"] is None or request.args.get("layout") == "original"
    html = docx_to_html(blob_store().read(doc.sha256)) if original else None
    return render_template("matters/document.html", doc=doc, html=html, matter=doc.matter, forms_for=forms_for,
                           **context)


@bp.route("/documents/<int:document_id>/view")
def document_view(document_id: int):
    doc = _document(document_id)
    if doc.kind != "docx":
        return redirect(url_for("matters.document_file", document_id=doc.id))
    return render_document(doc)


def default_comparison(matter: Matter) -> tuple[Document, Document] | None:
    """The two latest .docx versions of the same material, the draft's first: what a reviewer compares."""
    by_kind: dict = {}
    for d in matter.documents:
        if d.kind == "docx":
            by_kind.setdefault(d.material_kind_id, []).append(d)
    candidates = sorted((docs for docs in by_kind.values() if len(docs) >= 2),
                        key=lambda docs: (not (docs[0].material_kind and docs[0].material_kind.is_draft),
                                          -docs[-1].id))
    if not candidates:
        return None
    docs = sorted(candidates[0], key=lambda d: d.version_no)
    return docs[-2], docs[-1]


@bp.route("/<int:matter_id>/compare")
def compare(matter_id: int):
    matter = load_matter(matter_id)
    docs = {d.id: d for d in matter.documents if d.kind == "docx"}
    if "a" not in request.args and "b" not in request.args:
        pair = default_comparison(matter)
        old, new = pair if pair else (None, None)
    else:
        old, new = docs.get(request.args.get("a", type=row_id)), docs.get(request.args.get("b", type=row_id))
    if old is None or new is None:
        abort(404, _("请选择同一事项的两个 docx 版本进行比较"))
    store = blob_store()
    rows = aligned_diff(docx_to_text(store.read(old.sha256)), docx_to_text(store.read(new.sha256)))
    return render_template("matters/compare.html", matter=matter, old=old, new=new, rows=rows,
                           changed=any(r.changed for r in rows), versions=sorted(docs.values(), key=lambda d: d.id))
