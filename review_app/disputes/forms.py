"""The litigation records' forms: they parse what is typed (dates, choices); the operations judge it."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import Optional

from workflows.risk.factors import FACTORS, Group

from .. import labels
from ..admin.forms import MultiCheckboxField
from ..admin.forms import blank_as_none as _choice
from ..admin.forms import date_field as _date


def _id(value):
    return int(value) if value and str(value).isdigit() else None


class LawsuitForm(FlaskForm):
    defendant_id = SelectField(_l("被告（被诉单位）"), coerce=_id, validate_choice=False)
    co_defendants = StringField(_l("共同被告"), description=_l("多个以顿号分隔"))
    court = StringField(_l("受理法院"))
    instance = SelectField(_l("审级"), choices=labels.INSTANCE.choices(), default="first")
    case_no = StringField(_l("案号"))
    plaintiff = StringField(_l("原告"))
    act = StringField(_l("被诉行政行为"))
    area = SelectField(_l("所属领域"), choices=[("", _l("（请选择）"))] + labels.AREA.choices(), coerce=_choice,
                       validate_choice=False)
    complaint_received = _date(_l("收到起诉状副本日期"), _l("答辩举证期限自次日起算十五日（行政诉讼法第六十七条）"))
    matter_id = HiddenField()
    demolition_case_id = HiddenField()


class DateStepForm(FlaskForm):
    version = HiddenField()
    day = _date(_l("日期"))


class OutcomeForm(FlaskForm):
    version = HiddenField()
    outcome = SelectField(_l("裁判结果"), choices=[("", _l("（请选择）"))] + labels.LAWSUIT_OUTCOME.choices(),
                          coerce=_choice, validate_choice=False)
    outcome_on = _date(_l("裁判日期"))
    served = _date(_l("送达日期"), _l("上诉期限自送达次日起算：判决十五日，裁定十日（行政诉讼法第八十五条）"))
    resolved_in_suit = BooleanField(_l("诉讼中实质性化解（撤诉或调解）"))
    loss_grounds = MultiCheckboxField(_l("败诉理由（法院认定的违法情形）"), choices=[
        (f.code, _l(f.label)) for f in FACTORS if f.group is Group.legality], validate_choice=False)


class NoteForm(FlaskForm):
    kind = SelectField(_l("登记事项"), choices=labels.LAWSUIT_NOTE.choices())
    day = _date(_l("日期"))
    text = TextAreaField(_l("情况说明"))


class HearingForm(FlaskForm):
    day = _date(_l("开庭日期"))
    at = TimeField(_l("开庭时间"), validators=[Optional()], render_kw={"type": "time"})
    court_room = StringField(_l("法庭"))


class AppearanceForm(FlaskForm):
    version = HiddenField()
    appearance = SelectField(_l("出庭情况"), choices=[("", _l("（请选择）"))] + labels.APPEARANCE.choices(),
                             coerce=_choice, validate_choice=False)
    names = StringField(_l("出庭人员（姓名、职务）"))
    reason = TextAreaField(_l("负责人不能出庭的书面理由"))


class TaskForceForm(FlaskForm):
    organisation_id = HiddenField()
    user_id = SelectField(_l("工作专班成员"), coerce=_id, validate_choice=False)
