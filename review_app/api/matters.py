"""API: the review pipeline — intake, materials, the three review stages, the opinion and its adoption.

Views only parse input, check that the caller may see the matter, call the named operations of
review_app.matters.operations and review_app.review.operations, and commit once. Role rules for whole
endpoints are in review_app.access.ACCESS; the state machine (workflows.review) decides the rest.
"""
import re
from dataclasses import replace
from datetime import date, datetime, timezone

from flask import abort, jsonify, request, send_file
from flask_babel import gettext as _
from flask_login import current_user
from jsonschema import Draft202012Validator

from workflows.review import Action, Category, Conclusion, Role, Stage, Status, allowed_actions

from .. import labels, rules
from ..documents.filetypes import DOCX_MIME, MEDIA_TYPES
from ..documents.service import blob_store
from ..extensions import db
from ..matters import operations as mops
from ..matters.queries import ACTIVE_CLOCK, MatterFilter, search
from ..models import Document, MaterialKind, Matter, OpinionPoint, User
from ..operations import OperationError
from ..review import operations as rops
from . import BINARY, PATHS, api_route, json_body, schema

INT32 = 2147483647
ID = {"type": "integer", "minimum": 1, "maximum": INT32}
VERSION = {"type": "integer", "minimum": 1, "maximum": INT32, "description": "事项的版本号（乐观锁）"}
DATE_TEXT = {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$", "maxLength": 10,
             "description": "YYYY-MM-DD；空字符串表示未定"}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
REASON = {"type": "string", "maxLength": 2000}

# Actions with no operation of their own: everything else goes through its dedicated endpoint
# (reviewer, opinion, sign-off, issue, adoption) or feature (the decision register records decisions).
GENERIC_ACTIONS = [Action.submit, Action.approve, Action.accept, Action.forward, Action.request_supplement,
                   Action.supply, Action.return_for_revision, Action.withdraw, Action.request_advisers,
                   Action.advisers_done]

FIELD_LIMITS = {"title": 200, "summary": 20000, "legal_basis": 20000, "counterparties": 2000,
                "contact_name": 40, "contact_phone": 32}
FIELD_PROPS = {**{k: {"type": "string", "maxLength": n} for k, n in FIELD_LIMITS.items()},
               "title": {"type": "string", "minLength": 1, "maxLength": 200},
               "planned_date": DATE_TEXT}


def _nullable(s: dict) -> dict:
    return {**s, "nullable": True}


# ---------------------------------------------------------------------------------------------- schemas

PERSON = schema("PersonRef", {"type": "object", "required": ["id", "display_name"],
                              "properties": {"id": {"type": "integer"}, "display_name": {"type": "string"}}})
DOCUMENT = schema("Document", {
    "type": "object",
    "required": ["id", "matter_id", "material_kind_id", "material_kind_name", "version_no", "display_name",
                 "kind", "mime", "size", "sha256", "uploaded_by", "uploaded_at"],
    "properties": {"id": {"type": "integer"}, "matter_id": {"type": "integer"},
                   "material_kind_id": {"type": "integer", "nullable": True},
                   "material_kind_name": {"type": "string", "nullable": True},
                   "version_no": {"type": "integer"}, "display_name": {"type": "string"},
                   "kind": {"type": "string", "enum": ["docx", "pdf", "xlsx", "jpeg", "png"]},
                   "mime": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"},
                   "uploaded_by": PERSON, "uploaded_at": {"type": "string", "format": "date-time"}}})
MATTER_SUMMARY_PROPS = {
    "id": {"type": "integer"},
    "category": {"type": "string", "enum": [c.value for c in Category]}, "category_label": {"type": "string"},
    "title": {"type": "string"},
    "status": {"type": "string", "enum": [s.value for s in Status]}, "status_label": {"type": "string"},
    "stage": {"type": "string", "enum": [s.value for s in Stage]}, "stage_label": {"type": "string"},
    "department": {"type": "object", "required": ["id", "name"],
                   "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
    "submitted_on": NULLABLE_DATE, "due_on": NULLABLE_DATE,
    "too_close": {"type": "boolean"}, "overdue": {"type": "boolean"}, "version": {"type": "integer"},
}
MATTER_SUMMARY = schema("MatterSummary", {"type": "object", "required": list(MATTER_SUMMARY_PROPS),
                                          "properties": MATTER_SUMMARY_PROPS})
MATERIAL = {"type": "object", "required": ["id", "code", "name", "required"],
            "properties": {"id": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"},
                           "required": {"type": "boolean"}}}
ADOPTION = {"type": "object", "nullable": True,
            "required": ["adopted", "reason", "revised_document_id", "answered_by", "answered_at"],
            "properties": {"adopted": {"type": "boolean"}, "reason": {"type": "string"},
                           "revised_document_id": {"type": "integer", "nullable": True},
                           "answered_by": PERSON, "answered_at": {"type": "string", "format": "date-time"}}}
POINT = schema("OpinionPoint", {
    "type": "object", "required": ["id", "number", "clause", "text", "adoption"],
    "properties": {"id": {"type": "integer"}, "number": {"type": "integer"}, "clause": {"type": "string"},
                   "text": {"type": "string"}, "adoption": ADOPTION}})
OPINION = schema("Opinion", {
    "type": "object", "nullable": True,
    "required": ["id", "conclusion", "conclusion_label", "reasons", "drafted_by", "signed_by", "signed_at",
                 "issued", "number", "issued_on", "docx_sha256", "points"],
    "properties": {"id": {"type": "integer"},
                   "conclusion": {"type": "string", "enum": [c.value for c in Conclusion]},
                   "conclusion_label": {"type": "string"}, "reasons": {"type": "string"},
                   "drafted_by": PERSON, "signed_by": _nullable(PERSON),
                   "signed_at": {"type": "string", "format": "date-time", "nullable": True},
                   "issued": {"type": "boolean"},
                   "number": {"type": "string", "nullable": True, "description": "如 示司审〔2026〕12号"},
                   "issued_on": NULLABLE_DATE, "docx_sha256": {"type": "string", "nullable": True},
                   "points": {"type": "array", "items": POINT}}})
DETAIL_PROPS = {
    **MATTER_SUMMARY_PROPS,
    "summary": {"type": "string"}, "legal_basis": {"type": "string"}, "planned_date": NULLABLE_DATE,
    "counterparties": {"type": "string"}, "contact_name": {"type": "string"},
    "contact_phone": {"type": "string"},
    "resume_status": {"type": "string", "enum": [s.value for s in Status], "nullable": True},
    "conclusion": {"type": "string", "enum": [c.value for c in Conclusion], "nullable": True},
    "signed_off": {"type": "boolean"},
    "reviewer": _nullable(PERSON),
    "clock": {"type": "object", "nullable": True,
              "required": ["started_on", "period_days", "paused", "remaining_days", "pauses", "extensions"],
              "properties": {
                  "started_on": {"type": "string", "format": "date"}, "period_days": {"type": "integer"},
                  "paused": {"type": "boolean"}, "remaining_days": {"type": "integer", "nullable": True},
                  "pauses": {"type": "array", "items": {
                      "type": "object", "required": ["start", "end", "reason"],
                      "properties": {"start": {"type": "string", "format": "date"}, "end": NULLABLE_DATE,
                                     "reason": {"type": "string"}}}},
                  "extensions": {"type": "array", "items": {
                      "type": "object", "required": ["days", "reason"],
                      "properties": {"days": {"type": "integer"}, "reason": {"type": "string"}}}}}},
    "materials": {"type": "array", "items": MATERIAL},
    "missing_materials": {"type": "array", "items": MATERIAL},
    "exemptions": {"type": "array", "items": {
        "type": "object", "required": ["material_kind_id", "reason"],
        "properties": {"material_kind_id": {"type": "integer"}, "reason": {"type": "string"}}}},
    "documents": {"type": "array", "items": DOCUMENT},
    "allowed_actions": {"type": "array", "items": {
        "type": "object", "required": ["action", "label"],
        "properties": {"action": {"type": "string", "enum": [a.value for a in Action]},
                       "label": {"type": "string"}}}},
    "opinion": OPINION,
}
MATTER = schema("Matter", {"type": "object", "required": list(DETAIL_PROPS), "properties": DETAIL_PROPS})
MATTER_PAGE = schema("MatterPage", {
    "type": "object", "required": ["items", "next_before"],
    "properties": {"items": {"type": "array", "items": MATTER_SUMMARY},
                   "next_before": {"type": "integer", "nullable": True}}})


def _strict(name: str, props: dict, required: list[str]) -> dict:
    return schema(name, {"type": "object", "additionalProperties": False, "required": required,
                         "properties": props})


NEW_MATTER = _strict("NewMatter", {"category": {"type": "string", "enum": [c.value for c in Category]},
                                   **FIELD_PROPS}, ["category", "title"])
MATTER_FIELDS = _strict("MatterFieldsUpdate", {"version": VERSION, **FIELD_PROPS}, ["version"])
EXEMPTION = _strict("MaterialExemption", {"material_kind_id": ID, "reason": {**REASON, "minLength": 1}},
                    ["material_kind_id", "reason"])
ACTION = _strict("MatterAction", {"action": {"type": "string", "enum": [a.value for a in GENERIC_ACTIONS]},
                                  "version": VERSION, "reason": REASON}, ["action", "version"])
REVIEWER = _strict("ReviewerAssignment", {"reviewer_id": ID, "version": VERSION}, ["reviewer_id", "version"])
EXTENSION = _strict("ClockExtension", {"days": {"type": "integer", "minimum": 1, "maximum": 60},
                                       "reason": {**REASON, "minLength": 1}, "version": VERSION},
                    ["days", "reason", "version"])
OPINION_DRAFT = _strict("OpinionDraft", {
    "conclusion": {"type": "string", "enum": [c.value for c in Conclusion]},
    "reasons": {"type": "string", "minLength": 1, "maxLength": 20000},
    "points": {"type": "array", "maxItems": 100, "items": {
        "type": "object", "additionalProperties": False, "required": ["text"],
        "properties": {"clause": {"type": "string", "maxLength": 80},
                       "text": {"type": "string", "minLength": 1, "maxLength": 5000}}}},
    "version": VERSION}, ["conclusion", "reasons", "version"])
VERSION_ONLY = _strict("VersionOnly", {"version": VERSION}, ["version"])
REJECTION = _strict("SignOffRejection", {"version": VERSION, "reason": {**REASON, "minLength": 1}},
                    ["version", "reason"])
ANSWER = _strict("AdoptionAnswer", {
    "adopted": {"type": "boolean"}, "reason": REASON,
    "revised_document_id": {**ID, "description": "采纳时必填：修改后的文稿（本事项已上传的文件）"}},
    ["adopted"])


# ---------------------------------------------------------------------------------------------- input

_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def _check_text(value, where="") -> None:
    """NUL and lone surrogates pass JSON but no database stores them: refuse them as bad input."""
    if isinstance(value, str) and _BAD_CHARS.search(value):
        raise OperationError(_("请求数据包含非法字符：%(where)s", where=where or "（根）"))
    if isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            _check_text(v, f"{where}/{k}" if where else str(k))
    if isinstance(value, list):
        for i, v in enumerate(value):
            _check_text(v, f"{where}/{i}")


def _body(ref: dict) -> dict:
    data = json_body(ref)
    _check_text(data)
    return data


def _date(text: str | None, field: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OperationError(_("日期格式有误：%(field)s（应为 YYYY-MM-DD）", field=field)) from None


def _fields(data: dict, current: Matter | None = None) -> mops.MatterFields:
    def text(key):
        return data[key] if key in data else (getattr(current, key) if current is not None else "")
    planned = _date(data["planned_date"], "planned_date") if "planned_date" in data else (
        current.planned_date if current is not None else None)
    return mops.MatterFields(title=text("title"), summary=text("summary"), legal_basis=text("legal_basis"),
                             planned_date=planned, counterparties=text("counterparties"),
                             contact_name=text("contact_name"), contact_phone=text("contact_phone"))


LIST_QUERY = [
    {"name": "q", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 100},
     "description": "按事项名称查找"},
    {"name": "category", "in": "query", "required": False,
     "schema": {"type": "string", "enum": [c.value for c in Category]}},
    {"name": "stage", "in": "query", "required": False,
     "schema": {"type": "string", "enum": [s.value for s in Stage]}},
    {"name": "status", "in": "query", "required": False,
     "schema": {"type": "string", "enum": [s.value for s in Status]}},
    {"name": "department_id", "in": "query", "required": False, "schema": ID},
    {"name": "date_from", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
     "description": "报送日期起（含）"},
    {"name": "date_to", "in": "query", "required": False, "schema": {"type": "string", "format": "date"},
     "description": "报送日期止（含）"},
    {"name": "overdue", "in": "query", "required": False, "schema": {"type": "boolean"}},
    {"name": "before", "in": "query", "required": False, "schema": ID,
     "description": "翻页游标：上一页返回的 next_before"},
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 30}},
]
_INT_TEXT = re.compile(r"[+-]?[0-9]{1,12}")


def _query(params: list[dict]) -> dict:
    """The query string, converted and checked against the parameters the OpenAPI document publishes."""
    out = {}
    for p in params:
        name, s = p["name"], p["schema"]
        raw = request.args.get(name)
        if raw is None or (raw == "" and s["type"] != "string"):
            continue
        _check_text(raw, name)
        bad = OperationError(_("查询参数有误：%(name)s", name=name))
        if s["type"] == "integer":
            if not _INT_TEXT.fullmatch(raw.strip()):
                raise bad
            value = int(raw)
        elif s["type"] == "boolean":
            if raw.lower() not in ("true", "false", "1", "0"):
                raise bad
            value = raw.lower() in ("true", "1")
        elif s.get("format") == "date":
            value = _date(raw, name)
        else:
            value = raw
        check = {k: v for k, v in s.items() if k != "format"}
        if s.get("format") == "date":
            check = {}
        if next(iter(Draft202012Validator(check).iter_errors(value)), None) is not None:
            raise bad
        out[name] = value
    return out


# ---------------------------------------------------------------------------------------------- output

def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def _ts(at: datetime | None) -> str | None:
    """RFC 3339 with an offset (SQLite hands back naive UTC datetimes)."""
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).isoformat()


def _person(u: User | None) -> dict | None:
    return {"id": u.id, "display_name": u.display_name} if u is not None else None


def document_json(d: Document) -> dict:
    return {"id": d.id, "matter_id": d.matter_id, "material_kind_id": d.material_kind_id,
            "material_kind_name": d.material_kind.name if d.material_kind is not None else None,
            "version_no": d.version_no, "display_name": d.display_name, "kind": d.kind, "mime": d.mime,
            "size": d.size, "sha256": d.sha256, "uploaded_by": _person(d.uploaded_by),
            "uploaded_at": _ts(d.uploaded_at)}


def _material(k: MaterialKind) -> dict:
    return {"id": k.id, "code": k.code, "name": k.name, "required": k.required}


def summary_json(m: Matter, today: date) -> dict:
    return {"id": m.id, "category": m.category.value, "category_label": labels.CATEGORY[m.category],
            "title": m.title, "status": m.status.value, "status_label": labels.STATUS[m.status],
            "stage": m.stage.value, "stage_label": labels.STAGE[m.stage],
            "department": {"id": m.department.id, "name": m.department.name},
            "submitted_on": _iso(m.submitted_on), "due_on": _iso(m.due_on), "too_close": m.too_close,
            "overdue": m.due_on is not None and m.due_on < today and m.status in ACTIVE_CLOCK,
            "version": m.version}


def _opinion_json(m: Matter, user: User) -> dict | None:
    o = m.opinion
    # The draft is the bureau's own until it is issued.
    if o is None or not (o.issued or user.has_role(Role.bureau_reviewer, Role.bureau_director)):
        return None
    points = []
    for p in o.points:
        a = p.adoption
        answer = None if a is None else {
            "adopted": a.adopted, "reason": a.reason, "revised_document_id": a.revised_document_id,
            "answered_by": _person(db.session.get(User, a.answered_by_id)), "answered_at": _ts(a.answered_at)}
        points.append({"id": p.id, "number": p.number, "clause": p.clause, "text": p.text,
                       "adoption": answer})
    return {"id": o.id, "conclusion": o.conclusion.value, "conclusion_label": labels.CONCLUSION[o.conclusion],
            "reasons": o.reasons, "drafted_by": _person(o.drafted_by), "signed_by": _person(o.signed_by),
            "signed_at": _ts(o.signed_at), "issued": o.issued,
            "number": rops.opinion_number_text(o) if o.issued else None, "issued_on": _iso(o.issued_on),
            "docx_sha256": o.docx_sha256, "points": points}


def _allowed(m: Matter, user: User) -> list[dict]:
    # Assigning a reviewer and drafting the opinion are offered before their facts exist: their endpoints'
    # bodies supply them (the reviewer, the draft).
    facts = replace(mops.guards(m), reviewer_assigned=True, has_opinion_draft=True)
    actions = allowed_actions(mops.state_of(m), user.roles, facts, m.category)
    own = user.organisation_id == m.department_id
    return [{"action": a.value, "label": labels.ACTION[a]} for a in actions
            if own or a not in mops.DEPARTMENT_ACTIONS]


def detail_json(m: Matter, user: User) -> dict:
    today = rules.today()
    clock = mops.review_clock(m)
    remaining = clock.remaining(rules.calendar(), today) if clock is not None else None
    return {
        **summary_json(m, today),
        "summary": m.summary, "legal_basis": m.legal_basis, "planned_date": _iso(m.planned_date),
        "counterparties": m.counterparties, "contact_name": m.contact_name, "contact_phone": m.contact_phone,
        "resume_status": m.resume_status.value if m.resume_status else None,
        "conclusion": m.conclusion.value if m.conclusion else None, "signed_off": m.signed_off,
        "reviewer": _person(m.reviewer),
        "clock": None if clock is None else {
            "started_on": _iso(m.clock_started_on), "period_days": m.period_days, "paused": clock.is_paused,
            "remaining_days": remaining,
            "pauses": [{"start": _iso(p.start), "end": _iso(p.end), "reason": p.reason} for p in m.pauses],
            "extensions": [{"days": e.days, "reason": e.reason} for e in m.extensions]},
        "materials": [_material(k) for k in mops.required_kinds(m.category)],
        "missing_materials": [_material(k) for k in mops.missing_materials(m)],
        "exemptions": [{"material_kind_id": e.material_kind_id, "reason": e.reason} for e in m.exemptions],
        "documents": [document_json(d) for d in m.documents],
        "allowed_actions": _allowed(m, user),
        "opinion": _opinion_json(m, user),
    }


# ---------------------------------------------------------------------------------------------- views

def _user() -> User:
    return current_user._get_current_object()


def _row(model, row_id: int):
    """The row, or None; ids beyond the database's integer range match nothing (and must not reach it)."""
    return db.session.get(model, row_id) if 1 <= row_id <= INT32 else None


def _matter(matter_id: int) -> Matter:
    """The matter if the caller may see it; otherwise 404, so its existence is not revealed."""
    m = _row(Matter, matter_id)
    if m is None or not m.can_view(_user()):
        abort(404)
    return m


def _done(m: Matter, status: int = 200):
    db.session.commit()
    return jsonify(detail_json(m, _user())), status


@api_route("/matters", "GET", "审核事项列表（按编号倒序，游标翻页）", MATTER_PAGE, query=LIST_QUERY)
def list_matters():
    args = _query(LIST_QUERY)
    for key, enum in (("category", Category), ("stage", Stage), ("status", Status)):
        if key in args:
            args[key] = enum(args[key])
    today = rules.today()
    rows, next_before = search(_user(), MatterFilter(**args), today)
    return jsonify({"items": [summary_json(m, today) for m in rows], "next_before": next_before})


@api_route("/matters", "POST", "报送新的审核事项（草稿）", MATTER, body=NEW_MATTER, status=201)
def create_matter():
    data = _body(NEW_MATTER)
    m = mops.create_matter(_user(), Category(data["category"]), _fields(data))
    return _done(m, 201)


@api_route("/matters/<int:matter_id>", "GET", "审核事项详情", MATTER)
def get_matter(matter_id: int):
    return jsonify(detail_json(_matter(matter_id), _user()))


@api_route("/matters/<int:matter_id>/fields", "POST", "修改事项基本信息（只改所给字段）", MATTER,
           body=MATTER_FIELDS)
def update_matter_fields(matter_id: int):
    m = _matter(matter_id)
    data = _body(MATTER_FIELDS)
    mops.update_matter(_user(), m, data["version"], _fields(data, current=m))
    return _done(m)


@api_route("/matters/<int:matter_id>/documents", "POST", "上传材料（multipart/form-data）", DOCUMENT,
           status=201)
def upload_document(matter_id: int):
    m = _matter(matter_id)
    f = request.files.get("file")
    if f is None:
        raise OperationError(_("请选择要上传的文件（表单字段 file）"))
    kind = None
    raw = request.form.get("material_kind_id", "").strip()
    if raw:
        if not re.fullmatch(r"[0-9]{1,10}", raw) or not 1 <= int(raw) <= INT32:
            raise OperationError(_("材料类型编号有误"))
        kind = db.session.get(MaterialKind, int(raw))
        if kind is None:
            raise OperationError(_("材料类型不存在"))
    filename = f.filename or ""
    if _BAD_CHARS.search(filename):
        raise OperationError(_("文件名包含非法字符"))
    doc = mops.upload(_user(), m, kind, filename, f.read())
    db.session.commit()
    return jsonify(document_json(doc)), 201


PATHS["/api/v1/matters/{matter_id}/documents"]["post"]["requestBody"] = {
    "required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary",
                                "description": "docx、pdf、xlsx、jpg 或 png，不超过上传大小上限"},
                       "material_kind_id": {**ID, "description": "材料类型；修改后的文稿等可不填"}}}}}}


def _visible_document(document_id: int) -> Document:
    d = _row(Document, document_id)
    if d is None or not d.matter.can_view(_user()):
        abort(404)
    return d


@api_route("/documents/<int:document_id>/content", "GET", "下载文件原文", BINARY, media_types=MEDIA_TYPES)
def get_document_content(document_id: int):
    d = _visible_document(document_id)
    return send_file(blob_store().path(d.sha256), mimetype=d.mime, as_attachment=True,
                     download_name=d.display_name)


@api_route("/matters/<int:matter_id>/opinion.docx", "GET", "下载已出具的审核意见书（印发时的文件，哈希不变）",
           BINARY, media_types=(DOCX_MIME,))
def get_opinion_docx(matter_id: int):
    m = _matter(matter_id)
    if m.opinion is None or not m.opinion.issued:
        abort(404)
    return send_file(blob_store().path(m.opinion.docx_sha256), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{rops.opinion_number_text(m.opinion)}.docx")


@api_route("/documents/<int:document_id>", "GET", "文件元数据", DOCUMENT)
def get_document(document_id: int):
    return jsonify(document_json(_visible_document(document_id)))


@api_route("/matters/<int:matter_id>/exemptions", "POST", "说明某项必备材料免报的理由", MATTER, body=EXEMPTION)
def set_exemption(matter_id: int):
    m = _matter(matter_id)
    data = _body(EXEMPTION)
    kind = db.session.get(MaterialKind, int(data["material_kind_id"]))
    if kind is None:
        raise OperationError(_("材料类型不存在"))
    mops.set_exemption(_user(), m, kind, data["reason"])
    return _done(m)


@api_route("/matters/<int:matter_id>/actions", "POST", "流转操作（提交、审核通过、受理、转送、补正、退回、撤回等）",
           MATTER, body=ACTION)
def matter_action(matter_id: int):
    m = _matter(matter_id)
    data = _body(ACTION)
    mops.transition(_user(), m, Action(data["action"]), data["version"], reason=data.get("reason", ""))
    return _done(m)


@api_route("/matters/<int:matter_id>/reviewer", "POST", "分配审核人员", MATTER, body=REVIEWER)
def assign_reviewer(matter_id: int):
    m = _matter(matter_id)
    data = _body(REVIEWER)
    reviewer = db.session.get(User, int(data["reviewer_id"]))
    if reviewer is None:
        raise OperationError(_("只能分配司法局的审核人员"))
    mops.assign_reviewer(_user(), m, data["version"], reviewer)
    return _done(m)


@api_route("/matters/<int:matter_id>/extensions", "POST", "延长审核期限（须说明理由）", MATTER, body=EXTENSION)
def extend_matter(matter_id: int):
    m = _matter(matter_id)
    data = _body(EXTENSION)
    mops.extend(_user(), m, data["version"], int(data["days"]), data["reason"])
    return _done(m)


@api_route("/matters/<int:matter_id>/opinion", "POST", "起草（或重拟）审核意见书并报负责人签发", MATTER,
           body=OPINION_DRAFT)
def save_opinion(matter_id: int):
    m = _matter(matter_id)
    data = _body(OPINION_DRAFT)
    points = [rops.PointInput(p.get("clause", ""), p["text"]) for p in data.get("points", [])]
    rops.save_opinion(_user(), m, data["version"], Conclusion(data["conclusion"]), data["reasons"], points)
    return _done(m)


@api_route("/matters/<int:matter_id>/opinion/sign-off", "POST", "负责人签发审核意见书", MATTER, body=VERSION_ONLY)
def sign_off_opinion(matter_id: int):
    m = _matter(matter_id)
    data = _body(VERSION_ONLY)
    rops.sign_off(_user(), m, data["version"])
    return _done(m)


@api_route("/matters/<int:matter_id>/opinion/reject", "POST", "负责人退回重拟", MATTER, body=REJECTION)
def reject_opinion(matter_id: int):
    m = _matter(matter_id)
    data = _body(REJECTION)
    rops.reject_sign_off(_user(), m, data["version"], data["reason"])
    return _done(m)


@api_route("/matters/<int:matter_id>/opinion/issue", "POST", "出具审核意见书（编号）", MATTER, body=VERSION_ONLY)
def issue_opinion(matter_id: int):
    m = _matter(matter_id)
    data = _body(VERSION_ONLY)
    rops.issue(_user(), m, data["version"])
    return _done(m)


@api_route("/matters/<int:matter_id>/adoption/<int:point_id>", "POST", "答复一条修改意见的采纳情况", MATTER,
           body=ANSWER)
def answer_point(matter_id: int, point_id: int):
    m = _matter(matter_id)
    point = _row(OpinionPoint, point_id)
    if point is None or point.opinion.matter_id != m.id or not point.opinion.issued:
        abort(404)
    data = _body(ANSWER)
    revised = data.get("revised_document_id")
    rops.answer_point(_user(), m, point, data["adopted"], data.get("reason", ""),
                      int(revised) if revised is not None else None)
    return _done(m)


@api_route("/matters/<int:matter_id>/adoption/finish", "POST", "提交采纳情况答复", MATTER, body=VERSION_ONLY)
def finish_adoption(matter_id: int):
    m = _matter(matter_id)
    data = _body(VERSION_ONLY)
    rops.finish_adoption(_user(), m, data["version"])
    return _done(m)

