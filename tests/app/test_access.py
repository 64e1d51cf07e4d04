"""Every route, as every role and as an anonymous visitor, against the one table of rules (review_app.access.ACCESS).

Routes are discovered from app.url_map, so a route added without a rule fails here. URL parameters are filled
with values that match no row (404 from the view means the request got past the gate); the gate itself answers
before any view runs: anonymous page → 302 to /login?next=…, anonymous API → 401 JSON, logged-in user → 403.
"""
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.routing import IntegerConverter, PathConverter, UUIDConverter

from review_app.access import ACCESS, ANY_USER, PUBLIC
from review_app.auth.operations import create_api_token
from review_app.extensions import db
from tests import factories
from workflows.roles import Role

ANONYMOUS = "anonymous"
IDENTITIES = [ANONYMOUS] + list(Role)
MISSING_ID = 999999


def _id(identity):
    return identity if identity == ANONYMOUS else identity.value


def _url_value(rule, name):
    conv = rule._converters[name]
    if isinstance(conv, IntegerConverter):
        return MISSING_ID
    if isinstance(conv, UUIDConverter):
        return "00000000-0000-0000-0000-000000000000"
    if isinstance(conv, PathConverter):
        return "no/such/file"
    return "x"


def _requests(app):
    """(endpoint, method, path) for every route the app serves."""
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        values = {name: _url_value(rule, name) for name in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            out.append((rule.endpoint, method, path))
    return out


def _expected(endpoint, identity) -> bool:
    rule = ACCESS[endpoint]
    if rule == PUBLIC:
        return True
    if identity == ANONYMOUS:
        return False
    if rule == ANY_USER:
        return True
    assert isinstance(rule, (set, frozenset)), f"{endpoint}: unknown kind of rule {rule!r}"
    return identity in rule


def _gate_redirect(response, path) -> bool:
    """The gate's answer to an anonymous page request: a redirect to the login page that comes back here."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    loc = urlsplit(response.headers.get("Location", ""))
    return loc.path == "/login" and parse_qs(loc.query).get("next", [None])[0] == path


def _is_api(path) -> bool:
    return path.startswith("/api/")


def test_every_endpoint_has_exactly_one_rule(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(ACCESS))
    stale = sorted(set(ACCESS) - endpoints)
    assert not missing, f"routes without an access rule in review_app.access.ACCESS: {missing}"
    assert not stale, f"ACCESS rules for endpoints that do not exist: {stale}"
    for endpoint, rule in ACCESS.items():
        assert rule in (PUBLIC, ANY_USER) or (
            isinstance(rule, (set, frozenset)) and rule and all(isinstance(r, Role) for r in rule)
        ), f"{endpoint}: malformed rule {rule!r}"


@pytest.mark.parametrize("identity", IDENTITIES, ids=_id)
def test_every_route_as_every_role(app, identity):
    """One request per route and method; every disagreement with ACCESS is listed at once."""
    token = None
    username = None
    if identity != ANONYMOUS:
        with app.app_context():
            u = factories.user(identity)
            username = u.username
            _, token = create_api_token(u, "access-test")
            db.session.commit()

    routes = _requests(app)
    assert routes
    mismatches = []
    for endpoint, method, path in routes:
        if endpoint not in ACCESS:
            mismatches.append(f"{method} {path} ({endpoint}): no rule in ACCESS")
            continue
        client = app.test_client()  # fresh per request: a POST (logout, password change…) may end the login
        headers = {}
        if identity != ANONYMOUS:
            if _is_api(path):
                headers["Authorization"] = f"Bearer {token}"
            else:
                r = factories.login(client, username)
                assert r.status_code == 302 and urlsplit(r.headers["Location"]).path != "/login", \
                    f"could not log in as {identity.value}"
        response = client.open(path, method=method, headers=headers)
        status = response.status_code
        where = f"{method} {path} ({endpoint}) as {_id(identity)}"
        if _expected(endpoint, identity):
            login_redirect = _gate_redirect(response, path) or (
                _is_api(path) and urlsplit(response.headers.get("Location", "")).path == "/login")
            if status in (401, 403) or login_redirect:
                mismatches.append(f"{where}: ACCESS allows, got {status} {response.headers.get('Location', '')}")
            elif status >= 500:
                mismatches.append(f"{where}: allowed past the gate but the view failed with {status}")
        elif identity == ANONYMOUS and _is_api(path):
            body = response.get_json(silent=True) or {}
            if status != 401 or body.get("error", {}).get("code") != 401 or not body["error"].get("message"):
                mismatches.append(f"{where}: ACCESS denies, expected 401 JSON error, got {status} {body}")
        elif identity == ANONYMOUS:
            if not _gate_redirect(response, path):
                mismatches.append(f"{where}: ACCESS denies, expected redirect to /login?next={path}, "
                                  f"got {status} {response.headers.get('Location', '')}")
        else:
            if status != 403:
                mismatches.append(f"{where}: ACCESS denies, expected 403, got {status}")
            elif _is_api(path) and (response.get_json(silent=True) or {}).get("error", {}).get("code") != 403:
                mismatches.append(f"{where}: 403 from the API is not a JSON error")

    assert not mismatches, "\n".join(mismatches)
