"""API: the current user and the organisations."""
import sqlalchemy as sa
from flask import jsonify
from flask_login import current_user

from ..extensions import db
from ..models import Organisation, OrgKind
from . import api_route, schema

ORGANISATION = schema("Organisation", {
    "type": "object", "required": ["id", "name", "short_name", "kind", "active"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "short_name": {"type": "string"},
                   "kind": {"type": "string", "enum": [k.value for k in OrgKind]}, "active": {"type": "boolean"}}})
USER = schema("CurrentUser", {
    "type": "object", "required": ["id", "username", "display_name", "roles", "organisation"],
    "properties": {"id": {"type": "integer"}, "username": {"type": "string"},
                   "display_name": {"type": "string"}, "roles": {"type": "array", "items": {"type": "string"}},
                   "organisation": ORGANISATION}})


def organisation_json(o: Organisation) -> dict:
    return {"id": o.id, "name": o.name, "short_name": o.short_name, "kind": o.kind.value, "active": o.active}


@api_route("/me", "GET", "当前用户", USER)
def me():
    u = current_user
    return jsonify({"id": u.id, "username": u.username, "display_name": u.display_name,
                    "roles": sorted(r.value for r in u.roles), "organisation": organisation_json(u.organisation)})


@api_route("/organisations", "GET", "单位列表", {"type": "array", "items": ORGANISATION})
def organisations():
    rows = db.session.scalars(sa.select(Organisation).order_by(Organisation.id)).all()
    return jsonify([organisation_json(o) for o in rows])
