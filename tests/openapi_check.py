"""Every API call the suite makes is checked against the published OpenAPI document.

Installed on the test app, an after_request hook checks, for each /api/v1 request: the answer's status is
one the document declares for the operation, and its body validates against the declared schema (error bodies
included); a request the server accepted (2xx) validates against the document's parameters and body; and a
request the document calls invalid was refused (4xx). Failures are collected and fail the test that made the
call (see the `app` fixture)."""
import json
import re

from flask import request
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from review_app.api import openapi_document

def _template(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


class Checker:
    def __init__(self):
        self.failures: list[str] = []
        self._doc = None

    def doc(self):
        if self._doc is None:
            # Local references point into the document; make them absolute so any part of it validates alone.
            self._doc = _absolute(openapi_document("http://localhost"))
            resource = Resource.from_contents(self._doc, default_specification=DRAFT202012)
            self._registry = Registry().with_resource("urn:openapi", resource)
        return self._doc

    def _errors(self, schema: dict, value) -> list[str]:
        validator = Draft202012Validator(schema, registry=self._registry)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]

    def _request_errors(self, op: dict) -> list[str]:
        errors = []
        for p in op.get("parameters", []):
            if p["in"] != "query":
                continue
            raw = request.args.get(p["name"])
            if raw is None:
                continue
            value = _convert(raw, p["schema"])
            errors += [f"query {p['name']}: {e}" for e in self._errors(p["schema"], value)]
        body = op.get("requestBody")
        if body and "application/json" in body["content"]:
            data = request.get_json(silent=True)
            if data is None:
                errors.append("body is not JSON")
            else:
                errors += [f"body {e}" for e in self._errors(body["content"]["application/json"]["schema"], data)]
        return errors

    def check(self, response):
        if request.blueprint != "api" or request.url_rule is None or request.endpoint == "api.openapi":
            return response  # not an API route of the app (a 404, or a route a test added)
        where = f"{request.method} {request.path} -> {response.status_code}"
        op = self.doc()["paths"].get(_template(request.url_rule.rule), {}).get(request.method.lower())
        if op is None:
            self.failures.append(f"{where}: not in the OpenAPI document")
            return response
        declared = op["responses"].get(str(response.status_code))
        if declared is None:
            self.failures.append(f"{where}: status not declared ({sorted(op['responses'])})")
            return response
        media = response.mimetype
        content = declared.get("content", {})
        if media not in content:
            self.failures.append(f"{where}: media type {media} not declared ({sorted(content)})")
        elif media == "application/json":
            body = json.loads(response.get_data(as_text=True))
            self.failures += [f"{where}: response {e}" for e in self._errors(content[media]["schema"], body)]
        request_errors = self._request_errors(op)
        if 200 <= response.status_code < 300 and request_errors:
            self.failures.append(f"{where}: accepted a request the document calls invalid: {request_errors}")
        if request_errors and response.status_code < 400:
            self.failures.append(f"{where}: invalid request not refused")
        return response


def _absolute(node):
    if isinstance(node, dict):
        return {k: ("urn:openapi" + v if k == "$ref" and v.startswith("#/") else _absolute(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_absolute(v) for v in node]
    return node


def _convert(raw: str, schema: dict):
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "boolean":
            return {"true": True, "false": False, "1": True, "0": False}[raw.lower()]
    except (ValueError, KeyError):
        return raw
    return raw


def install(app) -> Checker:
    checker = Checker()
    app.after_request(checker.check)
    app.extensions["openapi_checker"] = checker
    return checker
