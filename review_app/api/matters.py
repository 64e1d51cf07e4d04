"""API: the review pipeline — intake, materials, the three review stages, the opinion and its adoption.

Each resource is declared once below; endpoints load the matter through the pipeline's policy (404 for one
the caller may not see), call the named operations of matters.operations and review.operations, and return
the resource. Role rules for whole endpoints are in review_app.access; the state machine decides the rest.
"""
from datetime import date
from typing import Literal

from flask import abort, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field

from workflows.opinion import Content, Finding
from workflows.review import Action, Category, Conclusion, Stage, Status
from workflows.text import N_

from .. import labels, limits, rules
from ..documents.filetypes import DOCX_MIME, MEDIA_TYPES
from ..documents.service import blob_store
from ..extensions import db
from ..matters import operations as mops
from ..matters import policy
from ..matters.queries import MatterFilter, is_overdue, search
from ..models import Document, MaterialKind, Matter, OpinionPoint, User
from ..operations import OperationError
from ..review import operations as rops
from . import Binary, Multipart, api_route
from .schemas import INT32, Id, PersonRef, Query, Request, Resource, Timestamp, Version, bounded

# Actions with no operation of their own: everything else goes through its dedicated endpoint
# (reviewer, opinion, sign-off, issue, adoption) or feature (the decision register records decisions).
GENERIC_ACTIONS = (Action.submit, Action.approve, Action.accept, Action.forward, Action.request_supplement,
                   Action.supply, Action.return_for_revision, Action.withdraw, Action.request_advisers,
                   Action.advisers_done)
CategoryValue = Literal[tuple(c.value for c in Category)]
ConclusionValue = Literal[tuple(c.value for c in Conclusion)]
PlannedDate = date | Literal[""]  # "" clears it
Reason = bounded(limits.REASON)
RequiredReason = bounded(limits.REASON, 1)


# --- requests ---------------------------------------------------------------------------------------------

Title = bounded(limits.TITLE, 1, title=N_("事项名称"))
Summary = bounded(limits.SUMMARY, title=N_("主要内容"))
LegalBasis = bounded(limits.LEGAL_BASIS, title=N_("法律依据"))
Counterparties = bounded(limits.COUNTERPARTIES, title=N_("协议相对方"))
ContactName = bounded(limits.CONTACT_NAME, title=N_("联系人"))
ContactPhone = bounded(limits.CONTACT_PHONE, title=N_("联系电话"))
PLANNED = {"title": N_("拟决策（签约）日期"), "description": "YYYY-MM-DD；空字符串表示未定"}


class NewMatter(Request):
    category: CategoryValue
    title: Title
    summary: Summary = ""
    legal_basis: LegalBasis = ""
    planned_date: PlannedDate = Field("", **PLANNED)
    counterparties: Counterparties = ""
    contact_name: ContactName = ""
    contact_phone: ContactPhone = ""


class MatterFieldsUpdate(Request):
    """Only the fields given change."""
    version: Version
    title: Title = None
    summary: Summary = None
    legal_basis: LegalBasis = None
    planned_date: PlannedDate = Field(None, **PLANNED)
    counterparties: Counterparties = None
    contact_name: ContactName = None
    contact_phone: ContactPhone = None


class MaterialExemptionIn(Request):
    material_kind_id: Id
    reason: RequiredReason


class MatterAction(Request):
    action: Literal[tuple(a.value for a in GENERIC_ACTIONS)]
    version: Version
    reason: Reason = ""


class ReviewerAssignment(Request):
    reviewer_id: Id
    version: Version


class ClockExtensionIn(Request):
    days: int = Field(ge=limits.EXTENSION_DAYS[0], le=limits.EXTENSION_DAYS[1], description="延长的工作日数")
    reason: RequiredReason
    version: Version


class PointIn(Request):
    clause: bounded(limits.CLAUSE) = ""
    text: bounded(limits.POINT_TEXT, 1)


class FindingIn(Request):
    finding: Literal[tuple(f.value for f in Finding)]
    note: Reason = ""


ContentValue = Literal[tuple(c.value for c in Content)]


class OpinionDraft(Request):
    conclusion: ConclusionValue
    reasons: bounded(limits.OPINION_REASONS, 1)
    findings: dict[ContentValue, FindingIn] = Field(
        default_factory=dict, description="审核内容（职权、程序、内容）逐项认定，《重大行政决策程序暂行条例》第二十七条")
    points: list[PointIn] = Field(default_factory=list, max_length=limits.MAX_POINTS)
    version: Version


class VersionOnly(Request):
    version: Version


class SignOffRejection(Request):
    version: Version
    reason: RequiredReason


class AdoptionAnswer(Request):
    adopted: bool
    reason: Reason = ""
    revised_document_id: Id | None = Field(None, description="采纳时必填：修改后的文稿（本事项已上传的文件）")


class UploadFields(Request):
    model_config = {"strict": False}  # form fields arrive as text
    material_kind_id: Id | None = Field(None, description="材料类型；修改后的文稿等可不填")


class MatterQuery(Query):
    q: bounded(limits.SEARCH) | None = Field(None, description="按事项名称查找")
    category: Category | None = None
    stage: Stage | None = None
    status: Status | None = None
    department_id: Id | None = None
    date_from: date | None = Field(None, description="报送日期起（含）")
    date_to: date | None = Field(None, description="报送日期止（含）")
    overdue: bool | None = None
    before: Id | None = Field(None, description="翻页游标：上一页返回的 next_before")
    limit: int = Field(30, ge=limits.PAGE_SIZE[0], le=limits.PAGE_SIZE[1])


# --- resources --------------------------------------------------------------------------------------------

class DepartmentRef(Resource):
    id: int
    name: str


class DocumentOut(Resource):
    id: int
    matter_id: int
    material_kind_id: int | None
    material_kind_name: str | None
    version_no: int
    display_name: str
    kind: Literal["docx", "pdf", "xlsx", "jpeg", "png"]
    mime: str
    size: int
    sha256: str
    uploaded_by: PersonRef
    uploaded_at: Timestamp

    @classmethod
    def of(cls, d: Document) -> "DocumentOut":
        return cls(id=d.id, matter_id=d.matter_id, material_kind_id=d.material_kind_id,
                   material_kind_name=d.material_kind.name if d.material_kind is not None else None,
                   version_no=d.version_no, display_name=d.display_name, kind=d.kind, mime=d.mime, size=d.size,
                   sha256=d.sha256, uploaded_by=PersonRef.model_validate(d.uploaded_by), uploaded_at=d.uploaded_at)


class MatterSummary(Resource):
    id: int
    category: Category
    category_label: str
    title: str
    status: Status
    status_label: str
    stage: Stage
    stage_label: str
    department: DepartmentRef
    submitted_on: date | None
    due_on: date | None
    too_close: bool
    overdue: bool
    version: int

    @classmethod
    def fields_of(cls, m: Matter, today: date) -> dict:
        return dict(id=m.id, category=m.category, category_label=labels.CATEGORY[m.category], title=m.title,
                    status=m.status, status_label=labels.STATUS[m.status], stage=m.stage,
                    stage_label=labels.STAGE[m.stage], department=DepartmentRef.model_validate(m.department),
                    submitted_on=m.submitted_on, due_on=m.due_on, too_close=m.too_close,
                    overdue=is_overdue(m, today), version=m.version)

    @classmethod
    def of(cls, m: Matter, today: date) -> "MatterSummary":
        return cls(**cls.fields_of(m, today))


class MaterialOut(Resource):
    id: int
    code: str
    name: str
    required: bool


class AdoptionOut(Resource):
    adopted: bool
    reason: str
    revised_document_id: int | None
    answered_by: PersonRef
    answered_at: Timestamp


class OpinionPointOut(Resource):
    id: int
    number: int
    clause: str
    text: str
    adoption: AdoptionOut | None

    @classmethod
    def of(cls, p: OpinionPoint) -> "OpinionPointOut":
        a = p.adoption
        answer = None if a is None else AdoptionOut(
            adopted=a.adopted, reason=a.reason, revised_document_id=a.revised_document_id,
            answered_by=PersonRef.model_validate(db.session.get(User, a.answered_by_id)), answered_at=a.answered_at)
        return cls(id=p.id, number=p.number, clause=p.clause, text=p.text, adoption=answer)


class FindingOut(Resource):
    content: Content
    content_label: str
    finding: Finding
    finding_label: str
    note: str


class OpinionOut(Resource):
    id: int
    conclusion: Conclusion | None
    conclusion_label: str | None
    reasons: str
    findings: list[FindingOut]
    drafted_by: PersonRef
    signed_by: PersonRef | None
    signed_at: Timestamp | None
    issued: bool
    number: str | None = Field(description="如 示司审〔2026〕12号")
    issued_on: date | None
    docx_sha256: str | None
    points: list[OpinionPointOut]

    @classmethod
    def of(cls, m: Matter, user: User) -> "OpinionOut | None":
        if not policy.can_view_opinion(user, m):
            return None
        o = m.opinion
        return cls(id=o.id, conclusion=o.conclusion,
                   conclusion_label=labels.CONCLUSION[o.conclusion] if o.conclusion else None, reasons=o.reasons,
                   findings=[FindingOut(content=c, content_label=labels.CONTENT[c], finding=f,
                                        finding_label=labels.FINDING[f], note=note)
                             for c, (f, note) in rops.findings_of(o).items()],
                   drafted_by=PersonRef.model_validate(o.drafted_by),
                   signed_by=PersonRef.model_validate(o.signed_by) if o.signed_by else None,
                   signed_at=o.signed_at, issued=o.issued,
                   number=rops.opinion_number_text(o) if o.issued else None, issued_on=o.issued_on,
                   docx_sha256=o.docx_sha256, points=[OpinionPointOut.of(p) for p in o.points])


class PauseOut(Resource):
    kind: Literal["supplement", "advisers", "investigation"]
    start: date
    end: date | None
    reason: str


class ExtensionOut(Resource):
    days: int
    reason: str


class ClockOut(Resource):
    started_on: date
    period_days: int
    paused: bool
    remaining_days: int | None
    pauses: list[PauseOut]
    extensions: list[ExtensionOut]
    calendar_warnings: list[str] = Field(description="计时跨越的年度中节假日安排尚未录入、按周一至周五计算的年度提示")


class ExemptionOut(Resource):
    material_kind_id: int
    reason: str


class AllowedAction(Resource):
    action: Action
    label: str


class MatterOut(MatterSummary):
    summary: str
    legal_basis: str
    planned_date: date | None
    counterparties: str
    contact_name: str
    contact_phone: str
    resume_status: Status | None
    conclusion: Conclusion | None
    signed_off: bool
    reviewer: PersonRef | None
    signed_on: date | None = Field(description="协议签署日期")
    filing_due_on: date | None = Field(description="已签署协议的备案期限")
    filed_on: date | None
    late_filing: bool
    clock: ClockOut | None
    materials: list[MaterialOut]
    missing_materials: list[MaterialOut]
    exemptions: list[ExemptionOut]
    documents: list[DocumentOut]
    allowed_actions: list[AllowedAction]
    opinion: OpinionOut | None

    @classmethod
    def of(cls, m: Matter, user: User) -> "MatterOut":
        today = rules.today()
        clock = mops.review_clock(m)
        kinds = mops.required_kinds(m.category)
        return cls(
            **MatterSummary.fields_of(m, today),
            summary=m.summary, legal_basis=m.legal_basis, planned_date=m.planned_date,
            counterparties=m.counterparties, contact_name=m.contact_name, contact_phone=m.contact_phone,
            resume_status=m.resume_status, conclusion=m.conclusion, signed_off=m.signed_off,
            signed_on=m.signed_on, filing_due_on=m.filing_due_on, filed_on=m.filed_on,
            late_filing=mops.late_filing(m, today),
            reviewer=PersonRef.model_validate(m.reviewer) if m.reviewer else None,
            clock=None if clock is None else ClockOut(
                started_on=m.clock_started_on, period_days=m.period_days, paused=clock.is_paused,
                remaining_days=clock.remaining(rules.calendar(), today),
                pauses=[PauseOut(kind=p.kind.value, start=p.start, end=p.end, reason=p.reason) for p in m.pauses],
                extensions=[ExtensionOut.model_validate(e) for e in m.extensions],
                calendar_warnings=[_("%(y)s：该年度节假日安排未录入，按周一至周五计算", y=y)
                                   for y in rules.calendar().fallback_years(m.clock_started_on, m.due_on or today)]),
            materials=[MaterialOut.model_validate(k) for k in kinds],
            missing_materials=[MaterialOut.model_validate(k) for k in mops.missing_materials(m, kinds)],
            exemptions=[ExemptionOut.model_validate(e) for e in m.exemptions],
            documents=[DocumentOut.of(d) for d in m.documents],
            allowed_actions=[AllowedAction(action=a, label=labels.ACTION[a])
                             for a in mops.available(user, m, kinds).actions],
            opinion=OpinionOut.of(m, user))


class MatterPage(Resource):
    items: list[MatterSummary]
    next_before: int | None


# --- endpoints --------------------------------------------------------------------------------------------

def _user() -> User:
    return current_user._get_current_object()


def _row(model, row_id: int):
    """The row, or None; ids beyond the database's integer range match nothing (and must not reach it)."""
    return db.session.get(model, row_id) if 1 <= row_id <= INT32 else None


def _matter(matter_id: int) -> Matter:
    """The matter if the caller may see it; otherwise 404, so its existence is not revealed."""
    m = _row(Matter, matter_id)
    if m is None or not policy.can_view(_user(), m):
        abort(404)
    return m


def _fields(body, current: Matter | None = None) -> mops.MatterFields:
    given = body.model_fields_set

    def value(key):
        if key in given:
            return getattr(body, key)
        return getattr(current, key) if current is not None else getattr(body, key)
    planned = value("planned_date")
    return mops.MatterFields(title=value("title"), summary=value("summary"), legal_basis=value("legal_basis"),
                             planned_date=planned or None, counterparties=value("counterparties"),
                             contact_name=value("contact_name"), contact_phone=value("contact_phone"))


@api_route("/matters", "GET", "审核事项列表（按编号倒序，游标翻页）", MatterPage, query=MatterQuery)
def list_matters(query: MatterQuery):
    today = rules.today()
    rows, next_before = search(_user(), MatterFilter(**query.model_dump(exclude_none=True)), today)
    return MatterPage(items=[MatterSummary.of(m, today) for m in rows], next_before=next_before)


@api_route("/matters", "POST", "报送新的审核事项（草稿）", MatterOut, body=NewMatter, status=201)
def create_matter(body: NewMatter):
    m = mops.create_matter(_user(), Category(body.category), _fields(body))
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>", "GET", "审核事项详情", MatterOut)
def get_matter(matter_id: int):
    return MatterOut.of(_matter(matter_id), _user())


@api_route("/matters/<int:matter_id>/fields", "POST", "修改事项基本信息（只改所给字段）", MatterOut,
           body=MatterFieldsUpdate)
def update_matter_fields(matter_id: int, body: MatterFieldsUpdate):
    m = _matter(matter_id)
    mops.update_matter(_user(), m, body.version, _fields(body, current=m))
    return MatterOut.of(m, _user())


UPLOAD = Multipart(UploadFields, ("file",), (("file", "docx、pdf、xlsx、jpg 或 png，不超过上传大小上限"),))


@api_route("/matters/<int:matter_id>/documents", "POST", "上传材料（multipart/form-data）", DocumentOut,
           form=UPLOAD, status=201)
def upload_document(matter_id: int, form: UploadFields):
    m = _matter(matter_id)
    f = request.files.get("file")
    if f is None:
        raise OperationError(_("请选择要上传的文件（表单字段 file）"))
    kind = None
    if form.material_kind_id is not None:
        kind = db.session.get(MaterialKind, form.material_kind_id)
        if kind is None:
            raise OperationError(_("材料类型不存在"))
    return DocumentOut.of(mops.upload(_user(), m, kind, f.filename or "", f.read()))


def _visible_document(document_id: int) -> Document:
    d = _row(Document, document_id)
    if d is None or not policy.can_view(_user(), d.matter):
        abort(404)
    return d


@api_route("/documents/<int:document_id>/content", "GET", "下载文件原文", Binary(MEDIA_TYPES))
def get_document_content(document_id: int):
    d = _visible_document(document_id)
    return send_file(blob_store().path(d.sha256), mimetype=d.mime, as_attachment=True,
                     download_name=d.display_name)


@api_route("/matters/<int:matter_id>/opinion.docx", "GET", "下载已出具的审核意见书（印发时的文件，哈希不变）",
           Binary((DOCX_MIME,)))
def get_opinion_docx(matter_id: int):
    m = _matter(matter_id)
    if m.opinion is None or not m.opinion.issued:
        abort(404)
    return send_file(blob_store().path(m.opinion.docx_sha256), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{rops.opinion_number_text(m.opinion)}.docx")


@api_route("/documents/<int:document_id>", "GET", "文件元数据", DocumentOut)
def get_document(document_id: int):
    return DocumentOut.of(_visible_document(document_id))


@api_route("/matters/<int:matter_id>/exemptions", "POST", "说明某项必备材料免报的理由", MatterOut,
           body=MaterialExemptionIn)
def set_exemption(matter_id: int, body: MaterialExemptionIn):
    m = _matter(matter_id)
    kind = db.session.get(MaterialKind, body.material_kind_id)
    if kind is None:
        raise OperationError(_("材料类型不存在"))
    mops.set_exemption(_user(), m, kind, body.reason)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/actions", "POST", "流转操作（提交、审核通过、受理、转送、补正、退回、撤回等）",
           MatterOut, body=MatterAction)
def matter_action(matter_id: int, body: MatterAction):
    m = _matter(matter_id)
    mops.transition(_user(), m, Action(body.action), body.version, reason=body.reason)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/reviewer", "POST", "分配审核人员", MatterOut, body=ReviewerAssignment)
def assign_reviewer(matter_id: int, body: ReviewerAssignment):
    m = _matter(matter_id)
    mops.assign_reviewer(_user(), m, body.version, db.session.get(User, body.reviewer_id))
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/extensions", "POST", "延长审核期限（须说明理由）", MatterOut,
           body=ClockExtensionIn)
def extend_matter(matter_id: int, body: ClockExtensionIn):
    m = _matter(matter_id)
    mops.extend(_user(), m, body.version, body.days, body.reason)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/opinion", "POST", "起草（或重拟）审核意见书并报负责人签发", MatterOut,
           body=OpinionDraft)
def save_opinion(matter_id: int, body: OpinionDraft):
    m = _matter(matter_id)
    points = [rops.PointInput(p.clause, p.text) for p in body.points]
    findings = {Content(c): (Finding(f.finding), f.note) for c, f in body.findings.items()}
    rops.save_opinion(_user(), m, body.version, Conclusion(body.conclusion), body.reasons, points, findings)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/opinion/sign-off", "POST", "负责人签发审核意见书", MatterOut, body=VersionOnly)
def sign_off_opinion(matter_id: int, body: VersionOnly):
    m = _matter(matter_id)
    rops.sign_off(_user(), m, body.version)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/opinion/reject", "POST", "负责人退回重拟", MatterOut, body=SignOffRejection)
def reject_opinion(matter_id: int, body: SignOffRejection):
    m = _matter(matter_id)
    rops.reject_sign_off(_user(), m, body.version, body.reason)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/opinion/issue", "POST", "出具审核意见书（编号）", MatterOut, body=VersionOnly)
def issue_opinion(matter_id: int, body: VersionOnly):
    m = _matter(matter_id)
    rops.issue(_user(), m, body.version)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/adoption/<int:point_id>", "POST", "答复一条修改意见的采纳情况", MatterOut,
           body=AdoptionAnswer)
def answer_point(matter_id: int, point_id: int, body: AdoptionAnswer):
    m = _matter(matter_id)
    point = _row(OpinionPoint, point_id)
    if point is None or point.opinion.matter_id != m.id or not point.opinion.issued:
        abort(404)
    rops.answer_point(_user(), m, point, body.adopted, body.reason, body.revised_document_id)
    return MatterOut.of(m, _user())


@api_route("/matters/<int:matter_id>/adoption/finish", "POST", "提交采纳情况答复", MatterOut, body=VersionOnly)
def finish_adoption(matter_id: int, body: VersionOnly):
    m = _matter(matter_id)
    rops.finish_adoption(_user(), m, body.version)
    return MatterOut.of(m, _user())
