"""Named operations on the litigation records. Each takes its actor first, checks the policy, validates (the
law from workflows.litigation), changes rows, writes the audit trail and flushes; the request, job or command
commits once."""
from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.litigation import (HEAD_APPEARANCES, LITIGATION_LIMITS, OUTCOMES, RESOLVING_OUTCOMES,
                                  Appearance, Area, Instance, Outcome)
from workflows.risk.factors import FACTORS, Group
from workflows.roles import Role
from workflows.time_limits import with_values

from .. import limits, rules
from ..audit.trail import record
from ..extensions import db
from ..matters import policy as matter_policy
from ..models import (DemolitionCase, Hearing, Lawsuit, LawsuitNote, Matter, Organisation, TaskForceMember,
                      User, UserRole)
from ..models.disputes import NoteKind
from ..operations import OperationError, check_version
from ..web import MAX_ID
from . import policy


LEGALITY_CODES = tuple(f.code for f in FACTORS if f.group is Group.legality)


def litigation_limits(district_id: int):
    """The statutory periods with the district's local ones (settings "litigation.<key>_days")."""
    return with_values(LITIGATION_LIMITS, {key: rules.setting(f"litigation.{key}_days", district_id)
                                           for key in ("filing", "loss_report")})


def _text(value: str, label: str, limit: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise OperationError(_("请填写%(field)s", field=label))
    if len(value) > limit:
        raise OperationError(_("%(field)s不能超过 %(n)d 个字", field=label, n=limit))
    return value


def _not_future(day: date | None, label: str) -> None:
    if day is not None and day > rules.today():
        raise OperationError(_("%(field)s不能晚于今天", field=label))


def heads_of(org: Organisation) -> list[User]:
    """The body's responsible heads (负责人), who are reminded of its hearings."""
    return list(db.session.scalars(sa.select(User).join(UserRole).where(
        User.organisation_id == org.id, User.active.is_(True), UserRole.role == Role.department_head)
        .order_by(User.id)))


# --- filing -------------------------------------------------------------------------------------------------

@dataclass
class LawsuitFields:
    defendant_id: int | None
    court: str
    case_no: str
    plaintiff: str
    act: str
    area: Area | None
    complaint_received: date | None
    instance: Instance = Instance.first
    co_defendants: str = ""
    matter_id: int | None = None
    demolition_case_id: int | None = None
    filed_on: date | None = None  # None: today, the day it is entered here


def _row(model, row_id: int | None):
    return db.session.get(model, row_id) if row_id is not None and 0 < row_id <= MAX_ID else None


def file_lawsuit(actor: User, f: LawsuitFields) -> Lawsuit:
    """File a case with the bureau (全过程备案): by the body sued, or by the bureau for it. The task force
    member assigned to the body's unit becomes responsible for it."""
    if f.defendant_id is None:
        raise OperationError(_("请选择被告（被诉单位）"))
    defendant = _row(Organisation, f.defendant_id)
    if not policy.may_file_for(actor, defendant):
        raise OperationError(_("只能为本单位（司法局可为本区各单位）备案行政应诉案件"), 403)
    court = _text(f.court, _("受理法院"), limits.COURT)
    case_no = _text(f.case_no, _("案号"), limits.CASE_NO)
    plaintiff = _text(f.plaintiff, _("原告"), limits.PARTY)
    act = _text(f.act, _("被诉行政行为"), limits.ACT)
    co_defendants = _text(f.co_defendants, _("共同被告"), limits.CO_DEFENDANTS, required=False)
    if f.area is None:
        raise OperationError(_("请选择案件所属领域"))
    if f.complaint_received is None:
        raise OperationError(_("请填写收到起诉状副本的日期"))
    _not_future(f.complaint_received, _("收到起诉状副本的日期"))
    filed_on = f.filed_on or rules.today()
    _not_future(filed_on, _("备案日期"))
    if filed_on < f.complaint_received:
        raise OperationError(_("备案日期不能早于收到起诉状副本的日期"))
    matter = _row(Matter, f.matter_id)
    if f.matter_id is not None and (matter is None or not matter_policy.can_view(actor, matter)):
        raise OperationError(_("关联的审核事项不存在"), 404)
    demolition = _row(DemolitionCase, f.demolition_case_id)
    if f.demolition_case_id is not None and (demolition is None or demolition.district_id != actor.district_id
                                             or not policy.sees(actor, demolition.district_id,
                                                                demolition.organisation_id)):
        raise OperationError(_("关联的拆除台账案件不存在"), 404)
    if db.session.scalar(sa.select(Lawsuit.id).where(Lawsuit.district_id == defendant.district_id,
                                                     Lawsuit.case_no == case_no)):
        raise OperationError(_("案号%(no)s已备案", no=case_no), 409)
    member = db.session.get(TaskForceMember, defendant.id)
    case = Lawsuit(district_id=defendant.district_id, defendant_id=defendant.id, co_defendants=co_defendants,
                   court=court, instance=f.instance, case_no=case_no, plaintiff=plaintiff, act=act,
                   area=f.area, matter_id=matter.id if matter else None,
                   demolition_case_id=demolition.id if demolition else None,
                   complaint_received=f.complaint_received, filed_with_bureau=filed_on,
                   task_force_member_id=member.user_id if member else None, created_by_id=actor.id)
    db.session.add(case)
    db.session.flush()
    record(actor, "lawsuit.file", "lawsuit", case.id, after=case.audit_state())
    return case


def _change(actor: User, case: Lawsuit, version, action: str, **values) -> None:
    policy.require_visible(actor, case)
    check_version(case, version)
    before = case.audit_state()
    for name, value in values.items():
        setattr(case, name, value)
    db.session.flush()
    after = case.audit_state()
    record(actor, action, "lawsuit", case.id, before={k: before[k] for k in values},
           after={k: after[k] for k in values})


def record_defence(actor: User, case: Lawsuit, version, day: date | None) -> None:
    if day is None:
        raise OperationError(_("请填写提交答辩状及证据的日期"))
    _not_future(day, _("答辩日期"))
    if day < case.complaint_received:
        raise OperationError(_("答辩日期不能早于收到起诉状副本的日期"))
    _change(actor, case, version, "lawsuit.defence", defence_submitted=day)


def record_outcome(actor: User, case: Lawsuit, version, outcome: Outcome | None, outcome_on: date | None,
                   served: date | None, resolved_in_suit: bool, loss_grounds: list[str] = ()) -> None:
    """The judgment, ruling or mediation that concludes the case (审结) at this instance; for a loss, the
    grounds the court gave, as legality factors, so the review learns which of its factors mislead."""
    if outcome is None or outcome_on is None:
        raise OperationError(_("请选择裁判结果并填写裁判日期"))
    _not_future(outcome_on, _("裁判日期"))
    _not_future(served, _("送达日期"))
    if outcome_on < case.complaint_received:
        raise OperationError(_("裁判日期不能早于收到起诉状副本的日期"))
    if served is not None and served < outcome_on:
        raise OperationError(_("送达日期不能早于裁判日期"))
    if resolved_in_suit and outcome not in RESOLVING_OUTCOMES:
        raise OperationError(_("诉中化解的案件须以准许撤诉或调解结案"))
    grounds = [g for g in dict.fromkeys(loss_grounds or ()) if g]
    if grounds and not OUTCOMES[outcome].loss:
        raise OperationError(_("只有败诉的裁判需要登记败诉理由"))
    if any(g not in LEGALITY_CODES for g in grounds):
        raise OperationError(_("败诉理由须从合法性风险因素中选择"))
    _change(actor, case, version, "lawsuit.outcome", outcome=outcome, outcome_on=outcome_on,
            outcome_served=served, resolved_in_suit=resolved_in_suit, loss_grounds=grounds)


def record_appeal(actor: User, case: Lawsuit, version, day: date | None) -> None:
    if case.outcome is None or not OUTCOMES[case.outcome].appealable or case.instance is not Instance.first:
        raise OperationError(_("该案件没有可以上诉的一审裁判"), 409)
    if day is None or day < case.outcome_on:
        raise OperationError(_("请填写上诉日期（不早于裁判日期）"))
    _not_future(day, _("上诉日期"))
    _change(actor, case, version, "lawsuit.appeal", appealed_on=day)


def add_note(actor: User, case: Lawsuit, kind: NoteKind | None, day: date | None, text: str) -> LawsuitNote:
    """A dated step of the course in words: a resolution attempt, a suggestion received or answered …"""
    policy.require_visible(actor, case)
    if kind is None:
        raise OperationError(_("请选择登记事项"))
    if day is None:
        raise OperationError(_("请填写日期"))
    _not_future(day, _("日期"))
    text = _text(text, _("情况说明"), limits.REASON)
    note = LawsuitNote(lawsuit_id=case.id, kind=kind, day=day, text=text, recorded_by_id=actor.id)
    db.session.add(note)
    if kind is NoteKind.execution and case.executed_on is None:
        case.executed_on = day
    db.session.flush()
    record(actor, "lawsuit.note", "lawsuit", case.id, after={"kind": kind, "day": day, "text": text})
    return note


# --- hearings -----------------------------------------------------------------------------------------------

def schedule_hearing(actor: User, case: Lawsuit, day: date | None, at: time | None,
                     court_room: str) -> Hearing:
    """A hearing the court set; the head is reminded the day before (disputes.reminders)."""
    policy.require_visible(actor, case)
    if case.outcome is not None:
        raise OperationError(_("案件已审结，不能再登记开庭"), 409)
    if day is None:
        raise OperationError(_("请填写开庭日期"))
    if day < case.complaint_received:
        raise OperationError(_("开庭日期不能早于收到起诉状副本的日期"))
    room = _text(court_room, _("法庭"), limits.COURT_ROOM, required=False)
    h = Hearing(lawsuit=case, day=day, time=at, court_room=room, scheduled_on=rules.today(),
                recorded_by_id=actor.id)
    db.session.add(h)
    db.session.flush()
    record(actor, "lawsuit.schedule_hearing", "lawsuit", case.id,
           after={"hearing_id": h.id, **h.audit_state()})
    return h


def record_appearance(actor: User, hearing: Hearing, version, appearance: Appearance | None, names: str,
                      reason: str) -> None:
    """Who stood for the body at a hearing held (Art. 3). A head who did not appear gives a written reason;
    without it (or with only a lawyer, or nobody) the hearing is listed as a missed appearance."""
    case = hearing.lawsuit
    policy.require_visible(actor, case)
    check_version(hearing, version)
    if hearing.day > rules.today():
        raise OperationError(_("开庭之后才能登记出庭情况"), 409)
    if appearance is None:
        raise OperationError(_("请选择出庭情况"))
    names = _text(names, _("出庭人员"), limits.PARTY, required=appearance is not Appearance.nobody)
    reason = _text(reason, _("负责人不能出庭的理由"), limits.REASON, required=False)
    if appearance in HEAD_APPEARANCES:
        reason = ""
    before = hearing.audit_state()
    hearing.appearance, hearing.appeared_names, hearing.written_reason = appearance, names, reason
    db.session.flush()
    record(actor, "lawsuit.appearance", "lawsuit", case.id, before={"hearing_id": hearing.id, **before},
           after={"hearing_id": hearing.id, **hearing.audit_state()})


# --- the task force -----------------------------------------------------------------------------------------

def assign_task_force(actor: User, org: Organisation | None, member: User | None) -> TaskForceMember:
    """The bureau names its member responsible for a unit's cases (a setting: later cases take it)."""
    if org is None or org.district_id != actor.district_id or org.kind not in policy.BODIES:
        raise OperationError(_("单位不存在"), 404)
    if not policy.is_bureau(actor, org.district_id):
        raise OperationError(_("只有司法局可以指定工作专班成员"), 403)
    if member is None or member.district_id != actor.district_id or not member.is_active:
        raise OperationError(_("请选择本区在用的人员"))
    row = db.session.get(TaskForceMember, org.id)
    before = {"user_id": row.user_id} if row else None
    if row is None:
        row = TaskForceMember(organisation_id=org.id, district_id=org.district_id, user_id=member.id)
        db.session.add(row)
    row.user_id = member.id
    db.session.flush()
    record(actor, "lawsuit.task_force", "organisation", org.id, before=before, after={"user_id": member.id})
    return row
