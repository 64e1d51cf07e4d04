"""The litigation journey in Chromium (issue 10): the bureau files a lawsuit against a department from a
reviewed matter, the head is reminded the day before the hearing (in the app and by SMS, and the bureau sees
it was sent), the head appears, the loss is recorded, the department submits its analysis and rectification,
and the quarterly bulletin shows the loss and the appearance.

"Today" is frozen on review_app.rules.today and moved on as the story goes (the served app runs in this
process); the reminder job is the periodic one, run here as the scheduler would.
"""
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from review_app.extensions import db
from review_app.models import Organisation
from tests import factories, ledger, pipeline
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journey import Person as JourneyPerson
from workflows.review import Status
from workflows.roles import Role

pytestmark = pytest.mark.browser


class Person(JourneyPerson):
    def shot(self, step) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"disputes-{step}-{self.backend}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def test_a_lawsuit_from_a_reviewed_matter_to_the_quarterly_bulletin(app, live_server, browser, backend,
                                                                   monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, date(2026, 10, 12))
    with app.app_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.issued)
        dept = db.session.scalar(sa.select(Organisation).where(Organisation.id == m.department_id))
        head = factories.user(Role.department_head, dept, username="zhuangjian_head", phone="13800000002")
        matter_id, dept_name = m.id, dept.name
        names = {"reviewer": c.reviewer.username, "clerk": c.submitter.username, "head": head.username}
    people = []

    def login(name) -> Person:
        p = Person(browser, live_server, backend, names[name])
        people.append(p)
        return p

    try:
        # 1. The bureau files the lawsuit from the reviewed matter and enters the hearing the court set.
        bureau = login("reviewer")
        pg = bureau.page
        bureau.open(f"/matters/{matter_id}")
        bureau.submit(pg.get_by_role("link", name="备案行政应诉案件"))
        expect(pg.locator(".linked-matter")).to_contain_text("关于规范城区临时占道经营管理的通知")
        pg.get_by_label("受理法院").fill("示范区人民法院")
        pg.get_by_label("案号").fill("（2026）黔0111行初88号")
        pg.get_by_label("原告").fill("某某商贸有限公司")
        pg.get_by_label("所属领域").select_option(label="行政许可")
        pg.get_by_label("收到起诉状副本日期").fill("2026-10-12")
        bureau.submit(pg.get_by_role("button", name="备案", exact=True))
        bureau.flash("行政应诉案件已备案：（2026）黔0111行初88号")
        expect(pg.locator(".deadline[data-kind=defence]")).to_contain_text("2026-10-27")
        form = pg.locator("form.hearing-form")
        form.get_by_label("开庭日期").fill("2026-11-10")
        form.get_by_label("开庭时间").fill("09:30")
        form.get_by_placeholder("法庭").fill("第三法庭")
        bureau.submit(form.get_by_role("button", name="登记开庭"))
        bureau.flash("已登记开庭")
        case_url = pg.url
        bureau.shot("01-filed")

        # 2. The day before the hearing the scheduler reminds the head; the bureau sees the SMS was sent.
        ledger.freeze(monkeypatch, date(2026, 11, 9))
        with app.app_context():
            from review_app.disputes.reminders import hearing_reminders
            assert hearing_reminders() == 2  # the department's two heads (the pipeline's and this one)
        head = login("head")
        expect(head.page.get_by_text("【开庭提醒】2026-11-10 09:30 示范区人民法院第三法庭开庭审理（2026）黔0111行初88号")
               ).to_be_visible()
        head.shot("02-head-reminded")
        pg.goto(case_url)
        expect(pg.locator(".hearing-reminder")).to_have_count(2)
        expect(pg.locator(".reminder-sent")).to_contain_text("短信已发送")  # the head with a mobile number
        bureau.shot("03-reminder-sent")

        # 3. After the hearing the department records that its head appeared; the court quashes the act.
        ledger.freeze(monkeypatch, date(2026, 11, 20))
        clerk = login("clerk")
        cp = clerk.page
        clerk.open(case_url.replace(live_server, ""))
        form = cp.locator("form.appearance-form")
        form.get_by_label("出庭情况").select_option(label="正职负责人出庭")
        form.get_by_placeholder("出庭人员（姓名、职务）").fill("李局长")
        clerk.submit(form.get_by_role("button", name="登记出庭情况"))
        clerk.flash("已登记出庭情况")
        pg.goto(case_url)
        form = pg.locator("form.outcome-form")
        form.get_by_label("裁判结果").select_option(label="判决撤销或者部分撤销")
        form.get_by_label("裁判日期").fill("2026-11-18")
        form.get_by_label("送达日期").fill("2026-11-19")
        form.get_by_label("违反法定程序").check()
        bureau.submit(form.get_by_role("button", name="登记裁判结果"))
        bureau.flash("已登记裁判结果")
        expect(pg.locator(".lawsuit-outcome")).to_have_text("判决撤销或者部分撤销")
        bureau.shot("04-loss-recorded")

        # 4. The department reports the loss with its analysis and rectification items.
        clerk.open(case_url.replace(live_server, ""))
        form = cp.locator("form.loss-report-form")
        form.get_by_placeholder("败诉原因").fill("作出决定前未告知陈述申辩权利")
        form.get_by_placeholder("责任分析").fill("法规科审核把关不严")
        form.get_by_placeholder("整改措施 1").fill("修订行政许可办理程序")
        form.get_by_label("整改期限").first.fill("2026-12-31")
        clerk.submit(form.get_by_role("button", name="报送败诉分析及整改方案"))
        clerk.flash("已报送败诉分析及整改方案")
        expect(cp.locator(".rectification-items")).to_contain_text("修订行政许可办理程序（期限 2026-12-31）")
        clerk.shot("05-loss-analysed")

        # 5. The quarterly bulletin shows the department's loss and its head's appearance.
        bureau.open("/disputes/figures?year=2026&quarter=4")
        bureau.submit(pg.get_by_role("link", name="季度通报"))
        row = pg.locator(f".bulletin-figures tr[data-unit='{dept_name}']")
        expect(row).to_contain_text("100%（1/1）")
        expect(row.locator("td").nth(3)).to_have_text("1")
        expect(pg.locator(".special-notice").nth(2)).to_contain_text("无")
        bureau.shot("06-bulletin")
        for p in people:
            p.no_error()
    finally:
        for p in people:
            p.context.close()
