from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..labels import CATEGORY, DECISION_OUTCOME


def _optional_int(value):
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # matches no row: the operation answers "不存在"


class DecisionForm(FlaskForm):
    meeting_name = StringField(_l("会议名称"), validators=[DataRequired(_l("请填写会议名称")),
                                                       Length(max=120, message=_l("会议名称不能超过 120 个字"))],
                               description=_l("如：区人民政府第12次常务会议"))
    meeting_date = DateField(_l("会议日期"), validators=[InputRequired(_l("请填写会议日期"))],
                             invalid_value_message=_l("会议日期格式不正确，应如 2026-11-25"))
    outcome = SelectField(_l("决策结果"), choices=[("", _l("（请选择）"))] + DECISION_OUTCOME.choices(),
                          validators=[DataRequired(_l("请选择决策结果"))])
    # Taken from the reviewed matter when one is chosen; typed only for a decision that was not reviewed.
    title = StringField(_l("议题名称"), validators=[Optional(), Length(max=200, message=_l("议题名称不能超过 200 个字"))])
    category = SelectField(_l("类别"), choices=[("", _l("（请选择）"))] + CATEGORY.choices(), validators=[Optional()])
    # The operation checks both with its own messages: a matter linked meanwhile is explained, not "invalid".
    department_id = SelectField(_l("承办单位（可选）"), coerce=_optional_int, validators=[Optional()],
                                validate_choice=False)
    matter_id = SelectField(_l("经合法性审核的事项"), coerce=_optional_int, validators=[Optional()],
                            validate_choice=False)
    unreviewed_reason = TextAreaField(_l("未经合法性审核的原因"), validators=[Optional()])



class ImportForm(FlaskForm):
    file = FileField(_l("决策事项目录（.xlsx）"))
