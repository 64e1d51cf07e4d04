"""JSON API under /api/v1 for departments' own systems (OA, 政务 platforms).

Each resource is declared once, as a pydantic model, and `api_route` derives everything else from the
declarations an endpoint names: request validation (body, query string, multipart form), the response body,
and the endpoint's entry in /api/v1/openapi.json (OpenAPI 3.1, whose schemas are pydantic's JSON Schema).
Endpoints return model instances; the request's transaction commits after the response is built
(review_app.transaction), and a refused operation answers its JSON error.

Why pydantic under our own decorator rather than flask-smorest or APIFlask: the app already has one
transaction boundary, one error format and bearer-token authentication of its own; a thin decorator keeps
those as they are, while pydantic gives strict JSON validation and JSON Schema 2020-12 that OpenAPI 3.1
uses unchanged.
"""
import re
from dataclasses import dataclass
from typing import get_args, get_origin

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.json_schema import models_json_schema

from ..operations import OperationError
from .errors import describe
from .schemas import ErrorBody

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PATHS: dict[str, dict] = {}
_MODELS: dict[type[BaseModel], str] = {}  # every model an endpoint names, with its JSON Schema mode


@dataclass(frozen=True)
class Binary:
    """A file download: the media types it may have."""
    media_types: tuple[str, ...]


@dataclass(frozen=True)
class Multipart:
    """A multipart/form-data body: the form fields (a model) and the names of its file fields."""
    fields: type[BaseModel]
    files: tuple[str, ...]
    descriptions: tuple[tuple[str, str], ...] = ()


def _ref(model: type[BaseModel], mode: str) -> dict:
    _MODELS.setdefault(model, mode)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _response_schema(response) -> tuple[dict, tuple[str, ...]]:
    if isinstance(response, Binary):
        return {"type": "string", "format": "binary"}, response.media_types
    if get_origin(response) is list:
        return {"type": "array", "items": _ref(get_args(response)[0], "serialization")}, ("application/json",)
    return _ref(response, "serialization"), ("application/json",)


def _path_parameters(rule: str) -> tuple[str, list[dict]]:
    params = []

    def repl(m):
        conv, name = m.group(1), m.group(2)
        kind = {"int": {"type": "integer", "minimum": 1, "maximum": 2147483647}}.get(conv, {"type": "string"})
        params.append({"name": name, "in": "path", "required": True, "schema": kind})
        return "{" + name + "}"

    return re.sub(r"<(?:(\w+):)?(\w+)>", repl, rule), params


def _tidy(node):
    """Drop `default: null` where null is not a valid value: an optional field left out is simply unset
    (pydantic publishes its Python default, which the OpenAPI validators rightly refuse)."""
    if isinstance(node, dict):
        allows_null = node.get("type") == "null" or any(o.get("type") == "null" for o in node.get("anyOf", ()))
        if node.get("default", 0) is None and not allows_null:
            node = {k: v for k, v in node.items() if k != "default"}
        return {k: _tidy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_tidy(v) for v in node]
    return node


def _without_null(schema: dict) -> dict:
    """A query parameter's schema: absent means unset, so `X | None` is published as X."""
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if len(options) == 1:
            rest = {k: v for k, v in schema.items() if k != "anyOf"}
            return {**options[0], **rest}
    return schema


def _query_parameters(model: type[BaseModel] | None) -> list[dict]:
    if model is None:
        return []
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    out = []
    for name, prop in schema["properties"].items():
        description = prop.pop("description", None)
        prop.pop("title", None)
        param = {"name": name, "in": "query", "required": name in schema.get("required", []),
                 "schema": _tidy(_without_null(prop))}
        if description:
            param["description"] = description
        out.append(param)
    return out


def _request_body(body, form: Multipart | None) -> dict | None:
    if body is not None:
        return {"required": True, "content": {"application/json": {"schema": _ref(body, "validation")}}}
    if form is not None:
        schema = form.fields.model_json_schema()
        schema.pop("title", None)
        descriptions = dict(form.descriptions)
        for name in form.files:
            schema["properties"][name] = {"type": "string", "format": "binary",
                                          **({"description": descriptions[name]} if name in descriptions else {})}
        schema["required"] = sorted(set(schema.get("required", [])) | set(form.files))
        return {"required": True, "content": {"multipart/form-data": {"schema": _tidy(schema)}}}
    return None


ERROR_RESPONSES = ((400, "请求有误"), (401, "未认证"), (403, "无权限"), (404, "不存在"), (409, "版本冲突"),
                   (500, "服务器内部错误"), (503, "数据库暂时不可用"))
UPLOAD_ERRORS = ((413, "上传的文件过大"),)


def _validation_error(e: ValidationError, model) -> OperationError:
    detail = "；".join(describe(err, model) for err in e.errors())
    return OperationError(_("请求数据不符合要求：%(detail)s", detail=detail))


def _parse_body(model: type[BaseModel]):
    if not request.is_json:
        raise OperationError(_("请求体必须是 JSON"))
    try:
        return model.model_validate_json(request.get_data())
    except ValidationError as e:
        if any(err["type"] == "json_invalid" for err in e.errors()):
            raise OperationError(_("请求体必须是 JSON")) from None
        raise _validation_error(e, model) from None


def _parse_query(model: type[BaseModel]):
    """The query string as the model declares it; an empty value is refused like a malformed one."""
    raw = {}
    for name in model.model_fields:
        values = request.args.getlist(name)
        if not values:
            continue
        if len(values) > 1 or values[0].strip() == "":
            raise OperationError(_("查询参数有误：%(name)s", name=name))
        raw[name] = values[0]
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        names = sorted({str(err["loc"][0]) for err in e.errors() if err["loc"]})
        raise OperationError(_("查询参数有误：%(name)s", name="、".join(names))) from None


def _parse_form(form: Multipart):
    try:
        return form.fields.model_validate({k: v for k, v in request.form.items() if k in form.fields.model_fields})
    except ValidationError as e:
        raise _validation_error(e, form.fields) from None


def api_route(rule: str, method: str, summary: str, response, body: type[BaseModel] | None = None,
              query: type[BaseModel] | None = None, form: Multipart | None = None, status: int = 200,
              public: bool = False):
    """Register an endpoint. The view receives the parsed `body`, `query` and `form` as keyword arguments
    (besides the URL's) and returns an instance of `response` (or a file Response for a Binary one)."""
    out_schema, media_types = _response_schema(response)
    adapter = None if isinstance(response, Binary) else TypeAdapter(response)

    def decorate(view):
        path, params = _path_parameters(bp.url_prefix + rule)  # full paths: the server URL is the site root
        op = {"operationId": view.__name__, "summary": summary, "parameters": params + _query_parameters(query),
              "responses": {str(status): {"description": "OK",
                                          "content": {m: {"schema": out_schema} for m in media_types}},
                            **{str(c): {"description": d, "content": {"application/json": {
                                "schema": _ref(ErrorBody, "serialization")}}}
                               for c, d in ERROR_RESPONSES + (UPLOAD_ERRORS if form is not None else ())}}}
        request_body = _request_body(body, form)
        if request_body is not None:
            op["requestBody"] = request_body
        if not public:
            op["security"] = [{"token": []}]
        PATHS.setdefault(path, {})[method.lower()] = op

        def endpoint(**kwargs):
            if body is not None:
                kwargs["body"] = _parse_body(body)
            if query is not None:
                kwargs["query"] = _parse_query(query)
            if form is not None:
                kwargs["form"] = _parse_form(form)
            result = view(**kwargs)
            if isinstance(result, Response):
                return result
            value = adapter.validate_python(result, from_attributes=True)
            return jsonify(adapter.dump_python(value, mode="json")), status

        endpoint.__name__ = view.__name__
        endpoint.__doc__ = view.__doc__
        bp.add_url_rule(rule, view.__name__, endpoint, methods=[method])
        return view
    return decorate


def openapi_document(server_url: str) -> dict:
    _, top = models_json_schema([(m, mode) for m, mode in _MODELS.items()],
                                ref_template="#/components/schemas/{model}")
    return {
        "openapi": "3.1.0",
        "info": {"title": "合法性审核与法律顾问专家库服务 API", "version": "1"},
        "servers": [{"url": server_url}],
        "paths": PATHS,
        "components": {"schemas": _tidy(top.get("$defs", {})),
                       "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document(request.host_url.rstrip("/")))


from . import core  # noqa: E402,F401  (registers the endpoints)
from . import decisions  # noqa: E402,F401
from . import matters  # noqa: E402,F401
from . import clauses  # noqa: E402,F401  (clause flags, #12)
# Demolition ledger (issue 9)
from . import demolition  # noqa: E402,F401
# Public participation in a major decision (Decree 713 Art. 14-19)
from . import participation  # noqa: E402,F401
# Expert pool (issue 8)
from . import experts  # noqa: E402,F401
from . import disputes  # noqa: E402,F401  (litigation-risk assessment and litigation records, issue 10)
# The bureau's board (issue 11)
from . import board  # noqa: E402,F401
