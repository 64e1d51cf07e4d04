from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from workflows.opinion import CONTENT_LABELS, Content

from .. import limits
from ..labels import CONCLUSION, FINDING

# A new draft offers this many empty point rows; the page's script adds more (and without it, saving the
# draft brings a fresh empty row).
EMPTY_POINT_ROWS = 3


class PointForm(Form):
    point_id = HiddenField()  # the stored point the row shows, if any
    clause = StringField(_l("对应条款"), validators=[Length(max=limits.CLAUSE)], render_kw={"list": "draft-clauses"})
    text = TextAreaField(_l("修改意见"), validators=[Length(max=limits.POINT_TEXT)])


class FindingForm(Form):
    finding = SelectField(_l("认定"), choices=[("", _l("（请选择）"))] + FINDING.choices(), validators=[Optional()])
    note = TextAreaField(_l("说明"), validators=[Length(max=limits.REASON)], render_kw={"rows": 2})


class OpinionForm(FlaskForm):
    """The bureau's working draft: nothing is chosen for the reviewer, points come and go, and the draft can be
    saved at any stage; only "send for sign-off" asks that it be complete (workflows.opinion)."""
    version = HiddenField()          # the matter's, checked when sending for sign-off
    opinion_version = HiddenField()  # the draft's own, checked when saving it
    conclusion = SelectField(_l("审核结论"), choices=[("", _l("（请选择）"))] + CONCLUSION.choices(),
                             validators=[Optional()])
    authority = FormField(FindingForm, label=_l(CONTENT_LABELS[Content.authority]))
    procedure = FormField(FindingForm, label=_l(CONTENT_LABELS[Content.procedure]))
    content = FormField(FindingForm, label=_l(CONTENT_LABELS[Content.content]))
    reasons = TextAreaField(_l("审核理由"), validators=[Length(max=limits.OPINION_REASONS)])
    points = FieldList(FormField(PointForm), min_entries=EMPTY_POINT_ROWS, max_entries=limits.MAX_POINTS)


class AnswerForm(FlaskForm):
    adopted = RadioField(_l("采纳情况"), choices=[("1", _l("采纳")), ("0", _l("不采纳"))],
                         validators=[DataRequired(_l("请选择是否采纳"))])
    reason = TextAreaField(_l("说明（不采纳时必填）"), validators=[Length(max=limits.REASON)])
    revised_document_id = SelectField(_l("修改后的文稿版本（采纳时必选）"), coerce=lambda v: int(v) if v else None)
