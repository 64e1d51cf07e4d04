"""Administrator pages: user accounts and organisations."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workflows.roles import Role

from ..extensions import db
from ..labels import ORG_KIND, ROLE
from ..models import Expert, Organisation, OrgKind, User
from ..operations import OperationError
from ..transaction import on_refusal
from ..web import form_errors
from . import operations as ops
from . import policy
from .forms import OrganisationForm, ResetPasswordForm, ToggleForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _actor() -> User:
    return current_user._get_current_object()


def _load_user(user_id: int) -> User:
    """A user of the administrator's district; any other is not found."""
    user = db.session.get(User, user_id)
    if user is None or not policy.in_reach(_actor(), user.district_id):
        abort(404)
    return user


def _load_organisation(org_id: int) -> Organisation:
    org = db.session.get(Organisation, org_id)
    if org is None or not policy.in_reach(_actor(), org.district_id):
        abort(404)
    return org


def _user_form(obj=None) -> UserForm:
    form = UserForm(obj=obj)
    form.organisation_id.choices = [(o.id, o.name) for o in db.session.scalars(
        sa.select(Organisation).where(Organisation.active, policy.visible_organisations(_actor()))
        .order_by(Organisation.kind, Organisation.name))]
    form.expert_id.choices = [("", _("（无）"))] + [(e.id, e.name) for e in db.session.scalars(
        sa.select(Expert).where(Expert.district_id == current_user.district_id).order_by(Expert.kind, Expert.id))]
    return form


@bp.route("/users")
def users():
    rows = db.session.scalars(sa.select(User).join(Organisation, User.organisation_id == Organisation.id)
                              .where(policy.visible_users(_actor()))
                              .order_by(User.organisation_id, User.username)).all()
    return render_template("admin/users.html", users=rows, role_labels=ROLE, toggle=ToggleForm())


def _new_user_page():
    return render_template("admin/user_form.html", form=_user_form(), user=None)


@bp.route("/users/new", methods=["GET", "POST"])
@on_refusal(_new_user_page)
def new_user():
    form = _user_form()
    if form.validate_on_submit():
        user = ops.create_user(_actor(), form.username.data, form.display_name.data, form.organisation_id.data,
                               {Role(r) for r in form.roles.data}, form.password.data or "",
                               form.expert_id.data, form.phone.data)
        flash(_("已创建用户 %(name)s", name=user.username), "success")
        return redirect(url_for("admin.users"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=None), status


def _edit_form(user: User) -> UserForm:
    form = _user_form(obj=user)
    del form.username, form.password
    if not form.is_submitted():
        form.roles.data = [r.value for r in user.roles]
        form.version.data = user.version
    return form


def _edit_page(form, user, status=200):
    return render_template("admin/user_form.html", form=form, user=user,
                           password_form=ResetPasswordForm(version=user.version),
                           toggle=ToggleForm(version=user.version)), status


def _edit_user_page(user_id: int):
    user = _load_user(user_id)
    return _edit_page(_edit_form(user), user)[0]


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@on_refusal(_edit_user_page)
def edit_user(user_id: int):
    user = _load_user(user_id)
    form = _edit_form(user)
    if form.validate_on_submit():
        ops.update_user(_actor(), user, form.version.data, form.display_name.data, form.organisation_id.data,
                        {Role(r) for r in form.roles.data}, form.expert_id.data, form.phone.data)
        flash(_("已保存"), "success")
        return redirect(url_for("admin.users"))
    return _edit_page(form, user, 400 if form.is_submitted() else 200)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@on_refusal(_edit_user_page)
def reset_password(user_id: int):
    user = _load_user(user_id)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        raise OperationError(form_errors(form))
    ops.reset_password(_actor(), user, form.version.data, form.password.data)
    flash(_("已为 %(name)s 设置新密码，其登录已全部失效", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/totp-reset", methods=["POST"])
def reset_totp(user_id: int):
    user = _load_user(user_id)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    ops.reset_second_factor(_actor(), user, form.version.data)
    flash(_("已重置 %(name)s 的动态验证码，下次登录时重新绑定", name=user.username), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/toggle", methods=["POST"])
def toggle_user(user_id: int):
    user = _load_user(user_id)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    ops.set_user_active(_actor(), user, not user.active, form.version.data)
    flash(_("已启用 %(name)s", name=user.username) if user.active else _("已停用 %(name)s，其登录已全部失效",
                                                                       name=user.username), "info")
    return redirect(url_for("admin.users"))


@bp.route("/organisations")
def organisations():
    rows = db.session.scalars(sa.select(Organisation).where(policy.visible_organisations(_actor()))
                              .order_by(Organisation.kind, Organisation.name)).all()
    return render_template("admin/organisations.html", organisations=rows, kind_labels=ORG_KIND,
                           toggle=ToggleForm())


@bp.route("/organisations/new", methods=["GET", "POST"])
@on_refusal(lambda: render_template("admin/organisation_form.html", form=OrganisationForm()))
def new_organisation():
    form = OrganisationForm()
    if form.validate_on_submit():
        ops.create_organisation(_actor(), current_user.district, form.name.data, form.short_name.data,
                                OrgKind(form.kind.data))
        flash(_("已创建单位"), "success")
        return redirect(url_for("admin.organisations"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/organisation_form.html", form=form), status


@bp.route("/organisations/<int:org_id>/toggle", methods=["POST"])
def toggle_organisation(org_id: int):
    org = _load_organisation(org_id)
    form = ToggleForm()
    if not form.validate_on_submit():
        abort(400)
    ops.set_organisation_active(_actor(), org, not org.active, form.version.data)
    return redirect(url_for("admin.organisations"))
