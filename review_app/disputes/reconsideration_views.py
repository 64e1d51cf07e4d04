"""Reconsideration and dispute-centre pages, on the disputes blueprint: the lists, registering a case, a case
with its deadlines (working days where the law says so) and the forms for each step, the numbered opinion
letter and the body's correction report."""
from urllib.parse import quote

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from workflows import dispute_centre, reconsideration as rules_of
from workflows.dispute_centre import Outcome as CentreOutcome, Stage
from workflows.litigation import Area
from workflows.reconsideration import RECONSIDERATION_LIMITS, Outcome, Procedure

from .. import labels, rules
from ..documents.filetypes import DOCX_MIME
from ..documents.service import blob_store
from ..extensions import db
from ..models import DisputeCase, ReconsiderationCase, ReconsiderationLetter
from ..transaction import on_refusal
from ..web import enum_or_none, row_id_or_none
from . import policy
from . import reconsideration as ops
from .facts import dispute_facts, reconsideration_facts
from .forms import _date
from .views import _actor, _bodies, _parsed, bp


class ApplicationForm(FlaskForm):
    respondent_id = SelectField(coerce=lambda v: int(v) if v and str(v).isdigit() else None,
                                validate_choice=False)
    case_no = StringField()
    applicant = StringField()
    act = StringField()
    area = SelectField(choices=[("", "")] + labels.AREA.choices(), validate_choice=False)
    procedure = SelectField(choices=labels.PROCEDURE.choices(), default="ordinary", validate_choice=False)
    received = _date("")
    matter_id = HiddenField()


class StepForm(FlaskForm):
    version = HiddenField()
    step = SelectField(validate_choice=False)
    day = _date("")


class ExtensionForm(FlaskForm):
    version = HiddenField()
    days = IntegerField(validators=[Optional()])
    approved_on = _date("")
    reason = TextAreaField()


class DecisionForm(FlaskForm):
    version = HiddenField()
    outcome = SelectField(validate_choice=False)
    day = _date("")
    performance_due = _date("")
    lawsuit_case_no = StringField()


class LetterForm(FlaskForm):
    findings = TextAreaField()
    requirements = TextAreaField()


class ReportForm(FlaskForm):
    version = HiddenField()
    received_on = _date("")
    day = _date("")
    text = TextAreaField()


class DisputeForm(FlaskForm):
    body_id = SelectField(coerce=lambda v: int(v) if v and str(v).isdigit() else None, validate_choice=False)
    case_no = StringField()
    applicant = StringField()
    subject = StringField()
    stage = SelectField(choices=labels.CENTRE_STAGE.choices(), validate_choice=False)
    entrusted = _date("")


def _load(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None or not policy.may_record(current_user, row):
        abort(404, _(policy.NOT_FOUND))
    return row


# --- reconsideration ----------------------------------------------------------------------------------------

@bp.route("/reconsideration/")
def reconsiderations():
    rows = db.session.scalars(
        sa.select(ReconsiderationCase).where(policy.reconsiderations_visible(current_user))
        .order_by(ReconsiderationCase.received.desc(), ReconsiderationCase.id.desc())).all()
    return render_template("disputes/reconsiderations.html", rows=rows)


def _application_page():
    form = ApplicationForm()
    form.respondent_id.choices = [("", _("（请选择）"))] + [(o.id, o.name) for o in _bodies()]
    return render_template("disputes/reconsideration_form.html", form=form)


@bp.route("/reconsideration/new", methods=["GET", "POST"])
@on_refusal(_application_page)
def new_reconsideration():
    form = ApplicationForm()
    if not form.is_submitted():
        return _application_page()
    _parsed(form)
    case = ops.register_application(_actor(), ops.ApplicationFields(
        form.respondent_id.data, form.case_no.data, form.applicant.data, form.act.data,
        enum_or_none(Area, form.area.data), form.received.data,
        enum_or_none(Procedure, form.procedure.data) or Procedure.ordinary,
        row_id_or_none(form.matter_id.data)))
    flash(_("行政复议案件已登记：%(no)s", no=case.case_no), "success")
    return redirect(url_for("disputes.reconsideration", case_id=case.id))


def _reconsideration_page(case_id: int, **_ignored):
    case = _load(ReconsiderationCase, case_id)
    today, cal = rules.today(), rules.calendar()
    facts = reconsideration_facts(case)
    return render_template(
        "disputes/reconsideration.html", case=case, today=today,
        deadlines=rules_of.deadlines(facts, cal, RECONSIDERATION_LIMITS),
        decision_due=rules_of.decision_due(facts, cal, RECONSIDERATION_LIMITS),
        step_labels=labels.RECONSIDERATION_STEP, letter_number=ops.letter_number,
        correction_due=lambda x: rules_of.correction_report_due(
            rules_of.OpinionLetter(str(x.number), x.sent_on, x.received_on, x.report_received), cal),
        bureau=policy.is_bureau(current_user, case.district_id))


@bp.route("/reconsideration/<int:case_id>")
def reconsideration(case_id: int):
    return _reconsideration_page(case_id)


def _back(case, message):
    flash(message, "success")
    return redirect(url_for("disputes.reconsideration", case_id=case.id))


@bp.route("/reconsideration/<int:case_id>/step", methods=["POST"])
@on_refusal(_reconsideration_page)
def reconsideration_step(case_id: int):
    case = _load(ReconsiderationCase, case_id)
    form = StepForm()
    _parsed(form)
    ops.record_step(_actor(), case, form.version.data, form.step.data or "", form.day.data)
    return _back(case, _("已登记"))


@bp.route("/reconsideration/<int:case_id>/extend", methods=["POST"])
@on_refusal(_reconsideration_page)
def reconsideration_extend(case_id: int):
    case = _load(ReconsiderationCase, case_id)
    form = ExtensionForm()
    _parsed(form)
    ops.extend(_actor(), case, form.version.data, form.days.data, form.approved_on.data,
               form.reason.data or "")
    return _back(case, _("已延长审理期限"))


@bp.route("/reconsideration/<int:case_id>/decide", methods=["POST"])
@on_refusal(_reconsideration_page)
def reconsideration_decide(case_id: int):
    case = _load(ReconsiderationCase, case_id)
    form = DecisionForm()
    _parsed(form)
    ops.decide(_actor(), case, form.version.data, enum_or_none(Outcome, form.outcome.data), form.day.data,
               form.performance_due.data)
    return _back(case, _("已登记复议结果"))


@bp.route("/reconsideration/<int:case_id>/letters", methods=["POST"])
@on_refusal(_reconsideration_page)
def reconsideration_letter(case_id: int):
    case = _load(ReconsiderationCase, case_id)
    form = LetterForm()
    _parsed(form)
    letter = ops.issue_letter(_actor(), case, form.findings.data, form.requirements.data)
    return _back(case, _("已制发行政复议意见书：%(no)s", no=ops.letter_number(letter)))


@bp.route("/reconsideration/letters/<int:letter_id>.docx")
def reconsideration_letter_docx(letter_id: int):
    letter = db.session.get(ReconsiderationLetter, letter_id)
    if letter is None or not policy.may_record(current_user, letter.case):
        abort(404)
    name = ops.letter_number(letter) + ".docx"
    return Response(blob_store().read(letter.docx_sha256), mimetype=DOCX_MIME,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _letter_case_page(letter_id: int):
    letter = db.session.get(ReconsiderationLetter, letter_id)
    if letter is None:
        abort(404)
    return _reconsideration_page(letter.case_id)


@bp.route("/reconsideration/letters/<int:letter_id>/report", methods=["POST"])
@on_refusal(_letter_case_page)
def reconsideration_report(letter_id: int):
    letter = db.session.get(ReconsiderationLetter, letter_id)
    if letter is None or not policy.may_record(current_user, letter.case):
        abort(404)
    form = ReportForm()
    _parsed(form)
    ops.report_correction(_actor(), letter, form.version.data, form.received_on.data, form.day.data,
                          form.text.data)
    return _back(letter.case, _("已报送纠正情况"))


# --- the dispute-resolution centre --------------------------------------------------------------------------

@bp.route("/centre/")
def centre():
    rows = db.session.scalars(sa.select(DisputeCase).where(policy.disputes_visible(current_user))
                              .order_by(DisputeCase.entrusted.desc(), DisputeCase.id.desc())).all()
    return render_template("disputes/centre.html", rows=rows)


def _dispute_form_page():
    form = DisputeForm()
    form.body_id.choices = [("", _("（请选择）"))] + [(o.id, o.name) for o in _bodies()]
    return render_template("disputes/dispute_form.html", form=form)


@bp.route("/centre/new", methods=["GET", "POST"])
@on_refusal(_dispute_form_page)
def new_dispute():
    form = DisputeForm()
    if not form.is_submitted():
        return _dispute_form_page()
    _parsed(form)
    d = ops.register_dispute(_actor(), ops.DisputeFields(
        form.body_id.data, form.case_no.data, form.applicant.data, form.subject.data,
        enum_or_none(Stage, form.stage.data), form.entrusted.data))
    flash(_("已登记受托案件：%(no)s", no=d.case_no), "success")
    return redirect(url_for("disputes.dispute", dispute_id=d.id))


def _dispute_page(dispute_id: int, **_ignored):
    d = _load(DisputeCase, dispute_id)
    return render_template("disputes/dispute.html", d=d, today=rules.today(),
                           deadlines=dispute_centre.deadlines(dispute_facts(d), rules.calendar(),
                                                              ops.centre_limits(d.district_id)),
                           step_labels=labels.CENTRE_STEP,
                           bureau=policy.is_bureau(current_user, d.district_id))


@bp.route("/centre/<int:dispute_id>")
def dispute(dispute_id: int):
    return _dispute_page(dispute_id)


@bp.route("/centre/<int:dispute_id>/step", methods=["POST"])
@on_refusal(_dispute_page)
def dispute_step(dispute_id: int):
    d = _load(DisputeCase, dispute_id)
    form = StepForm()
    _parsed(form)
    ops.record_centre_step(_actor(), d, form.version.data, form.step.data or "", form.day.data)
    flash(_("已登记"), "success")
    return redirect(url_for("disputes.dispute", dispute_id=d.id))


@bp.route("/centre/<int:dispute_id>/conclude", methods=["POST"])
@on_refusal(_dispute_page)
def dispute_conclude(dispute_id: int):
    d = _load(DisputeCase, dispute_id)
    form = DecisionForm()
    _parsed(form)
    ops.conclude_dispute(_actor(), d, form.version.data, enum_or_none(CentreOutcome, form.outcome.data),
                         form.day.data, form.lawsuit_case_no.data or "")
    flash(_("已登记化解结果"), "success")
    return redirect(url_for("disputes.dispute", dispute_id=d.id))
