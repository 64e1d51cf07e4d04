"""Administrator pages: user accounts and organisations."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.review import Role

from ..extensions import db
from ..models import Expert, Organisation, OrgKind, User
from ..operations import OperationError
from . import operations as ops
from ..labels import ROLE
from ..web import form_errors
from .forms import ORG_KIND_LABELS, OrganisationForm, ResetPasswordForm, ToggleForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _user_form(obj=None) -> UserForm:
    form = UserForm(obj=obj)
    form.organisation_id.choices = [(o.id, o.name) for o in db.session.scalars(
        sa.select(Organisation).where(Organisation.active).order_by(Organisation.kind, Organisation.name))]
    form.expert_id.choices = [("", _("（无）"))] + [(e.id, e.name) for e in db.session.scalars(
        sa.select(Expert).order_by(Expert.kind, Expert.id))]
    return form


@bp.route("/users")
def users():
    rows = db.session.scalars(sa.select(User).order_by(User.organisation_id, User.username)).all()
    return render_template("admin/users.html", users=rows, role_labels=ROLE, toggle=ToggleForm())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form = _user_form()
    if form.validate_on_submit():
        try:
            user = ops.create_user(form.username.data, form.display_name.data, form.organisation_id.data,
                                   {Role(r) for r in form.roles.data}, form.password.data or "",
                                   form.expert_id.data, form.phone.data)
        except OperationError as e:
            flash(e.message, "danger")
            return render_template("admin/user_form.html", form=form, user=None), e.status
        db.session.commit()
        flash(_("已创建用户 %(name)s", name=user.username), "success")
        return redirect(url_for("admin.users"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = _user_form(obj=user)
    del form.username, form.password
    if not form.is_submitted():
        form.roles.data = [r.value for r in user.roles]
        form.version.data = user.version
    if form.validate_on_submit():
        try:
            ops.update_user(user, form.version.data, form.display_name.data, form.organisation_id.data,
                            {Role(r) for r in form.roles.data}, form.expert_id.data, form.phone.data)
        except OperationError as e:
            db.session.rollback()
            flash(e.message, "danger")
            return _edit_page(form, user, e.status)
        db.session.commit()
        flash(_("已保存"), "success")
        return redirect(url_for("admin.users"))
    return _edit_page(form, user, 400 if form.is_submitted() else 200)


def _edit_page(form, user, status=200):
    return render_template("admin/user_form.html", form=form, user=user,
                           password_form=ResetPasswordForm(version=user.version),
                           toggle=ToggleForm(version=user.version)), status


@bp.route("/users/<int:user_id>/password", methods=["POST"])
def reset_password(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = ResetPasswordForm()
    # Refusals go back to the edit page with the reason; nothing is changed.
    if not form.validate_on_submit():
        flash(form_errors(form), "danger")
    else:
        try:
            ops.reset_password(user, form.version.data, form.password.data)
        except OperationError as e:
            db.session.rollback()
            flash(e.message, "danger")
        else:
            db.session.commit()
            flash(_("已为 %(name)s 设置新密码，其登录已全部失效", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/totp-reset", methods=["POST"])
def reset_totp(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        ops.reset_second_factor(user, form.version.data)
    except OperationError as e:
        abort(e.status, e.message)
    db.session.commit()
    flash(_("已重置 %(name)s 的动态验证码，下次登录时重新绑定", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/toggle", methods=["POST"])
def toggle_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        ops.set_user_active(user, not user.active, form.version.data, actor=current_user)
    except OperationError as e:
        abort(e.status, e.message)
    db.session.commit()
    flash(_("已启用 %(name)s", name=user.username) if user.active else _("已停用 %(name)s，其登录已全部失效",
                                                                       name=user.username), "info")
    return redirect(url_for("admin.users"))


@bp.route("/organisations")
def organisations():
    rows = db.session.scalars(sa.select(Organisation).order_by(Organisation.kind, Organisation.name)).all()
    return render_template("admin/organisations.html", organisations=rows, kind_labels=ORG_KIND_LABELS,
                           toggle=ToggleForm())


@bp.route("/organisations/new", methods=["GET", "POST"])
def new_organisation():
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            ops.create_organisation(form.name.data, form.short_name.data, OrgKind(form.kind.data))
        except OperationError as e:
            flash(e.message, "danger")
            return render_template("admin/organisation_form.html", form=form), e.status
        db.session.commit()
        flash(_("已创建单位"), "success")
        return redirect(url_for("admin.organisations"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/organisation_form.html", form=form), status


@bp.route("/organisations/<int:org_id>/toggle", methods=["POST"])
def toggle_organisation(org_id: int):
    org = db.session.get(Organisation, org_id) or abort(404)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        ops.set_organisation_active(org, not org.active, form.version.data)
    except OperationError as e:
        abort(e.status, e.message)
    db.session.commit()
    return redirect(url_for("admin.organisations"))
