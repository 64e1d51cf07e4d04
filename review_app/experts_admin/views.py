"""Roster pages (法律顾问专家库名册): the list with Excel in and out, adding and editing members, a member's page
with its history, status changes, renewal and register of related parties, and the list of specialties."""
import io

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from experts.conflicts import RELATION_LABELS
from experts.verify_draw import RelationKind
from .. import rules
from ..documents.service import checked_upload
from ..experts_pool import policy
from ..experts_pool.assessment import assess_member
from ..extensions import db
from ..models import ChangeKind, Expert, ExpertKind, Specialty, User
from ..operations import OperationError
from ..spreadsheets import SheetUnreadable
from ..transaction import on_refusal
from ..web import form_errors
from . import operations as ops
from .forms import ImportForm, MemberForm, RelatedPartyForm, RenewForm, SpecialtyForm, StatusForm
from .spreadsheet import KIND_LABELS, STATUS_LABELS, build_workbook, read_rows

bp = Blueprint("experts_admin", __name__, url_prefix="/experts")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHANGE_LABELS = {ChangeKind.added: "入库", ChangeKind.edited: "修改信息", ChangeKind.suspended: "暂停",
                 ChangeKind.reinstated: "恢复", ChangeKind.renewed: "续聘", ChangeKind.exited: "退出"}


def _actor() -> User:
    return current_user._get_current_object()


@bp.context_processor
def roster_helpers():
    return dict(kind_labels=KIND_LABELS, status_labels=STATUS_LABELS, change_labels=CHANGE_LABELS,
                relation_labels=RELATION_LABELS)


def load_member(expert_id: int) -> Expert:
    e = db.session.get(Expert, expert_id)
    if e is None or not policy.can_view_member(current_user, e):
        abort(404, _(policy.NOT_FOUND))
    return e


def _parsed(form) -> None:
    if not form.validate_on_submit():
        raise OperationError(form_errors(form) if form.errors else _("请求已过期，请刷新页面后重试"))


def _members():
    return db.session.scalars(sa.select(Expert).where(policy.members_visible(current_user))
                              .order_by(Expert.kind.desc(), Expert.id)).all()


@bp.route("/")
def roster():
    return render_template("experts_admin/roster.html", members=_members(), today=rules.today())


@bp.route("/export.xlsx")
def export():
    today = rules.today()
    title = f"{current_user.district.name}法律顾问专家库名册（导出日期：{today.isoformat()}）"
    data = build_workbook(title, list(_members()))
    return send_file(io.BytesIO(data), as_attachment=True, mimetype=XLSX_MIME,
                     download_name=f"法律顾问专家库名册_{today.isoformat()}.xlsx")


def _import_page():
    problems = getattr(g.get("refusal"), "problems", [])
    return render_template("experts_admin/import.html", form=ImportForm(), problems=problems)


@bp.route("/import", methods=["GET", "POST"])
@on_refusal(_import_page)
def import_roster():
    form = ImportForm()
    if not form.is_submitted():
        return _import_page()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise OperationError(_("请选择要导入的 .xlsx 文件"))
    data = upload.read()
    if checked_upload(upload.filename, data).kind != "xlsx":
        raise OperationError(_("请上传 Excel（.xlsx）格式的名册"))
    try:
        rows = read_rows(data)
    except SheetUnreadable as e:
        raise OperationError(e.message) from None
    saved = ops.import_roster(_actor(), current_user.district_id, rows)
    flash(_("已导入 %(n)d 名成员", n=len(saved)), "success")
    return redirect(url_for("experts_admin.roster"))


# --- adding and editing -----------------------------------------------------------------------------------

def _member_form(e: Expert | None = None) -> MemberForm:
    form = MemberForm(obj=e) if e is not None and request.method == "GET" else MemberForm()
    form.specialties.choices = [(s.name, s.name) for s in ops.specialty_list(current_user.district_id)]
    firms = db.session.scalars(sa.select(Expert).where(Expert.district_id == current_user.district_id,
                                                       Expert.kind == ExpertKind.firm).order_by(Expert.id))
    form.firm_id.choices = [("", _("（无）"))] + [(f.id, f.name) for f in firms]
    if e is not None and request.method == "GET":
        form.kind.data, form.specialties.data, form.version.data = e.kind.value, e.specialty_names, e.version
    return form


def _fields(form: MemberForm) -> ops.MemberFields:
    return ops.MemberFields(
        kind=ExpertKind(form.kind.data), name=form.name.data or "", licence_no=form.licence_no.data or "",
        specialties=form.specialties.data or [], term_start=form.term_start.data, term_end=form.term_end.data,
        firm_id=form.firm_id.data if form.kind.data == "lawyer" else None, firm_name=form.firm_name.data,
        load_cap=form.load_cap.data or 0, contact=form.contact.data, phone=form.phone.data,
        note=form.note.data)


def _form_page(expert_id: int | None = None):
    e = load_member(expert_id) if expert_id else None
    return render_template("experts_admin/member_form.html", form=_member_form(e), member=e)


@bp.route("/new", methods=["GET", "POST"])
@on_refusal(_form_page)
def new():
    form = _member_form()
    if form.is_submitted():
        _parsed(form)
        e = ops.create_member(_actor(), current_user.district_id, _fields(form))
        flash(_("已新增：%(name)s", name=e.name), "success")
        return redirect(url_for("experts_admin.member", expert_id=e.id))
    return render_template("experts_admin/member_form.html", form=form, member=None)


@bp.route("/<int:expert_id>/edit", methods=["GET", "POST"])
@on_refusal(_form_page)
def edit(expert_id: int):
    e = load_member(expert_id)
    form = _member_form(e)
    if form.is_submitted():
        _parsed(form)
        ops.update_member(_actor(), e, form.version.data, _fields(form))
        flash(_("已保存"), "success")
        return redirect(url_for("experts_admin.member", expert_id=e.id))
    return render_template("experts_admin/member_form.html", form=form, member=e)


# --- a member's page --------------------------------------------------------------------------------------

def member_context(e: Expert, **forms) -> dict:
    status_form = forms.get("status_form") or StatusForm()
    renew_form = forms.get("renew_form") or RenewForm()
    related_form = forms.get("related_form") or RelatedPartyForm()
    related_form.kind.choices = [(k.value, _(label)) for k, label in RELATION_LABELS.items()]
    for f in (status_form, renew_form):
        if not f.is_submitted():
            f.version.data = e.version
    today = rules.today()
    return dict(member=e, status_form=status_form, renew_form=renew_form, related_form=related_form,
                keeper=policy.may_keep_roster(current_user, e),
                may_declare=policy.may_declare_related(current_user, e),
                lawyers=db.session.scalars(sa.select(Expert).where(Expert.firm_id == e.id)).all(),
                assessment=assess_member(e, today.year), year=today.year, today=today)


def _member_page(expert_id: int):
    e = load_member(expert_id)
    kind = {"experts_admin.status": ("status_form", StatusForm),
            "experts_admin.renew": ("renew_form", RenewForm),
            "experts_admin.related": ("related_form", RelatedPartyForm)}.get(request.endpoint)
    refused = {kind[0]: kind[1]()} if kind else {}
    return render_template("experts_admin/member.html", **member_context(e, **refused))


@bp.route("/<int:expert_id>")
def member(expert_id: int):
    return _member_page(expert_id)


@bp.route("/<int:expert_id>/status", methods=["POST"])
@on_refusal(_member_page)
def status(expert_id: int):
    e = load_member(expert_id)
    form = StatusForm()
    _parsed(form)
    ops.change_status(_actor(), e, form.version.data, ChangeKind(form.change.data), form.reason.data or "",
                      form.effective_on.data)
    flash(_("已办理：%(what)s", what=_(CHANGE_LABELS[ChangeKind(form.change.data)])), "success")
    return redirect(url_for("experts_admin.member", expert_id=e.id))


@bp.route("/<int:expert_id>/renew", methods=["POST"])
@on_refusal(_member_page)
def renew(expert_id: int):
    e = load_member(expert_id)
    form = RenewForm()
    _parsed(form)
    ops.renew(_actor(), e, form.version.data, form.term_end.data, form.reason.data or "")
    flash(_("已续聘至 %(d)s", d=e.term_end.isoformat()), "success")
    return redirect(url_for("experts_admin.member", expert_id=e.id))


@bp.route("/<int:expert_id>/related", methods=["POST"])
@on_refusal(_member_page)
def related(expert_id: int):
    e = load_member(expert_id)
    form = RelatedPartyForm()
    form.kind.choices = [(k.value, k.value) for k in RelationKind]
    _parsed(form)
    ops.add_related_party(_actor(), e, RelationKind(form.kind.data), form.party_name.data or "",
                          form.start.data, form.end.data)
    flash(_("已登记关联方"), "success")
    return redirect(url_for("experts_admin.member", expert_id=e.id))


# --- the specialty list -----------------------------------------------------------------------------------

def _specialties_page():
    rows = db.session.scalars(sa.select(Specialty).where(Specialty.district_id == current_user.district_id)
                              .order_by(Specialty.id)).all()
    return render_template("experts_admin/specialties.html", rows=rows, form=SpecialtyForm())


@bp.route("/specialties", methods=["GET", "POST"])
@on_refusal(_specialties_page)
def specialties():
    form = SpecialtyForm()
    if form.is_submitted():
        _parsed(form)
        ops.add_specialty(_actor(), current_user.district_id, form.name.data or "")
        flash(_("已新增专业领域"), "success")
        return redirect(url_for("experts_admin.specialties"))
    return _specialties_page()


@bp.route("/specialties/<int:specialty_id>/toggle", methods=["POST"])
def toggle_specialty(specialty_id: int):
    row = db.session.get(Specialty, specialty_id)
    if row is None or row.district_id != current_user.district_id:
        abort(404, _(policy.NOT_FOUND))
    ops.set_specialty_active(_actor(), row, not row.active)
    return redirect(url_for("experts_admin.specialties"))
