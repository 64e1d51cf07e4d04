"""API: the expert pool — the roster and its related parties, a matter's parties, draws with their full
records (and whether they replay), assignments, advisers' opinions and ratings — through the same policy
(review_app.experts_pool.policy) and the same operations as the pages: the bureau its district's pool, an
adviser its own member, invitations and opinions, anyone else nothing (404)."""
from datetime import date
from typing import Any, Literal

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field

from experts.load import AssignmentState
from experts.ratings import Rating
from experts.verify_draw import PartyRole, RecordKind, RelationKind
from workflows.text import N_

from .. import limits
from ..experts_admin import operations as roster
from ..experts_pool import operations as ops
from ..experts_pool import opinions, policy
from ..extensions import db
from ..matters import policy as matter_policy
from ..models import (AdviserComment, AdviserOpinionStatus, Assignment, ChangeKind, DrawRecord, EnteredBy,
                      Expert, ExpertKind, ExpertStatus, Matter, User)
from ..operations import OperationError
from . import api_route
from .schemas import INT32, Id, Query, Request, Resource, Timestamp, Version, bounded

PartyName = bounded(ops.PARTY_NAME_MAX, 1, title=N_("当事人名称"))
StatusReason = bounded(limits.REASON, 1, title=N_("理由"))
RefuseReason = bounded(ops.REASON_MAX, 1, title=N_("理由"))
DesignationReason = bounded(ops.REASON_MAX, 1, title=N_("指定理由"))
RedrawReason = bounded(ops.REASON_MAX, 1, title=N_("重新抽取的理由"))
LongText = bounded(opinions.TEXT_MAX, title=N_("意见"))
MemberName = bounded(roster.NAME_MAX, 1, title=N_("名称或姓名"))
LicenceNo = bounded(roster.LICENCE_MAX, 1, title=N_("执业证号或统一社会信用代码"))


def _user() -> User:
    return current_user._get_current_object()


def _row(model, row_id: int, seen):
    row = db.session.get(model, row_id) if 1 <= row_id <= INT32 else None
    if row is None or not seen(_user(), row):
        abort(404)
    return row


# --- resources ----------------------------------------------------------------------------------------------

class ExpertOut(Resource):
    id: int
    kind: ExpertKind
    name: str
    firm_id: int | None = Field(description="所属律所（专家库成员）")
    firm_name: str = Field(description="所属律所名称")
    licence_no: str
    specialties: list[str]
    term_start: date
    term_end: date
    status: ExpertStatus
    load_cap: int
    version: int

    @classmethod
    def of(cls, e: Expert) -> "ExpertOut":
        return cls(id=e.id, kind=e.kind, name=e.name, firm_id=e.firm_id, firm_name=e.firm_label,
                   licence_no=e.licence_no, specialties=e.specialty_names, term_start=e.term_start,
                   term_end=e.term_end, status=e.status, load_cap=e.load_cap, version=e.version)


class RelatedPartyOut(Resource):
    id: int
    expert_id: int
    kind: RelationKind
    party_name: str
    start: date | None
    end: date | None
    entered_by: EnteredBy


class DrawOut(Resource):
    """A draw record with every field the standalone verifier reads (`record`), and whether it replays."""
    id: int
    record_no: str
    matter_id: int
    kind: RecordKind
    redraw_of: int | None = Field(description="重新抽取时所取代的记录")
    reason: str
    drawn_at: Timestamp
    picks: list[int]
    alternates: list[int]
    shortfall: str | None
    replay_matches: bool
    differences: list[str]
    record: dict[str, Any] = Field(description="抽取记录全文（experts/verify_draw.py 的输入）")

    @classmethod
    def of(cls, d: DrawRecord) -> "DrawOut":
        result = ops.replay_row(d)
        return cls(id=d.id, record_no=d.record_no, matter_id=d.matter_id, kind=d.kind,
                   redraw_of=d.previous_id, reason=d.reason, drawn_at=d.drawn_at, picks=d.picks,
                   alternates=d.alternates,
                   shortfall=d.shortfall, replay_matches=result.matches, differences=list(result.differences),
                   record=d.record_json())


class CommentOut(Resource):
    id: int
    number: int
    clause: str
    text: str
    adopted_point_id: int | None = Field(description="已采用为审核意见书的修改意见")


class OpinionOut(Resource):
    status: AdviserOpinionStatus
    overall: str
    comments: list[CommentOut]
    risk_notes: str
    legal_basis: str
    submitted_on: date | None
    version: int


class RatingOut(Resource):
    timeliness: int
    quality: int
    adoption: int
    overall: float
    note: str
    rated_on: date


class AssignmentOut(Resource):
    id: int
    matter_id: int
    matter_title: str
    expert_id: int
    expert_name: str
    draw_id: int
    state: AssignmentState
    invited_on: date
    accept_due: date
    opinion_due: date | None
    answer_reason: str
    opinion: OpinionOut | None
    rating: RatingOut | None
    version: int

    @classmethod
    def of(cls, a: Assignment) -> "AssignmentOut":
        o, r = a.opinion, a.rating
        return cls(
            id=a.id, matter_id=a.matter_id, matter_title=a.matter.title, expert_id=a.expert_id,
            expert_name=a.expert.name, draw_id=a.draw_id, state=a.state, invited_on=a.invited_on,
            accept_due=a.accept_due, opinion_due=a.opinion_due, answer_reason=a.answer_reason,
            opinion=None if o is None else OpinionOut(
                status=o.status, overall=o.overall, risk_notes=o.risk_notes, legal_basis=o.legal_basis,
                submitted_on=o.submitted_on, version=o.version,
                comments=[CommentOut(id=c.id, number=c.number, clause=c.clause, text=c.text,
                                     adopted_point_id=c.point_id) for c in o.comments]),
            rating=None if r is None else RatingOut(
                timeliness=r.timeliness, quality=r.quality, adoption=r.adoption, note=r.note,
                rated_on=r.rated_on,
                overall=float(Rating(r.timeliness, r.quality, r.adoption).overall())),
            version=a.version)


class ExpertList(Resource):
    items: list[ExpertOut]


class AssignmentList(Resource):
    items: list[AssignmentOut]


class DrawList(Resource):
    items: list[DrawOut]


class PointOut(Resource):
    id: int
    number: int
    clause: str
    text: str


# --- requests -----------------------------------------------------------------------------------------------

class RelatedPartyIn(Request):
    kind: RelationKind
    party_name: PartyName
    start: date | None = None
    end: date | None = None


class MemberIn(Request):
    """A member's particulars, with the same limits as the roster form and the Excel import."""
    kind: ExpertKind
    name: MemberName
    licence_no: LicenceNo
    specialties: list[bounded(40, 1)] = Field([], max_length=20, description="本区专业领域清单中的名称")
    term_start: date
    term_end: date = Field(description="聘期 1 至 3 年")
    firm_id: Id | None = Field(None, description="所属律所（专家库中的律所成员）")
    firm_name: bounded(roster.NAME_MAX) | None = Field(None, description="所属律所不在专家库时填写名称")
    load_cap: int = Field(3, ge=1, le=roster.LOAD_CAP_MAX, description="同时在办任务的上限")
    contact: bounded(roster.CONTACT_MAX) | None = None
    phone: bounded(roster.PHONE_MAX) | None = None
    note: bounded(roster.NOTE_MAX) | None = None

    def fields(self) -> roster.MemberFields:
        return roster.MemberFields(**self.model_dump())


class MemberUpdate(MemberIn):
    version: Version

    def fields(self) -> roster.MemberFields:
        return roster.MemberFields(**self.model_dump(exclude={"version"}))


class RenewalIn(Request):
    version: Version
    term_end: date = Field(description="新聘期的截止日期（聘期 1 至 3 年）")
    term_start: date | None = Field(None, description="省略时为原聘期截止日的次日")
    reason: StatusReason


class StatusIn(Request):
    version: Version
    change: Literal["suspended", "reinstated", "exited"]
    reason: StatusReason
    effective_on: date | None = None


class MatterPartyIn(Request):
    name: PartyName
    role: PartyRole


class MatterPartiesIn(Request):
    parties: list[MatterPartyIn] = Field(max_length=ops.MAX_PARTIES)
    drafter_ids: list[Id] = Field([], max_length=50, description="参与起草本事项的专家库成员")


class DrawIn(Request):
    wanted: int = Field(1, ge=1, le=ops.MAX_WANTED, title=N_("抽取人数"))
    specialty: bounded(40) | None = Field(None, description="优先的专业领域")


class DesignationIn(Request):
    expert_ids: list[Id] = Field(min_length=1, max_length=ops.MAX_WANTED)
    reason: DesignationReason


class RedrawIn(Request):
    reason: RedrawReason


class AcceptIn(Request):
    version: Version
    no_conflict: bool = Field(description="声明与本事项及其当事人无利害关系")


class RefuseIn(Request):
    version: Version
    reason: RefuseReason


class CommentIn(Request):
    clause: bounded(limits.CLAUSE) = ""
    text: bounded(limits.POINT_TEXT, 1)


class OpinionIn(Request):
    opinion_version: Version | None = None
    overall: LongText = ""
    comments: list[CommentIn] = Field([], max_length=limits.MAX_POINTS)
    risk_notes: LongText = ""
    legal_basis: LongText = ""
    submit: bool = Field(False, description="true 为提交（提交后不能再修改），false 为保存草稿")


class RatingIn(Request):
    timeliness: int = Field(ge=0, le=100)
    quality: int = Field(ge=0, le=100)
    adoption: int = Field(ge=0, le=100)
    note: bounded(limits.REASON) = ""


class AssignmentQuery(Query):
    matter_id: Id | None = None
    state: AssignmentState | None = None


# --- the roster ---------------------------------------------------------------------------------------------

@api_route("/experts", "GET", "法律顾问专家库名册", ExpertList)
def list_experts():
    rows = db.session.scalars(sa.select(Expert).where(policy.members_visible(_user())).order_by(Expert.id))
    return ExpertList(items=[ExpertOut.of(e) for e in rows])


@api_route("/experts/<int:expert_id>", "GET", "专家库成员", ExpertOut)
def get_expert(expert_id: int):
    return ExpertOut.of(_row(Expert, expert_id, policy.can_view_member))


@api_route("/experts", "POST", "新增专家库成员（司法局）", ExpertOut, body=MemberIn, status=201)
def create_expert(body: MemberIn):
    return ExpertOut.of(roster.create_member(_user(), _user().district_id, body.fields()))


@api_route("/experts/<int:expert_id>", "PUT", "修改成员信息（状态变更和续聘另有接口）", ExpertOut, body=MemberUpdate)
def update_expert(expert_id: int, body: MemberUpdate):
    e = _row(Expert, expert_id, policy.can_view_member)
    roster.update_member(_user(), e, body.version, body.fields())
    return ExpertOut.of(e)


@api_route("/experts/<int:expert_id>/renewal", "POST", "续聘（新聘期 1 至 3 年，须写明理由）", ExpertOut,
           body=RenewalIn)
def renew_expert(expert_id: int, body: RenewalIn):
    e = _row(Expert, expert_id, policy.can_view_member)
    roster.renew(_user(), e, body.version, body.term_end, body.reason, body.term_start)
    return ExpertOut.of(e)


@api_route("/experts/<int:expert_id>/status", "POST", "暂停、恢复或退出（须写明理由）", ExpertOut, body=StatusIn)
def change_expert_status(expert_id: int, body: StatusIn):
    e = _row(Expert, expert_id, policy.can_view_member)
    roster.change_status(_user(), e, body.version, ChangeKind(body.change), body.reason, body.effective_on)
    return ExpertOut.of(e)


@api_route("/experts/<int:expert_id>/related-parties", "GET", "成员的关联方登记", list[RelatedPartyOut])
def list_related_parties(expert_id: int):
    return _row(Expert, expert_id, policy.can_view_member).related_parties


@api_route("/experts/<int:expert_id>/related-parties", "POST", "登记关联方（司法局登记或成员自行申报）",
           RelatedPartyOut, body=RelatedPartyIn, status=201)
def add_related_party(expert_id: int, body: RelatedPartyIn):
    e = _row(Expert, expert_id, policy.can_view_member)
    return roster.add_related_party(_user(), e, body.kind, body.party_name, body.start, body.end)


# --- a matter's parties and its draws -----------------------------------------------------------------------

def _matter(matter_id: int) -> Matter:
    m = db.session.get(Matter, matter_id) if 1 <= matter_id <= INT32 else None
    if m is None or not matter_policy.can_view(_user(), m):
        abort(404)
    return m


@api_route("/matters/<int:matter_id>/parties", "PUT", "登记事项的相对方、利害关系人和参与起草的成员", DrawList,
           body=MatterPartiesIn)
def set_matter_parties(matter_id: int, body: MatterPartiesIn):
    m = _matter(matter_id)
    ops.set_matter_parties(_user(), m, [(p.name, p.role) for p in body.parties], body.drafter_ids)
    return _draws_of(m)


def _draws_of(m: Matter) -> DrawList:
    rows = db.session.scalars(sa.select(DrawRecord).where(
        DrawRecord.matter_id == m.id, policy.draws_visible(_user())).order_by(DrawRecord.id))
    return DrawList(items=[DrawOut.of(d) for d in rows])


@api_route("/matters/<int:matter_id>/draws", "GET", "事项的抽取记录", DrawList)
def list_matter_draws(matter_id: int):
    return _draws_of(_matter(matter_id))


@api_route("/matters/<int:matter_id>/draws", "POST", "随机抽取法律顾问（并征询意见）", DrawOut, body=DrawIn, status=201)
def draw_advisers(matter_id: int, body: DrawIn):
    return DrawOut.of(ops.draw_advisers(_user(), _matter(matter_id), body.wanted, body.specialty))


@api_route("/matters/<int:matter_id>/designations", "POST", "指定法律顾问（须书面说明理由）", DrawOut,
           body=DesignationIn, status=201)
def designate_advisers(matter_id: int, body: DesignationIn):
    return DrawOut.of(ops.designate(_user(), _matter(matter_id), body.expert_ids, body.reason))


@api_route("/draws/<int:draw_id>", "GET", "抽取记录（含快照、排除、排序、人选与候补）及重算结果", DrawOut)
def get_draw(draw_id: int):
    return DrawOut.of(_row(DrawRecord, draw_id, policy.can_view_draw))


@api_route("/draws/<int:draw_id>/redraw", "POST", "重新抽取（生成新记录）", DrawOut, body=RedrawIn, status=201)
def redraw_advisers(draw_id: int, body: RedrawIn):
    previous = _row(DrawRecord, draw_id, policy.can_view_draw)
    return DrawOut.of(ops.redraw(_user(), previous.matter, previous, body.reason))


# --- assignments, opinions, ratings -------------------------------------------------------------------------

@api_route("/assignments", "GET", "邀请与指派（法律顾问为本人的，司法局为本区的）", AssignmentList, query=AssignmentQuery)
def list_assignments(query: AssignmentQuery):
    q = (sa.select(Assignment).where(policy.assignments_visible(_user()))
         .order_by(Assignment.id.desc()).limit(500))
    if query.matter_id is not None:
        q = q.where(Assignment.matter_id == query.matter_id)
    if query.state is not None:
        q = q.where(Assignment.state == query.state)
    return AssignmentList(items=[AssignmentOut.of(a) for a in db.session.scalars(q)])


def _assignment(assignment_id: int) -> Assignment:
    return _row(Assignment, assignment_id, policy.can_view_assignment)


@api_route("/assignments/<int:assignment_id>", "GET", "邀请或指派", AssignmentOut)
def get_assignment(assignment_id: int):
    return AssignmentOut.of(_assignment(assignment_id))


@api_route("/assignments/<int:assignment_id>/accept", "POST", "声明无利害关系并接受邀请", AssignmentOut, body=AcceptIn)
def accept_assignment(assignment_id: int, body: AcceptIn):
    a = _assignment(assignment_id)
    ops.accept(_user(), a, body.version, body.no_conflict)
    return AssignmentOut.of(a)


@api_route("/assignments/<int:assignment_id>/decline", "POST", "谢绝邀请（邀请下一名候补）", AssignmentOut, body=RefuseIn)
def decline_assignment(assignment_id: int, body: RefuseIn):
    a = _assignment(assignment_id)
    ops.refuse(_user(), a, body.version, body.reason, conflict=False)
    return AssignmentOut.of(a)


@api_route("/assignments/<int:assignment_id>/conflict", "POST", "申报回避（邀请下一名候补）", AssignmentOut,
           body=RefuseIn)
def declare_conflict(assignment_id: int, body: RefuseIn):
    a = _assignment(assignment_id)
    ops.refuse(_user(), a, body.version, body.reason, conflict=True)
    return AssignmentOut.of(a)


@api_route("/assignments/<int:assignment_id>/opinion", "PUT", "保存或提交法律顾问意见", AssignmentOut, body=OpinionIn)
def save_adviser_opinion(assignment_id: int, body: OpinionIn):
    a = _assignment(assignment_id)
    opinions.save(_user(), a, body.opinion_version, body.overall, body.risk_notes, body.legal_basis,
                  [opinions.CommentInput(c.clause, c.text) for c in body.comments], body.submit)
    return AssignmentOut.of(a)


@api_route("/assignments/<int:assignment_id>/rating", "POST", "评价法律顾问意见（0–100 分）", AssignmentOut,
           body=RatingIn, status=201)
def rate_adviser_opinion(assignment_id: int, body: RatingIn):
    a = _assignment(assignment_id)
    opinions.rate(_user(), a, body.timeliness, body.quality, body.adoption, body.note)
    return AssignmentOut.of(a)


@api_route("/adviser-comments/<int:comment_id>/adopt", "POST", "将法律顾问的一条意见采用为审核意见书的修改意见",
           PointOut, status=201)
def adopt_adviser_comment(comment_id: int):
    comment = db.session.get(AdviserComment, comment_id) if 1 <= comment_id <= INT32 else None
    if comment is None or not policy.can_view_assignment(_user(), comment.opinion.assignment):
        abort(404)
    if not _user().has_role(*policy.BUREAU):
        raise OperationError(_("只有司法局可以采用法律顾问意见"), 403)
    return opinions.adopt_comment(_user(), comment)
