"""JSON API under /api/v1 for departments' own systems (OA, 政务 platforms).

Each endpoint is declared with `api_route`, which both registers the view and records its OpenAPI
operation, so /api/v1/openapi.json is generated from the code that serves it. Bodies are validated
against the very schema the document publishes.
"""
import re

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from jsonschema import Draft202012Validator

from ..extensions import db
from ..operations import OperationError
from ..web import error_response

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PATHS: dict[str, dict] = {}
SCHEMAS: dict[str, dict] = {}

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}}}


def schema(name: str, body: dict) -> dict:
    """Name a schema once; endpoints refer to it."""
    SCHEMAS[name] = body
    return {"$ref": f"#/components/schemas/{name}"}


def _openapi_path(rule: str) -> tuple[str, list[dict]]:
    params = []

    def repl(m):
        conv, name = m.group(1), m.group(2)
        kind = {"int": {"type": "integer", "minimum": 1, "maximum": 2147483647}}.get(conv, {"type": "string"})
        params.append({"name": name, "in": "path", "required": True, "schema": kind})
        return "{" + name + "}"

    return re.sub(r"<(?:(\w+):)?(\w+)>", repl, rule), params


BINARY = {"type": "string", "format": "binary"}


def api_route(rule: str, method: str, summary: str, response: dict, body: dict | None = None,
              query: list[dict] | None = None, status: int = 200, public: bool = False,
              media_types: tuple[str, ...] = ("application/json",)):
    """`media_types` other than JSON declare a file download (the response schema is then BINARY)."""
    def decorate(view):
        path, params = _openapi_path(bp.url_prefix + rule)  # full paths: the server URL is the site root
        op = {"operationId": view.__name__, "summary": summary,
              "parameters": params + (query or []),
              "responses": {str(status): {"description": "OK",
                                          "content": {m: {"schema": response} for m in media_types}},
                            **{str(c): {"description": d, "content": {"application/json": {"schema": ERROR}}}
                               for c, d in ((400, "请求有误"), (401, "未认证"), (403, "无权限"),
                                            (404, "不存在"), (409, "版本冲突"))}}}
        if body is not None:
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        if not public:
            op["security"] = [{"token": []}]
        PATHS.setdefault(path, {})[method.lower()] = op
        bp.add_url_rule(rule, view.__name__, view, methods=[method])
        return view
    return decorate


def json_body(body_schema: dict) -> dict:
    """The request's JSON, checked against the schema the OpenAPI document publishes for it."""
    data = request.get_json(silent=True)
    if data is None:
        raise OperationError(_("请求体必须是 JSON"))
    resolved = SCHEMAS[body_schema["$ref"].rsplit("/", 1)[1]] if "$ref" in body_schema else body_schema
    error = next(iter(Draft202012Validator(resolved).iter_errors(data)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "（根）"
        raise OperationError(_("请求数据不符合要求：%(where)s：%(msg)s", where=where, msg=error.message))
    return data


@bp.errorhandler(OperationError)
def operation_refused(e: OperationError):
    db.session.rollback()
    return error_response(e.status, e.message)


@bp.route("/openapi.json")
def openapi():
    return jsonify({
        "openapi": "3.0.3",
        "info": {"title": "合法性审核与法律顾问专家库服务 API", "version": "1"},
        "servers": [{"url": request.host_url.rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    })


from . import core  # noqa: E402,F401  (registers the endpoints)
from . import decisions  # noqa: E402,F401
from . import matters  # noqa: E402,F401
