"""API: clause flags (#12) — the clauses of a draft version, its flags, and the bureau's accept and dismiss.

The clause split is read by whoever may see the matter (the department its own drafts); flags only by the
bureau (review_app.clauses.policy). A version is the document id the pipeline's API already returns.
"""
from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field

from workflows.clause_flags import RULES_BY_ID
from workflows.clause_rules import BASES, FlagCategory, Level
from workflows.clauses import ClauseKind
from workflows.review import Category

from .. import labels, limits
from ..clauses import operations as ops
from ..clauses import policy
from ..clauses.panel import resolved_by, rule_title, warning_text
from ..clauses.reading import ensure_read
from ..matters import policy as matters_policy
from ..models import ClauseFlag, Document, FlagDecision, User
from ..operations import OperationError
from . import api_route
from .matters import _row
from .schemas import PersonRef, Request, Resource, Timestamp, Version, bounded


class ItemOut(Resource):
    number: int
    label: str = Field(description="如 （一）、（1）、1.、①")
    text: str
    start: int = Field(description="在条文正文中的起始位置（字符）")
    end: int


class ClauseOut(Resource):
    id: int
    kind: ClauseKind
    number: int = Field(description="条、部分的序号；序言和附件为 0")
    label: str = Field(description="如 第五条、附件1、序言")
    chapter: str
    section: str
    text: str = Field(description="不含条文序号的正文，段落以换行分隔")
    items: list[ItemOut]


class ClauseList(Resource):
    document_id: int
    version_no: int
    category: Category | None = Field(description="按哪一类事项的规则阅读；法律意见征询函为 null（不提示）")
    warnings: list[str] = Field(description="条文序号不连续、重复等，供起草单位修正")
    clauses: list[ClauseOut]


class BasisOut(Resource):
    citation: str
    gist: str
    verify: bool = Field(description="true：出处来自二手资料，待核实")


class PointRef(Resource):
    id: int | None = Field(description="意见书草稿保存后条目会重建，此时为 null")
    number: int = Field(description="采纳时在意见书中的序号")


class FlagOut(Resource):
    id: int
    document_id: int
    clause_id: int
    clause_label: str
    location: str = Field(description="如 第五条、第五条第（二）项")
    rule_id: str
    rule_title: str
    category: FlagCategory
    category_label: str
    level: Level
    level_label: str
    refers: bool = Field(description="true：只是援引上位法的规定（低），并非设定")
    article: str
    bases: list[BasisOut]
    spans: list[tuple[int, int]] = Field(description="触发词在条文正文中的位置 [起, 止)")
    words: list[str]
    suggested_point: str
    decision: FlagDecision | None
    carried: bool = Field(description="true：决定是在此前版本的同一提示上作出的")
    reason: str
    decided_by: PersonRef | None
    decided_at: Timestamp | None
    point: PointRef | None
    continues_id: int | None = Field(description="上一版本中的同一提示")
    resolved_in_document_id: int | None = Field(description="不再出现该提示的后续版本")
    version: int

    @classmethod
    def of(cls, f: ClauseFlag) -> "FlagOut":
        rule = RULES_BY_ID.get(f.rule_id)
        return cls(
            id=f.id, document_id=f.document_id, clause_id=f.clause_id, clause_label=f.clause.label,
            location=f.location, rule_id=f.rule_id, rule_title=rule_title(f.rule_id), category=f.category,
            category_label=labels.FLAG_CATEGORY[f.category], level=f.level, level_label=labels.LEVEL[f.level],
            refers=f.refers, article=f.article,
            bases=[BasisOut(citation=BASES[k].citation, gist=_(BASES[k].gist), verify=BASES[k].verify)
                   for k in (rule.bases if rule else ())],
            spans=[tuple(s) for s in f.spans], words=f.words, suggested_point=f.point, decision=f.decision,
            carried=f.carried, reason=f.reason,
            decided_by=PersonRef.model_validate(f.decided_by) if f.decided_by else None, decided_at=f.decided_at,
            point=PointRef(id=f.point_id, number=f.point_number) if f.point_number is not None else None,
            continues_id=f.continues_id, resolved_in_document_id=f.resolved_in_id, version=f.version)


class FlagList(Resource):
    document_id: int
    version_no: int
    flags: list[FlagOut]
    resolved: list[FlagOut] = Field(description="上一版本中、本版本已不再出现的提示")


class FlagAccept(Request):
    version: Version


class FlagDismissal(Request):
    version: Version
    reason: bounded(limits.REASON, 1)


def _user() -> User:
    return current_user._get_current_object()


def _draft(document_id: int):
    """The version and its reading, if the caller may see the matter; 404 otherwise or for a non-draft."""
    d = _row(Document, document_id)
    if d is None or not matters_policy.can_view(_user(), d.matter):
        abort(404)
    reading = ensure_read(d)
    if reading is None:
        raise OperationError(_("该文件不是 docx 格式的草案，没有条文"), 404)
    return d, reading


@api_route("/documents/<int:document_id>/clauses", "GET", "草案某一版本的条文（与在线查看、意见书条款选择同一拆分）",
           ClauseList)
def get_document_clauses(document_id: int):
    d, reading = _draft(document_id)
    return ClauseList(document_id=d.id, version_no=d.version_no, category=reading.category,
                      warnings=[warning_text(w) for w in reading.warnings],
                      clauses=[ClauseOut.model_validate(c) for c in reading.clauses])


@api_route("/documents/<int:document_id>/flags", "GET", "草案某一版本的条文提示（仅司法局）", FlagList)
def get_document_flags(document_id: int):
    d, reading = _draft(document_id)
    if not policy.can_view_flags(_user(), d.matter):
        abort(404)
    return FlagList(document_id=d.id, version_no=d.version_no, flags=[FlagOut.of(f) for f in reading.flags],
                    resolved=[FlagOut.of(f) for f in resolved_by(d)])


def _flag(flag_id: int) -> ClauseFlag:
    return ops.require_visible(_user(), _row(ClauseFlag, flag_id))


@api_route("/flags/<int:flag_id>/accept", "POST", "采纳提示：作为修改意见加入审核意见书草稿（对应条款）", FlagOut,
           body=FlagAccept)
def accept_flag(flag_id: int, body: FlagAccept):
    return FlagOut.of(ops.accept(_user(), _flag(flag_id), body.version))


@api_route("/flags/<int:flag_id>/dismiss", "POST", "不采纳提示（须写明理由）", FlagOut, body=FlagDismissal)
def dismiss_flag(flag_id: int, body: FlagDismissal):
    return FlagOut.of(ops.dismiss(_user(), _flag(flag_id), body.version, body.reason))
