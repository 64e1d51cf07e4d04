"""The whole review journey of one normative document, clicked through in Chromium by six people.

Each person logs in through the real login form in a browser context of their own (CSRF on), and the test
asserts what that person sees: status badges, flash messages, the paused clock during a supplement, the due
date once the bureau has the matter, the issued opinion's number and, at the end, the closed matter.
"""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import factories, pipeline
from tests.browser.conftest import ARTIFACTS
from workflows.review import CONCLUSION_LABELS, STATUS_LABELS, Conclusion, Status

pytestmark = pytest.mark.browser

TITLE = "关于规范城区临时占道经营管理的通知"
OPINION_NUMBER = re.compile(r"示司审〔(\d{4})〕1号")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Person:
    """One user in a browser context of their own."""

    def __init__(self, browser, base, backend, username):
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.base, self.backend = base, backend
        pg = self.page
        pg.goto(base + "/login")
        pg.get_by_label("用户名").fill(username)
        pg.get_by_label("密码").fill(factories.PASSWORD)
        with pg.expect_navigation():
            pg.get_by_role("button", name="登录").click()
        expect(pg.locator("h1")).to_contain_text("您好")

    def open(self, path):
        self.page.goto(self.base + path)

    def submit(self, locator):
        """Click a submit button and wait for the page the server answers with."""
        with self.page.expect_navigation():
            locator.click()

    def flash(self, text):
        expect(self.page.get_by_role("alert").filter(has_text=text)).to_be_visible()

    def no_error(self):
        expect(self.page.locator(".alert-danger")).to_have_count(0)

    def status(self, status: Status):
        expect(self.page.locator(".matter-status .badge").first).to_have_text(STATUS_LABELS[status])

    def act(self, action, reason=""):
        pg = self.page
        if reason:
            pg.locator(".action-form #reason").fill(reason)
        self.submit(pg.locator(f".action-form button[data-action={action}]"))

    def upload(self, kind_name, path: Path):
        pg = self.page
        form = pg.locator("form.upload-form")
        form.get_by_label("材料类型").select_option(label=kind_name)
        form.locator("input[type=file]").set_input_files(str(path))
        self.submit(form.get_by_role("button", name="上传", exact=True))
        self.flash(f"已上传：{kind_name}")

    def shot(self, step) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"journey-{step}-{self.backend}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


def _files(tmp_path: Path) -> dict[str, Path]:
    """Tiny real files: the draft and its revision as docx, the other materials as PDF."""
    out = {}
    for name, data in {
        "送审稿.docx": pipeline.docx_bytes("关于规范城区临时占道经营管理的通知",
                                          "第一条 为规范管理，制定本办法。", "第二条 申请人应当提交材料。"),
        "送审稿（司法局标注稿）.docx": pipeline.docx_bytes("关于规范城区临时占道经营管理的通知",
                                                   "第一条 为规范管理，依法制定本办法。", "第二条 申请人应当提交材料。"),
        "送审稿（修改稿）.docx": pipeline.docx_bytes("关于规范城区临时占道经营管理的通知",
                                                "第一条 为规范管理，依据《城市道路管理条例》制定本办法。",
                                                "第二条 申请人应当提交下列材料：（一）申请书；（二）身份证明。"),
        "起草说明.pdf": pipeline.PDF, "制定依据.pdf": pipeline.PDF, "征求意见及采纳情况.pdf": pipeline.PDF,
        "起草单位合法性审核意见.pdf": pipeline.PDF, "公平竞争审查意见.pdf": pipeline.PDF,
    }.items():
        (tmp_path / name).write_bytes(data)
        out[name] = tmp_path / name
    return out


def test_normative_document_journey(app, live_server, browser, backend, tmp_path):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        c = pipeline.cast()
        names = {k: getattr(c, k).username for k in ("submitter", "head", "officer", "reviewer", "director")}
        reviewer_id, reviewer_name = c.reviewer.id, c.reviewer.display_name
    files = _files(tmp_path)
    people = []

    def login(who) -> Person:
        p = Person(browser, live_server, backend, names[who])
        people.append(p)
        return p

    try:
        # 1. The department submitter fills in the intake form and uploads every required material.
        sub = login("submitter")
        sub.open("/matters/new")
        pg = sub.page
        pg.get_by_label("类别").select_option(label="行政规范性文件")
        pg.get_by_label("事项名称").fill(TITLE)
        pg.get_by_label("主要内容").fill("规范临时占道经营的审批条件和程序。")
        pg.get_by_label("法律依据").fill("《城市道路管理条例》第三十一条")
        pg.get_by_label("联系人").fill("张承办")
        pg.get_by_label("联系电话").fill("0851-1234567")
        sub.shot("01-intake")
        sub.submit(pg.get_by_role("button", name="保存草稿"))
        sub.flash("已保存草稿，请上传报送材料")
        m = re.search(r"/matters/(\d+)$", pg.url)
        assert m, pg.url
        matter_id = int(m.group(1))
        matter_path = f"/matters/{matter_id}"
        expect(pg.locator("h1")).to_have_text(TITLE)
        sub.status(Status.draft)
        missing = pg.locator(".alert-warning").filter(has_text="尚缺必备材料")
        expect(missing).to_contain_text("文件送审稿")
        # Nothing to submit yet: the button appears only once the materials are complete.
        expect(pg.locator("button[data-action=submit]")).to_have_count(0)

        sub.upload("文件送审稿", files["送审稿.docx"])
        for kind in ("起草说明", "制定依据", "征求意见及采纳情况", "起草单位合法性审核意见"):
            sub.upload(kind, files[f"{kind}.pdf"])
        expect(missing).to_have_count(0)
        table = pg.locator(".materials-table")
        for kind in ("送审稿.docx", "起草说明.pdf", "起草单位合法性审核意见.pdf"):
            expect(table.get_by_role("link", name=kind)).to_be_visible()
        sub.shot("02-materials")
        sub.act("submit")
        sub.flash("已完成：提交审核")
        sub.status(Status.department_review)
        expect(pg.locator("form.upload-form")).to_have_count(0)  # materials are frozen once submitted

        # 2. The department head approves and sends it to the decision body.
        head = login("head")
        head.open(matter_path)
        head.status(Status.department_review)
        head.act("approve")
        head.flash("已完成：审核通过并报送决策机关")
        head.status(Status.decision_pending)
        expect(head.page.locator(".stage-step.current")).to_have_text("决策机关受理")
        head.shot("03-head-approved")

        # 3. The decision-body officer accepts and forwards to the justice bureau; the review clock starts.
        officer = login("officer")
        officer.open(matter_path)
        officer.act("accept")
        officer.flash("已完成：受理")
        officer.status(Status.decision_accepted)
        expect(officer.page.locator(".clock-card")).to_contain_text("送达司法局后开始计时")
        officer.act("forward")
        officer.flash("已完成：转送司法局审核")
        officer.status(Status.bureau_intake)
        with app.app_context():
            from review_app.extensions import db
            from review_app.models import Matter
            row = db.session.get(Matter, matter_id)
            started, due, days = row.clock_started_on, row.due_on, row.period_days
        assert due is not None and due > started
        clock = officer.page.locator(".clock-card")
        expect(clock).to_contain_text(f"司法局收件：{started.isoformat()}")
        expect(clock).to_contain_text(f"审核期限：{days} 个工作日")
        expect(clock.locator("strong")).to_have_text(due.isoformat())
        expect(clock).to_contain_text(re.compile(r"剩余 \d+ 个工作日"))
        officer.shot("04-forwarded")

        # 4. The bureau director assigns the reviewer.
        director = login("director")
        director.open(matter_path)
        director.status(Status.bureau_intake)
        assign = director.page.locator(".actions-card form").filter(
            has=director.page.get_by_role("button", name="分配审核人员"))
        assign.get_by_label("审核人员").select_option(value=str(reviewer_id))
        director.submit(assign.get_by_role("button", name="分配审核人员"))
        director.flash(f"已分配审核人员：{reviewer_name}")
        director.status(Status.bureau_review)
        expect(director.page.locator("dd").filter(has_text=reviewer_name)).to_be_visible()
        director.shot("05-assigned")

        # 5. The reviewer asks for a supplement: the clock pauses.
        reviewer = login("reviewer")
        reviewer.open(matter_path)
        reviewer.status(Status.bureau_review)
        # A supplement needs a reason: without one the page says so and nothing changes.
        reviewer.act("request_supplement")
        reviewer.flash("请填写理由")
        reviewer.status(Status.bureau_review)
        reviewer.act("request_supplement", "请补充公平竞争审查意见。")
        reviewer.flash("已完成：要求补正材料")
        reviewer.status(Status.awaiting_supplement)
        badges = reviewer.page.locator(".matter-status")
        expect(badges).to_contain_text("计时暂停")
        expect(reviewer.page.locator(".clock-card")).to_contain_text("补正中，计时暂停")
        expect(reviewer.page.locator(".clock-card strong")).to_have_count(0)  # no due date while paused
        expect(reviewer.page.locator(".timeline")).to_contain_text("请补充公平竞争审查意见。")
        reviewer.shot("06-supplement-requested")

        # 6. The department sees why, uploads one more file and supplies.
        sub.open(matter_path)
        sub.status(Status.awaiting_supplement)
        expect(sub.page.locator(".matter-status")).to_contain_text("计时暂停")
        expect(sub.page.locator(".supplement-request")).to_contain_text("请补充公平竞争审查意见。")
        sub.upload("公平竞争审查意见", files["公平竞争审查意见.pdf"])
        sub.shot("07-supplement-uploaded")
        sub.act("supply")
        sub.flash("已完成：补正材料")
        sub.status(Status.bureau_review)
        expect(sub.page.locator(".matter-status")).not_to_contain_text("计时暂停")
        expect(sub.page.locator(".clock-card strong")).to_have_text(DATE)

        # 7. The reviewer adds the bureau's marked-up version of the draft and compares it with the department's:
        # the edit shows inside the running text, paragraphs side by side.
        reviewer.open(matter_path)
        reviewer.status(Status.bureau_review)
        reviewer.upload("文件送审稿", files["送审稿（司法局标注稿）.docx"])
        expect(reviewer.page.locator(".bureau-version")).to_have_text("司法局标注稿")
        with reviewer.page.expect_navigation():
            reviewer.page.locator("a.compare-link").click()
        compare = reviewer.page.locator(".compare-table")
        expect(compare.locator("tr.diff-row-changed")).to_have_count(1)
        expect(compare.locator("ins.diff-ins")).to_have_text("依法")
        expect(compare.locator("tr").filter(has_text="第二条 申请人应当提交材料。")).to_have_count(1)
        reviewer.shot("07b-compare")

        # 7c. The reviewer drafts "lawful if amended" with two points.
        reviewer.open(matter_path)
        reviewer.status(Status.bureau_review)
        with reviewer.page.expect_navigation():
            reviewer.page.get_by_role("link", name="起草审核意见书", exact=True).click()
        pg = reviewer.page
        expect(pg.locator("h1")).to_have_text("起草审核意见书")
        # Decree 713 Art. 27: a finding on authority, procedure and content, then the conclusion.
        pg.locator("select[name='authority-finding']").select_option(value="met")
        pg.locator("select[name='procedure-finding']").select_option(value="met")
        pg.locator("select[name='content-finding']").select_option(value="partly_met")
        pg.locator("textarea[name='content-note']").fill("第一条、第二条需修改完善。")
        pg.get_by_label("审核结论").select_option(value=Conclusion.lawful_if_amended.value)
        pg.get_by_label("审核理由").fill("经审查，该文件制定主体合法，程序基本完备，部分条款需修改。")
        rows = pg.locator(".point-row")
        rows.nth(0).get_by_label("对应条款").fill("第一条")
        rows.nth(0).get_by_label("修改意见").fill("制定依据表述不完整，建议写明所依据的《城市道路管理条例》。")
        rows.nth(1).get_by_label("对应条款").fill("第二条")
        rows.nth(1).get_by_label("修改意见").fill("申请材料应当列明，不得以“应当提交材料”概括规定。")
        reviewer.shot("08-draft")
        reviewer.submit(pg.get_by_role("button", name="保存并提交负责人签发"))
        reviewer.flash("审核意见书已起草，待负责人签发")
        reviewer.status(Status.opinion_drafted)
        card = pg.locator(".card").filter(has=pg.get_by_role("heading", name="合法性审核意见书"))
        expect(card).to_contain_text(CONCLUSION_LABELS[Conclusion.lawful_if_amended])
        expect(card.locator(".opinion-points li")).to_have_count(2)

        # 8. The director signs off.
        director.open(matter_path)
        director.status(Status.opinion_drafted)
        expect(director.page.locator("button[data-action=sign_off]")).to_have_text("签发")
        director.act("sign_off")
        director.flash("已完成：签发")
        director.status(Status.signed)
        director.shot("09-signed")

        # 9. The reviewer issues the opinion; it gets its number.
        reviewer.open(matter_path)
        reviewer.act("issue")
        reviewer.flash("已完成：出具审核意见书")
        reviewer.status(Status.issued)
        expect(reviewer.page.locator(".timeline")).to_contain_text(OPINION_NUMBER)
        number = OPINION_NUMBER.search(reviewer.page.locator(".timeline").inner_text()).group(0)
        expect(reviewer.page.locator(".card .opinion-number")).to_have_text(number)  # in the opinion card
        with reviewer.page.expect_navigation():
            reviewer.page.get_by_role("link", name="在线查看", exact=True).click()
        expect(reviewer.page.locator(".opinion-number")).to_have_text(number)
        expect(reviewer.page.locator(".opinion-letter")).to_contain_text("制定依据表述不完整")
        reviewer.shot("10-issued")

        # 10. The department uploads its revised draft and answers both points.
        sub.open(matter_path)
        sub.status(Status.issued)
        sub.upload("文件送审稿", files["送审稿（修改稿）.docx"])
        expect(sub.page.locator(".materials-table")).to_contain_text("第3版")  # after the bureau's version 2
        with sub.page.expect_navigation():
            sub.page.get_by_role("link", name="采纳情况", exact=True).click()
        pg = sub.page
        expect(pg.locator("h1")).to_contain_text(number)
        point = pg.locator("#point-1")
        expect(point.get_by_role("heading")).to_have_text("第 1 条（对应条款：第一条）")
        point.get_by_label("采纳", exact=True).check()
        point.get_by_label("修改后的文稿版本（采纳时必选）").select_option(
            label="文件送审稿 第3版 送审稿（修改稿）.docx")
        sub.submit(point.get_by_role("button", name="保存答复"))
        sub.flash("已答复第 1 条修改意见")
        expect(pg.locator("#point-1 .badge")).to_have_text("已采纳")
        point = pg.locator("#point-2")
        point.get_by_label("不采纳", exact=True).check()
        point.get_by_label("说明（不采纳时必填）").fill("申请材料已在配套的办事指南中逐项列明，本文件不再重复。")
        sub.submit(point.get_by_role("button", name="保存答复"))
        sub.flash("已答复第 2 条修改意见")
        expect(pg.locator("#point-2 .badge")).to_have_text("未采纳")
        expect(pg.locator("#point-1")).to_contain_text("送审稿（修改稿）.docx")
        sub.shot("11-adoption")
        sub.submit(pg.get_by_role("button", name="提交采纳情况"))
        sub.flash("已完成：答复采纳情况")
        sub.status(Status.answered)
        points = sub.page.locator(".opinion-points li")
        expect(points.nth(0).locator(".badge")).to_have_text("已采纳")
        expect(points.nth(1).locator(".badge")).to_have_text("未采纳")
        expect(points.nth(1)).to_contain_text("办事指南")

        # 11. The decision officer records the decision taken, from the matter's page: the matter's title,
        # category and department come with it, nothing is retyped.
        officer.open(matter_path)
        with officer.page.expect_navigation():
            officer.page.get_by_role("link", name="登记决策结果").click()
        pg = officer.page
        expect(pg.locator("h1")).to_have_text("登记决策事项")
        expect(pg.locator(".chosen-matter")).to_contain_text(TITLE)
        expect(pg.locator(".chosen-matter")).to_contain_text(number)
        expect(pg.locator(".unreviewed-fields")).to_be_hidden()
        pg.get_by_label("会议名称").fill("区人民政府第12次常务会议")
        pg.get_by_label("会议日期").fill(started.isoformat())
        pg.get_by_label("决策结果").select_option(label="修改后通过")
        officer.shot("12-decision")
        officer.submit(pg.get_by_role("button", name="保存"))
        officer.flash(f"已登记决策事项：{TITLE}")
        decision = pg.locator(".decision-card")
        expect(decision).to_contain_text("修改后通过")
        expect(decision).to_contain_text("区人民政府第12次常务会议")
        officer.open("/decisions/")
        row = pg.locator("tbody tr").filter(has_text=TITLE)
        expect(row).to_contain_text("已审核")
        expect(row).to_contain_text(number)
        expect(row).to_contain_text("修改后通过")
        expect(row.get_by_role("link", name=TITLE)).to_have_attribute("href", matter_path)

        # 12. The matter is closed, for everyone.
        for who in (officer, sub):
            who.open(matter_path)
            who.status(Status.closed)
            expect(who.page.locator(".stage-step.current")).to_have_text("意见落实与决策")
            expect(who.page.locator(".actions-card")).to_have_count(0)
            who.no_error()
        assert STATUS_LABELS[Status.closed] == "已办结"
        expect(sub.page.locator(".timeline")).to_contain_text("登记决策结果")
        expect(sub.page.locator(".card .opinion-number")).to_have_text(number)
        sub.shot("13-closed")

        # 13. On a phone (390 px) the list reads as cards: the title keeps its width, nothing overflows.
        sub.page.set_viewport_size({"width": 390, "height": 844})
        sub.open("/matters/")
        title_cell = sub.page.locator(".matters-table td.cell-title").filter(has_text=TITLE)
        box = title_cell.bounding_box()
        assert box and box["width"] > 300, box
        assert sub.page.evaluate("document.documentElement.scrollWidth") <= 390
        sub.shot("14-narrow-list")
    finally:
        for p in people:
            p.close()
