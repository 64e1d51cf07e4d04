"""Named operations on the decision registry (决策事项登记). Each validates, writes the audit trail and flushes."""
import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.review import Action, Category, DecisionOutcome, Status

from .. import labels, limits
from ..audit.trail import record
from ..extensions import db
from ..matters import policy as matter_policy
from ..matters.operations import transition, verdict
from ..models import Decision, District, Matter, Opinion, Organisation, User
from ..operations import OperationError
from ..review.operations import number_text, opinion_number_text
from . import policy

# Decree 713: a decision is recorded on a matter whose opinion has been issued (answered or not).
LINKABLE = (Status.issued, Status.answered)
MAX_ID = 2 ** 31 - 1

_NUMBER_RE = re.compile(r"^\s*(?P<prefix>[^〔［\[（(]*)\s*[〔［\[（(]\s*(?P<year>\d{4})\s*[〕］\]）)]\s*"
                        r"(?P<number>\d+)\s*号?\s*$")


@dataclass
class DecisionFields:
    meeting_name: str
    meeting_date: date | None
    title: str
    category: Category | None
    department_id: int | None = None
    matter_id: int | None = None
    unreviewed_reason: str = ""
    outcome: DecisionOutcome | None = None  # none for a decision planned in the year's catalogue


def audit_state(d: Decision) -> dict:
    return {"meeting_name": d.meeting_name, "meeting_date": d.meeting_date, "title": d.title,
            "category": d.category, "department_id": d.department_id, "matter_id": d.matter_id,
            "outcome": d.outcome, "unreviewed_reason": d.unreviewed_reason}


def opinion_number(decision: Decision) -> str:
    """The number of the opinion the decision rests on, or "" for a coverage gap."""
    m = decision.matter
    issued = m is not None and m.opinion is not None and m.opinion.issued
    return opinion_number_text(m.opinion) if issued else ""


def _awaiting_decision(actor: User):
    """Matters of the actor's district whose opinion is out and that no decision names yet, newest first."""
    linked = sa.select(Decision.matter_id).where(Decision.matter_id.is_not(None))
    return db.session.scalars(
        sa.select(Matter).join(Opinion, Opinion.matter_id == Matter.id)
        .where(matter_policy.visible(actor), Matter.status.in_(LINKABLE), Opinion.number.is_not(None),
               Matter.id.not_in(linked))
        .order_by(Opinion.year.desc(), Opinion.number.desc())).all()


def why_not_recordable(actor: User, matter: Matter) -> str | None:
    """Why the decision body cannot record this matter's decision yet, in words addressed to it; None if it can."""
    try:
        _office_verdict(actor, matter)
    except OperationError as e:
        return e.message
    return None


def linkable_matters(actor: User) -> tuple[list[Matter], list[tuple[Matter, str]]]:
    """The matters whose decision the office can record now, and those it cannot yet, each with the reason."""
    ready, waiting = [], []
    for m in _awaiting_decision(actor):
        reason = why_not_recordable(actor, m)
        if reason is None:
            ready.append(m)
        else:
            waiting.append((m, reason))
    return ready, waiting


def _office_verdict(actor: User, matter: Matter) -> None:
    """The state machine's verdict on recording the decision (Decree 713 Art. 25; every point answered), its
    refusals reworded for the decision body, which cannot act on them itself."""
    points = matter.opinion.points if matter.opinion else []
    if matter.status is Status.issued and any(p.adoption is None for p in points):
        raise OperationError(_("承办部门尚未逐条答复审核意见书的修改意见（采纳或书面说明不采纳的理由），"
                               "答复后才能登记决策；可联系%(d)s", d=matter.department.name), 409)
    verdict(actor, matter, Action.record_decision)


def find_department(actor: User, text: str) -> Organisation | None:
    """An organisation of the actor's district by its full name or its short name (full name wins)."""
    text = (text or "").strip()
    if not text:
        return None
    in_district = Organisation.district_id == actor.district_id
    org = db.session.scalar(sa.select(Organisation).where(in_district, Organisation.name == text))
    if org is None:
        rows = db.session.scalars(sa.select(Organisation).where(in_district, Organisation.short_name == text)).all()
        org = rows[0] if len(rows) == 1 else None
    return org


def find_opinion(actor: User, text: str) -> Opinion:
    """The issued opinion of the actor's district named by its number, e.g. 示司审〔2026〕3号."""
    prefix_of_district = db.session.get(District, actor.district_id).opinion_prefix
    m = _NUMBER_RE.match(text or "")
    if m is None:
        raise OperationError(_("审核意见书编号格式不正确（应如 %(ex)s）", ex=number_text(prefix_of_district, 2026, 3)))
    prefix = m.group("prefix").strip()
    if prefix and prefix != prefix_of_district:
        raise OperationError(_("审核意见书编号“%(n)s”不是本局出具的意见书编号", n=text.strip()))
    opinion = db.session.scalar(sa.select(Opinion).where(
        Opinion.district_id == actor.district_id, Opinion.year == int(m.group("year")),
        Opinion.number == int(m.group("number"))))
    if opinion is None:
        raise OperationError(_("未找到已出具的审核意见书：%(n)s", n=text.strip()))
    return opinion


def _check(actor: User, f: DecisionFields) -> tuple[Matter | None, DecisionFields]:
    """Every rule of recording, without writing: the matter (or None) and the fields to store, or
    OperationError. A reviewed matter lends its title, category and department to fields left empty."""
    if not policy.may_record(actor):
        raise OperationError(_("只有决策机关经办人员可以登记决策事项"), 403)
    meeting_name, reason = (f.meeting_name or "").strip(), (f.unreviewed_reason or "").strip()
    if not meeting_name:
        raise OperationError(_("请填写会议名称"))
    if len(meeting_name) > limits.MEETING_NAME:
        raise OperationError(_("会议名称不能超过 %(n)d 个字", n=limits.MEETING_NAME))
    if f.meeting_date is None:
        raise OperationError(_("请填写会议日期"))
    if len(reason) > limits.REASON:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=limits.REASON))
    matter = None
    if f.matter_id is not None:
        matter = db.session.get(Matter, f.matter_id) if 0 < f.matter_id <= MAX_ID else None
        # A matter the office may not see (another district's, or one still in its department's drafting) is
        # answered exactly like a missing one: no message may name it.
        if matter is None or not matter_policy.can_view(actor, matter):
            raise OperationError(_("所关联的审核事项不存在"), 404)
    title = (f.title or "").strip() or (matter.title if matter else "")
    category = f.category or (matter.category if matter else None)
    department_id = f.department_id if f.department_id is not None else (matter.department_id if matter else None)
    if not title:
        raise OperationError(_("请填写议题名称"))
    if len(title) > limits.TITLE:
        raise OperationError(_("议题名称不能超过 %(n)d 个字", n=limits.TITLE))
    if category is None:
        raise OperationError(_("请选择类别"))
    if department_id is not None:
        org = db.session.get(Organisation, department_id) if 0 < department_id <= MAX_ID else None
        if org is None or org.district_id != actor.district_id:
            raise OperationError(_("承办单位不存在"))
    fields = DecisionFields(meeting_name, f.meeting_date, title, category, department_id, f.matter_id,
                            "" if matter else reason, f.outcome)
    if matter is None:
        if not reason:
            raise OperationError(_("未经合法性审核的决策事项须写明未经审核的原因"))
        return None, fields
    if db.session.scalar(sa.select(Decision.id).where(Decision.matter_id == matter.id)):
        raise OperationError(_("审核事项“%(t)s”已登记过决策，一个审核事项只能对应一项决策", t=matter.title), 409)
    if matter.category != category:
        raise OperationError(_("类别（%(a)s）与所关联审核事项的类别（%(b)s）不一致",
                               a=labels.CATEGORY[category], b=labels.CATEGORY[matter.category]))
    if matter.status not in LINKABLE:
        raise OperationError(_("审核事项“%(t)s”尚未出具审核意见书，不能登记决策", t=matter.title), 409)
    _office_verdict(actor, matter)
    return matter, fields


def record_decision(actor: User, f: DecisionFields, matter_version=None) -> Decision:
    """Register one decision taken. With a reviewed matter the matter is closed (Action.record_decision, which
    refuses an unlawful major decision under Decree 713 Art. 25); without one, a written reason is required
    and the decision counts as a coverage gap."""
    matter, f = _check(actor, f)
    if matter is not None:
        transition(actor, matter, Action.record_decision,
                   matter.version if matter_version in (None, "") else matter_version)
    decision = Decision(district_id=actor.district_id, meeting_name=f.meeting_name, meeting_date=f.meeting_date,
                        title=f.title, category=f.category, department_id=f.department_id,
                        matter_id=matter.id if matter else None, unreviewed_reason=f.unreviewed_reason,
                        outcome=f.outcome,
                        recorded_by_id=actor.id)
    db.session.add(decision)
    db.session.flush()
    record(actor, "decision.record", "decision", decision.id, after=audit_state(decision))
    return decision


class ImportRejected(OperationError):
    """A decision list with problems: nothing was saved; `problems` lists each as 第N行：…."""

    def __init__(self, problems: list[str]):
        super().__init__(_("导入失败，未保存任何记录，请修改后重新上传"), 400)
        self.problems = problems


def import_decisions(actor: User, rows) -> list[Decision]:
    """All or nothing: every row is checked first (including two rows naming the same matter), and only a list
    without problems is written; otherwise ImportRejected lists each problem as 第N行：… and nothing changes."""
    if not policy.may_record(actor):
        raise OperationError(_("只有决策机关经办人员可以登记决策事项"), 403)
    problems, ready, claimed = [], [], {}
    for row in rows:
        if row.problems:
            problems.extend(_("第%(n)d行：%(msg)s", n=row.line, msg=p) for p in row.problems)
            continue
        try:
            fields = row.fields
            if row.opinion_number:
                fields.matter_id = find_opinion(actor, row.opinion_number).matter_id
            _check(actor, fields)
        except OperationError as e:
            problems.append(_("第%(n)d行：%(msg)s", n=row.line, msg=e.message))
            continue
        if fields.matter_id is not None and fields.matter_id in claimed:
            problems.append(_("第%(n)d行：与第%(m)d行关联同一审核意见书，一个审核事项只能对应一项决策",
                              n=row.line, m=claimed[fields.matter_id]))
            continue
        if fields.matter_id is not None:
            claimed[fields.matter_id] = row.line
        ready.append(row)
    if not rows:
        problems.append(_("文件中没有决策事项"))
    if problems:
        raise ImportRejected(problems)
    saved = []
    for row in ready:
        try:
            saved.append(record_decision(actor, row.fields))
        except OperationError as e:  # changed since the check (a concurrent registration): all or nothing
            raise ImportRejected([_("第%(n)d行：%(msg)s", n=row.line, msg=e.message)]) from None
    record(actor, "decision.import", "decision", None, after={"count": len(saved), "ids": [d.id for d in saved]})
    return saved
