"""Litigation pages: the list, filing a case (from a reviewed matter or a demolition case), the case with its
deadlines, hearings (who appeared, the reminder sent) and course, the late list, the task force."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

import sqlalchemy as sa

from workflows.figures import QUARTER_NAMES
from workflows.litigation import Appearance, Area, Instance, Outcome, deadlines, late_items

from .. import labels, rules
from ..demolition.ledger import say
from ..extensions import db
from ..models import Hearing, Lawsuit, Matter, Organisation, User
from ..models.disputes import NoteKind
from ..operations import OperationError
from ..transaction import on_refusal
from ..web import enum_or_none, row_id_or_none
from . import operations as ops
from . import policy
from .facts import lawsuit_facts
from .forms import (AppearanceForm, DateStepForm, HearingForm, LawsuitForm, NoteForm, OutcomeForm,
                    TaskForceForm)
from .reminders import reminders_of

bp = Blueprint("disputes", __name__, url_prefix="/disputes")


def _actor() -> User:
    return current_user._get_current_object()


@bp.context_processor
def helpers():
    bureau = current_user.is_authenticated and policy.is_bureau(current_user, current_user.district_id)
    return dict(labels=labels, say=say, quarter_names=QUARTER_NAMES, bureau=bureau)


def load_lawsuit(case_id: int) -> Lawsuit:
    case = db.session.get(Lawsuit, case_id)
    if case is None or not policy.can_view(current_user, case):
        abort(404, _(policy.NOT_FOUND))
    return case


def _parsed(form) -> None:
    form.validate_on_submit()
    if form.errors:
        raise OperationError("；".join(str(errors[0]) for errors in form.errors.values()))


def visible_lawsuits() -> list[Lawsuit]:
    return list(db.session.scalars(sa.select(Lawsuit).where(policy.visible(current_user))
                                   .order_by(Lawsuit.complaint_received.desc(), Lawsuit.id.desc())))


# --- the list and the late list ----------------------------------------------------------------------------

@bp.route("/")
def index():
    cases = visible_lawsuits()
    org = request.args.get("org", type=row_id_or_none)
    area = enum_or_none(Area, request.args.get("area"))
    state = request.args.get("state", "")
    rows = [c for c in cases if (org is None or c.defendant_id == org) and (area is None or c.area is area)
            and (state != "open" or c.outcome is None) and (state != "concluded" or c.outcome is not None)]
    return render_template("disputes/index.html", rows=rows, bodies=_bodies(), args=request.args)


@bp.route("/late")
def late():
    """The special notice's list as of today: late filings, late defences, missed appearances, late loss
    reports, each with its case."""
    today, cal = rules.today(), rules.calendar()
    items = []
    for c in visible_lawsuits():
        for item in late_items(lawsuit_facts(c), today, cal, ops.litigation_limits(c.district_id)):
            items.append((item, c))
    items.sort(key=lambda pair: (pair[0].kind.value, pair[0].unit, pair[0].day))
    return render_template("disputes/late.html", items=items, today=today)


# --- filing -------------------------------------------------------------------------------------------------

def _bodies() -> list[Organisation]:
    """The bodies the user may file for: the bureau any of its district's; a body itself."""
    orgs = db.session.scalars(sa.select(Organisation).where(
        Organisation.district_id == current_user.district_id, Organisation.active.is_(True))
        .order_by(Organisation.kind, Organisation.name)).all()
    return [o for o in orgs if policy.may_file_for(current_user, o)]


def _new_form() -> LawsuitForm:
    form = LawsuitForm()
    form.defendant_id.choices = [("", _("（请选择）"))] + [(o.id, o.name) for o in _bodies()]
    if not form.is_submitted():
        matter = db.session.get(Matter, request.args.get("matter_id", type=row_id_or_none) or 0)
        if matter is not None:
            form.matter_id.data, form.defendant_id.data = matter.id, matter.department_id
            risk = matter.risk
            if risk is not None:
                form.area.data = risk.area.value
            form.act.data = matter.title
        demolition = request.args.get("demolition_case_id", type=row_id_or_none)
        if demolition:
            form.demolition_case_id.data = demolition
    return form


def _linked(form) -> dict:
    matter = db.session.get(Matter, row_id_or_none(form.matter_id.data) or 0)
    return dict(matter=matter if matter is not None and policy.sees(current_user, matter.district_id,
                                                                    matter.department_id) else None)


def _new_page():
    form = _new_form()
    return render_template("disputes/lawsuit_form.html", form=form, **_linked(form))


@bp.route("/lawsuits/new", methods=["GET", "POST"])
@on_refusal(_new_page)
def new_lawsuit():
    form = _new_form()
    if not form.is_submitted():
        return render_template("disputes/lawsuit_form.html", form=form, **_linked(form))
    _parsed(form)
    case = ops.file_lawsuit(_actor(), ops.LawsuitFields(
        form.defendant_id.data, form.court.data, form.case_no.data, form.plaintiff.data, form.act.data,
        enum_or_none(Area, form.area.data), form.complaint_received.data,
        enum_or_none(Instance, form.instance.data) or Instance.first, form.co_defendants.data or "",
        row_id_or_none(form.matter_id.data), row_id_or_none(form.demolition_case_id.data)))
    flash(_("行政应诉案件已备案：%(no)s", no=case.case_no), "success")
    return redirect(url_for("disputes.lawsuit", case_id=case.id))


# --- a case -------------------------------------------------------------------------------------------------

def _case_page(case_id: int, **_ignored):
    case = load_lawsuit(case_id)
    today, cal = rules.today(), rules.calendar()
    facts = lawsuit_facts(case)
    limits_ = ops.litigation_limits(case.district_id)
    outcome_form = OutcomeForm(formdata=None, version=case.version)
    return render_template(
        "disputes/lawsuit.html", case=case, today=today, deadlines=deadlines(facts, cal, limits_),
        late=late_items(facts, today, cal, limits_), reminders=reminders_of([h.id for h in case.hearings]),
        date_form=DateStepForm(formdata=None, version=case.version), outcome_form=outcome_form,
        note_form=NoteForm(formdata=None), hearing_form=HearingForm(formdata=None),
        appearance_forms={h.id: AppearanceForm(formdata=None, version=h.version) for h in case.hearings},
        lost=facts.lost)


@bp.route("/lawsuits/<int:case_id>")
def lawsuit(case_id: int):
    return _case_page(case_id)


def _done(case: Lawsuit, message: str):
    flash(message, "success")
    return redirect(url_for("disputes.lawsuit", case_id=case.id))


@bp.route("/lawsuits/<int:case_id>/defence", methods=["POST"])
@on_refusal(_case_page)
def defence(case_id: int):
    case = load_lawsuit(case_id)
    form = DateStepForm()
    _parsed(form)
    ops.record_defence(_actor(), case, form.version.data, form.day.data)
    return _done(case, _("已登记提交答辩状及证据"))


@bp.route("/lawsuits/<int:case_id>/outcome", methods=["POST"])
@on_refusal(_case_page)
def outcome(case_id: int):
    case = load_lawsuit(case_id)
    form = OutcomeForm()
    _parsed(form)
    ops.record_outcome(_actor(), case, form.version.data, enum_or_none(Outcome, form.outcome.data),
                       form.outcome_on.data, form.served.data, form.resolved_in_suit.data,
                       form.loss_grounds.data or [])
    return _done(case, _("已登记裁判结果"))


@bp.route("/lawsuits/<int:case_id>/appeal", methods=["POST"])
@on_refusal(_case_page)
def appeal(case_id: int):
    case = load_lawsuit(case_id)
    form = DateStepForm()
    _parsed(form)
    ops.record_appeal(_actor(), case, form.version.data, form.day.data)
    return _done(case, _("已登记上诉"))


@bp.route("/lawsuits/<int:case_id>/notes", methods=["POST"])
@on_refusal(_case_page)
def note(case_id: int):
    case = load_lawsuit(case_id)
    form = NoteForm()
    _parsed(form)
    ops.add_note(_actor(), case, enum_or_none(NoteKind, form.kind.data), form.day.data, form.text.data)
    return _done(case, _("已登记"))


@bp.route("/lawsuits/<int:case_id>/hearings", methods=["POST"])
@on_refusal(_case_page)
def hearing(case_id: int):
    case = load_lawsuit(case_id)
    form = HearingForm()
    _parsed(form)
    ops.schedule_hearing(_actor(), case, form.day.data, form.at.data, form.court_room.data)
    return _done(case, _("已登记开庭，开庭前一日将提醒负责人"))


@bp.route("/lawsuits/<int:case_id>/hearings/<int:hearing_id>", methods=["POST"])
@on_refusal(_case_page)
def appearance(case_id: int, hearing_id: int):
    case = load_lawsuit(case_id)
    h = db.session.get(Hearing, hearing_id)
    if h is None or h.lawsuit_id != case.id:
        abort(404)
    form = AppearanceForm()
    _parsed(form)
    ops.record_appearance(_actor(), h, form.version.data, enum_or_none(Appearance, form.appearance.data),
                          form.names.data, form.reason.data)
    return _done(case, _("已登记出庭情况"))


# --- the task force -----------------------------------------------------------------------------------------

def _task_force_page():
    from ..models import TaskForceMember
    rows = {r.organisation_id: r for r in db.session.scalars(sa.select(TaskForceMember).where(
        TaskForceMember.district_id == current_user.district_id))}
    people = db.session.scalars(sa.select(User).join(Organisation).where(
        Organisation.district_id == current_user.district_id, User.active.is_(True)).order_by(User.id)).all()
    orgs = db.session.scalars(sa.select(Organisation).where(
        Organisation.district_id == current_user.district_id, Organisation.kind.in_(policy.BODIES),
        Organisation.active.is_(True)).order_by(Organisation.kind, Organisation.name)).all()
    return render_template("disputes/task_force.html", orgs=orgs, rows=rows, people=people,
                           form=TaskForceForm(formdata=None))


@bp.route("/task-force", methods=["GET", "POST"])
@on_refusal(_task_force_page)
def task_force():
    if request.method == "GET":
        return _task_force_page()
    form = TaskForceForm()
    _parsed(form)
    org = db.session.get(Organisation, row_id_or_none(form.organisation_id.data) or 0)
    ops.assign_task_force(_actor(), org, db.session.get(User, form.user_id.data or 0))
    flash(_("已指定工作专班成员"), "success")
    return redirect(url_for("disputes.task_force"))
