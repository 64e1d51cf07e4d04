"""Named operations on a matter. Each takes its actor first, checks the policy, validates, changes rows, writes
the audit trail and flushes; the request (or job, or command) commits once."""
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.clock import ClockError, Extension, Pause, ReviewClock, too_close_to_decision
from workflows.review import CLOCK_RUNNING, Action, Category, Guards, ReviewState, Status, TransitionError, apply
from workflows.roles import DEPARTMENT, Role

from .. import labels, limits, rules
from ..audit.trail import record
from ..clauses.reading import read_version
from ..documents.service import add_document
from ..extensions import db
from ..models import (ClockExtension, ClockPause, Document, MaterialExemption, MaterialKind, Matter, PauseKind,
                      User)
from ..models.base import utcnow
from ..notifications.operations import notify_transition
from ..operations import OperationError, StaleVersion, check_version
from . import policy
from .materials import SIGNED_AGREEMENT
from .policy import Change
from .timeline import changes_since

# Actions that must carry a written reason (the department reads it).
REASON_REQUIRED = {Action.request_supplement, Action.return_for_revision, Action.withdraw}


@dataclass
class MatterFields:
    title: str
    summary: str
    legal_basis: str
    planned_date: date | None
    counterparties: str
    contact_name: str
    contact_phone: str


_LENGTHS = {"title": limits.TITLE, "summary": limits.SUMMARY, "legal_basis": limits.LEGAL_BASIS,
            "counterparties": limits.COUNTERPARTIES, "contact_name": limits.CONTACT_NAME,
            "contact_phone": limits.CONTACT_PHONE}


def _check_fields(category: Category, f: MatterFields) -> None:
    if not f.title.strip():
        raise OperationError(_("请填写事项名称"))
    for name, limit in _LENGTHS.items():
        if len(getattr(f, name).strip()) > limit:
            raise OperationError(_("%(field)s不能超过 %(n)d 个字", field=labels.MATTER_FIELD[name], n=limit))
    if category == Category.agreement and not f.counterparties.strip():
        raise OperationError(_("重点项目协议须填写协议相对方"))


def _apply_fields(matter: Matter, f: MatterFields) -> None:
    for name in _LENGTHS:
        setattr(matter, name, getattr(f, name).strip())
    matter.planned_date = f.planned_date


def create_matter(actor: User, category: Category, fields: MatterFields) -> Matter:
    if not actor.has_role(*DEPARTMENT):
        raise OperationError(_("只有承办部门人员可以报送审核事项"), 403)
    _check_fields(category, fields)
    matter = Matter(category=category, department_id=actor.organisation_id, district_id=actor.district_id,
                    created_by_id=actor.id, status=Status.draft)
    _apply_fields(matter, fields)
    _flag_short_notice(matter, rules.today())
    db.session.add(matter)
    db.session.flush()
    record(actor, "matter.create", "matter", matter.id, after=matter.audit_state())
    return matter


def check_matter_version(actor: User, matter: Matter, submitted) -> None:
    """Optimistic locking with an explanation: a stale form is told what changed since it was drawn (by whom,
    the same person in another tab included) and keeps what was typed; submitting again applies over it."""
    try:
        check_version(matter, submitted)
    except StaleVersion:
        changes = changes_since(actor, matter, int(submitted))
        raise StaleVersion(_("该事项在您打开之后已有变化：%(changes)s。请核对后再次提交。", changes=changes)
                           if changes else _("该事项在您打开之后已有变化，请核对后再次提交。")) from None


def _require_open(matter: Matter, change: Change, message: str, actor: User | None = None) -> None:
    if not policy.change_open(matter, change, actor):
        raise OperationError(message, 409)


def update_matter(actor: User, matter: Matter, version, fields: MatterFields) -> None:
    policy.require(actor, matter, Change.edit)
    check_matter_version(actor, matter, version)
    _require_open(matter, Change.edit, _("事项已报送，不能再修改基本信息"))
    _check_fields(matter.category, fields)
    before = matter.audit_state()
    _apply_fields(matter, fields)
    _flag_short_notice(matter, rules.today())
    matter.updated_at = utcnow()
    db.session.flush()
    record(actor, "matter.update", "matter", matter.id, before, matter.audit_state())


def required_kinds(category: Category) -> list[MaterialKind]:
    return db.session.scalars(sa.select(MaterialKind).where(
        MaterialKind.category == category, MaterialKind.active).order_by(MaterialKind.sort, MaterialKind.id)).all()


def missing_materials(matter: Matter, kinds: list[MaterialKind] | None = None) -> list[MaterialKind]:
    """Required materials with neither a file nor a written exemption (`kinds`: the category's, when the
    caller has read them already, as a matter's page does)."""
    present = {d.material_kind_id for d in matter.documents} | {e.material_kind_id for e in matter.exemptions}
    kinds = required_kinds(matter.category) if kinds is None else kinds
    return [k for k in kinds if k.required and k.id not in present]


def set_exemption(actor: User, matter: Matter, kind: MaterialKind, reason: str) -> None:
    policy.require(actor, matter, Change.exempt)
    _require_open(matter, Change.exempt, _("事项已报送，不能再修改材料"))
    if kind.category != matter.category:
        raise OperationError(_("材料类型与事项类别不符"))
    reason = reason.strip()
    if not reason:
        raise OperationError(_("请写明免报理由"))
    if len(reason) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    existing = next((e for e in matter.exemptions if e.material_kind_id == kind.id), None)
    if existing:
        existing.reason = reason
    else:
        matter.exemptions.append(MaterialExemption(material_kind_id=kind.id, reason=reason))
    db.session.flush()
    record(actor, "matter.exempt_material", "matter", matter.id, after={"material": kind.name, "reason": reason})


def upload(actor: User, matter: Matter, kind: MaterialKind | None, filename: str, data: bytes) -> Document:
    """Departments upload while drafting or supplying, and revised drafts while answering an opinion; the
    bureau adds its marked-up or revised versions of the draft while it reviews (shown as the bureau's)."""
    policy.require(actor, matter, Change.upload)
    _require_open(matter, Change.upload, _("当前状态（%(s)s）不能上传材料", s=labels.STATUS[matter.status]), actor)
    if kind is not None and kind.category != matter.category:
        raise OperationError(_("材料类型与事项类别不符"))
    if not policy.department_side(actor, matter) and (kind is None or not kind.is_draft):
        raise OperationError(_("司法局只能上传送审文稿的标注稿或修改稿"))
    if kind is not None and kind.code == SIGNED_AGREEMENT:
        raise OperationError(_("已签署的协议请在“协议签署与备案”中登记签署日期后上传"))
    # Lock the matter so two uploads of one material cannot take the same version number.
    db.session.execute(sa.select(Matter.id).where(Matter.id == matter.id).with_for_update())
    # The matter row itself is not updated: an upload does not make others' open forms stale.
    doc = add_document(actor, matter, kind, filename, data)
    read_version(actor, doc)  # a draft version is split into clauses and flagged now (clause flags, #12)
    return doc


def review_clock(matter: Matter) -> ReviewClock | None:
    if matter.clock_started_on is None:
        return None
    return ReviewClock(matter.clock_started_on, matter.period_days,
                       tuple(Pause(p.start, p.end) for p in matter.pauses),
                       tuple(Extension(e.days, e.reason) for e in matter.extensions))


def _refresh_due(matter: Matter) -> None:
    clock = review_clock(matter)
    matter.due_on = clock.due_date(rules.calendar()) if clock else None


def guards(matter: Matter, kinds: list[MaterialKind] | None = None) -> Guards:
    opinion = matter.opinion
    points = opinion.points if opinion else []
    return Guards(materials_complete=not missing_materials(matter, kinds), reviewer_assigned=matter.reviewer_id is not None,
                  all_points_answered=all(p.adoption is not None for p in points),
                  has_opinion_draft=opinion is not None)


def state_of(matter: Matter) -> ReviewState:
    return ReviewState(matter.status, matter.resume_status, matter.conclusion, matter.signed_off)


def available(actor: User, matter: Matter, kinds: list[MaterialKind] | None = None) -> policy.Available:
    """What `actor` may do to the matter now (the page's buttons, the API's allowed_actions)."""
    return policy.available(actor, matter, state_of(matter), guards(matter, kinds))


def verdict(actor: User, matter: Matter, action: Action, conclusion=None, **facts) -> ReviewState:
    """The state machine's answer for `action`, as the refusal the user reads; nothing changes. `facts`
    stand in for guards the caller is about to make true (the reviewer it assigns, the draft it writes)."""
    try:
        return apply(state_of(matter), action, actor.roles, replace(guards(matter), **facts), conclusion,
                     matter.category)
    except TransitionError as e:
        if e.kind == "state":
            message = _("当前状态（%(s)s）不能执行“%(a)s”", s=labels.STATUS[matter.status], a=labels.ACTION[action])
            raise OperationError(message, 409) from None
        raise OperationError(_(e.message), 403 if e.kind == "role" else 400) from None


def transition(actor: User, matter: Matter, action: Action, version, reason: str = "",
               today: date | None = None, conclusion=None) -> None:
    """Move the matter through the review stages, as workflows.review allows, with the clock's side effects."""
    policy.require(actor, matter, action)
    check_matter_version(actor, matter, version)
    reason = (reason or "").strip()
    if action in REASON_REQUIRED and not reason:
        raise OperationError(_("请填写理由"))
    if len(reason) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    today = today or rules.today()
    before = matter.audit_state()
    new = verdict(actor, matter, action, conclusion)
    _clock_effects(matter, action, reason, today)
    matter.status, matter.resume_status = new.status, new.resume_status
    matter.conclusion, matter.signed_off = new.conclusion, new.signed_off
    matter.updated_at = utcnow()
    _refresh_due(matter)
    db.session.flush()
    event = record(actor, f"matter.{action.value}", "matter", matter.id, before,
                   {**matter.audit_state(), **({"reason": reason} if reason else {})})
    notify_transition(actor, matter, action, event.id, reason)


def _flag_short_notice(matter: Matter, today: date) -> None:
    """Decree 713 Art. 26: the bureau needs not less than 7 working days before a major decision is taken.
    Checked while drafting (as if submitted today), at submission, again when the bureau receives the matter, and
    whenever the planned date changes, each time from the latest of those days the matter has reached (a later
    planned date gives the bureau its time back)."""
    if matter.category != Category.major_decision:
        matter.too_close = False
        return
    day = matter.clock_started_on or matter.submitted_on or today
    short = too_close_to_decision(rules.calendar(), day, matter.planned_date,
                                  rules.setting("min_notice_days.major_decision", matter.district_id))
    matter.too_close = short


def _clock_effects(matter: Matter, action: Action, reason: str, today: date) -> None:
    if action == Action.submit and matter.submitted_on is None:
        matter.submitted_on = today
    if action == Action.submit:
        _flag_short_notice(matter, today)
    if action == Action.approve and matter.sent_on is None:
        matter.sent_on = today
    if action == Action.forward and matter.clock_started_on is None:
        matter.clock_started_on = today
        matter.period_days = rules.review_days(matter.category, matter.district_id)
        _flag_short_notice(matter, today)  # Decree 713 Art. 26, again on the day the bureau receives it
    if matter.clock_started_on is None:
        return
    # Agreements: the advisers' time does not count against the review period (local practice, DESIGN.md §3).
    agreement = matter.category == Category.agreement
    if action == Action.request_supplement:
        _end_pause(matter, today)  # a supplement replaces the advisers' or investigation pause it interrupts
        _pause(matter, PauseKind.supplement, today, reason)
    if action == Action.supply:
        _end_pause(matter, today, PauseKind.supplement)
        if agreement and matter.resume_status == Status.consulting:
            _pause(matter, PauseKind.advisers, today, _("征询法律顾问意见，不计入协议审核期限"))
    if agreement and action == Action.request_advisers:
        _pause(matter, PauseKind.advisers, today, _("征询法律顾问意见，不计入协议审核期限"))
    if agreement and action == Action.advisers_done:
        _end_pause(matter, today, PauseKind.advisers)
    if action == Action.return_for_revision:
        # A revised draft is reviewed afresh: the old opinion draft and clock go (the trail keeps them).
        if matter.opinion is not None and not matter.opinion.issued:
            db.session.delete(matter.opinion)
        matter.clock_started_on = matter.period_days = None
        matter.pauses.clear()
        matter.extensions.clear()
        matter.reviewer_id = None


def _pause(matter: Matter, kind: PauseKind, day: date, reason: str) -> None:
    try:
        review_clock(matter).pause(day)
    except ClockError as e:
        raise OperationError(str(e)) from None
    matter.pauses.append(ClockPause(kind=kind, start=day, reason=reason))


def _end_pause(matter: Matter, day: date, kind: PauseKind | None = None) -> None:
    """End the open pause (of `kind`, when given); nothing to do when the clock runs."""
    open_pause = matter.pauses[-1] if matter.pauses and matter.pauses[-1].end is None else None
    if open_pause is None or (kind is not None and open_pause.kind != kind):
        return
    try:
        review_clock(matter).resume(day)
    except ClockError as e:
        raise OperationError(str(e)) from None
    open_pause.end = day


def investigation(actor: User, matter: Matter, version, reason: str, start: bool, today: date | None = None) -> None:
    """An agreement's investigation (调查核实) stops its review clock until it ends (local practice)."""
    policy.require(actor, matter, Change.investigate)
    check_matter_version(actor, matter, version)
    _require_open(matter, Change.investigate, _("只有司法局审核中的协议可以暂停计时进行调查核实"), actor)
    today = today or rules.today()
    paused = bool(matter.pauses) and matter.pauses[-1].end is None
    before = matter.audit_state()
    if start:
        reason = reason.strip()
        if not reason:
            raise OperationError(_("请写明调查核实的事项"))
        if len(reason) > limits.REASON:
            raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
        if paused:
            raise OperationError(_("计时已暂停，无需重复暂停"), 409)
        _pause(matter, PauseKind.investigation, today, reason)
    else:
        if not paused or matter.pauses[-1].kind != PauseKind.investigation:
            raise OperationError(_("该协议没有进行中的调查核实"), 409)
        _end_pause(matter, today, PauseKind.investigation)
    _refresh_due(matter)
    matter.updated_at = utcnow()
    db.session.flush()
    record(actor, "matter.investigation_start" if start else "matter.investigation_end", "matter", matter.id,
           before, {**matter.audit_state(), **({"reason": reason} if start else {})})


def recompute_due_dates(actor: User | None, days: list[date]) -> int:
    """A change to the calendar reaches every open deadline computed from it (DESIGN.md §3): each matter whose
    running clock spans a changed day gets its due date again, audited. Returns how many changed."""
    if not days:
        return 0
    rules.forget_calendar()
    matters = db.session.scalars(sa.select(Matter).where(
        Matter.status.in_(CLOCK_RUNNING), Matter.clock_started_on.is_not(None),
        Matter.clock_started_on < max(days), sa.or_(Matter.due_on.is_(None), Matter.due_on >= min(days))))
    changed = 0
    for m in matters:
        before = m.due_on
        _refresh_due(m)
        if m.due_on != before:
            changed += 1
            record(actor, "matter.due_recalculated", "matter", m.id, {"due_on": before}, {"due_on": m.due_on},
                   district_id=m.district_id)
    db.session.flush()
    return changed


def file_signed_agreement(actor: User, matter: Matter, version, signed_on: date | None,
                          filename: str = "", data: bytes | None = None, today: date | None = None) -> None:
    """An agreement the decision body passed is signed, and the signed text is filed with the bureau within
    5 working days of signing (local practice, a setting). The department records the signing date (once) and
    uploads the signed text now or later; a filing after its due day stays listed as late."""
    policy.require(actor, matter, Change.file_signed)
    check_matter_version(actor, matter, version)
    _require_open(matter, Change.file_signed, _("只有决策机关已通过的协议可以登记签署与备案"), actor)
    today = today or rules.today()
    before = matter.audit_state()
    if matter.signed_on is None:
        if signed_on is None:
            raise OperationError(_("请填写协议签署日期"))
        if signed_on > today:
            raise OperationError(_("签署日期不能晚于今天"))
        if signed_on < matter.decision.meeting_date:
            raise OperationError(_("签署日期不能早于决策机关作出决策的日期（%(d)s）", d=matter.decision.meeting_date.isoformat()))
        matter.signed_on = signed_on
        matter.filing_due_on = rules.calendar().add_working_days(
            signed_on, rules.setting("agreement_filing_days", matter.district_id))
    elif signed_on is not None and signed_on != matter.signed_on:
        raise OperationError(_("签署日期已登记为 %(d)s，不能更改", d=matter.signed_on.isoformat()), 409)
    if data:
        if matter.filed_on is not None:
            raise OperationError(_("已签署的协议已于 %(d)s 备案", d=matter.filed_on.isoformat()), 409)
        kind = db.session.scalar(sa.select(MaterialKind).where(MaterialKind.category == Category.agreement,
                                                               MaterialKind.code == SIGNED_AGREEMENT))
        add_document(actor, matter, kind, filename, data)
        matter.filed_on = today
    matter.updated_at = utcnow()
    db.session.flush()
    record(actor, "matter.file_signed", "matter", matter.id, before,
           {**matter.audit_state(), "signed_on": matter.signed_on, "filing_due_on": matter.filing_due_on,
            "filed_on": matter.filed_on})


def late_filing(matter: Matter, today: date) -> bool:
    """A signed agreement filed after its due day, or not filed and past it."""
    if matter.filing_due_on is None:
        return False
    return (matter.filed_on or today) > matter.filing_due_on


def extend(actor: User, matter: Matter, version, days: int, reason: str) -> None:
    """An extension of the review period needs a reason and is recorded."""
    policy.require(actor, matter, Change.extend)
    check_matter_version(actor, matter, version)
    _require_open(matter, Change.extend, _("该事项当前没有进行中的审核期限"))
    low, high = limits.EXTENSION_DAYS
    if not low <= days <= high:
        raise OperationError(_("延长天数须在 %(lo)d 到 %(hi)d 个工作日之间", lo=low, hi=high))
    try:
        Extension(days, reason)
    except ValueError as e:
        raise OperationError(str(e)) from None
    if len(reason.strip()) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    before = matter.audit_state()
    matter.extensions.append(ClockExtension(days=days, reason=reason.strip(), granted_by_id=actor.id))
    _refresh_due(matter)
    matter.updated_at = utcnow()
    db.session.flush()
    record(actor, "matter.extend", "matter", matter.id, before,
           {**matter.audit_state(), "days": days, "reason": reason})


def assign_reviewer(actor: User, matter: Matter, version, reviewer: User | None) -> None:
    policy.require(actor, matter, Action.assign_reviewer)
    if (reviewer is None or reviewer.district_id != matter.district_id or not reviewer.is_active
            or not reviewer.has_role(Role.bureau_reviewer, Role.bureau_director)):
        raise OperationError(_("只能分配本区司法局的审核人员"))
    check_matter_version(actor, matter, version)
    verdict(actor, matter, Action.assign_reviewer, reviewer_assigned=True)  # before anything changes
    matter.reviewer_id = reviewer.id
    db.session.flush()
    transition(actor, matter, Action.assign_reviewer, matter.version)
