"""The JSON API: personal tokens from the profile page, token-only authentication, JSON errors in Chinese,
the OpenAPI document, and a bounded schemathesis run against that document."""
import re

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.models import ApiToken
from tests import factories
from workflows.roles import Role

TOKEN_RE = re.compile(r"rv_[A-Za-z0-9_\-]{20,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _logged_in(app, client, role=Role.submitter):
    with app.app_context():
        u = factories.user(role)
        uid, name = u.id, u.username
    r = factories.login(client, name)
    assert r.status_code == 302 and not r.headers["Location"].startswith("/login")
    return uid


def _new_token(client, name="办公系统"):
    r = client.post("/profile/tokens", data={"name": name})
    assert r.status_code == 302 and r.headers["Location"].endswith("/profile")
    page = client.get("/profile").get_data(as_text=True)
    found = TOKEN_RE.findall(page)
    assert len(found) == 1, "the new token is shown once on the profile page"
    return found[0]


def _bearer(token):
    return {"Authorization": f"Bearer {token}"}


def _assert_json_error(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"]["code"] == status
    assert CHINESE.search(body["error"]["message"]), body


def test_token_is_shown_once_and_stored_hashed(app, client):
    uid = _logged_in(app, client)
    token = _new_token(client)
    # The page after next no longer shows it, only its prefix.
    again = client.get("/profile").get_data(as_text=True)
    assert token not in again
    assert token[:10] in again
    with app.app_context():
        rows = db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == uid)).all()
        assert len(rows) == 1
        # Whatever the columns, the raw row never holds the token text.
        raw = db.session.execute(sa.text("SELECT * FROM api_tokens")).all()
        assert raw
        for row in raw:
            for value in row:
                assert token not in str(value)


def test_token_authenticates_the_api_until_revoked(app, client):
    uid = _logged_in(app, client)
    token = _new_token(client)
    api = app.test_client()  # no cookie: only the header speaks
    r = api.get("/api/v1/me", headers=_bearer(token))
    assert r.status_code == 200
    me = r.get_json()
    assert me["id"] == uid
    assert me["roles"] == ["submitter"]
    assert CHINESE.search(me["organisation"]["name"])
    assert api.get("/api/v1/organisations", headers=_bearer(token)).status_code == 200

    with app.app_context():
        token_id = db.session.scalar(sa.select(ApiToken.id).where(ApiToken.user_id == uid))
        assert db.session.get(ApiToken, token_id).last_used_at is not None
    r = client.post(f"/profile/tokens/{token_id}/revoke")
    assert r.status_code == 302
    assert "已撤销" in client.get("/profile").get_data(as_text=True)

    r = api.get("/api/v1/me", headers=_bearer(token))
    _assert_json_error(r, 401)


def test_wrong_or_malformed_token_is_refused(app, client):
    _logged_in(app, client)
    token = _new_token(client)
    api = app.test_client()
    _assert_json_error(api.get("/api/v1/me", headers=_bearer(token + "x")), 401)
    _assert_json_error(api.get("/api/v1/me", headers={"Authorization": token}), 401)
    _assert_json_error(api.get("/api/v1/me", headers={"Authorization": f"Basic {token}"}), 401)


def test_disabled_users_token_stops_working(app, client):
    uid = _logged_in(app, client)
    token = _new_token(client)
    api = app.test_client()
    assert api.get("/api/v1/me", headers=_bearer(token)).status_code == 200
    from review_app.admin.operations import set_user_active
    from review_app.models import User
    with app.app_context():
        u = db.session.get(User, uid)
        set_user_active(None, u, False, u.version)
        db.session.commit()
    _assert_json_error(api.get("/api/v1/me", headers=_bearer(token)), 401)


def test_another_users_token_cannot_be_revoked(app, client):
    with app.app_context():
        other = factories.user(Role.bureau_reviewer)
        row, other_token = create_api_token(other, "他人的令牌")
        db.session.commit()
        other_id = row.id
    _logged_in(app, client)
    r = client.post(f"/profile/tokens/{other_id}/revoke")
    assert r.status_code == 404
    assert CHINESE.search(r.get_data(as_text=True))
    with app.app_context():
        assert db.session.get(ApiToken, other_id).revoked_at is None
    assert app.test_client().get("/api/v1/me", headers=_bearer(other_token)).status_code == 200


def test_token_needs_a_name(app, client):
    _logged_in(app, client)
    r = client.post("/profile/tokens", data={"name": ""})
    assert r.status_code == 400
    assert "请填写令牌名称" in r.get_data(as_text=True)
    assert not TOKEN_RE.search(r.get_data(as_text=True))


def test_session_cookie_alone_does_not_authenticate_the_api(app, client):
    _logged_in(app, client)
    assert client.get("/profile").status_code == 200  # the browser login itself works
    _assert_json_error(client.get("/api/v1/me"), 401)
    _assert_json_error(client.get("/api/v1/organisations"), 401)


def test_api_errors_are_json_in_chinese(app, client):
    _assert_json_error(client.get("/api/v1/me"), 401)
    _assert_json_error(client.get("/api/v1/no-such-thing"), 404)
    with app.app_context():
        u = factories.user(Role.submitter)
        _, token = create_api_token(u, "t")
        db.session.commit()
    _assert_json_error(client.post("/api/v1/me", headers=_bearer(token)), 405)
    _assert_json_error(client.get("/api/v1/no-such-thing", headers=_bearer(token)), 404)


def _validate_openapi(doc):
    try:
        from openapi_spec_validator import validate
    except ImportError:
        # schemathesis ships the official OpenAPI 3.0 JSON schema; validate against it.
        from jsonschema import Draft4Validator
        from schemathesis.specs.openapi.definitions import OPENAPI_30
        errors = sorted(Draft4Validator(OPENAPI_30).iter_errors(doc), key=str)
        assert not errors, [e.message for e in errors]
    else:
        validate(doc)


def test_openapi_document(app, client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    doc = r.get_json()
    assert doc["openapi"].startswith("3.")
    _validate_openapi(doc)
    assert {"/api/v1/me", "/api/v1/organisations"} <= set(doc["paths"])
    assert doc["components"]["securitySchemes"]["token"] == {"type": "http", "scheme": "bearer"}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            assert op["responses"], (path, method)
            assert op.get("security") == [{"token": []}] or path.endswith("openapi.json"), (path, method)
    # Every $ref resolves.
    refs = re.findall(r'"\$ref":\s*"#/components/schemas/([^"]+)"', r.get_data(as_text=True))
    assert refs and set(refs) <= set(doc["components"]["schemas"])
    # Every API route the app serves is documented (except the document itself).
    served = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi"}
    assert served <= set(doc["paths"]), served - set(doc["paths"])


def test_schemathesis_fuzz_with_a_valid_token(app):
    with app.app_context():
        factories.org(factories.OrgKind.town)
        u = factories.user(Role.department_head)
        _, token = create_api_token(u, "fuzz")
        db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                     status_code_conformance)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/me", "/api/v1/organisations"}
    headers = _bearer(token)
    seen = {}

    for operation in operations:
        @settings(max_examples=25, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call_and_validate(headers=headers, checks=checks)
            assert response.status_code < 500
            seen.setdefault(operation.label, set()).add(response.status_code)

        run()
    # Every operation was exercised, and the token really got through where the role may read.
    assert len(seen) == len(operations), seen
    assert all(200 in seen[f"GET {p}"] for p in ("/api/v1/me", "/api/v1/organisations", "/api/v1/matters")), seen


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/organisations"])
def test_schemathesis_without_token_is_401(app, path):
    """The same operations without credentials: always a JSON 401, never a server error."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path]["GET"]

    @settings(max_examples=10, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call()
        assert response.status_code == 401
        assert response.json()["error"]["code"] == 401

    run()
