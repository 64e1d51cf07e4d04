"""Named operations on cases at risk of loss and on losses: the bureau marks a case at risk with its plan and
records meetings; the defendant body reports every loss (凡败必报) with its analysis and rectification items,
each tracked to completion (一案一整改); the bureau records referrals for accountability and writes up
typical cases (典型案例)."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from workflows.litigation import OUTCOMES

from .. import limits, rules
from ..audit.trail import record
from ..extensions import db
from ..models import (AccountabilityReferral, Lawsuit, LossReport, RectificationItem, ReconsiderationCase,
                      RiskMeeting, TypicalCase, User)
from ..operations import OperationError, check_version
from . import policy
from .operations import _not_future, _text

MAX_ITEMS = 20


def mark_at_risk(actor: User, case: Lawsuit, version, plan: str, reported_on: date | None) -> None:
    """败诉风险案件: the one-case-one-plan analysis, reported to the deputy district head in charge."""
    policy.require_bureau(actor, case)
    check_version(case, version)
    if case.outcome is not None:
        raise OperationError(_("案件已审结"), 409)
    plan = _text(plan, _("一案一策分析及应对方案"), limits.REASON)
    if reported_on is None:
        raise OperationError(_("请填写报告分管副区长的日期"))
    _not_future(reported_on, _("报告日期"))
    case.at_risk, case.risk_plan, case.risk_reported_on = True, plan, reported_on
    db.session.flush()
    record(actor, "lawsuit.at_risk", "lawsuit", case.id,
           after={"risk_plan": plan, "risk_reported_on": reported_on})


def add_meeting(actor: User, case: Lawsuit, day: date | None, attendees: str,
                conclusions: str) -> RiskMeeting:
    policy.require_bureau(actor, case)
    if not case.at_risk:
        raise OperationError(_("请先将案件列为败诉风险案件"), 409)
    if day is None:
        raise OperationError(_("请填写会商日期"))
    _not_future(day, _("会商日期"))
    meeting = RiskMeeting(lawsuit_id=case.id, day=day, attendees=_text(attendees, _("参会人员"), limits.ACT),
                          conclusions=_text(conclusions, _("会商结论"), limits.REASON), recorded_by_id=actor.id)
    db.session.add(meeting)
    db.session.flush()
    record(actor, "lawsuit.meeting", "lawsuit", case.id,
           after={"day": day, "attendees": meeting.attendees, "conclusions": meeting.conclusions})
    return meeting


@dataclass(frozen=True)
class ItemInput:
    text: str
    due_on: date | None


def submit_loss_report(actor: User, case: Lawsuit, causes: str, responsibility: str,
                       items: list[ItemInput]) -> LossReport:
    """The defendant body's loss analysis and rectification plan (the bureau may enter it for the body)."""
    policy.require_visible(actor, case)
    if case.outcome is None or not OUTCOMES[case.outcome].loss:
        raise OperationError(_("只有败诉案件需要报送败诉分析"), 409)
    if case.loss_report is not None:
        raise OperationError(_("已报送败诉分析及整改方案"), 409)
    causes = _text(causes, _("败诉原因"), limits.REASON)
    responsibility = _text(responsibility, _("责任分析"), limits.REASON)
    items = [i for i in items if (i.text or "").strip()]
    if not items:
        raise OperationError(_("请至少填写一项整改措施"))
    if len(items) > MAX_ITEMS:
        raise OperationError(_("整改措施不能超过 %(n)d 项", n=MAX_ITEMS))
    today = rules.today()
    for i, item in enumerate(items, start=1):
        if item.due_on is None or item.due_on < today:
            raise OperationError(_("第%(i)d项整改措施须填写整改期限（不早于今天）", i=i))
    rows = [RectificationItem(position=i, text=_text(item.text, _("整改措施"), limits.REASON), due_on=item.due_on)
            for i, item in enumerate(items, start=1)]
    report = LossReport(lawsuit_id=case.id, causes=causes, responsibility=responsibility, submitted_on=today,
                        submitted_by_id=actor.id, items=rows)
    db.session.add(report)
    case.loss_report_submitted = today
    db.session.flush()
    record(actor, "lawsuit.loss_report", "lawsuit", case.id, after={
        "causes": causes, "responsibility": responsibility,
        "items": [[i.text, i.due_on] for i in report.items]})
    return report


def complete_item(actor: User, item: RectificationItem, version, day: date | None, note: str) -> None:
    case = item.report.lawsuit
    policy.require_visible(actor, case)
    check_version(item, version)
    if item.done_on is not None:
        raise OperationError(_("该项整改已完成"), 409)
    if day is None:
        raise OperationError(_("请填写完成日期"))
    _not_future(day, _("完成日期"))
    item.done_on, item.done_note = day, _text(note, _("整改情况"), limits.REASON)
    db.session.flush()
    record(actor, "lawsuit.rectified", "lawsuit", case.id,
           after={"item": item.position, "done_on": day, "note": item.done_note})


def refer(actor: User, case: Lawsuit, day: date | None, referred_to: str, subject: str,
          note: str) -> AccountabilityReferral:
    policy.require_bureau(actor, case)
    if case.outcome is None or not OUTCOMES[case.outcome].loss:
        raise OperationError(_("只有败诉案件可以移送追责问责"), 409)
    if day is None:
        raise OperationError(_("请填写移送日期"))
    _not_future(day, _("移送日期"))
    row = AccountabilityReferral(lawsuit_id=case.id, referred_on=day,
                                 referred_to=_text(referred_to, _("移送机关"), limits.COURT),
                                 subject=_text(subject, _("移送对象"), limits.PARTY),
                                 note=_text(note, _("说明"), limits.REASON, required=False),
                                 recorded_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    record(actor, "lawsuit.referral", "lawsuit", case.id,
           after={"referred_on": day, "referred_to": row.referred_to, "subject": row.subject})
    return row


def write_typical_case(actor: User, title: str, lesson: str, lawsuit: Lawsuit | None = None,
                       reconsideration: ReconsiderationCase | None = None) -> TypicalCase:
    source = lawsuit or reconsideration
    if source is None:
        raise OperationError(_("典型案例须来自一件行政应诉或行政复议案件"))
    policy.require_bureau(actor, source)
    if source.outcome is None:
        raise OperationError(_("案件审结后才能编写典型案例"), 409)
    row = TypicalCase(district_id=source.district_id, title=_text(title, _("标题"), limits.TITLE),
                      lesson=_text(lesson, _("启示"), limits.REASON), area=source.area,
                      lawsuit_id=lawsuit.id if lawsuit else None,
                      reconsideration_id=reconsideration.id if reconsideration else None,
                      published_on=rules.today(), created_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    record(actor, "typical_case.write", "lawsuit" if lawsuit else "reconsideration", source.id,
           after={"title": row.title, "lesson": row.lesson})
    return row
