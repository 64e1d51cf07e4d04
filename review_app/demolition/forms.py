"""The ledger's forms. They parse what is typed (dates, numbers, files); the operations judge it, each
refusal under its field (operations.FieldsRefused), so the page, the API and the import refuse alike."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (BooleanField, DecimalField, HiddenField, SelectField, StringField,
                     TextAreaField, TimeField)
from wtforms.validators import Optional

from .. import labels
from ..admin.forms import MultiCheckboxField
from ..admin.forms import blank_as_none as _choice
from ..admin.forms import date_field as _date


class CaseForm(FlaskForm):
    version = HiddenField()
    organisation_id = SelectField(_l("镇（街道）或部门"), coerce=lambda v: int(v) if v else None,
                                  validate_choice=False)
    project = StringField(_l("项目名称"))
    track = SelectField(_l("拆除类型"), coerce=_choice, validate_choice=False)
    address = StringField(_l("房屋坐落"))
    parties = TextAreaField(_l("当事人（每行一人）"))
    building_area = DecimalField(_l("建筑面积（㎡）"), validators=[Optional()],
                                 invalid_value_message=_l("建筑面积应为数字"))
    enforcing_body = StringField(_l("执法主体"), description=_l("如：青山镇人民政府、区综合行政执法局"))
    planned_on = _date(_l("拟拆除时间"))
    note = TextAreaField(_l("备注"))


class StepForm(FlaskForm):
    kind = SelectField(_l("程序节点"), coerce=_choice, validate_choice=False)
    done_on = _date(_l("送达或办理日期"), _l("文书送达当事人之日（期间自次日起算）；其他程序为办理之日"))
    document_no = StringField(_l("文书编号"))
    deadline = _date(_l("文书载明的履行期限"), _l("责令限期拆除决定、催告书、强制拆除公告须载明"))
    told_of_remedies = BooleanField(_l("文书已告知申请行政复议、提起行政诉讼的途径和期限"))
    note = TextAreaField(_l("说明"))
    files = MultipleFileField(_l("证明材料（文书、送达回证等；docx、pdf、jpg、png）"))


class ChallengeForm(FlaskForm):
    kind = SelectField(_l("类型"), choices=[("", _l("（请选择）"))] + labels.CHALLENGE.choices(), coerce=_choice,
                       validate_choice=False)
    against = SelectField(_l("针对的决定"), coerce=_choice, validate_choice=False)
    filed_on = _date(_l("申请或起诉日期"))
    case_no = StringField(_l("案号"))


class EndChallengeForm(FlaskForm):
    version = HiddenField()
    ended_on = _date(_l("结案日期"), _l("复议决定送达之日，或判决、裁定生效之日"))
    outcome = SelectField(_l("结果"), choices=[("", _l("（请选择）"))] + labels.OUTCOME.choices(), coerce=_choice,
                          validate_choice=False)


class ExecutionForm(FlaskForm):
    version = HiddenField()
    executed_on = _date(_l("实施日期"))
    executed_time = TimeField(_l("开始时间"), validators=[Optional()], render_kw={"type": "time"},
                              invalid_value_message=_l("时间格式不正确，应如 09:30"))


class LetterForm(FlaskForm):
    reply_due_on = _date(_l("书面回复期限"))
    findings = TextAreaField(_l("发现的问题"))
    requirements = TextAreaField(_l("整改要求"))
    copies_to = StringField(_l("抄送（可选，多个单位以顿号分隔）"))


class ReplyForm(FlaskForm):
    text = TextAreaField(_l("回复内容（整改情况）"))
    step_ids = MultiCheckboxField(_l("本次报告的程序节点"), coerce=int, validate_choice=False)
    files = MultipleFileField(_l("回复函扫描件等（可选）"))


class ImportForm(FlaskForm):
    file = FileField(_l("拟强制拆除房屋摸底台账（.xlsx）"))
