"""Logging in through the real form in Chromium, with CSRF on."""
import re

import pytest

from tests import factories
from workflows.roles import Role

pytestmark = pytest.mark.browser


def test_bureau_reviewer_logs_in_and_sees_home(app, live_server, page, screenshot):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        user = factories.user(Role.bureau_reviewer)
        username, display_name = user.username, user.display_name

    page.goto(live_server + "/")
    # Not logged in: sent to the login page, which carries a CSRF token.
    assert re.search(r"/login\?next=", page.url)
    assert page.locator("input[name=csrf_token]").count() == 1
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(live_server + "/")
    heading = page.locator("h1")
    assert heading.inner_text() == f"您好，{display_name}"
    nav = page.locator("nav")
    assert "合法性审核系统" in nav.inner_text()
    assert nav.get_by_role("link", name="首页").is_visible()
    assert nav.get_by_role("link", name="操作日志").is_visible()  # bureau roles may read the audit trail
    assert nav.get_by_role("link", name="用户管理").count() == 0    # but are not administrators
    assert nav.get_by_role("button", name="退出").is_visible()
    assert "测试司法局" in page.locator("main").inner_text()
    # The page really is laid out in a CJK font (wide glyphs), not tofu or a zero-width fallback.
    width = page.evaluate("""() => { const s = document.createElement('span'); s.textContent = '您好您好';
        document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; }""")
    assert width > 40

    path = screenshot(page)
    assert path.stat().st_size > 10_000


def test_wrong_password_shows_chinese_message(app, live_server, page, screenshot):
    with app.app_context():
        username = factories.user(Role.bureau_reviewer).username
    page.goto(live_server + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("Not-The-Password-42")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text() == "用户名或密码错误"
    assert "/login" in page.url
    screenshot(page)
