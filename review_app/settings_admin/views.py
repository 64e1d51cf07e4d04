"""Administrator pages: rule numbers (/admin/settings), calendar overrides (/admin/calendar), materials."""
from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user
from flask_babel import gettext as _

from workflows.calendar import FALLBACK_WARNING, WorkingCalendar
from workflows.review import CATEGORY_LABELS, Category

from .. import rules
from ..extensions import db
from ..models import CalendarDay, MaterialKind
from ..transaction import on_refusal
from . import operations as ops
from .forms import (CalendarDayForm, FlagForm, MaterialForm, RenameForm, ScheduleForm, field_name,
                    settings_form)

bp = Blueprint("settings_admin", __name__, url_prefix="/admin")


def _actor():
    return current_user._get_current_object()


# --- rule numbers -------------------------------------------------------------------------------------------

def _settings_page(status=200, form=None):
    current = ops.current_settings(current_user.district_id)
    form = form or settings_form(current)
    refusal = g.get("refusal")
    for key, message in getattr(refusal, "problems", {}).items():
        form[field_name(key)].errors = [message]
    rows = [(key, field_name(key), rules.DEFAULTS[key]) for key in rules.DEFAULTS]
    return render_template("settings_admin/settings.html", form=form, rows=rows, current=current), status


@bp.route("/settings", methods=["GET", "POST"])
@on_refusal(lambda: _settings_page()[0])
def settings():
    form = settings_form(ops.current_settings(current_user.district_id))
    if form.validate_on_submit():
        submitted = {k: form[field_name(k)].data for k in rules.DEFAULTS}
        versions = {k: form["v_" + field_name(k)].data for k in rules.DEFAULTS}
        changed = ops.update_settings(current_user._get_current_object(), submitted, versions)
        flash(_("已保存 %(n)d 项修改", n=len(changed)) if changed else _("没有修改"), "success")
        return redirect(url_for("settings_admin.settings"))
    return _settings_page(400 if form.is_submitted() else 200, form)


# --- calendar -----------------------------------------------------------------------------------------------

def _year_status(years: list[int]) -> list[dict]:
    cal = rules.calendar()
    out = []
    for y in years:
        start, end = date(y, 1, 1), date(y, 12, 31)
        official = not WorkingCalendar({}).fallback_years(start, end)
        overrides = db.session.scalar(sa.select(sa.func.count()).select_from(CalendarDay).where(
            CalendarDay.day >= start, CalendarDay.day <= end))
        out.append({"year": y, "official": official, "overrides": overrides,
                    "warning": FALLBACK_WARNING if cal.fallback_years(start, end) else None})
    return out


def _calendar_page(day_form=None, schedule_form=None, problems=(), status=200):
    today = rules.today()
    rows = db.session.scalars(sa.select(CalendarDay).order_by(CalendarDay.day.desc())).all()
    return render_template("settings_admin/calendar.html", rows=rows,
                           years=_year_status([today.year, today.year + 1]),
                           day_form=day_form or CalendarDayForm(formdata=None),
                           schedule_form=schedule_form or ScheduleForm(formdata=None),
                           problems=list(problems)), status


@bp.route("/calendar")
def calendar():
    return _calendar_page()


@bp.route("/calendar/days", methods=["POST"])
@on_refusal(lambda: _calendar_page(day_form=CalendarDayForm())[0])
def add_calendar_day():
    form = CalendarDayForm()
    if not form.validate_on_submit():
        flash(_("请检查填写的日期"), "danger")
        return _calendar_page(day_form=form, status=400)
    ops.set_day(_actor(), ops.DayInput(form.day.data, form.kind.data == "workday", form.note.data or ""))
    flash(_("已保存 %(d)s", d=form.day.data.isoformat()), "success")
    return redirect(url_for("settings_admin.calendar"))


@bp.route("/calendar/days/<day>/delete", methods=["POST"])
def delete_calendar_day(day: str):
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    ops.delete_day(_actor(), parsed)
    flash(_("已删除 %(d)s 的设置", d=parsed.isoformat()), "info")
    return redirect(url_for("settings_admin.calendar"))


@bp.route("/calendar/import", methods=["POST"])
@on_refusal(lambda: _calendar_page(schedule_form=ScheduleForm(),
                                   problems=getattr(g.get("refusal"), "problems", ()))[0])
def import_calendar():
    form = ScheduleForm()
    if not form.validate_on_submit():
        flash(_("请粘贴至少一行节假日安排"), "danger")
        return _calendar_page(schedule_form=form, status=400)
    rows = ops.import_schedule(_actor(), form.text.data)
    flash(_("已导入 %(n)d 天的节假日安排", n=len(rows)), "success")
    return redirect(url_for("settings_admin.calendar"))


# --- materials ----------------------------------------------------------------------------------------------

def _materials_page(form=None, status=200):
    kinds = db.session.scalars(sa.select(MaterialKind).order_by(MaterialKind.sort, MaterialKind.id)).all()
    groups = [(c, CATEGORY_LABELS[c], [k for k in kinds if k.category == c]) for c in Category]
    return render_template("settings_admin/materials.html", groups=groups,
                           form=form or MaterialForm(formdata=None)), status


def _kind(kind_id: int) -> MaterialKind:
    return db.session.get(MaterialKind, kind_id) or abort(404)


@bp.route("/materials")
def materials():
    return _materials_page()


def _materials_refused(**_view_args):
    return _materials_page(MaterialForm() if request.endpoint == "settings_admin.add_material" else None)[0]


@bp.route("/materials/new", methods=["POST"])
@on_refusal(_materials_refused)
def add_material():
    form = MaterialForm()
    if not form.validate_on_submit():
        flash(_("请检查填写的内容"), "danger")
        return _materials_page(form, 400)
    kind = ops.add_material(_actor(), Category(form.category.data), form.name.data, bool(form.required.data))
    flash(_("已添加材料：%(n)s", n=kind.name), "success")
    return redirect(url_for("settings_admin.materials"))


def _flag(kind_id: int, operation) -> object:
    kind = _kind(kind_id)
    form = FlagForm()
    if not form.validate_on_submit():
        abort(400)
    operation(_actor(), kind, form.value.data == "1")
    return redirect(url_for("settings_admin.materials"))


@bp.route("/materials/<int:kind_id>/required", methods=["POST"])
@on_refusal(_materials_refused)
def toggle_material_required(kind_id: int):
    return _flag(kind_id, ops.set_material_required)


@bp.route("/materials/<int:kind_id>/active", methods=["POST"])
@on_refusal(_materials_refused)
def toggle_material_active(kind_id: int):
    return _flag(kind_id, ops.set_material_active)


@bp.route("/materials/<int:kind_id>/rename", methods=["POST"])
@on_refusal(_materials_refused)
def rename_material(kind_id: int):
    kind = _kind(kind_id)
    form = RenameForm()
    if not form.validate_on_submit():
        flash(form.name.errors[0] if form.name.errors else _("请填写材料名称"), "danger")
        return _materials_page(status=400)
    ops.rename_material(_actor(), kind, form.name.data)
    flash(_("已改名为：%(n)s", n=kind.name), "success")
    return redirect(url_for("settings_admin.materials"))
