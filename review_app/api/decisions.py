"""API: the decision registry (决策事项登记), read by the bureau and written by the decision body's systems."""
from datetime import date

import sqlalchemy as sa
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from workflows.review import Category

from ..decisions import operations as ops
from ..extensions import db
from ..models import Decision
from ..operations import OperationError
from . import api_route, json_body, schema

DECISION = schema("Decision", {
    "type": "object",
    "required": ["id", "meeting_name", "meeting_date", "title", "category", "department_id",
                 "department_name", "reviewed", "matter_id", "opinion_number", "unreviewed_reason"],
    "properties": {
        "id": {"type": "integer"}, "meeting_name": {"type": "string"},
        "meeting_date": {"type": "string", "format": "date"}, "title": {"type": "string"},
        "category": {"type": "string", "enum": [c.value for c in Category]},
        "department_id": {"type": "integer", "nullable": True},
        "department_name": {"type": "string", "nullable": True},
        "reviewed": {"type": "boolean", "description": "false: 未经合法性审核（覆盖缺口）"},
        "matter_id": {"type": "integer", "nullable": True},
        "opinion_number": {"type": "string", "nullable": True, "description": "如 示司审〔2026〕3号"},
        "unreviewed_reason": {"type": "string"}}})
DECISION_LIST = schema("DecisionList", {
    "type": "object", "required": ["total", "items"],
    "properties": {"total": {"type": "integer"}, "items": {"type": "array", "items": DECISION}}})
NEW_DECISION = schema("NewDecision", {
    "type": "object", "additionalProperties": False,
    "required": ["meeting_name", "meeting_date", "title", "category"],
    "properties": {
        "meeting_name": {"type": "string", "minLength": 1, "maxLength": 120},
        "meeting_date": {"type": "string", "format": "date", "description": "如 2026-11-25"},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "category": {"type": "string", "enum": [c.value for c in Category]},
        "department_id": {"type": "integer", "minimum": 1, "maximum": 2147483647},
        "matter_id": {"type": "integer", "minimum": 1, "maximum": 2147483647,
                      "description": "已出具审核意见书的审核事项；与 opinion_number 二选一"},
        "opinion_number": {"type": "string", "maxLength": 40, "description": "审核意见书编号，如 示司审〔2026〕3号"},
        "unreviewed_reason": {"type": "string", "maxLength": 2000, "description": "未经合法性审核时必填"}}})

MAX_LIMIT = 500


def decision_json(d: Decision) -> dict:
    number = ops.opinion_number(d)
    return {"id": d.id, "meeting_name": d.meeting_name, "meeting_date": d.meeting_date.isoformat(),
            "title": d.title, "category": d.category.value, "department_id": d.department_id,
            "department_name": d.department.name if d.department else None,
            "reviewed": d.matter_id is not None, "matter_id": d.matter_id, "opinion_number": number or None,
            "unreviewed_reason": d.unreviewed_reason}


@api_route("/decisions", "GET", "决策事项登记列表（会议日期从新到旧）", DECISION_LIST, query=[
    {"name": "year", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1900, "maximum": 9999}},
    {"name": "gaps_only", "in": "query", "required": False, "schema": {"type": "boolean"}},
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 100}},
    {"name": "offset", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 0, "default": 0}},
])
def list_decisions():
    def number(name, default, low, high):
        raw = request.args.get(name)
        if raw in (None, ""):
            return default
        try:
            value = int(raw)
        except ValueError:
            raise OperationError(_("参数 %(p)s 必须是整数", p=name)) from None
        if not low <= value <= high:
            raise OperationError(_("参数 %(p)s 超出范围（%(lo)d–%(hi)d）", p=name, lo=low, hi=high))
        return value

    year = number("year", None, 1900, 9999)
    limit = number("limit", 100, 1, MAX_LIMIT)
    offset = number("offset", 0, 0, 2 ** 31 - 1)
    gaps = request.args.get("gaps_only", "false").lower()
    if gaps not in ("true", "false", "1", "0"):
        raise OperationError(_("参数 gaps_only 应为 true 或 false"))
    q = sa.select(Decision)
    if year is not None:
        q = q.where(Decision.meeting_date >= date(year, 1, 1), Decision.meeting_date <= date(year, 12, 31))
    if gaps in ("true", "1"):
        q = q.where(Decision.matter_id.is_(None))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(q.subquery()))
    rows = db.session.scalars(q.order_by(Decision.meeting_date.desc(), Decision.id.desc())
                              .offset(offset).limit(limit)).all()
    return jsonify({"total": total, "items": [decision_json(d) for d in rows]})


@api_route("/decisions", "POST", "登记一项决策事项（关联审核事项则该事项办结；否则须写明未经审核的原因）",
           DECISION, body=NEW_DECISION, status=201)
def create_decision():
    data = json_body(NEW_DECISION)
    try:
        meeting_date = date.fromisoformat(data["meeting_date"])
    except ValueError:
        raise OperationError(_("会议日期格式不正确，应如 2026-11-25")) from None
    if "matter_id" in data and data.get("opinion_number"):
        raise OperationError(_("matter_id 与 opinion_number 只能填写一项"))
    matter_id = data.get("matter_id")
    if data.get("opinion_number"):
        matter_id = ops.find_opinion(data["opinion_number"]).matter_id
    decision = ops.record_decision(current_user, ops.DecisionFields(
        meeting_name=data["meeting_name"], meeting_date=meeting_date, title=data["title"],
        category=Category(data["category"]), department_id=data.get("department_id"), matter_id=matter_id,
        unreviewed_reason=data.get("unreviewed_reason", "")))
    db.session.commit()
    return jsonify(decision_json(decision)), 201
