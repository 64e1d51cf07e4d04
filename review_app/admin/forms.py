from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from ..labels import ORG_KIND, ROLE


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# The one message for a date the browser sent in a form it cannot be (every feature's date fields).
BAD_DATE = _l("日期格式不正确，应如 2026-11-25")


def date_field(label, description=None, required=False) -> DateField:
    """A date input (the browser's date picker); empty is allowed unless `required`."""
    return DateField(label, validators=[InputRequired(_l("请填写日期")) if required else Optional()],
                     invalid_value_message=BAD_DATE, render_kw={"type": "date"}, description=description)


def blank_as_none(value):
    """A select's empty choice as None (coerce=)."""
    return value or None


class UserForm(FlaskForm):
    version = HiddenField()
    username = StringField(_l("用户名"), validators=[
        DataRequired(_l("请填写用户名")), Length(3, 64, _l("用户名长度为 3 到 64 个字符")),
        Regexp(r"^[A-Za-z0-9_.]+$", message=_l("用户名只能包含字母、数字、下划线和点"))])
    display_name = StringField(_l("姓名"), validators=[DataRequired(_l("请填写姓名")), Length(max=80)])
    organisation_id = SelectField(_l("所属单位"), coerce=int, validators=[DataRequired(_l("请选择所属单位"))])
    roles = MultiCheckboxField(_l("角色"), choices=ROLE.choices(),
                               validators=[DataRequired(_l("至少选择一个角色"))])
    expert_id = SelectField(_l("关联专家（法律顾问）"), coerce=lambda v: int(v) if v else None,
                            validators=[Optional()])
    phone = StringField(_l("联系电话"), validators=[Optional(), Length(max=32)])
    password = PasswordField(_l("初始密码（至少 12 位）"), validators=[Optional(), Length(max=256)])


class ResetPasswordForm(FlaskForm):
    version = HiddenField()
    password = PasswordField(_l("新密码（至少 12 位）"), validators=[DataRequired(_l("请输入新密码")), Length(max=256)])


class OrganisationForm(FlaskForm):
    name = StringField(_l("单位名称"), validators=[DataRequired(_l("请填写单位名称")), Length(max=120)])
    short_name = StringField(_l("简称"), validators=[DataRequired(_l("请填写简称")), Length(max=40)])
    kind = SelectField(_l("类型"), choices=ORG_KIND.choices())


class ToggleForm(FlaskForm):
    version = HiddenField()
