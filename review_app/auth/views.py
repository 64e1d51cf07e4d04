"""Login (password, then a TOTP code where required), logout and the user's own profile."""
import io

import qrcode
import qrcode.image.svg
import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..extensions import db
from ..models import ApiToken, User
from ..notifications.operations import set_preferences
from ..transaction import on_refusal
from . import sessions, throttle
from . import operations as ops
from .forms import CodeForm, EmptyForm, LoginForm, NotificationPrefsForm, PasswordForm, TokenForm
from .passwords import verify_password
from .redirects import local_path

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    return local_path(target) or url_for("home.index")  # never another host (an open redirect)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        name = form.username.data.strip()
        if throttle.is_locked(name):
            flash(_("登录失败次数过多，账号已暂时锁定，请 %(m)d 分钟后再试",
                    m=current_app.config["LOGIN_LOCK_MINUTES"]), "danger")
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == name.lower()))
        ok = verify_password(user.password_hash if user else None, form.password.data)
        if not ok or user is None or not user.is_active:
            ops.record_login_failure(name)
            flash(_("用户名或密码错误"), "danger")
            return render_template("auth/login.html", form=form), 401
        row = sessions.start(user, second_factor_done=False)
        session["next"] = _safe_next(request.args.get("next"))
        if user.totp_enabled:
            return redirect(url_for("auth.second_factor"))
        if current_app.config["REQUIRE_TOTP"] and user.needs_second_factor:
            return redirect(url_for("auth.enrol_second_factor"))
        ops.log_in(user, row)
        return redirect(session.pop("next", url_for("home.index")))
    return render_template("auth/login.html", form=form)


def _half_login():
    row = sessions.current_row()
    return row if row is not None and not row.second_factor_done else None


@bp.route("/login/code", methods=["GET", "POST"])
def second_factor():
    row = _half_login()
    if row is None:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        user = row.user
        if throttle.is_locked(user.username):
            ops.log_out(None)
            flash(_("登录失败次数过多，账号已暂时锁定，请 %(m)d 分钟后再试",
                    m=current_app.config["LOGIN_LOCK_MINUTES"]), "danger")
            return redirect(url_for("auth.login"))
        if ops.use_totp(user, form.code.data):
            ops.log_in(user, row)
            return redirect(session.pop("next", url_for("home.index")))
        ops.record_login_failure(user.username)
        flash(_("动态验证码不正确"), "danger")
    return render_template("auth/code.html", form=form)


def _qr_svg(secret: str, user: User) -> Markup:
    uri = f"otpauth://totp/{user.district.name}:{user.username}?secret={secret}&issuer={user.district.name}"
    buf = io.BytesIO()
    qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buf)
    svg = buf.getvalue().decode()
    return Markup(svg[svg.index("<svg"):])  # generated here from our own data, not user input


def _enrolment_page(user: User, target: str):
    secret = session.get("totp_pending") or ops.new_totp_secret()
    session["totp_pending"] = secret
    return render_template(target, form=CodeForm(), qr=_qr_svg(secret, user), secret=secret)


def _enrol(user: User, target: str):
    """The enrolment page, or None once the code the user typed was right and TOTP is on."""
    form = CodeForm()
    secret = session.get("totp_pending")
    if secret is None or not form.validate_on_submit():
        return _enrolment_page(user, target)
    ops.enable_totp(user, secret, form.code.data)
    session.pop("totp_pending", None)
    return None


# A wrong code re-shows the enrolment page (the same secret) with the message, as a normal answer.
def _login_enrolment_page(**_view_args):
    row = _half_login()
    return (_enrolment_page(row.user, "auth/enrol.html"), 200) if row else redirect(url_for("auth.login"))


def _profile_enrolment_page(**_view_args):
    return _enrolment_page(current_user._get_current_object(), "auth/enrol.html"), 200


@bp.route("/login/enrol", methods=["GET", "POST"])
@on_refusal(_login_enrolment_page)
def enrol_second_factor():
    row = _half_login()
    if row is None:
        return redirect(url_for("auth.login"))
    page = _enrol(row.user, "auth/enrol.html")
    if page is not None:
        return page
    ops.log_in(row.user, row)
    flash(_("已启用动态验证码"), "success")
    return redirect(session.pop("next", url_for("home.index")))


@bp.route("/logout", methods=["POST"])
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        ops.log_out(current_user._get_current_object() if current_user.is_authenticated else None)
        flash(_("您已安全退出"), "info")
    return redirect(url_for("auth.login"))


def _profile_page(**forms):
    tokens = db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.id.desc())
    ).all()
    context = {"password_form": PasswordForm(), "token_form": TokenForm(), "empty_form": EmptyForm(),
               "tokens": tokens, "new_token": session.pop("new_token", None),
               "prefs_form": NotificationPrefsForm(obj=current_user)}
    context.update(forms)
    return render_template("auth/profile.html", **context)


@bp.route("/profile")
def profile():
    return _profile_page()


@bp.route("/profile/password", methods=["POST"])
@on_refusal(lambda: _profile_page(password_form=PasswordForm()))
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        ops.change_password(current_user._get_current_object(), form.current.data, form.new.data)
        flash(_("密码已修改，其他设备上的登录已全部退出"), "success")
        return redirect(url_for("auth.profile"))
    return _profile_page(password_form=form), 400


@bp.route("/profile/notifications", methods=["POST"])
def notification_preferences():
    """The channels the user receives notifications on besides the app, and the daily digest."""
    form = NotificationPrefsForm()
    if form.validate_on_submit():
        set_preferences(current_user._get_current_object(), form.notify_email.data, form.notify_sms.data,
                        form.daily_digest.data)
        flash(_("通知设置已保存"), "success")
    return redirect(url_for("auth.profile"))


@bp.route("/profile/tokens", methods=["POST"])
@on_refusal(lambda: _profile_page(token_form=TokenForm()))
def create_token():
    form = TokenForm()
    if form.validate_on_submit():
        _, text = ops.create_api_token(current_user._get_current_object(), form.name.data)
        session["new_token"] = text  # shown once on the next page, never stored in clear
        return redirect(url_for("auth.profile"))
    return _profile_page(token_form=form), 400


@bp.route("/profile/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(token_id: int):
    if EmptyForm().validate_on_submit():
        ops.revoke_api_token(current_user._get_current_object(), token_id)
        flash(_("令牌已撤销"), "info")
    return redirect(url_for("auth.profile"))


@bp.route("/profile/totp", methods=["GET", "POST"])
@on_refusal(_profile_enrolment_page)
def profile_enrol_totp():
    user = current_user._get_current_object()
    if user.totp_enabled:
        flash(_("动态验证码已启用"), "info")
        return redirect(url_for("auth.profile"))
    page = _enrol(user, "auth/enrol.html")
    if page is not None:
        return page
    flash(_("已启用动态验证码"), "success")
    return redirect(url_for("auth.profile"))
