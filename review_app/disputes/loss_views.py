"""Pages for cases at risk of loss and for losses, on the disputes blueprint: marking a case at risk with its
plan, meetings, the body's loss analysis with rectification items, referrals, and typical cases."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField

from ..extensions import db
from ..models import Lawsuit, RectificationItem, TypicalCase
from ..transaction import on_refusal
from ..web import date_or_none
from . import losses as ops
from . import policy
from .forms import _date
from .views import _actor, _case_page, _parsed, bp, load_lawsuit

ITEM_ROWS = 5  # rows of the rectification plan the form offers


class AtRiskForm(FlaskForm):
    version = HiddenField()
    plan = TextAreaField()
    reported_on = _date("")


class MeetingForm(FlaskForm):
    day = _date("")
    attendees = StringField()
    conclusions = TextAreaField()


class LossReportForm(FlaskForm):
    causes = TextAreaField()
    responsibility = TextAreaField()


class ItemDoneForm(FlaskForm):
    version = HiddenField()
    day = _date("")
    note = StringField()


class ReferralForm(FlaskForm):
    day = _date("")
    referred_to = StringField()
    subject = StringField()
    note = StringField()


class TypicalForm(FlaskForm):
    title = StringField()
    lesson = TextAreaField()


def _done(case: Lawsuit, message: str):
    flash(message, "success")
    return redirect(url_for("disputes.lawsuit", case_id=case.id))


@bp.route("/lawsuits/<int:case_id>/at-risk", methods=["POST"])
@on_refusal(_case_page)
def at_risk(case_id: int):
    case = load_lawsuit(case_id)
    form = AtRiskForm()
    _parsed(form)
    ops.mark_at_risk(_actor(), case, form.version.data, form.plan.data, form.reported_on.data)
    return _done(case, _("已列为败诉风险案件"))


@bp.route("/lawsuits/<int:case_id>/meetings", methods=["POST"])
@on_refusal(_case_page)
def meeting(case_id: int):
    case = load_lawsuit(case_id)
    form = MeetingForm()
    _parsed(form)
    ops.add_meeting(_actor(), case, form.day.data, form.attendees.data, form.conclusions.data)
    return _done(case, _("已登记会商"))


@bp.route("/lawsuits/<int:case_id>/loss-report", methods=["POST"])
@on_refusal(_case_page)
def loss_report(case_id: int):
    case = load_lawsuit(case_id)
    form = LossReportForm()
    _parsed(form)
    f = request.form
    items = [ops.ItemInput(f.get(f"item-{i}-text", ""), date_or_none(f.get(f"item-{i}-due")))
             for i in range(1, ITEM_ROWS + 1)]
    ops.submit_loss_report(_actor(), case, form.causes.data, form.responsibility.data, items)
    return _done(case, _("已报送败诉分析及整改方案"))


@bp.route("/lawsuits/<int:case_id>/items/<int:item_id>", methods=["POST"])
@on_refusal(_case_page)
def item_done(case_id: int, item_id: int):
    case = load_lawsuit(case_id)
    item = db.session.get(RectificationItem, item_id)
    if item is None or item.report.lawsuit_id != case.id:
        abort(404)
    form = ItemDoneForm()
    _parsed(form)
    ops.complete_item(_actor(), item, form.version.data, form.day.data, form.note.data)
    return _done(case, _("已登记整改完成"))


@bp.route("/lawsuits/<int:case_id>/referrals", methods=["POST"])
@on_refusal(_case_page)
def referral(case_id: int):
    case = load_lawsuit(case_id)
    form = ReferralForm()
    _parsed(form)
    ops.refer(_actor(), case, form.day.data, form.referred_to.data, form.subject.data, form.note.data)
    return _done(case, _("已登记移送追责问责"))


@bp.route("/lawsuits/<int:case_id>/typical", methods=["POST"])
@on_refusal(_case_page)
def typical(case_id: int):
    case = load_lawsuit(case_id)
    form = TypicalForm()
    _parsed(form)
    ops.write_typical_case(_actor(), form.title.data, form.lesson.data, lawsuit=case)
    return _done(case, _("已编写典型案例"))


@bp.route("/typical-cases")
def typical_cases():
    """The district's typical cases, newest first: the quarterly review meeting's list."""
    rows = db.session.scalars(sa.select(TypicalCase)
                              .where(TypicalCase.district_id == current_user.district_id)
                              .order_by(TypicalCase.published_on.desc(), TypicalCase.id.desc())).all()
    rows = [t for t in rows if t.lawsuit is None or policy.can_view(current_user, t.lawsuit)
            or policy.is_bureau(current_user, t.district_id)]
    return render_template("disputes/typical_cases.html", rows=rows)
