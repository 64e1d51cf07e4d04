"""Login, lockout, server-side sessions, password policy and the second factor, as a user meets them."""
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pyotp
import pytest
import sqlalchemy as sa

from review_app.admin.operations import set_user_active
from review_app.extensions import db
from review_app.models import LoginSession, User
from review_app.models.base import utcnow
from tests import factories
from tests.factories import PASSWORD, alerts, login
from workflows.roles import Role

COOKIE = "review_session"
WRONG = "Not-The-Password-42"


def _path(response) -> str:
    return urlsplit(response.headers["Location"]).path


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and _path(response) == "/login"


def _sid(client):
    with client.session_transaction() as s:
        return s.get("sid")


def _cookie(client) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None, "no session cookie was set"
    return cookie.value


def _client_with_cookie(app, value):
    other = app.test_client()
    other.set_cookie(COOKIE, value)
    return other


def _home_ok(client) -> bool:
    r = client.get("/")
    return r.status_code == 200 and "您好" in r.get_data(as_text=True)


@pytest.fixture
def no_totp(app):
    app.config["REQUIRE_TOTP"] = False
    return app


@pytest.fixture
def admin_client(app, no_totp):
    with app.app_context():
        admin = factories.user(Role.admin)
        name = admin.username
    c = app.test_client()
    assert login(c, name).status_code == 302
    return c


# --- lockout ----------------------------------------------------------------------------------------------

def test_lockout_refuses_right_password_and_does_not_reveal_which_names_exist(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
        assert app.config["LOGIN_MAX_FAILURES"] == 5
    ghost = "nobody_here"
    other = app.test_client()

    for _ in range(5):
        real = login(client, name, WRONG)
        fake = login(other, ghost, WRONG)
        assert real.status_code == fake.status_code == 401
        assert alerts(real) == alerts(fake) == ["用户名或密码错误"]

    # The sixth attempt is refused even with the right password, with the same answer for a made-up name.
    real = login(client, name, PASSWORD)
    fake = login(other, ghost, PASSWORD)
    assert real.status_code == fake.status_code == 429
    assert alerts(real) == alerts(fake)
    assert len(alerts(real)) == 1 and "登录失败次数过多" in alerts(real)[0]
    assert "15 分钟" in alerts(real)[0]
    assert _is_login_redirect(client.get("/"))

    # Another (unlocked) account is not affected by someone else's lockout.
    with app.app_context():
        fine = factories.user(Role.submitter).username
    assert login(app.test_client(), fine).status_code == 302


def test_failures_below_the_limit_do_not_lock(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    for _ in range(4):
        assert login(client, name, WRONG).status_code == 401
    assert login(client, name).status_code == 302
    assert _home_ok(client)


# --- sessions ---------------------------------------------------------------------------------------------

def test_login_starts_a_new_session(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    with client.session_transaction() as s:
        s["sid"] = "planted-by-an-attacker"
        s["lang"] = "zh_CN"
    assert login(client, name).status_code == 302
    first = _sid(client)
    assert first and first != "planted-by-an-attacker"
    assert _home_ok(client)

    # Logging in again on the same browser gives yet another session id.
    client.post("/logout")
    assert login(client, name).status_code == 302
    second = _sid(client)
    assert second and second != first


def test_logout_ends_the_session_on_the_server(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    login(client, name)
    stolen = _cookie(client)
    # Replaying the cookie on another browser works while the login is alive ...
    assert _home_ok(_client_with_cookie(app, stolen))

    r = client.post("/logout")
    assert _is_login_redirect(r)
    assert _is_login_redirect(client.get("/"))
    # ... and not after logout, even with the very same cookie value.
    assert _is_login_redirect(_client_with_cookie(app, stolen).get("/"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0


def test_disabling_a_user_by_operation_ends_their_session_at_once(app, client, no_totp):
    with app.app_context():
        victim = factories.user(Role.submitter)
        name, uid = victim.username, victim.id
    login(client, name)
    assert _home_ok(client)
    with app.app_context():
        u = db.session.get(User, uid)
        set_user_active(None, u, False, u.version)
        db.session.commit()
    assert _is_login_redirect(client.get("/"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)
                                 .where(LoginSession.user_id == uid)) == 0
    # And the password no longer lets them back in.
    r = login(app.test_client(), name)
    assert r.status_code == 401 and alerts(r) == ["用户名或密码错误"]


def test_disabling_a_user_on_the_admin_page_ends_their_session(app, client, admin_client):
    with app.app_context():
        victim = factories.user(Role.submitter)
        name, uid, version = victim.username, victim.id, victim.version
    login(client, name)
    assert _home_ok(client)
    r = admin_client.post(f"/admin/users/{uid}/toggle", data={"version": version})
    assert r.status_code == 302
    page = admin_client.get(r.headers["Location"])
    assert f"已停用 {name}，其登录已全部失效" in alerts(page)
    assert _is_login_redirect(client.get("/"))


@pytest.mark.parametrize("column, back, alive", [
    ("last_seen_at", lambda cfg: timedelta(minutes=cfg["SESSION_IDLE_MINUTES"] - 2), True),
    ("last_seen_at", lambda cfg: timedelta(minutes=cfg["SESSION_IDLE_MINUTES"] + 1), False),
    ("created_at", lambda cfg: timedelta(hours=cfg["SESSION_MAX_HOURS"], minutes=-5), True),
    ("created_at", lambda cfg: timedelta(hours=cfg["SESSION_MAX_HOURS"], minutes=1), False),
], ids=["idle-within", "idle-expired", "lifetime-within", "lifetime-expired"])
def test_idle_timeout_and_absolute_lifetime(app, client, no_totp, column, back, alive):
    with app.app_context():
        name = factories.user(Role.submitter).username
    login(client, name)
    assert _home_ok(client)
    with app.app_context():
        when = utcnow() - back(app.config)
        # created_at moves back alone: the session stays busy (last_seen now) but is simply too old.
        db.session.execute(sa.update(LoginSession).values({column: when}))
        db.session.commit()
    r = client.get("/")
    if alive:
        assert r.status_code == 200 and "您好" in r.get_data(as_text=True)
    else:
        assert _is_login_redirect(r)
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0


def test_session_cookie_is_httponly_and_samesite_lax(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = login(client, name)
    cookies = [c for c in r.headers.getlist("Set-Cookie") if c.startswith(COOKIE + "=")]
    assert cookies, r.headers.getlist("Set-Cookie")
    flags = [p.strip().lower() for p in cookies[-1].split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags


# --- password policy and storage -------------------------------------------------------------------------

WEAK = [
    ("Short-1a!", "密码至少需要 12 个字符"),
    ("password1234", "密码过于常见或容易猜测，请换一个"),
    ("xx-{username}-Secure-2026", "密码过于常见或容易猜测，请换一个"),
]


@pytest.mark.parametrize("password, message", WEAK, ids=["too-short", "common", "contains-username"])
def test_admin_create_form_refuses_weak_passwords(app, admin_client, password, message):
    with app.app_context():
        org_id = factories.org().id
        db.session.commit()
    username = "wangfang"
    r = admin_client.post("/admin/users/new", data={
        "username": username, "display_name": "王芳", "organisation_id": org_id,
        "roles": ["submitter"], "expert_id": "", "phone": "",
        "password": password.format(username=username)})
    assert r.status_code == 400
    assert message in alerts(r)
    with app.app_context():
        assert db.session.scalar(sa.select(User).where(User.username == username)) is None


@pytest.mark.parametrize("password, message", WEAK, ids=["too-short", "common", "contains-username"])
def test_profile_change_password_refuses_weak_passwords(app, client, no_totp, password, message):
    with app.app_context():
        u = factories.user(Role.submitter)
        name, old_hash = u.username, u.password_hash
    login(client, name)
    r = client.post("/profile/password", data={"current": PASSWORD, "new": password.format(username=name)})
    assert r.status_code == 400
    assert message in alerts(r)
    with app.app_context():
        assert db.session.scalar(sa.select(User.password_hash).where(User.username == name)) == old_hash
    assert _home_ok(client)  # still logged in
    assert login(app.test_client(), name).status_code == 302  # the old password still works


def test_profile_change_password_wrong_current_is_refused(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    login(client, name)
    r = client.post("/profile/password", data={"current": WRONG, "new": "Brand-New-Secret-77"})
    assert r.status_code == 400
    assert "当前密码不正确" in alerts(r)


def test_passwords_are_stored_as_argon2id(app, client, no_totp):
    with app.app_context():
        u = factories.user(Role.submitter)
        name, uid = u.username, u.id
        assert u.password_hash.startswith("$argon2id$")
        assert PASSWORD not in u.password_hash
    login(client, name)
    other = app.test_client()
    login(other, name)
    new = "Brand-New-Secret-77"
    r = client.post("/profile/password", data={"current": PASSWORD, "new": new})
    assert r.status_code == 302
    with app.app_context():
        stored = db.session.get(User, uid).password_hash
    assert stored.startswith("$argon2id$") and new not in stored
    assert _home_ok(client)  # the changer keeps a fresh session
    assert _is_login_redirect(other.get("/"))  # every other login ended
    assert login(app.test_client(), name, PASSWORD).status_code == 401
    assert login(app.test_client(), name, new).status_code == 302


# --- second factor ----------------------------------------------------------------------------------------

def _codes_around_now(secret):
    totp = pyotp.TOTP(secret)
    now = totp.timecode(__import__("datetime").datetime.now())
    return {totp.generate_otp(now + d) for d in (-1, 0, 1)}


def _wrong_code(secret):
    valid = _codes_around_now(secret)
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def test_bureau_reviewer_enrols_totp_then_must_give_a_code(app, client):
    app.config["REQUIRE_TOTP"] = True
    with app.app_context():
        name = factories.user(Role.bureau_reviewer).username

    r = login(client, name)
    assert r.status_code == 302 and _path(r) == "/login/enrol"
    # Half logged in: the home page is still closed.
    assert _is_login_redirect(client.get("/"))

    page = client.get("/login/enrol")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<svg" in html
    secret = re.search(r"<code>([A-Z2-7]{16,})</code>", html).group(1)
    assert client.get("/login/enrol").get_data(as_text=True).count(secret) >= 1  # same secret on reload

    bad = client.post("/login/enrol", data={"code": _wrong_code(secret)})
    assert bad.status_code == 200
    assert "动态验证码不正确，请核对手机时间后重试" in alerts(bad)
    assert _is_login_redirect(client.get("/"))

    enrolled_at = time.time()
    enrol_code = pyotp.TOTP(secret).at(enrolled_at)
    r = client.post("/login/enrol", data={"code": enrol_code})
    assert r.status_code == 302 and _path(r) == "/"
    home = client.get("/")
    assert home.status_code == 200 and "您好" in home.get_data(as_text=True)
    assert "已启用动态验证码" in alerts(home)
    with app.app_context():
        assert db.session.scalar(sa.select(User.totp_enabled).where(User.username == name)) is True

    # Next login: the password leads to the code page; a wrong code is refused, the right one lets in.
    client.post("/logout")
    second = app.test_client()
    r = login(second, name)
    assert r.status_code == 302 and _path(r) == "/login/code"
    assert second.get("/login/code").status_code == 200
    bad = second.post("/login/code", data={"code": _wrong_code(secret)})
    assert bad.status_code == 200 and "动态验证码不正确" in alerts(bad)
    assert _is_login_redirect(second.get("/"))
    # The code used to enrol cannot be replayed; the phone's next code works.
    replay = second.post("/login/code", data={"code": enrol_code})
    assert replay.status_code == 200 and "动态验证码不正确" in alerts(replay)
    r = second.post("/login/code", data={"code": pyotp.TOTP(secret).at(enrolled_at + 30)})
    assert r.status_code == 302 and _path(r) == "/"
    assert _home_ok(second)


def test_totp_enabled_user_is_asked_for_a_code_even_without_require(app, client, no_totp):
    with app.app_context():
        u = factories.user(Role.bureau_reviewer)
        secret = pyotp.random_base32()
        u.totp_secret, u.totp_enabled = secret, True
        db.session.commit()
        name = u.username
    r = login(client, name)
    assert _path(r) == "/login/code"
    assert _is_login_redirect(client.get("/"))


def test_department_submitter_is_not_asked_for_totp(app, client):
    app.config["REQUIRE_TOTP"] = True
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = login(client, name)
    assert r.status_code == 302 and _path(r) == "/"
    assert _home_ok(client)


def test_demo_without_require_totp_lets_a_bureau_user_straight_in(app, client, runner, no_totp):
    from review_app.demo import DEMO_PASSWORD
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    r = login(client, "reviewer", DEMO_PASSWORD)
    assert r.status_code == 302 and _path(r) == "/"
    home = client.get("/")
    assert home.status_code == 200 and "您好，赵审核" in home.get_data(as_text=True)


# --- redirects after login --------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["//evil.example", "//evil.example/login", "https://evil.example/",
                                    "/\\evil.example"])
def test_login_next_cannot_leave_the_site(app, client, no_totp, target):
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = client.post("/login", query_string={"next": target}, data={"username": name, "password": PASSWORD})
    assert r.status_code == 302
    loc = urlsplit(r.headers["Location"])
    assert loc.netloc in ("", "localhost") and loc.path == "/"


# Raw query strings, as an attacker's link carries them (the test client sends them undecoded).
HOSTILE_NEXT = [
    "/%09/evil.example/x",          # a tab: browsers drop it, leaving //evil.example/x
    "/%0A/evil.example", "/%0D%0A/evil.example", "%09//evil.example", "%20//evil.example",
    "/%5Cevil.example", "/%5C/evil.example", "%5C%5Cevil.example",     # backslashes read as slashes
    "%2F%2Fevil.example/x", "/%252F%252Fevil.example", "///evil.example", "/x//evil.example",
    "https:evil.example", "https://evil.example/", "http:/evil.example", "HTTPS://evil.example",
    "javascript:alert(1)", "JavaScript%3Aalert(1)", "data:text/html,x", "evil.example/x",
]


@pytest.mark.parametrize("raw", HOSTILE_NEXT)
def test_login_next_refuses_every_way_to_another_host(app, client, no_totp, raw):
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = client.post(f"/login?next={raw}", data={"username": name, "password": PASSWORD})
    assert r.status_code == 302
    assert r.headers["Location"] == "/", raw


def test_login_next_keeps_a_local_path_with_its_query(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = client.post("/login?next=/matters/%3Fq%3D%25E5%25AE%25A1%26page%3D2",
                    data={"username": name, "password": PASSWORD})
    assert r.status_code == 302 and r.headers["Location"] == "/matters/?q=%E5%AE%A1&page=2"


def test_login_next_to_a_local_page_is_followed(app, client, no_totp):
    with app.app_context():
        name = factories.user(Role.submitter).username
    r = client.get("/profile")
    assert _is_login_redirect(r)
    r = client.post(r.headers["Location"], data={"username": name, "password": PASSWORD})
    assert r.status_code == 302 and _path(r) == "/profile"
