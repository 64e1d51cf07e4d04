from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..labels import CONCLUSION


class PointForm(Form):
    clause = StringField(_l("对应条款"), validators=[Length(max=80)], render_kw={"list": "draft-clauses"})
    text = TextAreaField(_l("修改意见"), validators=[Length(max=2000)])


class OpinionForm(FlaskForm):
    version = HiddenField()
    conclusion = SelectField(_l("审核结论"), choices=CONCLUSION.choices())
    reasons = TextAreaField(_l("审核理由"), validators=[DataRequired(_l("请填写审核理由")), Length(max=10000)])
    points = FieldList(FormField(PointForm), min_entries=6, max_entries=30)


class AnswerForm(FlaskForm):
    adopted = RadioField(_l("采纳情况"), choices=[("1", _l("采纳")), ("0", _l("不采纳"))],
                         validators=[DataRequired(_l("请选择是否采纳"))])
    reason = TextAreaField(_l("说明（不采纳时必填）"), validators=[Length(max=2000)])
    revised_document_id = SelectField(_l("修改后的文稿版本（采纳时必选）"), coerce=lambda v: int(v) if v else None)
