"""Clause flags in Chromium (#12): a reviewer opens a draft whose 第五条 (numbered automatically by Word) creates
a fine, accepts the flag as a modification point, writes and sends the opinion, the director signs it off and
the reviewer issues it carrying that point; the department uploads its revised version, and the reviewer
sees the flag resolved there."""
import re

import pytest
from playwright.sync_api import expect

from review_app.extensions import db
from review_app.models import Matter
from tests import pipeline
from tests.browser.test_journey import Person
from tests.drafts import FINE_DRAFT, FINE_REVISED, numbered_docx
from workflows.opinion import Finding
from workflows.review import CONCLUSION_LABELS, Conclusion, Status

pytestmark = pytest.mark.browser

FINE = "处五千元以上三万元以下罚款"
OPINION_NUMBER = re.compile(r"示司审〔\d{4}〕\d+号")


def test_a_fine_in_article_five_becomes_a_point_and_the_revision_resolves_it(app, live_server, browser, backend,
                                                                             tmp_path):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        c = pipeline.cast()
        names = {k: getattr(c, k).username for k in ("submitter", "reviewer", "director")}
        matter = pipeline.drive(c, Status.bureau_review, draft=numbered_docx(*FINE_DRAFT))
        matter_id = matter.id
        (first,) = [d.id for d in db.session.get(Matter, matter_id).documents if d.kind == "docx"]
    revised = tmp_path / "送审稿（修改稿）.docx"
    revised.write_bytes(numbered_docx(*FINE_REVISED))
    matter_path = f"/matters/{matter_id}"
    people = []

    def login(who) -> Person:
        p = Person(browser, live_server, backend, names[who])
        people.append(p)
        return p

    def shot(person, step):
        path = person.shot(f"flags-{step}")
        assert path.stat().st_size > 10_000  # a rendered page, not a blank one
        return path

    try:
        # 1. The reviewer opens the draft: 第五条 is shown (Word drew its number) with the fine highlighted.
        reviewer = login("reviewer")
        reviewer.open(f"/matters/documents/{first}/view")
        pg = reviewer.page
        clause = pg.locator("section.clause[data-label='第五条']")
        expect(clause.locator("strong.clause-label")).to_have_text("第五条")
        expect(clause.locator("mark.flag-words.level-high")).to_have_text(FINE)
        panel = pg.locator(".flag-panel")
        fine = panel.locator(".flag-item").filter(has_text="设定罚款、没收、吊销证照")
        expect(fine).to_contain_text("第五条")
        expect(fine).to_contain_text("《中华人民共和国行政处罚法》第十六条")
        expect(fine.locator(".flag-level")).to_have_text("高")
        expect(panel.locator(".flag-item")).to_have_count(2)  # the fine, and the licence of 第六条
        shot(reviewer, "01-panel")

        # 2. One step: the flag becomes the first modification point of the working draft, tied to 第五条.
        reviewer.submit(fine.get_by_role("button", name="采纳为修改意见"))
        reviewer.flash("已将第五条的提示作为第1条修改意见加入审核意见书草稿")
        fine = pg.locator(".flag-panel .flag-item").filter(has_text="设定罚款、没收、吊销证照")
        expect(fine).to_contain_text("已采纳")
        expect(fine).to_contain_text("审核意见书第1条修改意见")
        shot(reviewer, "02-accepted")

        # 3. The reviewer completes the opinion through its form: findings, conclusion, reasons; sends it.
        with pg.expect_navigation():
            fine.get_by_role("link", name="在意见书中修改").click()
        expect(pg.locator("h1")).to_have_text("起草审核意见书")
        row = pg.locator(".point-row").nth(0)
        expect(row.get_by_label("对应条款")).to_have_value("第五条")
        expect(row.get_by_label("修改意见")).to_have_value(re.compile("第五条“处五千元以上三万元以下罚款”的规定，属于设定行政处罚"))
        pg.locator("select[name='authority-finding']").select_option(value=Finding.met.value)
        pg.locator("select[name='procedure-finding']").select_option(value=Finding.met.value)
        pg.locator("select[name='content-finding']").select_option(value=Finding.partly_met.value)
        pg.locator("textarea[name='content-note']").fill("第五条设定罚款，缺乏上位法依据。")
        pg.get_by_label("审核结论").select_option(value=Conclusion.lawful_if_amended.value)
        pg.get_by_label("审核理由").fill("经审查，该办法制定主体适格，程序基本完备，但第五条设定了行政处罚，需修改。")
        shot(reviewer, "03-opinion-form")
        reviewer.submit(pg.get_by_role("button", name="保存并提交负责人签发"))
        reviewer.flash("审核意见书已起草，待负责人签发")
        reviewer.status(Status.opinion_drafted)

        # 4. The director signs off; 5. the reviewer issues the opinion, which carries the point.
        director = login("director")
        director.open(matter_path)
        director.act("sign_off")
        director.flash("已完成：签发")
        director.status(Status.signed)
        reviewer.open(matter_path)
        reviewer.act("issue")
        reviewer.flash("已完成：出具审核意见书")
        reviewer.status(Status.issued)
        card = pg.locator(".card").filter(has=pg.get_by_role("heading", name="合法性审核意见书"))
        expect(card).to_contain_text(CONCLUSION_LABELS[Conclusion.lawful_if_amended])
        expect(card.locator(".opinion-points li")).to_have_count(1)
        expect(card.locator(".opinion-points li")).to_contain_text("（第五条）")
        with pg.expect_navigation():
            pg.get_by_role("link", name="在线查看", exact=True).click()
        expect(pg.locator(".opinion-number")).to_have_text(OPINION_NUMBER)
        letter = pg.locator(".opinion-letter")
        expect(letter).to_contain_text("第五条")
        expect(letter).to_contain_text("属于设定行政处罚")
        expect(letter).to_contain_text("《中华人民共和国行政处罚法》第十六条")
        shot(reviewer, "04-issued-letter")

        # 6. The department uploads its revised draft: the fine is replaced by a reference to the law.
        sub = login("submitter")
        sub.open(matter_path)
        sub.upload("文件送审稿", revised)
        expect(sub.page.locator(".materials-table")).to_contain_text("第2版")
        second = int(re.search(r"/documents/(\d+)/view", sub.page.locator(".materials-table a", has_text=revised.name)
                               .first.get_attribute("href")).group(1))
        # The department reads its own clause split; the flags stay with the bureau.
        sub.open(f"/matters/documents/{second}/view")
        expect(sub.page.locator("section.clause[data-label='第五条']")).to_contain_text("依照《城市市容和环境卫生管理条例》")
        expect(sub.page.locator(".flag-panel")).to_have_count(0)
        expect(sub.page.locator("mark")).to_have_count(0)
        shot(sub, "05-department-revision")

        # 7. The reviewer opens the revised version: the fine's flag is resolved, the licence's still stands.
        reviewer.open(f"/matters/documents/{second}/view")
        panel = pg.locator(".flag-panel")
        resolved = panel.locator(".flag-resolved")
        expect(resolved).to_have_count(1)
        expect(resolved).to_contain_text("已消除")
        expect(resolved).to_contain_text("第五条")
        expect(resolved).to_contain_text("曾采纳为第1条修改意见")
        expect(panel).to_contain_text("已消除的提示（与第1版相比）")
        standing = panel.locator(".flag-item:not(.flag-resolved)")
        expect(standing).to_have_count(1)
        expect(standing).to_contain_text("第六条")
        expect(standing).to_contain_text("上一版本已有此提示")
        expect(pg.locator("section.clause[data-label='第五条'] mark")).to_have_count(0)
        shot(reviewer, "06-resolved")
        # The same page at a phone's width: the panel follows the clauses.
        pg.set_viewport_size({"width": 390, "height": 844})
        expect(panel).to_be_visible()
        shot(reviewer, "07-resolved-390px")
    finally:
        for p in people:
            p.close()

