from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .. import limits
from ..admin.forms import date_field
from ..labels import CATEGORY


class MatterForm(FlaskForm):
    version = HiddenField()
    category = SelectField(_l("类别"), choices=CATEGORY.choices())
    title = StringField(_l("事项名称"), validators=[DataRequired(_l("请填写事项名称")), Length(max=200)])
    summary = TextAreaField(_l("主要内容"), validators=[Length(max=5000)])
    legal_basis = TextAreaField(_l("法律依据"), validators=[Length(max=5000)])
    planned_date = DateField(_l("拟决策（签约）日期"), validators=[Optional()],
                             render_kw={"type": "date"})
    counterparties = TextAreaField(_l("协议相对方（重点项目协议必填）"), validators=[Length(max=2000)])
    contact_name = StringField(_l("联系人"), validators=[Length(max=40)])
    contact_phone = StringField(_l("联系电话"), validators=[Length(max=32)])


class UploadForm(FlaskForm):
    material_kind_id = SelectField(_l("材料类型"), coerce=int)
    file = FileField(_l("文件（docx、pdf、xlsx、jpg、png）"), validators=[FileRequired(_l("请选择文件"))])


class ExemptionForm(FlaskForm):
    material_kind_id = HiddenField()
    reason = TextAreaField(_l("免报理由"), validators=[DataRequired(_l("请写明免报理由")), Length(max=2000)])


class ActionForm(FlaskForm):
    version = HiddenField()
    reason = TextAreaField(_l("理由或说明"), validators=[Length(max=2000)])


class AssignForm(FlaskForm):
    version = HiddenField()
    reviewer_id = SelectField(_l("审核人员"), coerce=int)


class ExtendForm(FlaskForm):
    version = HiddenField()
    days = IntegerField(_l("延长工作日"), validators=[DataRequired(_l("请填写天数")), NumberRange(1, 30)])
    reason = TextAreaField(_l("延期理由"), validators=[DataRequired(_l("延期必须说明理由")), Length(max=2000)])


class InvestigationForm(FlaskForm):
    version = HiddenField()
    reason = TextAreaField(_l("调查核实事项"), validators=[Length(max=limits.REASON)])


class SignedAgreementForm(FlaskForm):
    version = HiddenField()
    signed_on = DateField(_l("协议签署日期"), validators=[Optional()], render_kw={"type": "date"},
                          invalid_value_message=_l("签署日期格式不正确，应如 2026-11-25"))
    file = FileField(_l("已签署的协议文本（docx 或 pdf）"))


class ParticipationForm(FlaskForm):
    """Public participation in a major decision (Decree 713 Art. 14-19)."""
    version = HiddenField()
    not_public_reason = TextAreaField(_l("依法不予公开的理由（不公开征求意见时填写）"),
                                      validators=[Length(max=limits.REASON)])
    comment_published_on = date_field(_l("征求意见公布日期"))
    comment_closes_on = date_field(_l("征求意见截止日期"))
    shortened_reason = TextAreaField(_l("缩短期限的理由（少于 30 日时，公布时已说明的理由）"),
                                     validators=[Length(max=limits.REASON)])
    hearing_on = date_field(_l("听证日期（举行听证时填写）"))
    hearing_materials_on = date_field(_l("听证材料公布日期"))
