"""Named operations on the demolition ledger. Each takes its actor first, checks the policy, validates (limits
from review_app.limits, the law from workflows.demolition), changes rows, writes the audit trail and flushes;
the request (or job, or command) commits once."""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.demolition import (STEP_LABELS, TRACKS, ChallengeKind, ChallengeOutcome, RecordedStep,
                                  StepKind, Track, check_execution, check_step, execution_problems)
from workflows.demolition.tracks import COMPUTED
from workflows.roles import BUREAU, DEPARTMENT

from .. import limits, rules
from ..audit.trail import record
from ..documents.service import blob_store, checked_upload
from ..extensions import db
from ..models import (DemolitionCase, DemolitionChallenge, DemolitionDocument, DemolitionParty, NumberCounter,
                      Organisation, ProcedureStep, SupervisionLetter, SupervisionReply, User, UserRole)
from ..models.base import utcnow
from ..notifications.operations import notify
from ..numbering import next_number
from ..operations import OperationError, check_version
from ..web import path_for
from . import policy
from .ledger import facts, rule_table, say
from .letter import SERIES, build_letter_docx, letter_number, split_names, title_of

MAX_ID = 2 ** 31 - 1


class FieldsRefused(OperationError):
    """Refused input, each problem tied to the field it is about (None: the whole form), so a form shows each
    under its field; `message` joins them for the API and the flash."""

    def __init__(self, problems: list[tuple[str | None, str]], status: int = 400):
        super().__init__("；".join(message for _field, message in problems), status)
        self.problems = problems


# --- cases --------------------------------------------------------------------------------------------------

@dataclass
class CaseFields:
    project: str
    track: Track | None
    address: str
    parties: list[str]
    building_area: Decimal | None = None
    enforcing_body: str = ""
    planned_on: date | None = None
    note: str = ""
    organisation_id: int | None = None  # None: the actor's own organisation


def _organisation(actor: User, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return actor.organisation
    return db.session.get(Organisation, organisation_id) if 0 < organisation_id <= MAX_ID else None


def case_problems(actor: User, f: CaseFields) -> list[tuple[str, str]]:
    """Every rule of a case's fields, (field, message) each; the form, the API and the import share them."""
    problems = []
    org = _organisation(actor, f.organisation_id)
    if f.organisation_id is None and actor.has_role(*BUREAU):
        problems.append(("organisation_id", _("请选择镇（街道）或部门")))
    elif org is None or not policy.may_enter_for(actor, org):
        problems.append(("organisation_id", _("只能为本单位（司法局可为本区各镇、街道和部门）录入台账案件")))
    for name, text, limit, label in (("project", f.project, limits.PROJECT, _("项目名称")),
                                     ("address", f.address, limits.ADDRESS, _("房屋坐落"))):
        if not (text or "").strip():
            problems.append((name, _("请填写%(field)s", field=label)))
        elif len(text.strip()) > limit:
            problems.append((name, _("%(field)s不能超过 %(n)d 个字", field=label, n=limit)))
    if f.track is None:
        problems.append(("track", _("请选择拆除类型")))
    names = [p.strip() for p in f.parties if p.strip()]
    if not names:
        problems.append(("parties", _("请填写当事人")))
    elif len(names) > limits.MAX_PARTIES:
        problems.append(("parties", _("当事人不能超过 %(n)d 个", n=limits.MAX_PARTIES)))
    elif any(len(n) > limits.PARTY_NAME for n in names):
        problems.append(("parties", _("每个当事人的名称不能超过 %(n)d 个字", n=limits.PARTY_NAME)))
    if f.building_area is not None and not 0 < f.building_area <= limits.MAX_AREA:
        problems.append(("building_area", _("建筑面积应大于 0 且不超过 %(n)d 平方米", n=limits.MAX_AREA)))
    if len((f.enforcing_body or "").strip()) > limits.ENFORCING_BODY:
        problems.append(("enforcing_body", _("执法主体不能超过 %(n)d 个字", n=limits.ENFORCING_BODY)))
    if len((f.note or "").strip()) > limits.NOTE:
        problems.append(("note", _("备注不能超过 %(n)d 个字", n=limits.NOTE)))
    return problems


def _apply(case: DemolitionCase, f: CaseFields) -> None:
    case.project, case.address = f.project.strip(), f.address.strip()
    case.track = f.track
    case.building_area = None if f.building_area is None else f.building_area.quantize(Decimal("0.01"))
    case.enforcing_body, case.note = (f.enforcing_body or "").strip(), (f.note or "").strip()
    case.planned_on = f.planned_on
    names = [p.strip() for p in f.parties if p.strip()]
    if case.party_names != names:
        case.parties = [DemolitionParty(position=i, name=n) for i, n in enumerate(names, start=1)]
        db.session.flush()  # the old rows go before the new ones take their positions


def create_case(actor: User, f: CaseFields) -> DemolitionCase:
    problems = case_problems(actor, f)
    org = _organisation(actor, f.organisation_id)
    if problems:
        forbidden = f.organisation_id is not None and (org is None or not policy.may_enter_for(actor, org))
        raise FieldsRefused(problems, 403 if forbidden else 400)
    today = rules.today()
    case = DemolitionCase(district_id=org.district_id, organisation_id=org.id, created_by_id=actor.id,
                          last_progress_on=today)
    db.session.add(case)
    _apply(case, f)
    db.session.flush()
    record(actor, "demolition.create", "demolition_case", case.id, after=case.audit_state())
    return case


def _not_executed(case: DemolitionCase) -> None:
    """After execution the record is closed: later entries would change what the gate said on that day."""
    if case.executed_on is not None:
        raise OperationError(_("该案件已于%(d)s实施拆除，台账已封存，不能再修改或补录", d=case.executed_on.isoformat()), 409)


def update_case(actor: User, case: DemolitionCase, version, f: CaseFields) -> None:
    policy.require_keeper(actor, case)
    check_version(case, version)
    _not_executed(case)
    f.organisation_id = case.organisation_id  # a case stays with its body
    problems = case_problems(actor, f)
    if f.track is not None and f.track != case.track and case.steps:
        problems.append(("track", _("已录入程序节点的案件不能更改拆除类型")))
    if problems:
        raise FieldsRefused(problems)
    before = case.audit_state()
    _apply(case, f)
    case.updated_at = utcnow()
    db.session.flush()
    record(actor, "demolition.update", "demolition_case", case.id, before, case.audit_state())


def _lock(case: DemolitionCase) -> None:
    """Steps, challenges and the execution of one case are recorded one at a time, each checked against the
    others already recorded."""
    db.session.execute(sa.select(DemolitionCase.id).where(DemolitionCase.id == case.id).with_for_update())
    db.session.refresh(case)


# --- documents ----------------------------------------------------------------------------------------------

def _store(actor: User, case: DemolitionCase, files: list[tuple[str, bytes]],
           **owner) -> list[DemolitionDocument]:
    if len(files) > limits.MAX_EVIDENCE:
        raise FieldsRefused([("files", _("一次最多上传 %(n)d 个文件", n=limits.MAX_EVIDENCE))])
    checked = [(checked_upload(name, data), data) for name, data in files]
    docs = []
    for c, data in checked:
        doc = DemolitionDocument(case_id=case.id, sha256=blob_store().put(data), display_name=c.display_name,
                                 kind=c.kind, mime=c.mime, size=c.size, uploaded_by_id=actor.id, **owner)
        db.session.add(doc)
        docs.append(doc)
    db.session.flush()
    return docs


# --- steps --------------------------------------------------------------------------------------------------

@dataclass
class StepFields:
    kind: StepKind | None
    done_on: date | None
    document_no: str = ""
    deadline: date | None = None
    told_of_remedies: bool = False
    note: str = ""


def step_kinds(track: Track) -> list[StepKind]:
    """The track's steps that are typed in (the two remedy periods are computed), in the track's order."""
    return [k for k in TRACKS[track].kinds if k not in COMPUTED]


def record_step(actor: User, case: DemolitionCase, s: StepFields,
                files: list[tuple[str, bytes]]) -> ProcedureStep:
    """One procedure step with its evidence: refused, each problem under its field, when check_step refuses it
    (a step the track lacks, a future date, a missing deadline, a prerequisite missing or later)."""
    policy.require_keeper(actor, case)
    _lock(case)
    _not_executed(case)
    problems: list[tuple[str | None, str]] = []
    if s.kind is None:
        problems.append(("kind", _("请选择程序节点")))
    if s.done_on is None:
        problems.append(("done_on", _("请填写送达或办理日期")))
    if len((s.document_no or "").strip()) > limits.DOCUMENT_NO:
        problems.append(("document_no", _("文书编号不能超过 %(n)d 个字", n=limits.DOCUMENT_NO)))
    if len((s.note or "").strip()) > limits.NOTE:
        problems.append(("note", _("说明不能超过 %(n)d 个字", n=limits.NOTE)))
    if not files:
        problems.append(("files", _("请上传该程序的证明材料（文书及送达凭证）")))
    if s.kind is not None and s.done_on is not None:
        new = RecordedStep(s.kind, s.done_on, (s.document_no or "").strip(), s.deadline, s.told_of_remedies)
        found = check_step(facts(case), new, rules.calendar(), rules.today(), rule_table(case.district_id))
        problems += [("done_on" if p.field == "on" else p.field, say(p)) for p in found]
    if problems:
        raise FieldsRefused(problems)
    step = ProcedureStep(case_id=case.id, kind=s.kind, done_on=s.done_on,
                         document_no=(s.document_no or "").strip(), deadline=s.deadline,
                         told_of_remedies=s.told_of_remedies, note=(s.note or "").strip(),
                         recorded_by_id=actor.id)
    db.session.add(step)
    db.session.flush()
    docs = _store(actor, case, files, step_id=step.id)
    case.last_progress_on = rules.today()
    db.session.flush()
    db.session.refresh(case)
    record(actor, "demolition.record_step", "demolition_case", case.id, after={
        "step_id": step.id, **step.audit_state(),
        "documents": [{"name": d.display_name, "sha256": d.sha256, "size": d.size} for d in docs]})
    return step


# --- challenges ---------------------------------------------------------------------------------------------

def record_challenge(actor: User, case: DemolitionCase, kind: ChallengeKind | None, against: StepKind | None,
                     filed_on: date | None, case_no: str = "") -> DemolitionChallenge:
    """The party applied for reconsideration or sued: the gate closes until it ends (Coercion Law Art. 44)."""
    policy.require_keeper(actor, case)
    _lock(case)
    _not_executed(case)
    problems: list[tuple[str | None, str]] = []
    if kind is None:
        problems.append(("kind", _("请选择行政复议或行政诉讼")))
    if against is None or against not in step_kinds(case.track):
        problems.append(("against", _("请选择被申请复议或被起诉的决定")))
    if filed_on is None:
        problems.append(("filed_on", _("请填写申请或起诉日期")))
    elif filed_on > rules.today():
        problems.append(("filed_on", _("申请或起诉日期不能晚于今日")))
    if len((case_no or "").strip()) > limits.DOCUMENT_NO:
        problems.append(("case_no", _("案号不能超过 %(n)d 个字", n=limits.DOCUMENT_NO)))
    if problems:
        raise FieldsRefused(problems)
    challenge = DemolitionChallenge(case_id=case.id, kind=kind, against=against, filed_on=filed_on,
                                    case_no=(case_no or "").strip(), recorded_by_id=actor.id)
    db.session.add(challenge)
    db.session.flush()
    db.session.refresh(case)
    record(actor, "demolition.record_challenge", "demolition_case", case.id,
           after={"challenge_id": challenge.id, **challenge.audit_state()})
    return challenge


def end_challenge(actor: User, challenge: DemolitionChallenge, version, ended_on: date | None,
                  outcome: ChallengeOutcome | None) -> None:
    """The reconsideration decision was served, or the judgment took effect, with its outcome."""
    case = challenge.case
    policy.require_keeper(actor, case)
    check_version(challenge, version)
    if challenge.ended_on is not None:
        raise OperationError(_("该复议或诉讼已登记结果"), 409)
    problems: list[tuple[str | None, str]] = []
    if outcome is None:
        problems.append(("outcome", _("请选择结果")))
    if ended_on is None:
        problems.append(("ended_on", _("请填写结案日期")))
    elif ended_on < challenge.filed_on:
        problems.append(("ended_on", _("结案日期不能早于申请或起诉日期%(d)s", d=challenge.filed_on.isoformat())))
    elif ended_on > rules.today():
        problems.append(("ended_on", _("结案日期不能晚于今日")))
    if problems:
        raise FieldsRefused(problems)
    before = challenge.audit_state()
    challenge.ended_on, challenge.outcome = ended_on, outcome
    case.last_progress_on = rules.today()
    db.session.flush()
    db.session.refresh(case)
    record(actor, "demolition.end_challenge", "demolition_case", case.id, before,
           {"challenge_id": challenge.id, **challenge.audit_state()})


# --- execution ----------------------------------------------------------------------------------------------

def record_execution(actor: User, case: DemolitionCase, version, executed_on: date | None,
                     executed_time: time | None) -> None:
    """The house was demolished. A day or hour Coercion Law Art. 43 forbids is refused; a demolition while the
    gate was closed is recorded and marked unlawful for good (it stays on the board)."""
    policy.require_keeper(actor, case)
    _lock(case)
    check_version(case, version)
    _not_executed(case)
    if executed_on is None:
        raise FieldsRefused([("executed_on", _("请填写实施日期"))])
    if executed_on > rules.today():
        raise FieldsRefused([("executed_on", _("实施日期不能晚于今日，请在实施后登记"))])
    when = datetime.combine(executed_on, executed_time) if executed_time is not None else executed_on
    refused = check_execution(when, rules.calendar(), rule_table(case.district_id))
    if refused:
        # Art. 43 names the day (a rest day) or the hour (night, a problem that carries the time).
        raise FieldsRefused([("executed_time" if "time" in p.params else "executed_on", say(p))
                             for p in refused])
    problems = execution_problems(replace(facts(case), executed_on=when), rules.calendar(),
                                  rule_table(case.district_id))
    case.executed_on, case.executed_time = executed_on, executed_time
    case.executed_lawfully = not problems
    case.execution_problems = "；".join(p.text for p in problems)
    case.updated_at = utcnow()
    db.session.flush()
    record(actor, "demolition.record_execution", "demolition_case", case.id, after={
        "executed_on": executed_on, "executed_time": executed_time, "lawful": case.executed_lawfully,
        "problems": case.execution_problems})


# --- supervision letters ------------------------------------------------------------------------------------

def letter_recipients(letter: SupervisionLetter) -> list[User]:
    """The active people of the body a letter is addressed to (its department roles): told when it is
    issued, and the ones a reply-overdue reminder goes to (issue 11; dedup key
    supervision.overdue:<letter>:<user>)."""
    return list(db.session.scalars(
        sa.select(User).join(UserRole).where(User.organisation_id == letter.organisation_id, User.active,
                                             UserRole.role.in_(DEPARTMENT)).order_by(User.id)).unique())


def overdue_condition(today: date):
    """Letters whose reply is late: no reply yet and the due date passed (the overdue list; issue 11's
    reminder job)."""
    return sa.and_(SupervisionLetter.answered_on.is_(None), SupervisionLetter.reply_due_on < today)


def is_overdue(letter: SupervisionLetter, today: date) -> bool:
    """`overdue_condition` on one row."""
    return letter.answered_on is None and letter.reply_due_on < today


@dataclass
class LetterFields:
    reply_due_on: date | None
    findings: str
    requirements: str
    copies_to: str = ""


def default_reply_due(district_id: int, today: date) -> date:
    return rules.calendar().add_working_days(today, rules.setting("demolition.reply_days", district_id))


def issue_letter(actor: User, case: DemolitionCase, f: LetterFields) -> SupervisionLetter:
    """A numbered 法治督察函 to the body responsible for the case (X司督〔2026〕N号, gap-free per district and
    year), fixed as a .docx whose hash is recorded; the body's people are told."""
    policy.require_bureau(actor, case)
    today = rules.today()
    problems: list[tuple[str | None, str]] = []
    if f.reply_due_on is None:
        problems.append(("reply_due_on", _("请填写回复期限")))
    elif f.reply_due_on <= today:
        problems.append(("reply_due_on", _("回复期限应晚于今日")))
    for name, text, label in (("findings", f.findings, _("发现的问题")),
                              ("requirements", f.requirements, _("整改要求"))):
        if not (text or "").strip():
            problems.append((name, _("请填写%(field)s", field=label)))
        elif len(text.strip()) > limits.LETTER_TEXT:
            problems.append((name, _("%(field)s不能超过 %(n)d 个字", field=label, n=limits.LETTER_TEXT)))
    if len((f.copies_to or "").strip()) > limits.COPIES_TO:
        problems.append(("copies_to", _("抄送不能超过 %(n)d 个字", n=limits.COPIES_TO)))
    if problems:
        raise FieldsRefused(problems)
    number = next_number(NumberCounter, district_id=case.district_id, series=SERIES, year=today.year)
    with db.session.no_autoflush:  # the row goes in complete, with the hash of its letter
        letter = SupervisionLetter(district_id=case.district_id, case=case, organisation=case.organisation,
                                   year=today.year, number=number, issued_on=today,
                                   reply_due_on=f.reply_due_on, findings=f.findings.strip(),
                                   requirements=f.requirements.strip(),
                                   copies_to="、".join(split_names(f.copies_to or "")), issued_by=actor)
        # The issued letter is fixed: its bytes are stored and their hash recorded now.
        letter.docx_sha256 = blob_store().put(build_letter_docx(letter))
    db.session.add(letter)
    db.session.flush()
    number_text = letter_number(letter)
    record(actor, "supervision.issue", "demolition_case", case.id,
           after={"letter_id": letter.id, **letter.audit_state(), "number": number_text})
    link = path_for("demolition.letter", letter_id=letter.id)
    for user in letter_recipients(letter):
        notify(user, "supervision.issue", "supervision_letter", letter.id, link,
               f"supervision.issue:{letter.id}:{user.id}", f"【法治督察函】{number_text} {title_of(case)}",
               f"请于{letter.reply_due_on.isoformat()}前书面回复，并在台账中录入补正的程序节点及证明材料。")
    return letter


def reply_to_letter(actor: User, letter: SupervisionLetter, text: str, step_ids: list[int],
                    files: list[tuple[str, bytes]]) -> SupervisionReply:
    """The body's written reply, reporting the steps it has recorded since (each with its evidence); the first
    reply answers the letter. The bureau's issuer is told."""
    policy.require_replier(actor, letter)
    case = letter.case
    problems: list[tuple[str | None, str]] = []
    text = (text or "").strip()
    if not text:
        problems.append(("text", _("请填写回复内容")))
    elif len(text) > limits.LETTER_TEXT:
        problems.append(("text", _("回复内容不能超过 %(n)d 个字", n=limits.LETTER_TEXT)))
    steps = {s.id: s for s in case.steps}
    chosen = []
    for step_id in dict.fromkeys(step_ids):
        step = steps.get(step_id)
        if step is None:
            problems.append(("step_ids", _("所报告的程序节点不属于该案件")))
        elif step.reply_id is not None:
            problems.append(("step_ids", _("程序节点“%(s)s”已在此前的回复中报告", s=_(STEP_LABELS[step.kind]))))
        else:
            chosen.append(step)
    if problems:
        raise FieldsRefused(problems)
    today = rules.today()
    reply = SupervisionReply(letter=letter, replied_on=today, text=text, submitted_by_id=actor.id)
    db.session.add(reply)
    db.session.flush()
    docs = _store(actor, case, files, reply_id=reply.id)
    for step in chosen:
        step.reply_id = reply.id
    first = letter.answered_on is None
    if first:
        letter.answered_on = today
    case.last_progress_on = today
    db.session.flush()
    number_text = letter_number(letter)
    record(actor, "supervision.reply", "demolition_case", case.id, after={
        "letter_id": letter.id, "number": number_text, "reply_id": reply.id, "text": text,
        "steps": [s.id for s in chosen],
        "documents": [{"name": d.display_name, "sha256": d.sha256} for d in docs]})
    issuer = letter.issued_by
    if issuer.active and issuer.id != actor.id:
        notify(issuer, "supervision.reply", "supervision_letter", letter.id,
               path_for("demolition.letter", letter_id=letter.id),
               f"supervision.reply:{reply.id}:{issuer.id}",
               f"【督察函回复】{number_text} {actor.organisation.short_name}",
               text[:200] + ("" if first else "（补充回复）"))
    return reply


# --- import -------------------------------------------------------------------------------------------------

@dataclass
class ImportRow:
    line: int
    fields: CaseFields | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, message)


class ImportRejected(OperationError):
    """A ledger with problems: nothing was saved; `problems` lists each as 第N行“列”：…."""

    def __init__(self, problems: list[str]):
        super().__init__(_("导入失败，未保存任何记录，请修改后重新上传"), 400)
        self.problems = problems


# The import's column for each field a case's rules name.
FIELD_COLUMNS = {"organisation_id": "镇(街道)", "project": "项目名称", "track": "拆除类型", "address": "房屋坐落",
                 "parties": "当事人", "building_area": "建筑面积(㎡)", "enforcing_body": "执法主体",
                 "planned_on": "拟拆除时间", "note": "备注"}


def cell_problem(line: int, column: str, message: str) -> str:
    return _("第%(n)d行“%(col)s”：%(msg)s", n=line, col=column, msg=message)


def import_cases(actor: User, rows: list[ImportRow]) -> list[DemolitionCase]:
    """All or nothing: every row is checked first, and only a ledger without problems is written; otherwise
    ImportRejected lists each bad cell by row and column and nothing changes."""
    if not actor.has_role(*BUREAU) and not policy.may_enter_for(actor, actor.organisation):
        raise OperationError(_("只有镇（街道）、部门或司法局可以导入台账"), 403)
    problems = []
    for row in rows:
        found = list(row.problems)
        if row.fields is not None:
            found += [(FIELD_COLUMNS[name], message) for name, message in case_problems(actor, row.fields)]
        problems += [cell_problem(row.line, column, message) for column, message in found]
    if not rows:
        problems.append(_("文件中没有台账案件"))
    if problems:
        raise ImportRejected(problems)
    saved = [create_case(actor, row.fields) for row in rows]
    record(actor, "demolition.import", "demolition_case", None, after={"count": len(saved),
                                                                        "ids": [c.id for c in saved]})
    return saved
