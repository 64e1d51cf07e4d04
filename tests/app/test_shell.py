"""The interface shell: security headers, friendly Chinese error pages, CSRF, language, locally served assets,
production start-up checks and the gunicorn entry point."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from review_app import create_app
from review_app.access import ACCESS, PUBLIC
from review_app.config import ROOT, ConfigError
from review_app.extensions import db
from tests import factories
from workflows.roles import Role

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _login_as(app, client, role):
    with app.app_context():
        u = factories.user(role)
        uid, name = u.id, u.username
    r = factories.login(client, name)
    assert r.status_code == 302 and urlsplit(r.headers["Location"]).path != "/login"
    return uid


def _csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out


def _assert_error_page(response, status, text):
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert text in page, page
    assert '<html lang="zh-CN">' in page
    assert "返回首页" in page  # a way back, not a bare stack of text
    assert "Traceback" not in page and "werkzeug" not in page.lower()
    # Error pages keep the shell's headers.
    assert response.headers["X-Frame-Options"] == "DENY"


# --- security headers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/login", "/no-such-page", "/api/v1/openapi.json"])
def test_security_headers(client, path):
    r = client.get(path)
    csp = _csp(r)
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src, "CSP sets neither script-src nor default-src"
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "*" not in script_src and not any(s.startswith(("http:", "https:")) for s in script_src)
    assert csp.get("object-src") == ["'none'"]
    assert csp.get("frame-ancestors") == ["'none'"]
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def _pages_as_admin(app, client):
    _login_as(app, client, Role.admin)
    return {path: client.get(path) for path in ["/", "/profile", "/admin/users", "/admin/users/new",
                                                "/admin/organisations", "/audit/"]}


def test_pages_need_no_inline_script_or_style(app, client):
    """With script-src/style-src 'self' only, inline code would be silently blocked by the browser."""
    pages = {"/login": client.get("/login"), **_pages_as_admin(app, client)}
    problems = []
    for path, r in pages.items():
        assert r.status_code == 200, path
        tree = lxml_html.fromstring(r.get_data(as_text=True))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == "script" and not el.get("src"):
                problems.append(f"{path}: inline <script>")
            if el.tag == "style":
                problems.append(f"{path}: inline <style>")
            for attr in el.attrib:
                if attr.lower().startswith("on"):
                    problems.append(f"{path}: <{el.tag} {attr}=…> event handler attribute")
                if attr.lower() == "style":
                    problems.append(f"{path}: <{el.tag} style=…> attribute")
            if (el.get("href") or "").lower().startswith("javascript:"):
                problems.append(f"{path}: javascript: link")
    assert not problems, "\n".join(problems)


# --- friendly error pages ---------------------------------------------------------------------------------

def test_404_page(client):
    _assert_error_page(client.get("/no-such-page"), 404, "页面不存在")


def test_403_page(app, client):
    _login_as(app, client, Role.submitter)
    _assert_error_page(client.get("/admin/users"), 403, "您没有权限访问此页面")


def test_405_page(client):
    _assert_error_page(client.get("/logout"), 405, "不支持此请求方式")


def test_409_page_for_a_stale_version(app, client):
    admin_id = _login_as(app, client, Role.admin)
    from review_app.models import User
    with app.app_context():
        target = factories.user(Role.submitter)
        target_id, version = target.id, target.version
    r = client.post(f"/admin/users/{target_id}/toggle", data={"version": str(version + 1)})
    _assert_error_page(r, 409, "数据已被他人修改")
    with app.app_context():
        assert db.session.get(User, target_id).active, "a stale form changes nothing"
    # The same button drawn from the current version works.
    r = client.post(f"/admin/users/{target_id}/toggle", data={"version": str(version)})
    assert r.status_code == 302
    with app.app_context():
        assert not db.session.get(User, target_id).active
        assert db.session.get(User, admin_id).active


def test_413_page(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    r = client.post("/login", data={"username": "x" * 5000, "password": "y"})
    _assert_error_page(r, 413, "上传的文件过大")


@pytest.mark.fresh_app
def test_500_page_and_json(app, client, monkeypatch):
    def boom():
        raise RuntimeError("kaputt")

    app.add_url_rule("/test-boom", "test_boom", boom)
    app.add_url_rule("/api/v1/test-boom", "test_api_boom", boom)
    monkeypatch.setitem(ACCESS, "test_boom", PUBLIC)
    monkeypatch.setitem(ACCESS, "test_api_boom", PUBLIC)
    r = client.get("/test-boom")
    _assert_error_page(r, 500, "服务器内部错误")
    assert "kaputt" not in r.get_data(as_text=True)
    r = client.get("/api/v1/test-boom")
    assert r.status_code == 500 and r.mimetype == "application/json"
    error = r.get_json()["error"]
    assert error["code"] == 500 and CHINESE.search(error["message"]) and "kaputt" not in error["message"]
    # The app is still healthy afterwards (the failed request's transaction was rolled back).
    assert client.get("/healthz").status_code == 200


# --- CSRF ------------------------------------------------------------------------------------------------

def _csrf_token(page: str) -> str:
    tree = lxml_html.fromstring(page)
    values = tree.xpath('//form[@method="post"]//input[@name="csrf_token"]/@value')
    assert values and values[0], "the form carries no csrf_token"
    return values[0]


def test_csrf_refuses_a_login_without_token(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        u = factories.user(Role.submitter)
        name = u.username
    page = client.get("/login").get_data(as_text=True)
    token = _csrf_token(page)

    r = client.post("/login", data={"username": name, "password": factories.PASSWORD})
    assert r.status_code == 400
    assert "表单已过期或来源无效" in r.get_data(as_text=True)
    assert client.get("/profile").status_code == 302, "the refused POST did not log in"

    r = client.post("/login", data={"username": name, "password": factories.PASSWORD, "csrf_token": token})
    assert r.status_code == 302 and urlsplit(r.headers["Location"]).path == "/"
    profile = client.get("/profile")
    assert profile.status_code == 200

    # Logging out without the token is refused too, and the login survives.
    r = client.post("/logout")
    assert r.status_code == 400
    assert client.get("/profile").status_code == 200
    r = client.post("/logout", data={"csrf_token": _csrf_token(profile.get_data(as_text=True))})
    assert r.status_code == 302
    assert client.get("/profile").status_code == 302


# --- language --------------------------------------------------------------------------------------------

def test_chinese_by_default_and_english_on_request(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert "登录" in page
    assert 'href="/lang/en"' in page

    r = client.get("/lang/en", headers={"Referer": "http://localhost/login"})
    assert r.status_code == 302 and r.headers["Location"] in ("/login", "http://localhost/login")
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert 'href="/lang/zh_CN"' in page

    client.get("/lang/zh_CN")
    assert '<html lang="zh-CN">' in client.get("/login").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client):
    r = client.get("/lang/xx")  # an unknown language changes nothing
    assert r.status_code == 302
    assert '<html lang="zh-CN">' in client.get("/login").get_data(as_text=True)
    r = client.get("/lang/en", headers={"Referer": "https://evil.example/phish"})
    assert r.status_code == 302
    assert urlsplit(r.headers["Location"]).netloc in ("", "localhost")
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)


# --- assets ----------------------------------------------------------------------------------------------

def test_every_asset_is_served_by_the_app(app, client):
    pages = {"/login": client.get("/login"), **_pages_as_admin(app, client)}
    assets = set()
    foreign = []
    for path, r in pages.items():
        tree = lxml_html.fromstring(r.get_data(as_text=True))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src", "action", "formaction", "poster", "data"):
                value = (el.get(attr) or "").strip()
                split = urlsplit(value)
                if split.netloc and split.netloc != "localhost" or value.startswith("//"):
                    foreign.append(f"{path}: <{el.tag} {attr}={value}>")
        for value in tree.xpath("//link[@href]/@href | //script[@src]/@src | //img[@src]/@src"):
            if not value.startswith("data:"):
                assets.add(urlsplit(value).path)
        other_hosts = {h for h in re.findall(r"https?://([^/\"'\s<>]+)", r.get_data(as_text=True))
                       if h != "localhost"}
        if other_hosts:
            foreign.append(f"{path}: URLs to other hosts {sorted(other_hosts)}")
    assert not foreign, "\n".join(foreign)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    anonymous = app.test_client()
    for asset in sorted(assets):
        r = anonymous.get(asset)  # the login page needs them before anyone logs in
        assert r.status_code == 200, asset
        assert r.mimetype in ("text/css", "text/javascript", "application/javascript", "image/svg+xml",
                              "image/png", "image/x-icon", "image/vnd.microsoft.icon"), (asset, r.mimetype)
        if r.mimetype == "text/css":
            css = r.get_data(as_text=True)
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), f"{asset} loads from elsewhere"


# --- production start-up and the gunicorn entry point ----------------------------------------------------

@pytest.fixture
def production_env(monkeypatch, tmp_path):
    monkeypatch.setenv("REVIEW_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite3")
    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "files"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("AUDIT_KEY", raising=False)
    monkeypatch.setenv("AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    return monkeypatch


def test_production_refuses_the_default_secret(production_env):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()
    production_env.setenv("SECRET_KEY", "dev-only-secret-change-me")
    with pytest.raises(ConfigError):
        create_app()
    production_env.setenv("SECRET_KEY", "too-short")
    with pytest.raises(ConfigError):
        create_app()


def test_production_refuses_to_start_without_an_audit_key(production_env, tmp_path):
    production_env.setenv("SECRET_KEY", "k" * 48)
    with pytest.raises(ConfigError, match="AUDIT_KEY"):
        create_app()
    assert not (tmp_path / "audit.key").exists()  # production never makes up a key of its own
    production_env.setenv("AUDIT_KEY", "too-short")
    with pytest.raises(ConfigError, match="AUDIT_KEY"):
        create_app()
    production_env.delenv("AUDIT_KEY")
    (tmp_path / "audit.key").write_text("a" * 64 + "\n")  # the key file every machine shares
    assert create_app().config["PRODUCTION"] is True


def test_production_with_a_real_secret_uses_secure_cookies(production_env):
    production_env.setenv("SECRET_KEY", "k" * 48)
    production_env.setenv("AUDIT_KEY", "a" * 64)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["REQUIRE_TOTP"] is True
    assert not app.config.get("TESTING") and not app.debug
    with app.app_context():
        db.create_all()
    try:
        r = app.test_client().get("/login")  # puts the CSRF secret in the session: a cookie is set
        assert r.status_code == 200
        cookie = r.headers.get("Set-Cookie", "")
        assert cookie.startswith("review_session=")
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    finally:
        with app.app_context():
            db.engine.dispose()


def test_gunicorn_entry_point(tmp_path):
    """`gunicorn "review_app:create_app()"` in a fresh interpreter, configured by environment variables only."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("REVIEW_ENV", "SECRET_KEY", "REDIS_URL", "DATABASE_URL", "UPLOAD_DIR", "FLASK_APP")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/g.sqlite3", UPLOAD_DIR=str(tmp_path / "files"),
               PYTHONPATH=str(ROOT))
    script = (
        "import json\n"
        "from gunicorn.util import import_app\n"
        "app = import_app('review_app:create_app()')\n"
        "from review_app.extensions import db\n"
        "with app.app_context():\n"
        "    db.create_all()\n"
        "c = app.test_client()\n"
        "print(json.dumps({'db': app.config['SQLALCHEMY_DATABASE_URI'], 'health': c.get('/healthz').status_code,\n"
        "                  'login': c.get('/login').status_code, 'zh': '登录' in c.get('/login').get_data(True)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"db": f"sqlite:///{tmp_path}/g.sqlite3", "health": 200, "login": 200, "zh": True}


@pytest.mark.parametrize("path", [
    "/matters/99999999999999999999", "/matters/?before=99999999999999999999&department_id=99999999999999999999",
    "/decisions/?year=-5&page=999999999999999999", "/audit/?before=999999999999999999999",
    "/matters/1/compare?a=99999999999999&b=1", "/matters/documents/99999999999999999999/file",
])
def test_ids_beyond_the_database_range_are_not_server_errors(app, path):
    """Hostile numbers in paths and query strings answer 404/200, never a database overflow (500)."""
    from tests import factories
    from workflows.review import Role
    with app.app_context():
        officer = factories.user(Role.decision_officer).username
        admin = factories.user(Role.admin).username
    for name in (officer, admin):
        client = app.test_client()
        factories.login(client, name)
        assert client.get(path).status_code < 500


@pytest.mark.parametrize("given,expected", [
    ("postgresql://u@db/review", "postgresql+psycopg://u@db/review"),
    ("postgres://u@db/review", "postgresql+psycopg://u@db/review"),
    ("postgresql+psycopg://u@db/review", "postgresql+psycopg://u@db/review"),
    ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
])
def test_database_url_uses_the_installed_driver(given, expected):
    from review_app.config import database_url
    assert database_url(given) == expected


def test_flask_commands_work_in_the_checkout_without_setting_flask_app(tmp_path):
    """`.flaskenv` names the app, so `flask db upgrade` or `flask demo load` need nothing set by hand."""
    env = {k: v for k, v in os.environ.items() if k != "FLASK_APP"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/cli.sqlite3"
    done = subprocess.run([str(Path(sys.executable).parent / "flask"), "districts", "--help"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "create" in done.stdout


def test_the_favicon_is_the_apps_own(client):
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r.headers["Location"].endswith("/static/favicon.svg")
    assert client.get("/static/favicon.svg").data.startswith(b"<svg")
