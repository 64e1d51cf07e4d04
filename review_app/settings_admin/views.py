"""Administrator pages: rule numbers (/admin/settings), calendar overrides (/admin/calendar), materials."""
from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from workflows.calendar import FALLBACK_WARNING, WorkingCalendar
from workflows.review import CATEGORY_LABELS, Category

from .. import rules
from ..extensions import db
from ..models import CalendarDay, MaterialKind
from ..operations import OperationError
from . import operations as ops
from .forms import (CalendarDayForm, FlagForm, MaterialForm, RenameForm, ScheduleForm, field_name,
                    settings_form)

bp = Blueprint("settings_admin", __name__, url_prefix="/admin")


# --- rule numbers -------------------------------------------------------------------------------------------

@bp.route("/settings", methods=["GET", "POST"])
def settings():
    current = ops.current_settings()
    form = settings_form(current)
    status = 200
    if form.validate_on_submit():
        submitted = {k: form[field_name(k)].data for k in rules.DEFAULTS}
        versions = {k: form["v_" + field_name(k)].data for k in rules.DEFAULTS}
        try:
            changed = ops.update_settings(submitted, versions)
        except ops.SettingsRejected as e:
            db.session.rollback()
            for key, message in e.problems.items():
                form[field_name(key)].errors = [message]
            flash(_("有数值不符合要求，未作任何修改"), "danger")
            status = e.status
        except OperationError as e:
            db.session.rollback()
            flash(e.message, "danger")
            status = e.status
        else:
            db.session.commit()
            flash(_("已保存 %(n)d 项修改", n=len(changed)) if changed else _("没有修改"), "success")
            return redirect(url_for("settings_admin.settings"))
    elif form.is_submitted():
        status = 400
    rows = [(key, field_name(key), rules.DEFAULTS[key]) for key in rules.DEFAULTS]
    return render_template("settings_admin/settings.html", form=form, rows=rows, current=current), status


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
def add_calendar_day():
    form = CalendarDayForm()
    if not form.validate_on_submit():
        flash(_("请检查填写的日期"), "danger")
        return _calendar_page(day_form=form, status=400)
    try:
        ops.set_day(ops.DayInput(form.day.data, form.kind.data == "workday", form.note.data or ""))
    except OperationError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _calendar_page(day_form=form, status=e.status)
    db.session.commit()
    flash(_("已保存 %(d)s", d=form.day.data.isoformat()), "success")
    return redirect(url_for("settings_admin.calendar"))


@bp.route("/calendar/days/<day>/delete", methods=["POST"])
def delete_calendar_day(day: str):
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    try:
        ops.delete_day(parsed)
    except OperationError as e:
        db.session.rollback()
        abort(e.status, e.message)
    db.session.commit()
    flash(_("已删除 %(d)s 的设置", d=parsed.isoformat()), "info")
    return redirect(url_for("settings_admin.calendar"))


@bp.route("/calendar/import", methods=["POST"])
def import_calendar():
    form = ScheduleForm()
    if not form.validate_on_submit():
        flash(_("请粘贴至少一行节假日安排"), "danger")
        return _calendar_page(schedule_form=form, status=400)
    try:
        rows = ops.import_schedule(form.text.data)
    except ops.ScheduleRejected as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _calendar_page(schedule_form=form, problems=e.problems, status=e.status)
    except OperationError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _calendar_page(schedule_form=form, status=e.status)
    db.session.commit()
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


@bp.route("/materials/new", methods=["POST"])
def add_material():
    form = MaterialForm()
    if not form.validate_on_submit():
        flash(_("请检查填写的内容"), "danger")
        return _materials_page(form, 400)
    try:
        kind = ops.add_material(Category(form.category.data), form.name.data, bool(form.required.data))
    except OperationError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _materials_page(form, e.status)
    db.session.commit()
    flash(_("已添加材料：%(n)s", n=kind.name), "success")
    return redirect(url_for("settings_admin.materials"))


def _flag(kind_id: int, operation) -> object:
    kind = _kind(kind_id)
    form = FlagForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        operation(kind, form.value.data == "1")
    except OperationError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _materials_page(status=e.status)
    db.session.commit()
    return redirect(url_for("settings_admin.materials"))


@bp.route("/materials/<int:kind_id>/required", methods=["POST"])
def toggle_material_required(kind_id: int):
    return _flag(kind_id, ops.set_material_required)


@bp.route("/materials/<int:kind_id>/active", methods=["POST"])
def toggle_material_active(kind_id: int):
    return _flag(kind_id, ops.set_material_active)


@bp.route("/materials/<int:kind_id>/rename", methods=["POST"])
def rename_material(kind_id: int):
    kind = _kind(kind_id)
    form = RenameForm()
    if not form.validate_on_submit():
        flash(form.name.errors[0] if form.name.errors else _("请填写材料名称"), "danger")
        return _materials_page(status=400)
    try:
        ops.rename_material(kind, form.name.data)
    except OperationError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return _materials_page(status=e.status)
    db.session.commit()
    flash(_("已改名为：%(n)s", n=kind.name), "success")
    return redirect(url_for("settings_admin.materials"))
