from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField(_l("用户名"), validators=[DataRequired(_l("请输入用户名")), Length(max=64)])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请输入密码")), Length(max=256)])


class CodeForm(FlaskForm):
    code = StringField(_l("动态验证码"), validators=[DataRequired(_l("请输入 6 位动态验证码")), Length(min=6, max=8)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请输入当前密码"))])
    new = PasswordField(_l("新密码"), validators=[DataRequired(_l("请输入新密码")), Length(max=256)])


class NotificationPrefsForm(FlaskForm):
    notify_email = BooleanField(_l("电子邮件"))
    notify_sms = BooleanField(_l("短信（需登记手机号码）"))
    daily_digest = BooleanField(_l("每日摘要（待办事项和未读通知，每天一封）"))


class TokenForm(FlaskForm):
    name = StringField(_l("令牌名称"), validators=[DataRequired(_l("请填写令牌名称")), Length(max=80)])


class EmptyForm(FlaskForm):
    """CSRF protection for buttons that carry no fields."""
