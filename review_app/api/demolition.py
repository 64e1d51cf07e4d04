"""API: the demolition ledger — cases, their procedure steps (with evidence), the gate's answer, supervision
letters and replies — under the ledger's one policy (review_app.demolition.policy): a town/street or
department its own cases and the letters addressed to it, the bureau its whole district, other districts
nothing (404)."""
from datetime import date, time
from decimal import Decimal
from typing import Literal

from flask import abort, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field

from workflows.demolition import ChallengeKind, ChallengeOutcome, MissingReason, StepKind, Track
from workflows.demolition.alerts import AlertKind
from workflows.text import N_

from .. import labels, limits, rules
from ..demolition import operations as ops
from ..demolition import policy, queries
from ..demolition.ledger import STATUS_LABELS, CaseAnswer, LedgerStatus, answer, say
from ..demolition.letter import DEFAULT_REQUIREMENTS, default_findings, letter_number
from ..documents.filetypes import DOCX_MIME, MEDIA_TYPES
from ..documents.service import blob_store
from ..extensions import db
from ..models import (DemolitionCase, DemolitionDocument, ProcedureStep, SupervisionLetter, SupervisionReply,
                      User)
from ..operations import OperationError
from . import Binary, Multipart, api_route
from .schemas import INT32, Id, PersonRef, Query, Request, Resource, Timestamp, bounded

TrackValue = Literal[tuple(t.value for t in Track)]
StepValue = Literal[tuple(k.value for k in StepKind)]
# Text with the web form's limits; the title names the field in a refusal.
Project = bounded(limits.PROJECT, 1, title=N_("项目名称"))
Address = bounded(limits.ADDRESS, 1, title=N_("房屋坐落"))
EnforcingBody = bounded(limits.ENFORCING_BODY, title=N_("执法主体"))
Note = bounded(limits.NOTE, title=N_("备注"))
DocumentNo = bounded(limits.DOCUMENT_NO, title=N_("文书编号"))
StepNote = bounded(limits.NOTE, title=N_("说明"))
Findings = bounded(limits.LETTER_TEXT, 1, title=N_("发现的问题"))
Requirements = bounded(limits.LETTER_TEXT, 1, title=N_("整改要求"))
CopiesTo = bounded(limits.COPIES_TO, title=N_("抄送"))
ReplyText = bounded(limits.LETTER_TEXT, 1, title=N_("回复内容"))


def _user() -> User:
    return current_user._get_current_object()


def _row(model, row_id: int):
    return db.session.get(model, row_id) if 1 <= row_id <= INT32 else None


def _case(case_id: int) -> DemolitionCase:
    """The case if the caller may see it; otherwise 404, so its existence is not revealed."""
    case = _row(DemolitionCase, case_id)
    if case is None or not policy.can_view(_user(), case):
        abort(404)
    return case


def _letter(letter_id: int) -> SupervisionLetter:
    letter = _row(SupervisionLetter, letter_id)
    if letter is None or not policy.can_view_letter(_user(), letter):
        abort(404)
    return letter


# --- resources ----------------------------------------------------------------------------------------------

class BodyRef(Resource):
    id: int
    name: str


class DocumentRef(Resource):
    id: int
    display_name: str
    kind: Literal["docx", "pdf", "xlsx", "jpeg", "png"]
    size: int
    sha256: str


class StepOut(Resource):
    id: int
    kind: StepKind
    label: str
    done_on: date = Field(description="送达或办理日期")
    document_no: str
    deadline: date | None = Field(description="文书载明的履行期限")
    told_of_remedies: bool
    note: str
    reply_id: int | None = Field(description="报告该节点的督察函回复")
    documents: list[DocumentRef]
    recorded_by: PersonRef
    recorded_at: Timestamp

    @classmethod
    def of(cls, s: ProcedureStep) -> "StepOut":
        return cls(id=s.id, kind=s.kind, label=labels.STEP[s.kind], done_on=s.done_on,
                   document_no=s.document_no, deadline=s.deadline, told_of_remedies=s.told_of_remedies,
                   note=s.note, reply_id=s.reply_id,
                   documents=[DocumentRef.model_validate(d) for d in s.documents],
                   recorded_by=PersonRef.model_validate(s.recorded_by), recorded_at=s.recorded_at)


class ChallengeOut(Resource):
    id: int
    kind: ChallengeKind
    against: StepKind
    filed_on: date
    case_no: str
    ended_on: date | None
    outcome: ChallengeOutcome | None


class CaseOut(Resource):
    id: int
    organisation: BodyRef
    project: str
    track: Track
    track_label: str
    address: str
    parties: list[str]
    building_area: Decimal | None = Field(description="平方米")
    enforcing_body: str
    planned_on: date | None
    executed_on: date | None
    executed_time: time | None
    executed_lawfully: bool | None
    note: str
    status: LedgerStatus
    status_label: str
    earliest_lawful_date: date | None
    letters: list[str] = Field(description="督察函编号")
    version: int

    @classmethod
    def of(cls, c: DemolitionCase, a: CaseAnswer) -> "CaseOut":
        return cls(id=c.id, organisation=BodyRef.model_validate(c.organisation), project=c.project,
                   track=c.track, track_label=labels.TRACK[c.track], address=c.address, parties=c.party_names,
                   building_area=c.building_area, enforcing_body=c.enforcing_body, planned_on=c.planned_on,
                   executed_on=c.executed_on, executed_time=c.executed_time,
                   executed_lawfully=c.executed_lawfully,
                   note=c.note, status=a.status, status_label=str(STATUS_LABELS[a.status]),
                   earliest_lawful_date=a.gate.earliest_lawful_date,
                   letters=[letter_number(letter) for letter in c.letters], version=c.version)


class CaseList(Resource):
    total: int
    items: list[CaseOut]


class MissingOut(Resource):
    label: str
    reason: MissingReason
    step: StepKind | None
    until: date | None = Field(description="期限届满之日（次日起方可继续）")
    message: str
    article: str


class AlertOut(Resource):
    kind: AlertKind
    label: str
    message: str
    article: str


class GateOut(Resource):
    """The gate's answer from the recorded steps alone (workflows.demolition.evaluate)."""
    case_id: int
    status: LedgerStatus
    ready: bool
    earliest_lawful_date: date | None = Field(description="仅剩期限等待时为确切日期；否则为空")
    lower_bound: date | None = Field(description="尚缺程序或复议、诉讼未终结时：最早不早于该日")
    done: list[StepKind]
    missing: list[MissingOut]
    alerts: list[AlertOut]
    challenges: list[ChallengeOut]

    @classmethod
    def of(cls, c: DemolitionCase, a: CaseAnswer) -> "GateOut":
        g = a.gate
        return cls(case_id=c.id, status=a.status, ready=g.ready and c.executed_on is None,
                   earliest_lawful_date=g.earliest_lawful_date, lower_bound=g.lower_bound, done=list(g.done),
                   missing=[MissingOut(label=_(m.label), reason=m.reason, step=m.step, until=m.until,
                                       message=say(m), article=_(m.article)) for m in g.missing],
                   alerts=[AlertOut(kind=x.kind, label=labels.ALERT[x.kind], message=say(x),
                                    article=_(x.article)) for x in a.alerts],
                   challenges=[ChallengeOut.model_validate(ch) for ch in c.challenges])


class ReplyOut(Resource):
    id: int
    replied_on: date
    text: str
    steps: list[int] = Field(description="本次报告的程序节点")
    documents: list[DocumentRef]
    submitted_by: PersonRef

    @classmethod
    def of(cls, r: SupervisionReply) -> "ReplyOut":
        return cls(id=r.id, replied_on=r.replied_on, text=r.text, steps=[s.id for s in r.steps],
                   documents=[DocumentRef.model_validate(d) for d in r.documents],
                   submitted_by=PersonRef.model_validate(r.submitted_by))


class LetterOut(Resource):
    id: int
    number: str = Field(description="如 示司督〔2026〕3号")
    case_id: int
    organisation: BodyRef = Field(description="主送单位")
    issued_on: date
    reply_due_on: date
    answered_on: date | None
    overdue: bool
    findings: str
    requirements: str
    copies_to: str
    docx_sha256: str
    issued_by: PersonRef
    replies: list[ReplyOut]

    @classmethod
    def of(cls, letter: SupervisionLetter, today: date) -> "LetterOut":
        return cls(id=letter.id, number=letter_number(letter), case_id=letter.case_id,
                   organisation=BodyRef.model_validate(letter.organisation), issued_on=letter.issued_on,
                   reply_due_on=letter.reply_due_on, answered_on=letter.answered_on,
                   overdue=ops.is_overdue(letter, today), findings=letter.findings,
                   requirements=letter.requirements, copies_to=letter.copies_to,
                   docx_sha256=letter.docx_sha256,
                   issued_by=PersonRef.model_validate(letter.issued_by),
                   replies=[ReplyOut.of(r) for r in letter.replies])


# --- requests -----------------------------------------------------------------------------------------------

class NewCase(Request):
    organisation_id: Id | None = Field(None, description="司法局为本区某镇（街道）或部门录入时填写；其他单位不填")
    project: Project
    track: TrackValue
    address: Address
    parties: list[bounded(limits.PARTY_NAME, 1)] = Field(min_length=1, max_length=limits.MAX_PARTIES,
                                                         title=N_("当事人"))
    building_area: Decimal | None = Field(None, gt=0, le=limits.MAX_AREA, decimal_places=2,
                                          description="建筑面积（平方米）")
    enforcing_body: EnforcingBody = ""
    planned_on: date | None = Field(None, description="拟拆除时间")
    note: Note = ""


class CaseQuery(Query):
    organisation_id: Id | None = None
    track: Track | None = None
    status: LedgerStatus | None = None
    q: bounded(limits.SEARCH) | None = Field(None, description="项目名称、房屋坐落或当事人")
    alerts_only: bool = False
    limit: int = Field(100, ge=limits.DECISION_PAGE_SIZE[0], le=limits.DECISION_PAGE_SIZE[1])
    offset: int = Field(0, ge=0, le=INT32)


class StepFieldsIn(Request):
    model_config = {"strict": False}  # form fields arrive as text
    kind: StepValue
    done_on: date = Field(title=N_("送达或办理日期"))
    document_no: DocumentNo = ""
    deadline: date | None = Field(None, title=N_("文书载明的履行期限"))
    told_of_remedies: bool = False
    note: StepNote = ""


STEP_FORM = Multipart(StepFieldsIn, ("evidence",),
                      (("evidence", "证明材料，可重复（docx、pdf、jpg、png，不超过上传大小上限）"),))


class NewLetter(Request):
    reply_due_on: date | None = Field(None, description="书面回复期限；不填按设置的工作日数计算")
    findings: Findings | None = Field(
        None, description="不填则为看板所列预警和尚缺程序")
    requirements: Requirements | None = None
    copies_to: CopiesTo = ""


class ReplyFieldsIn(Request):
    model_config = {"strict": False}
    text: ReplyText
    step_ids: str = Field("", description="本次报告的程序节点 id，以逗号分隔")


REPLY_FORM = Multipart(ReplyFieldsIn, ())  # optional files in field "attachment" (the scanned reply letter)


class LetterQuery(Query):
    view: Literal["outstanding", "overdue", "all"] = "all"


# --- endpoints ----------------------------------------------------------------------------------------------

@api_route("/demolition/cases", "GET", "拟强制拆除房屋台账（按单位、类型、状态筛选）", CaseList, query=CaseQuery)
def list_demolition_cases(query: CaseQuery):
    today = rules.today()
    rows = queries.cases(_user(), queries.LedgerFilter(
        organisation_id=query.organisation_id, track=query.track, status=query.status, q=query.q or "",
        alerts_only=query.alerts_only), today)
    page = rows[query.offset:query.offset + query.limit]
    return CaseList(total=len(rows), items=[CaseOut.of(r.case, r.answer) for r in page])


@api_route("/demolition/cases", "POST", "录入台账案件", CaseOut, body=NewCase, status=201)
def create_demolition_case(body: NewCase):
    case = ops.create_case(_user(), ops.CaseFields(
        project=body.project, track=Track(body.track), address=body.address, parties=body.parties,
        building_area=body.building_area, enforcing_body=body.enforcing_body, planned_on=body.planned_on,
        note=body.note, organisation_id=body.organisation_id))
    return CaseOut.of(case, answer(case))


@api_route("/demolition/cases/<int:case_id>", "GET", "台账案件", CaseOut)
def get_demolition_case(case_id: int):
    case = _case(case_id)
    return CaseOut.of(case, answer(case))


@api_route("/demolition/cases/<int:case_id>/gate", "GET", "程序审查结论：是否可依法实施、尚缺程序、最早合法拆除日期",
           GateOut)
def get_demolition_gate(case_id: int):
    case = _case(case_id)
    return GateOut.of(case, answer(case))


@api_route("/demolition/cases/<int:case_id>/steps", "GET", "已录入的程序节点（按日期）", list[StepOut])
def list_procedure_steps(case_id: int):
    return [StepOut.of(s) for s in _case(case_id).steps]


@api_route("/demolition/cases/<int:case_id>/steps", "POST",
           "录入程序节点及其证明材料（multipart/form-data；不符合法定顺序或期限的予以拒绝）", StepOut, form=STEP_FORM,
           status=201)
def record_procedure_step(case_id: int, form: StepFieldsIn):
    case = _case(case_id)
    files = [(f.filename or "", f.read()) for f in request.files.getlist("evidence") if f and f.filename]
    step = ops.record_step(_user(), case, ops.StepFields(
        kind=StepKind(form.kind), done_on=form.done_on, document_no=form.document_no, deadline=form.deadline,
        told_of_remedies=form.told_of_remedies, note=form.note), files)
    return StepOut.of(step)


@api_route("/demolition/documents/<int:document_id>/content", "GET", "下载证明材料原文", Binary(MEDIA_TYPES))
def get_demolition_document(document_id: int):
    doc = _row(DemolitionDocument, document_id)
    if doc is None:
        abort(404)
    _case(doc.case_id)
    return send_file(blob_store().path(doc.sha256), mimetype=doc.mime, as_attachment=True,
                     download_name=doc.display_name)


@api_route("/demolition/letters", "GET", "法治督察函（全部、待回复或逾期未回复）", list[LetterOut], query=LetterQuery)
def list_supervision_letters(query: LetterQuery):
    today = rules.today()
    rows = queries.letters(_user(), today, outstanding=query.view == "outstanding",
                           overdue=query.view == "overdue")
    return [LetterOut.of(letter, today) for letter in rows]


@api_route("/demolition/cases/<int:case_id>/letters", "POST", "制发法治督察函（司法局）", LetterOut, body=NewLetter,
           status=201)
def issue_supervision_letter(case_id: int, body: NewLetter):
    case = _case(case_id)
    today = rules.today()
    letter = ops.issue_letter(_user(), case, ops.LetterFields(
        reply_due_on=body.reply_due_on or ops.default_reply_due(case.district_id, today),
        findings=body.findings or default_findings(answer(case, today)),
        requirements=body.requirements or DEFAULT_REQUIREMENTS, copies_to=body.copies_to))
    return LetterOut.of(letter, today)


@api_route("/demolition/letters/<int:letter_id>", "GET", "法治督察函及其回复", LetterOut)
def get_supervision_letter(letter_id: int):
    return LetterOut.of(_letter(letter_id), rules.today())


@api_route("/demolition/letters/<int:letter_id>/letter.docx", "GET", "下载督察函（制发时的文件，哈希不变）",
           Binary((DOCX_MIME,)))
def get_supervision_letter_docx(letter_id: int):
    letter = _letter(letter_id)
    return send_file(blob_store().path(letter.docx_sha256), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{letter_number(letter)}.docx")


@api_route("/demolition/letters/<int:letter_id>/replies", "POST",
           "书面回复督察函（主送单位；multipart/form-data，回复函扫描件可附于 attachment 字段）",
           ReplyOut, form=REPLY_FORM, status=201)
def reply_to_supervision_letter(letter_id: int, form: ReplyFieldsIn):
    letter = _letter(letter_id)
    try:
        step_ids = [int(v) for v in form.step_ids.replace("，", ",").split(",") if v.strip()]
    except ValueError:
        raise OperationError(_("step_ids 应为以逗号分隔的整数")) from None
    files = [(f.filename or "", f.read()) for f in request.files.getlist("attachment") if f and f.filename]
    return ReplyOut.of(ops.reply_to_letter(_user(), letter, form.text, step_ids, files))
