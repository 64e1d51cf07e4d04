"""Selecting and inviting legal advisers for a matter: the draw, a designation, a re-draw, the matter's
parties, and the invitations that follow (accept after declaring no conflict, decline, declare a conflict,
lapse).

Each operation takes its actor first (None is the system: the periodic job), checks the policy, changes rows,
writes the audit trail and flushes. The draw itself is experts.draw's: this module builds its snapshot from
the rows (snapshot.py), stores the record field by field, and writes both hashes to the audit trail at once,
which is what shows later that a stored record is the one of the day (experts/verify_draw.py, point 1).
"""
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from experts import draw as rules_draw
from experts.eligibility import describe
from experts.load import AssignmentState
from experts.verify_draw import (DrawInputError, DrawRecord as Record, DrawRequest, Exclusion, PartyRole,
                                 RecordKind, ReplayResult, Snapshot, canonical_json, make_record, replay)
from workflows.periods import Period, Unit
from workflows.review import Action, Status
from workflows.roles import BUREAU

from .. import rules
from ..audit.trail import record
from ..extensions import db
from ..matters import policy as matter_policy
from ..matters.operations import transition
from ..models import Assignment, AuditEvent, DrawRecord, Expert, Matter, MatterDrafter, MatterParty, User
from ..models.base import utcnow
from ..notifications.operations import notify
from ..operations import OperationError, check_version
from ..web import path_for
from . import policy, snapshot

PARTY_NAME_MAX, MAX_PARTIES, REASON_MAX, MAX_WANTED = 120, 50, 2000, 5
# Matters advisers are drawn for: those the bureau is reviewing, or already consulting (a re-draw).
DRAW_STATUSES = (Status.bureau_review, Status.consulting)


def _require_bureau(actor: User, matter: Matter) -> None:
    matter_policy.require_visible(actor, matter)
    if not actor.has_role(*BUREAU):
        raise OperationError(_("只有司法局可以抽取或指定法律顾问"), 403)


# --- the matter's parties and drafters ---------------------------------------------------------------------

def set_matter_parties(actor: User, matter: Matter, parties: Sequence[tuple[str, PartyRole]],
                       drafter_ids: Sequence[int] = ()) -> None:
    """Replace the matter's counterparties and affected parties (one row each) and the pool members that took
    part in drafting it; conflicts are matched against these."""
    _require_bureau(actor, matter)
    rows = list(dict.fromkeys((name.strip(), role) for name, role in parties if name.strip()))
    if len(rows) > MAX_PARTIES:
        raise OperationError(_("当事人不能超过 %(n)d 个", n=MAX_PARTIES))
    if any(len(name) > PARTY_NAME_MAX for name, _role in rows):
        raise OperationError(_("当事人名称不能超过 %(n)d 个字", n=PARTY_NAME_MAX))
    drafters = set(drafter_ids)
    known = set(db.session.scalars(sa.select(Expert.id).where(Expert.id.in_(drafters),
                                                               Expert.district_id == matter.district_id)))
    if drafters - known:
        raise OperationError(_("参与起草的成员不在本专家库中"))
    db.session.execute(sa.delete(MatterParty).where(MatterParty.matter_id == matter.id))
    db.session.execute(sa.delete(MatterDrafter).where(MatterDrafter.matter_id == matter.id))
    db.session.add_all(MatterParty(matter_id=matter.id, name=name, role=role) for name, role in rows)
    db.session.add_all(MatterDrafter(matter_id=matter.id, expert_id=i) for i in sorted(drafters))
    db.session.flush()
    record(actor, "matter.parties", "matter", matter.id, after={
        "parties": [[name, role.value] for name, role in rows], "drafters": sorted(drafters)})


# --- draws ------------------------------------------------------------------------------------------------

def _record_no(matter: Matter) -> str:
    n = db.session.scalar(sa.select(sa.func.count()).where(DrawRecord.matter_id == matter.id)) + 1
    return f"CQ-{matter.district_id}-{matter.id}-{n}"


def _open_for_draw(actor: User, matter: Matter) -> None:
    _require_bureau(actor, matter)
    if matter.status not in DRAW_STATUSES:
        raise OperationError(_("只有司法局审核中的事项可以抽取法律顾问"), 409)


def _snapshot_inputs(matter: Matter):
    return (snapshot.members(matter.district_id, matter.id), snapshot.related_parties(matter.district_id),
            snapshot.matter_parties(matter.id))


def _store(actor: User, matter: Matter, rec: Record, previous: DrawRecord | None = None) -> DrawRecord:
    data = rec.to_json()
    request = rec.snapshot.request
    row = DrawRecord(district_id=matter.district_id, matter_id=matter.id, record_no=request.record_id,
                     kind=request.kind, reason=request.reason, previous_id=previous.id if previous else None,
                     requested_by_id=actor.id, **{k: data[k] for k in (
                         "seed", "seed_hash", "snapshot_hash", "rules_version", "snapshot", "exclusions",
                         "ranking", "picks", "alternates", "shortfall")})
    db.session.add(row)
    db.session.flush()
    action = "draw.designate" if request.kind is RecordKind.designation else (
        "draw.redraw" if previous else "draw.random")
    record(actor, action, "draw", row.id, after={
        "record_no": row.record_no, "matter_id": matter.id, "snapshot_hash": row.snapshot_hash,
        "seed_hash": row.seed_hash, "rules_version": row.rules_version, "picks": row.picks,
        "alternates": row.alternates, "exclusions": len(row.exclusions), "reason": row.reason})
    return row


def _start_consulting(actor: User, matter: Matter) -> None:
    """Drawing advisers at the bureau stage is the pipeline's request_advisers step (Decree 713 Art. 28)."""
    if matter.status is Status.bureau_review:
        transition(actor, matter, Action.request_advisers, matter.version)


def draw_advisers(actor: User, matter: Matter, wanted: int, specialty: str | None = None,
                  seed: bytes | None = None) -> DrawRecord:
    """随机抽取: fix the seed and the snapshot, record the draw, invite the picks. A draw with a shortfall is
    kept as evidence and invites nobody (the bureau then designates, citing it)."""
    _open_for_draw(actor, matter)
    if not 1 <= wanted <= MAX_WANTED:
        raise OperationError(_("抽取人数须在 1 至 %(n)d 之间", n=MAX_WANTED))
    request = DrawRequest(_record_no(matter), RecordKind.draw, matter.id, rules.today(), wanted,
                          actor.username, specialty or None)
    rec = rules_draw.draw(request, *_snapshot_inputs(matter), seed=seed)
    row = _store(actor, matter, rec)
    _after_selection(actor, matter, row)
    return row


def designate(actor: User, matter: Matter, expert_ids: Sequence[int], reason: str) -> DrawRecord:
    """指定: by hand, only with a written reason, and only members that pass every hard filter."""
    _open_for_draw(actor, matter)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=REASON_MAX))
    try:
        request = DrawRequest(_record_no(matter), RecordKind.designation, matter.id, rules.today(),
                              len(expert_ids), actor.username, None, reason, designated=tuple(expert_ids))
        rec = rules_draw.designate(request, *_snapshot_inputs(matter))
    except DrawInputError as e:
        raise OperationError(_(str(e)) if not isinstance(e, rules_draw.DesignationRefused) else
                             _("所指定的法律顾问不符合条件：") + "；".join(e.messages)) from None
    row = _store(actor, matter, rec)
    _after_selection(actor, matter, row)
    return row


def redraw(actor: User, matter: Matter, previous: DrawRecord, reason: str) -> DrawRecord:
    """重新抽取: a new record naming the one it replaces and why; the old record's unanswered invitations are
    withdrawn, what was accepted stays."""
    _open_for_draw(actor, matter)
    if previous.matter_id != matter.id:
        raise OperationError(_(policy.NOT_FOUND), 404)
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("重新抽取必须书面说明理由"))
    if len(reason) > REASON_MAX:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=REASON_MAX))
    for a in db.session.scalars(sa.select(Assignment).where(Assignment.draw_id == previous.id,
                                                            Assignment.state == AssignmentState.invited)):
        a.state = AssignmentState.withdrawn
    db.session.flush()
    old = Record.from_json(previous.record_json())
    request = rules_draw.redraw_request(old, _record_no(matter), reason, actor.username, rules.today())
    row = _store(actor, matter, rules_draw.draw(request, *_snapshot_inputs(matter)), previous)
    _after_selection(actor, matter, row)
    return row


def _after_selection(actor: User, matter: Matter, row: DrawRecord) -> None:
    if not row.picks:
        return  # a shortfall: nobody is invited; the page says so and offers designation
    for expert_id in row.picks:
        _invite(actor, row, expert_id)
    _start_consulting(actor, matter)


def shortfall_message(row: DrawRecord) -> str | None:
    message = rules_draw.shortfall_message(Record.from_json(row.record_json()))
    return _(message) if message else None


def exclusion_messages(row: DrawRecord) -> list[tuple[int, str]]:
    """(member id, sentence) for every exclusion of the record, as a page shows them."""
    return [(e["member_id"], describe(Exclusion.from_json(e))) for e in row.exclusions]


# --- replay and export ------------------------------------------------------------------------------------

def replay_row(row: DrawRecord) -> ReplayResult:
    """Recompute the stored record (experts.verify_draw.replay) and compare its hashes with those the audit
    trail took down when the draw was made: a record rewritten later with fresh hashes is consistent in
    itself, and only the trail shows it is not the record of the day."""
    result = replay(row.record_json())
    made = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.object_type == "draw", AuditEvent.object_id == str(row.id),
        AuditEvent.action.in_(("draw.random", "draw.designate", "draw.redraw"))).order_by(AuditEvent.id))
    logged = [] if made is None else [
        f"{name}：操作日志记为 {made.after.get(name)}，记录为 {getattr(row, name)}"
        for name in ("snapshot_hash", "seed_hash") if made.after.get(name) != getattr(row, name)]
    if made is None:
        logged = ["操作日志中没有该抽取记录的登记"]
    if not logged:
        return result
    return ReplayResult(False, result.differences + tuple(logged))


def export_json(row: DrawRecord) -> str:
    """The record as the standalone verifier reads it (canonical JSON)."""
    return canonical_json(row.record_json()).decode("utf-8")


# --- invitations ------------------------------------------------------------------------------------------

def _acceptance_period(district_id: int) -> Period:
    return Period(rules.setting("adviser_acceptance_days", district_id), Unit.working_days,
                  "本地规则：邀请后若干个工作日内确认（verify）")


def _invite(actor: User | None, row: DrawRecord, expert_id: int) -> Assignment:
    today = rules.today()
    a = Assignment(district_id=row.district_id, matter_id=row.matter_id, expert_id=expert_id, draw_id=row.id,
                   state=AssignmentState.invited, invited_on=today,
                   accept_due=rules_draw.acceptance_due(rules.calendar(), today,
                                                        _acceptance_period(row.district_id)))
    db.session.add(a)
    db.session.flush()
    record(actor, "assignment.invite", "assignment", a.id, after=a.audit_state(), district_id=a.district_id)
    for user in db.session.scalars(sa.select(User).where(User.expert_id == expert_id, User.active)):
        notify(user, "assignment.invite", "assignment", a.id,
               path_for("experts_pool.assignment", assignment_id=a.id), f"assignment.invite:{a.id}:{user.id}",
               _("【法律顾问邀请】%(title)s", title=a.matter.title),
               _("请于 %(due)s 前确认是否接受，并先申报有无利害关系。", due=a.accept_due.isoformat()))
    return a


def _still_eligible(row: DrawRecord, expert_id: int) -> bool:
    """Whether an alternate passes the hard filters today (it may have been suspended since the draw)."""
    matter = db.session.get(Matter, row.matter_id)
    members, related, parties = _snapshot_inputs(matter)
    snap = Snapshot(DrawRequest("check", RecordKind.designation, matter.id, rules.today(), 1, "system",
                                reason="check", designated=(expert_id,)), members, related, parties)
    return make_record(snap, None).picks == (expert_id,)


def invite_next(actor: User | None, row: DrawRecord) -> Assignment | None:
    """Invite the next alternate of the record in ranking order; None when the list is spent (the reviewer is
    told, and may re-draw or designate)."""
    asked = set(db.session.scalars(sa.select(Assignment.expert_id).where(Assignment.draw_id == row.id)))
    rec = Record.from_json(row.record_json())
    while True:
        expert_id = rules_draw.next_alternate(rec, asked)
        if expert_id is None:
            _tell_reviewer_list_spent(row)
            return None
        if _still_eligible(row, expert_id):
            return _invite(actor, row, expert_id)
        asked.add(expert_id)


def _tell_reviewer_list_spent(row: DrawRecord) -> None:
    matter = db.session.get(Matter, row.matter_id)
    if matter.reviewer is None:
        return
    notify(matter.reviewer, "draw.spent", "matter", matter.id,
           path_for("experts_pool.matter_advisers", matter_id=matter.id), f"draw.spent:{row.id}",
           _("【候补已用尽】%(title)s", title=matter.title),
           _("抽取记录 %(no)s 的候补人选已全部邀请，请重新抽取或指定。", no=row.record_no))


def _answered(actor: User, a: Assignment, version) -> None:
    policy.require_visible(policy.can_view_assignment(actor, a))
    check_version(a, version)
    if not policy.may_answer(actor, a):
        raise OperationError(_("该邀请已处理，不能再次确认"), 409)


def accept(actor: User, a: Assignment, version, no_conflict: bool) -> None:
    """Accept, declaring first that the member has no interest in the matter (回避声明); the opinion is due
    a number of working days on (a district setting)."""
    _answered(actor, a, version)
    if not no_conflict:
        raise OperationError(_("接受邀请前须声明与本事项无利害关系；如有利害关系，请申报回避"))
    before = a.audit_state()
    now = utcnow()
    a.state, a.answered_at, a.no_conflict_declared_at = AssignmentState.accepted, now, now
    period = Period(rules.setting("adviser_opinion_days", a.district_id), Unit.working_days, "本地规则（verify）")
    a.opinion_due = rules_draw.acceptance_due(rules.calendar(), rules.today(), period)
    db.session.flush()
    record(actor, "assignment.accept", "assignment", a.id, before, a.audit_state())


def refuse(actor: User, a: Assignment, version, reason: str, conflict: bool) -> Assignment | None:
    """Decline (谢绝) or declare a conflict (申报回避, a decline with its reason); the next alternate is
    invited. Returns the new invitation, if any."""
    _answered(actor, a, version)
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("请写明回避事由") if conflict else _("请写明谢绝理由"))
    if len(reason) > REASON_MAX:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=REASON_MAX))
    before = a.audit_state()
    a.state = AssignmentState.conflict_declared if conflict else AssignmentState.declined
    a.answered_at, a.answer_reason = utcnow(), reason
    db.session.flush()
    record(actor, "assignment.conflict" if conflict else "assignment.decline", "assignment", a.id, before,
           a.audit_state())
    return invite_next(actor, a.draw)


def lapse_overdue(today: date | None = None) -> int:
    """Invitations whose acceptance deadline has passed lapse and the next alternate is invited (the system
    acts). Returns how many lapsed."""
    today = today or rules.today()
    overdue = db.session.scalars(sa.select(Assignment).where(Assignment.state == AssignmentState.invited,
                                                             Assignment.accept_due < today)
                                 .order_by(Assignment.id)).all()
    for a in overdue:
        before = a.audit_state()
        a.state = AssignmentState.lapsed
        db.session.flush()
        record(None, "assignment.lapse", "assignment", a.id, before, a.audit_state(),
               district_id=a.district_id)
        invite_next(None, a.draw)
    return len(overdue)
