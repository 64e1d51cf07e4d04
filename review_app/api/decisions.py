"""API: the decision registry (决策事项登记), read by the bureau and written by the decision body's systems."""
from datetime import date
from typing import Literal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_login import current_user
from pydantic import Field

from workflows.review import Category, DecisionOutcome
from workflows.text import N_

from .. import limits
from ..decisions import operations as ops
from ..decisions import policy
from ..extensions import db
from ..models import Decision
from ..operations import OperationError
from . import api_route
from .schemas import Id, Query, Request, Resource, bounded


class DecisionOut(Resource):
    id: int
    meeting_name: str
    meeting_date: date
    title: str
    category: Category
    department_id: int | None
    department_name: str | None
    reviewed: bool = Field(description="false: 未经合法性审核（覆盖缺口）")
    matter_id: int | None
    opinion_number: str | None = Field(description="如 示司审〔2026〕3号")
    outcome: DecisionOutcome | None = Field(description="决策结果；年度目录中尚未决策的为空")
    unreviewed_reason: str

    @classmethod
    def of(cls, d: Decision) -> "DecisionOut":
        return cls(id=d.id, meeting_name=d.meeting_name, meeting_date=d.meeting_date, title=d.title,
                   category=d.category, department_id=d.department_id,
                   department_name=d.department.name if d.department else None, reviewed=d.matter_id is not None,
                   matter_id=d.matter_id, opinion_number=ops.opinion_number(d) or None, outcome=d.outcome,
                   unreviewed_reason=d.unreviewed_reason)


class DecisionList(Resource):
    total: int
    items: list[DecisionOut]


MeetingName = bounded(limits.MEETING_NAME, 1, title=N_("会议名称"))
AgendaTitle = bounded(limits.TITLE, 1, title=N_("议题名称"))


class NewDecision(Request):
    meeting_name: MeetingName
    meeting_date: date = Field(title=N_("会议日期"), description="如 2026-11-25")
    outcome: Literal[tuple(o.value for o in DecisionOutcome)] | None = Field(
        None, description="决策结果：passed 通过、passed_amended 修改后通过、rejected 不通过、deferred 暂缓")
    title: AgendaTitle = Field(None, description="关联审核事项时可不填，取自该事项")
    category: Literal[tuple(c.value for c in Category)] = Field(None, description="关联审核事项时可不填")
    department_id: Id | None = None
    matter_id: Id | None = Field(None, description="已出具审核意见书的审核事项；与 opinion_number 二选一")
    opinion_number: bounded(limits.OPINION_NUMBER) | None = Field(
        None, description="审核意见书编号，如 示司审〔2026〕3号")
    unreviewed_reason: bounded(limits.REASON) = Field("", description="未经合法性审核时必填")


class DecisionQuery(Query):
    year: int | None = Field(None, ge=1900, le=9999)
    gaps_only: bool = False
    limit: int = Field(100, ge=limits.DECISION_PAGE_SIZE[0], le=limits.DECISION_PAGE_SIZE[1])
    offset: int = Field(0, ge=0, le=2 ** 31 - 1)


@api_route("/decisions", "GET", "决策事项登记列表（会议日期从新到旧）", DecisionList, query=DecisionQuery)
def list_decisions(query: DecisionQuery):
    q = sa.select(Decision).where(policy.visible(current_user))
    if query.year is not None:
        q = q.where(Decision.meeting_date >= date(query.year, 1, 1), Decision.meeting_date <= date(query.year, 12, 31))
    if query.gaps_only:
        q = q.where(Decision.matter_id.is_(None))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(q.subquery()))
    rows = db.session.scalars(q.order_by(Decision.meeting_date.desc(), Decision.id.desc())
                              .offset(query.offset).limit(query.limit)).all()
    return DecisionList(total=total, items=[DecisionOut.of(d) for d in rows])


@api_route("/decisions", "POST", "登记一项决策事项（关联审核事项则该事项办结；否则须写明未经审核的原因）",
           DecisionOut, body=NewDecision, status=201)
def create_decision(body: NewDecision):
    actor = current_user._get_current_object()
    if body.matter_id is not None and body.opinion_number:
        raise OperationError(_("matter_id 与 opinion_number 只能填写一项"))
    matter_id = body.matter_id
    if body.opinion_number:
        matter_id = ops.find_opinion(actor, body.opinion_number).matter_id
    decision = ops.record_decision(actor, ops.DecisionFields(
        meeting_name=body.meeting_name, meeting_date=body.meeting_date, title=body.title or "",
        category=Category(body.category) if body.category else None, department_id=body.department_id,
        matter_id=matter_id, unreviewed_reason=body.unreviewed_reason,
        outcome=DecisionOutcome(body.outcome) if body.outcome else None))
    return DecisionOut.of(decision)
