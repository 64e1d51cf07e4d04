"""The ledger's journey in Chromium: a street enters a case planned too early, the board shows the alert, the bureau
issues a supervision letter, the street records the missing steps with their documents and replies, and the case
becomes ready on the right day (2026-10-16, not 10-15).

"Today" is frozen on review_app.rules.today and moved on as the story goes (the served app runs in this
process). The story's dates are tests/ledger.py's STORY: the order served 2026-04-15, so the party may sue until
2026-10-15.
"""
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from review_app import rules
from review_app.demo import PDF
from tests import ledger
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journey import Person as JourneyPerson

pytestmark = pytest.mark.browser


class Person(JourneyPerson):
    """One user in a browser context of their own, as in the review journey."""

    def shot(self, step) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"demolition-{step}-{self.backend}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def record_step(self, label, on, evidence: Path, number="", deadline=None, told=False, expect_ok=True):
        pg = self.page
        self.submit(pg.get_by_role("link", name="录入程序节点"))
        form = pg.locator("form.step-form")
        form.get_by_label("程序节点").select_option(label=label)
        form.get_by_label("送达或办理日期").fill(on)
        form.get_by_label("文书编号").fill(number)
        if deadline:
            form.get_by_label("文书载明的履行期限").fill(deadline)
        if told:
            form.get_by_label("文书已告知申请行政复议、提起行政诉讼的途径和期限").check()
        form.locator("input[type=file]").set_input_files(str(evidence))
        self.submit(form.get_by_role("button", name="录入"))
        if expect_ok:
            self.flash(f"已录入：{label}")


def test_a_case_planned_too_early_is_supervised_until_it_is_lawful(app, live_server, browser, backend, tmp_path,
                                                                    monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, date(2026, 6, 1))
    with app.app_context():
        w = ledger.people()
        town_name, bureau_name = w.town.username, w.reviewer.username
    evidence = {name: tmp_path / name for name in ("决定书及送达回证.pdf", "催告书及送达回证.pdf", "陈述申辩笔录.pdf",
                                                   "强制执行决定书.pdf", "送达回证.pdf", "强制拆除公告及照片.pdf")}
    for path in evidence.values():
        path.write_bytes(PDF)
    people = []

    def login(name) -> Person:
        p = Person(browser, live_server, backend, name)
        people.append(p)
        return p

    try:
        # 1. The street enters the case, planned for 2026-06-10, and records the order and the demand.
        street = login(town_name)
        pg = street.page
        street.submit(pg.get_by_role("link", name="拆除台账"))
        street.submit(pg.locator(".ledger-nav").get_by_role("link", name="录入案件"))
        pg.get_by_label("项目名称").fill("青山大道拓宽工程")
        pg.get_by_label("拆除类型").select_option(label="违法建设")
        pg.get_by_label("房屋坐落").fill("青山村三组12号")
        pg.get_by_label("当事人（每行一人）").fill("张三\n李四")
        pg.get_by_label("执法主体").fill("青山镇人民政府")
        pg.get_by_label("拟拆除时间").fill("2026-06-10")
        street.submit(pg.get_by_role("button", name="保存"))
        street.flash("已录入台账案件")
        case_path = re.search(r"/demolition/\d+$", pg.url).group(0)
        street.record_step("责令限期拆除决定送达", "2026-04-15", evidence["决定书及送达回证.pdf"], "青违拆字〔2026〕8号",
                           "2026-04-29", told=True)
        street.record_step("催告书送达", "2026-05-06", evidence["催告书及送达回证.pdf"], "青催字〔2026〕8号",
                           "2026-05-15", told=True)
        gate = pg.locator(".gate-answer")
        expect(gate).to_contain_text("尚不能实施")
        expect(gate.locator("[data-alert=planned_too_early]")).to_contain_text("拟拆除时间2026-06-10早于2026-10-16")
        street.shot("01-street-case-too-early")

        # 2. The district board shows the alert; the bureau issues a letter from it.
        bureau = login(bureau_name)
        bureau.open("/demolition/board")
        alert = bureau.page.locator(".board-alert").filter(has_text="青山大道拓宽工程")
        expect(alert).to_contain_text("拟拆除时间早于最早合法日期")
        expect(bureau.page.locator("#upcoming")).to_contain_text("青山大道拓宽工程")
        bureau.shot("02-board-alert")
        bureau.submit(alert.get_by_role("link", name="制发督察函"))
        expect(bureau.page.get_by_label("发现的问题")).to_contain_text("拟拆除时间2026-06-10早于2026-10-16")
        expect(bureau.page.get_by_label("书面回复期限")).to_have_value("2026-06-15")
        bureau.page.get_by_label("抄送（可选，多个单位以顿号分隔）").fill("示范区人民政府办公室")
        bureau.submit(bureau.page.get_by_role("button", name="制发"))
        bureau.flash("已制发法治督察函 示司督〔2026〕1号")
        expect(bureau.page.locator(".supervision-letter .letter-number")).to_have_text("示司督〔2026〕1号")
        with bureau.page.expect_download() as download:
            bureau.page.get_by_role("link", name="下载 Word").click()
        assert download.value.suggested_filename == "示司督〔2026〕1号.docx"
        bureau.shot("03-letter-issued")

        # 3. Eleven days on, the street records the missing steps with their documents. A step out of order is
        #    refused under its field first.
        ledger.freeze(monkeypatch, date(2026, 6, 12))
        street.open(case_path)
        street.record_step("强制执行决定", "2026-06-03", evidence["强制执行决定书.pdf"], "青强执决〔2026〕8号",
                           told=True, expect_ok=False)
        expect(street.page.locator("form.step-form .form-error")).to_contain_text(
            "须先记录听取陈述申辩并复核，再记录强制执行决定")
        street.shot("04-step-refused")
        street.open(case_path)
        street.record_step("听取陈述申辩并复核", "2026-05-20", evidence["陈述申辩笔录.pdf"], "陈述申辩笔录")
        street.record_step("强制执行决定", "2026-06-03", evidence["强制执行决定书.pdf"], "青强执决〔2026〕8号", told=True)
        street.record_step("强制执行决定送达", "2026-06-04", evidence["送达回证.pdf"], "送达回证")
        street.record_step("强制拆除公告", "2026-06-05", evidence["强制拆除公告及照片.pdf"], "青拆告〔2026〕8号", "2026-06-15")
        expect(street.page.locator(".gate-answer .earliest-date")).to_have_text("2026-10-16")
        for label in ("陈述申辩笔录.pdf", "强制执行决定书.pdf", "强制拆除公告及照片.pdf"):
            expect(street.page.locator(".ledger-timeline").get_by_role("link", name=label)).to_be_visible()
        street.shot("05-steps-recorded")

        # 4. The street replies to the letter, reporting the steps it recorded since.
        street.open("/demolition/letters?view=outstanding")
        street.submit(street.page.get_by_role("link", name="示司督〔2026〕1号"))
        street.page.get_by_label("回复内容（整改情况）").fill("已补正陈述申辩、强制执行决定及送达、强制拆除公告程序，"
                                                        "拟拆除时间调整至诉讼期限届满后。")
        for label in ("听取陈述申辩并复核", "强制执行决定（", "强制拆除公告"):
            expect(street.page.locator(".reply-form .form-check").filter(has_text=label).first
                   .locator("input")).to_be_checked()
        street.submit(street.page.get_by_role("button", name="提交回复"))
        street.flash("已回复督察函 示司督〔2026〕1号")
        expect(street.page.locator(".replies .reply")).to_contain_text("强制拆除公告")
        street.shot("06-reply")
        street.open(case_path)
        street.submit(street.page.get_by_role("link", name="修改台账信息"))
        street.page.get_by_label("拟拆除时间").fill("2026-10-19")
        street.submit(street.page.get_by_role("button", name="保存"))
        street.flash("已保存")
        expect(street.page.locator(".gate-alerts")).to_have_count(0)

        # 5. The case is not ready on 2026-10-15, the last day the party may sue, and ready on 10-16.
        ledger.freeze(monkeypatch, date(2026, 10, 15))
        street.open(case_path)
        expect(street.page.locator(".gate-answer")).to_contain_text("行政诉讼起诉期限至2026-10-15届满")
        expect(street.page.locator(".ledger-status")).to_have_text("等待法定期限届满")
        ledger.freeze(monkeypatch, date(2026, 10, 16))
        street.open(case_path)
        expect(street.page.locator(".gate-answer")).to_contain_text("程序已完备，自 2026-10-16 起可依法实施强制拆除")
        expect(street.page.locator(".ledger-status")).to_have_text("可依法实施")
        street.shot("07-ready")
        bureau.open("/demolition/board")
        expect(bureau.page.locator(".board-alert")).to_have_count(0)
        expect(bureau.page.locator(".outstanding-letters")).to_contain_text("无")
        bureau.shot("08-board-after")

        # 6. The board at a phone's width.
        phone = login(bureau_name)
        phone.page.set_viewport_size({"width": 390, "height": 900})
        phone.open("/demolition/board")
        expect(phone.page.locator("h1")).to_contain_text("拆除台账看板")
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
        phone.shot("09-board-390px")
        assert rules.today() == date(2026, 10, 16)
    finally:
        for p in people:
            p.close()
