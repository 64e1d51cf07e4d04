"""The bell, the notifications page and the channel choice, through the real pages in Chromium (CSRF on)."""
import pytest

from review_app.extensions import db
from review_app.models import User
from review_app.notifications.operations import notify
from tests import factories
from workflows.roles import Role

pytestmark = pytest.mark.browser


def test_a_person_reads_their_notifications_from_the_bell_and_chooses_channels(app, live_server, page,
                                                                                 screenshot):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        u = factories.user(Role.department_head)
        notify(u, "matter.submit", "matter", None, "/", "b:1", "【提交】关于规范临时占道经营的通知")
        notify(u, "reminder.overdue", "matter", None, "/", "b:2", "【已逾期】关于规范临时占道经营的通知")
        db.session.commit()
        username, user_id = u.username, u.id

    page.goto(live_server + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(factories.PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server + "/")
    assert page.locator("#unread-count").inner_text() == "2"

    page.get_by_role("link", name="通知：2 条未读").click()
    page.wait_for_url("**/notifications?state=unread")
    rows = page.locator("tr.unread")
    assert rows.count() == 2
    page.get_by_label("类别").select_option("reminder")
    page.get_by_role("button", name="筛选").click()
    assert page.locator("tr.unread").count() == 1 and "已逾期" in page.locator("table.notices").inner_text()
    page.locator("tr.unread input[type=checkbox]").check()
    page.get_by_role("button", name="将选中的标为已读").click()
    assert page.locator("#unread-count").inner_text() == "1"
    assert "kind=reminder" in page.url  # back on the same filtered page
    screenshot(page)

    page.goto(live_server + "/profile")
    page.get_by_label("电子邮件").uncheck()
    page.get_by_label("每日摘要（待办事项和未读通知，每天一封）").check()
    page.get_by_role("button", name="保存通知设置").click()
    assert "通知设置已保存" in page.locator(".alert").first.inner_text()
    with app.app_context():
        saved = db.session.get(User, user_id)
        assert (saved.notify_email, saved.daily_digest) == (False, True)
