from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..labels import CATEGORY

from .. import rules


def field_name(key: str) -> str:
    return "s_" + key.replace(".", "__")


def settings_form(current: dict[str, tuple[int, int]]):
    """A text field per rule number (the operation validates, in Chinese) and its row's version."""

    class SettingsForm(FlaskForm):
        pass

    for key in rules.DEFAULTS:
        setattr(SettingsForm, field_name(key), StringField(_l(rules.SETTING_LABELS.get(key, key)),
                                                           validators=[Optional()]))
        setattr(SettingsForm, "v_" + field_name(key), HiddenField())
    form = SettingsForm()
    if not form.is_submitted():
        for key, (value, version) in current.items():
            form[field_name(key)].data = str(value)
            form["v_" + field_name(key)].data = str(version)
    return form


class CalendarDayForm(FlaskForm):
    day = DateField(_l("日期"), validators=[InputRequired(_l("请填写日期"))],
                    invalid_value_message=_l("日期格式不正确，应如 2027-01-01"))
    kind = SelectField(_l("类型"), choices=[("holiday", _l("休（法定节假日）")), ("workday", _l("班（调休上班）"))])
    note = StringField(_l("备注"), validators=[Optional(), Length(max=80, message=_l("备注不能超过 80 个字"))])


class ScheduleForm(FlaskForm):
    text = TextAreaField(_l("整年安排（每行一天）"), validators=[DataRequired(_l("请粘贴至少一行节假日安排"))],
                         description=_l("如：2027-01-01 休 元旦；2027-02-06 班"))


class MaterialForm(FlaskForm):
    category = SelectField(_l("事项类别"), choices=CATEGORY.choices())
    name = StringField(_l("材料名称"), validators=[DataRequired(_l("请填写材料名称")),
                                               Length(max=80, message=_l("材料名称不能超过 80 个字"))])
    required = BooleanField(_l("必报"), default=True)


class RenameForm(FlaskForm):
    name = StringField(_l("材料名称"), validators=[DataRequired(_l("请填写材料名称")),
                                               Length(max=80, message=_l("材料名称不能超过 80 个字"))])


class FlagForm(FlaskForm):
    """Sets a flag to the value the button showed, so a repeated click does not flip it back."""
    value = SelectField(choices=[("1", "1"), ("0", "0")])
