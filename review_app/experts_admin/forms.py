"""The roster's forms: they parse what is typed (dates, numbers, choices); the operations judge it."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired

from ..admin.forms import MultiCheckboxField
from ..admin.forms import date_field


def _date(label, required=True):
    return date_field(label, required=required)


class MemberForm(FlaskForm):
    version = HiddenField()
    kind = SelectField(_l("类别"), choices=[("lawyer", _l("律师")), ("firm", _l("律师事务所"))])
    name = StringField(_l("名称或姓名"))
    firm_id = SelectField(_l("所属律所（专家库成员）"), coerce=lambda v: int(v) if v else None, validate_choice=False)
    firm_name = StringField(_l("所属律所（不在专家库中时填写名称）"))
    licence_no = StringField(_l("执业证号或统一社会信用代码"))
    specialties = MultiCheckboxField(_l("专业领域"), choices=[])
    term_start = _date(_l("聘期起"))
    term_end = _date(_l("聘期止"))
    load_cap = IntegerField(_l("在办任务上限"), default=3, validators=[InputRequired(_l("请填写在办任务上限"))])
    contact = StringField(_l("联系人"))
    phone = StringField(_l("联系电话"))
    note = StringField(_l("备注"))


class StatusForm(FlaskForm):
    version = HiddenField()
    change = SelectField(_l("操作"), choices=[("suspended", _l("暂停")), ("reinstated", _l("恢复")),
                                              ("exited", _l("退出专家库"))])
    effective_on = _date(_l("生效日期"), required=False)
    reason = TextAreaField(_l("理由（必填）"), render_kw={"rows": 2})


class RenewForm(FlaskForm):
    version = HiddenField()
    term_end = _date(_l("新聘期止"))
    reason = TextAreaField(_l("续聘理由（必填）"), render_kw={"rows": 2})


class RelatedPartyForm(FlaskForm):
    kind = SelectField(_l("关系"), choices=[])
    party_name = StringField(_l("关联方名称"))
    start = _date(_l("开始日期"), required=False)
    end = _date(_l("结束日期（持续中不填）"), required=False)


class SpecialtyForm(FlaskForm):
    name = StringField(_l("专业领域名称"))


class ImportForm(FlaskForm):
    file = FileField(_l("法律顾问专家库名册（.xlsx）"))
