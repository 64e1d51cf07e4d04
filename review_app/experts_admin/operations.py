"""Operations on the roster of the expert pool (法律顾问专家库名册): each district's bureau keeps its own.

Every member change is audited and every status change and renewal also lands in the member's own history
(expert_changes) with its reason and date, which its page shows.
"""
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from experts.ratings import Veto
from experts.terms import term_is_valid
from experts.verify_draw import RelationKind

from .. import rules
from ..admin.policy import require_district
from ..audit.trail import record
from ..experts_pool import policy
from ..experts_pool.assessment import renewal_bar
from ..extensions import db
from ..models import (ChangeKind, EnteredBy, Expert, ExpertChange, ExpertFinding, ExpertKind, ExpertStatus,
                      RelatedPartyRow, Specialty, User)
from ..operations import OperationError, check_version

NAME_MAX, LICENCE_MAX, CONTACT_MAX, PHONE_MAX, NOTE_MAX, PARTY_MAX = 120, 40, 40, 32, 255, 120
LOAD_CAP_MAX = 50


def _require_keeper(actor: User | None, district_id: int) -> None:
    require_district(actor, district_id)
    if actor is not None and not policy.may_keep_roster(actor, district_id=district_id):
        raise OperationError(_("只有司法局可以维护专家库名册"), 403)


# --- the specialty list -----------------------------------------------------------------------------------

def add_specialty(actor: User | None, district_id: int, name: str) -> Specialty:
    """An entry of the district's list of specialties (the administrator's or the bureau's to keep)."""
    require_district(actor, district_id)
    name = name.strip()
    if not name or len(name) > 40:
        raise OperationError(_("专业领域名称须为 1 至 40 个字"))
    if db.session.scalar(sa.select(Specialty.id).where(Specialty.district_id == district_id,
                                                       Specialty.name == name)):
        raise OperationError(_("专业领域已存在：%(name)s", name=name), 409)
    row = Specialty(district_id=district_id, name=name, active=True)
    db.session.add(row)
    db.session.flush()
    record(actor, "specialty.create", "specialty", row.id, after={"name": name}, district_id=district_id)
    return row


def set_specialty_active(actor: User | None, row: Specialty, active: bool) -> None:
    require_district(actor, row.district_id)
    row.active = active
    db.session.flush()
    record(actor, "specialty.update", "specialty", row.id, after={"name": row.name, "active": active},
           district_id=row.district_id)


def specialty_list(district_id: int, only_active: bool = True) -> list[Specialty]:
    q = sa.select(Specialty).where(Specialty.district_id == district_id).order_by(Specialty.id)
    if only_active:
        q = q.where(Specialty.active)
    return list(db.session.scalars(q))


def _specialties(district_id: int, names: Sequence[str]) -> list[Specialty]:
    known = {s.name: s for s in specialty_list(district_id)}
    wanted = [n.strip() for n in names if n.strip()]
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise OperationError(_("专业领域不在名录中：%(names)s", names="、".join(unknown)))
    return [known[n] for n in dict.fromkeys(wanted)]


# --- members ----------------------------------------------------------------------------------------------

@dataclass
class MemberFields:
    kind: ExpertKind
    name: str
    licence_no: str
    specialties: Sequence[str]
    term_start: date
    term_end: date
    firm_id: int | None = None
    firm_name: str | None = None
    load_cap: int = 3
    contact: str | None = None
    phone: str | None = None
    note: str | None = None


def member_problems(district_id: int, f: MemberFields, expert: Expert | None = None,
                                    ) -> list[tuple[str, str]]:
    """Every problem of the fields, each as (field name, message): a form shows them under their fields, an
    import under their columns."""
    p = []
    if not f.name.strip() or len(f.name.strip()) > NAME_MAX:
        p.append(("name", _("名称或姓名须为 1 至 %(n)d 个字", n=NAME_MAX)))
    if not f.licence_no.strip() or len(f.licence_no.strip()) > LICENCE_MAX:
        p.append(("licence_no", _("请填写执业证号或统一社会信用代码（不超过 %(n)d 个字符）", n=LICENCE_MAX)))
    for name, limit in (("contact", CONTACT_MAX), ("phone", PHONE_MAX), ("note", NOTE_MAX),
                        ("firm_name", NAME_MAX)):
        if len(getattr(f, name) or "") > limit:
            p.append((name, _("不能超过 %(n)d 个字", n=limit)))
    if not term_is_valid(f.term_start, f.term_end):
        p.append(("term_end", _("聘期应为 1 至 3 年")))
    if not 1 <= f.load_cap <= LOAD_CAP_MAX:
        p.append(("load_cap", _("在办任务上限须在 1 至 %(n)d 之间", n=LOAD_CAP_MAX)))
    same = sa.select(Expert.id).where(Expert.district_id == district_id,
                                      Expert.licence_no == f.licence_no.strip())
    if expert is not None:
        same = same.where(Expert.id != expert.id)
    if f.licence_no.strip() and db.session.scalar(same):
        p.append(("licence_no", _("执业证号或统一社会信用代码已存在：%(no)s", no=f.licence_no)))
    if f.firm_id is not None:
        firm = db.session.get(Expert, f.firm_id)
        if f.kind is not ExpertKind.lawyer:
            p.append(("firm_id", _("只有律师可以隶属于律师事务所")))
        elif firm is None or firm.district_id != district_id or firm.kind is not ExpertKind.firm:
            p.append(("firm_id", _("所属律所不在本专家库中")))
        elif expert is not None and firm.id == expert.id:
            p.append(("firm_id", _("律师事务所不能隶属于自身")))
    known = {s.name for s in specialty_list(district_id)}
    unknown = [n for n in f.specialties if n.strip() and n.strip() not in known]
    if unknown:
        p.append(("specialties", _("专业领域不在名录中：%(names)s", names="、".join(unknown))))
    return p


def _check(district_id: int, f: MemberFields, expert: Expert | None = None) -> None:
    problems = member_problems(district_id, f, expert)
    if problems:
        raise OperationError("；".join(message for _field, message in problems))


def _apply(expert: Expert, f: MemberFields, specialties: list[Specialty]) -> None:
    expert.kind, expert.name, expert.licence_no = f.kind, f.name.strip(), f.licence_no.strip()
    expert.term_start, expert.term_end, expert.load_cap = f.term_start, f.term_end, f.load_cap
    expert.firm_id = f.firm_id
    expert.firm_name = None if f.firm_id else ((f.firm_name or "").strip() or None)
    expert.contact, expert.phone = (f.contact or "").strip() or None, (f.phone or "").strip() or None
    expert.note = (f.note or "").strip() or None
    expert.specialty_rows = specialties


def _history(actor: User | None, expert: Expert, kind: ChangeKind, on: date, reason: str = "",
             term_end: date | None = None) -> None:
    db.session.add(ExpertChange(expert=expert, kind=kind, status=expert.status, effective_on=on,
                                reason=reason, term_end=term_end, by_id=actor.id if actor else None))


def create_member(actor: User | None, district_id: int, f: MemberFields) -> Expert:
    _require_keeper(actor, district_id)
    _check(district_id, f)
    expert = Expert(district_id=district_id, status=ExpertStatus.active)
    _apply(expert, f, _specialties(district_id, f.specialties))
    db.session.add(expert)
    db.session.flush()
    _history(actor, expert, ChangeKind.added, f.term_start)
    record(actor, "expert.create", "expert", expert.id, after=expert.audit_state(), district_id=district_id)
    return expert


def add_expert(actor: User | None, district_id: int, kind: ExpertKind, name: str, licence_no: str,
               specialties: Sequence[str], term_start: date, term_end: date, firm_name: str | None = None,
               contact: str | None = None, phone: str | None = None, firm_id: int | None = None,
               load_cap: int = 3) -> Expert:
    """A new member; specialties unknown to the district's list are added to it when the system (the demo,
    a test) adds the member, and refused for a person."""
    if actor is None:
        known = {s.name for s in specialty_list(district_id, only_active=False)}
        for n in dict.fromkeys(specialties):
            if n not in known:
                add_specialty(None, district_id, n)
    fields = MemberFields(kind, name, licence_no, specialties, term_start, term_end, firm_id, firm_name,
                          load_cap, contact, phone)
    return create_member(actor, district_id, fields)


def update_member(actor: User, expert: Expert, version, f: MemberFields) -> None:
    """Edit a member's particulars (a status change or renewal has its own operation and reason)."""
    _require_keeper(actor, expert.district_id)
    check_version(expert, version)
    _check(expert.district_id, f, expert)
    before = expert.audit_state()
    _apply(expert, f, _specialties(expert.district_id, f.specialties))
    db.session.flush()
    _history(actor, expert, ChangeKind.edited, rules.today())
    record(actor, "expert.update", "expert", expert.id, before, expert.audit_state(),
           district_id=expert.district_id)


# Which status change each action makes, from which statuses.
_STATUS_CHANGES = {
    ChangeKind.suspended: ({ExpertStatus.active}, ExpertStatus.suspended),
    ChangeKind.reinstated: ({ExpertStatus.suspended}, ExpertStatus.active),
    ChangeKind.exited: ({ExpertStatus.active, ExpertStatus.suspended}, ExpertStatus.exited),
}


def change_status(actor: User, expert: Expert, version, kind: ChangeKind, reason: str,
                  effective_on: date | None = None) -> None:
    """Suspend (暂停), reinstate (恢复) or exit (退出) a member, with a written reason and the date."""
    _require_keeper(actor, expert.district_id)
    check_version(expert, version)
    allowed, new = _STATUS_CHANGES[kind]
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("请写明理由"))
    if len(reason) > 2000:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=2000))
    if expert.status not in allowed:
        raise OperationError(_("该成员当前状态不能执行此操作"), 409)
    before = expert.audit_state()
    expert.status = new
    on = effective_on or rules.today()
    _history(actor, expert, kind, on, reason)
    db.session.flush()
    record(actor, f"expert.{kind.value}", "expert", expert.id, before,
           {**expert.audit_state(), "reason": reason, "effective_on": on}, district_id=expert.district_id)


def renew(actor: User, expert: Expert, version, term_end: date, reason: str,
          term_start: date | None = None) -> None:
    """续聘: a new term of 1 to 3 years, starting the day after the old one ends unless given."""
    _require_keeper(actor, expert.district_id)
    check_version(expert, version)
    reason = (reason or "").strip()
    if not reason:
        raise OperationError(_("请写明续聘理由"))
    if expert.status is ExpertStatus.exited:
        raise OperationError(_("已退出的成员不能续聘"), 409)
    start = term_start or (expert.term_end + timedelta(days=1))
    if not term_is_valid(start, term_end):
        raise OperationError(_("聘期应为 1 至 3 年"))
    # The latest year assessed: the one before the new term, or this one when renewing early.
    bar = renewal_bar(expert, min(start.year - 1, rules.today().year))
    if bar:
        raise OperationError(bar, 409)
    before = expert.audit_state()
    expert.term_start, expert.term_end = start, term_end
    _history(actor, expert, ChangeKind.renewed, start, reason, term_end)
    db.session.flush()
    record(actor, "expert.renew", "expert", expert.id, before, {**expert.audit_state(), "reason": reason},
           district_id=expert.district_id)


# --- related parties --------------------------------------------------------------------------------------

def add_related_party(actor: User | None, expert: Expert, kind: RelationKind, party_name: str,
                      start: date | None, end: date | None) -> RelatedPartyRow:
    """A row of the member's register: entered by the bureau, or declared by the member itself."""
    require_district(actor, expert.district_id)
    if actor is not None and not policy.may_declare_related(actor, expert):
        raise OperationError(_(policy.NOT_FOUND), 404)
    party_name = party_name.strip()
    if not party_name or len(party_name) > PARTY_MAX:
        raise OperationError(_("请填写关联方名称（不超过 %(n)d 个字）", n=PARTY_MAX))
    if start and end and end < start:
        raise OperationError(_("关联关系的结束日期不能早于开始日期"))
    by_member = actor is not None and policy._adviser_of(actor, expert.id)
    row = RelatedPartyRow(expert=expert, kind=kind, party_name=party_name, start=start, end=end,
                          entered_by=EnteredBy.member if by_member else EnteredBy.bureau,
                          entered_by_user_id=actor.id if actor else None)
    db.session.add(row)
    db.session.flush()
    record(actor, "expert.related_party", "expert", expert.id, after={
        "kind": kind.value, "party": party_name, "start": start, "end": end,
        "entered_by": row.entered_by.value},
        district_id=expert.district_id)
    return row


# --- import -----------------------------------------------------------------------------------------------

@dataclass
class ImportRow:
    line: int
    fields: MemberFields | None = None
    firm: str = ""  # 所属律所 as written: a pool firm (in the pool or earlier in the file), or only a name
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


class ImportRejected(OperationError):
    """A roster with problems: nothing was saved; `problems` lists each as 第N行“列”：…."""

    def __init__(self, problems: list[str]):
        super().__init__(_("导入失败，未保存任何记录，请修改后重新上传"), 400)
        self.problems = problems


FIELD_COLUMNS = {"name": "名称或姓名", "licence_no": "执业证号或统一社会信用代码", "contact": "联系人",
                 "phone": "联系电话", "note": "备注", "firm_name": "所属律所", "firm_id": "所属律所",
                 "term_end": "聘期止", "load_cap": "在办任务上限", "specialties": "专业领域"}


def import_roster(actor: User, district_id: int, rows: list[ImportRow]) -> list[Expert]:
    """All or nothing: every row is checked first (against the pool and the rows above it), and only a
    roster without problems is written; otherwise ImportRejected lists each bad cell by row and column."""
    _require_keeper(actor, district_id)
    firms = {e.name: e for e in db.session.scalars(sa.select(Expert).where(
        Expert.district_id == district_id, Expert.kind == ExpertKind.firm))}
    licences: dict[str, int] = {}
    problems = []
    for row in rows:
        found = list(row.problems)
        if row.fields is not None:
            f = row.fields
            found += [(FIELD_COLUMNS[name], message) for name, message in member_problems(district_id, f)
                      if name != "firm_id"]
            no = f.licence_no.strip()
            if no in licences:
                found.append(("执业证号或统一社会信用代码", _("与第%(n)d行重复", n=licences[no])))
            licences.setdefault(no, row.line)
            if row.firm and f.kind is ExpertKind.firm:
                found.append(("所属律所", _("律师事务所不填所属律所")))
        problems += [_("第%(n)d行“%(col)s”：%(msg)s", n=row.line, col=column, msg=message)
                     for column, message in found]
    if not rows:
        problems.append(_("文件中没有名册成员"))
    if problems:
        raise ImportRejected(problems)
    saved = []
    for row in rows:  # firms first, so that their lawyers in the same file join them
        if row.fields.kind is ExpertKind.firm:
            firms[row.fields.name.strip()] = _create_imported(actor, district_id, row.fields, saved)
    for row in rows:
        if row.fields.kind is ExpertKind.lawyer:
            firm = firms.get(row.firm)
            row.fields.firm_id, row.fields.firm_name = (firm.id, None) if firm else (None, row.firm or None)
            _create_imported(actor, district_id, row.fields, saved)
    record(actor, "expert.import", "expert", None, after={"count": len(saved), "ids": [e.id for e in saved]},
           district_id=district_id)
    return saved


def _create_imported(actor: User, district_id: int, f: MemberFields, saved: list) -> Expert:
    expert = create_member(actor, district_id, f)
    saved.append(expert)
    return expert


# --- findings that veto the annual grade ------------------------------------------------------------------

def record_finding(actor: User, expert: Expert, year: int, veto: Veto, note: str) -> ExpertFinding:
    """A finding against the member in `year` (an undeclared conflict, a breach of confidentiality): its
    annual grade is 不称职 whatever the scores (一票否决), and its term is not renewed."""
    _require_keeper(actor, expert.district_id)
    note = (note or "").strip()
    if not note:
        raise OperationError(_("请写明认定的事实"))
    if len(note) > 2000:
        raise OperationError(_("理由不能超过 %(n)d 个字", n=2000))
    if not 2000 <= year <= rules.today().year:
        raise OperationError(_("年度不正确"))
    row = ExpertFinding(expert_id=expert.id, year=year, veto=veto, note=note, recorded_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    record(actor, "expert.finding", "expert", expert.id,
           after={"year": year, "veto": veto.value, "note": note}, district_id=expert.district_id)
    return row
