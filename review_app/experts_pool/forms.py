"""Forms of the expert pool's pages: the matter's parties, a draw, a designation, a re-draw, the adviser's
answer to an invitation and its opinion, the bureau's rating. Limits are the operations'."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, FieldList, Form, FormField, HiddenField, IntegerField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from .. import limits
from . import operations as ops
from .opinions import TEXT_MAX

EMPTY_COMMENT_ROWS = 3


class PartiesForm(FlaskForm):
    counterparties = TextAreaField(_l("相对方（每行一个）"), render_kw={"rows": 3})
    affected = TextAreaField(_l("利害关系人（每行一个）"), render_kw={"rows": 3})
    drafters = SelectMultipleField(_l("参与起草本事项的专家库成员"), coerce=int, validators=[Optional()])


class DrawForm(FlaskForm):
    wanted = IntegerField(_l("抽取人数"), default=1,
                          validators=[InputRequired(_l("请填写抽取人数")), NumberRange(1, ops.MAX_WANTED)])
    specialty = SelectField(_l("优先专业领域"), validators=[Optional()])


class DesignateForm(FlaskForm):
    experts = SelectMultipleField(_l("指定的法律顾问"), coerce=int)
    reason = TextAreaField(_l("指定理由（必填）"), validators=[Length(max=ops.REASON_MAX)], render_kw={"rows": 2})


class RedrawForm(FlaskForm):
    reason = TextAreaField(_l("重新抽取的理由（必填）"), validators=[Length(max=ops.REASON_MAX)],
                           render_kw={"rows": 2})


class AnswerForm(FlaskForm):
    version = HiddenField()
    no_conflict = BooleanField(_l("本人（本所）与本事项及其当事人无利害关系，未参与本事项起草，并对审核事项保密"))
    reason = TextAreaField(_l("谢绝或回避的理由"), validators=[Length(max=ops.REASON_MAX)], render_kw={"rows": 2})


class CommentForm(Form):
    clause = StringField(_l("对应条款"), validators=[Length(max=limits.CLAUSE)],
                         render_kw={"list": "draft-clauses"})
    text = TextAreaField(_l("意见"), validators=[Length(max=limits.POINT_TEXT)], render_kw={"rows": 2})


class AdviserOpinionForm(FlaskForm):
    opinion_version = HiddenField()
    overall = TextAreaField(_l("总体意见"), validators=[Length(max=TEXT_MAX)])
    comments = FieldList(FormField(CommentForm), min_entries=EMPTY_COMMENT_ROWS,
                         max_entries=limits.MAX_POINTS)
    risk_notes = TextAreaField(_l("风险提示"), validators=[Length(max=TEXT_MAX)])
    legal_basis = TextAreaField(_l("法律依据"), validators=[Length(max=TEXT_MAX)])


def _score(label):
    return IntegerField(label, validators=[InputRequired(_l("请填写 0 至 100 的分数")),
                                           NumberRange(0, 100, _l("评分须在 0 至 100 之间"))])


class RatingForm(FlaskForm):
    timeliness = _score(_l("及时性"))
    quality = _score(_l("质量"))
    adoption = _score(_l("采纳情况"))
    note = TextAreaField(_l("说明"), validators=[Length(max=limits.REASON)], render_kw={"rows": 2})
