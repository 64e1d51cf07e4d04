"""The expert pool's journey in Chromium: the bureau enters the agreement's counterparty and draws an adviser,
the adviser drawn declares a conflict, the first alternate is invited, accepts after declaring no conflict,
reads the draft online, saves and submits its opinion; the reviewer pulls one comment into the bureau's
opinion and rates the adviser. Screenshots in test-artifacts/experts-*.png."""
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from experts.load import AssignmentState
from review_app.extensions import db
from review_app.models import Assignment, DrawRecord, OpinionPoint, User
from tests import pool
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_journey import Person as JourneyPerson

pytestmark = pytest.mark.browser


class Person(JourneyPerson):
    def shot(self, step) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"experts-{step}-{self.backend}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _invited(app, draw_id: int) -> tuple[int, str]:
    """The invitation now open on the draw, and the username of the adviser it is addressed to."""
    with app.app_context():
        a = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == draw_id,
                                                          Assignment.state == AssignmentState.invited))
        return a.id, db.session.scalar(sa.select(User.username).where(User.expert_id == a.expert_id))


def test_draw_conflict_alternate_opinion_adopted_and_rated(app, live_server, browser, backend, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        w = pool.build(lawyers=5)
        matter = pool.matter_at_bureau(w)
        matter_id, reviewer = matter.id, w.reviewer.username
        db.session.commit()
    people = []

    def login(name) -> Person:
        p = Person(browser, live_server, backend, name)
        p.page.on("dialog", lambda d: d.accept())  # "提交后不能再修改，确定提交？"
        people.append(p)
        return p

    try:
        # 1. The bureau names the counterparty and draws one adviser; the record replays on its page.
        bureau = login(reviewer)
        bureau.open(f"/matters/{matter_id}")
        bureau.submit(bureau.page.locator(".advisers-link"))
        form = bureau.page.locator("form.parties-form")
        form.get_by_label("相对方（每行一个）").fill("贵州青山农业发展有限公司")
        bureau.submit(form.get_by_role("button", name="保存当事人"))
        bureau.flash("已保存事项当事人")
        draw = bureau.page.locator("form.draw-form")
        draw.get_by_label("抽取人数").fill("1")
        bureau.submit(draw.get_by_role("button", name="抽取法律顾问"))
        bureau.flash("已随机抽取并邀请法律顾问")
        expect(bureau.page.locator(".replay")).to_have_text("重算一致")
        # The firm and its five lawyers, none excluded.
        expect(bureau.page.locator(".ranking tbody tr")).to_have_count(6)
        bureau.shot("01-drawn")
        with app.app_context():
            draw_id = db.session.scalar(sa.select(DrawRecord.id).where(DrawRecord.matter_id == matter_id))

        # 2. The adviser drawn sees the invitation at home and declares a conflict.
        first_id, first_name = _invited(app, draw_id)
        first = login(first_name)
        expect(first.page.locator(".adviser-tasks")).to_contain_text("前确认是否接受")
        first.submit(first.page.locator(".adviser-tasks a").first)
        first.page.get_by_label("谢绝或回避的理由").fill("三年内曾担任相对方的常年法律顾问")
        first.shot("02-invitation")
        first.submit(first.page.get_by_role("button", name="申报回避"))
        first.flash("已申报回避")

        # 3. The first alternate is invited, declares no conflict, accepts and reads the draft online.
        second_id, second_name = _invited(app, draw_id)
        assert second_id != first_id
        second = login(second_name)
        second.submit(second.page.locator(".adviser-tasks a").first)
        expect(second.page.locator(".materials")).to_have_count(0)  # nothing opens before the declaration
        second.page.get_by_label("本人（本所）与本事项及其当事人无利害关系，未参与本事项起草，并对审核事项保密").check()
        second.submit(second.page.get_by_role("button", name="声明无利害关系并接受"))
        second.flash("已接受邀请")
        second.submit(second.page.locator(".materials a").first)
        expect(second.page.locator("body")).to_contain_text("第二条")
        second.shot("03-reads-draft")
        second.page.go_back()

        # 4. It writes the opinion, saves a draft, then submits it.
        opinion = second.page.locator("form.adviser-opinion-form")
        opinion.get_by_label("总体意见").fill("协议总体合法，个别条款需修改。")
        opinion.locator(".comment-row").first.get_by_label("对应条款").fill("第二条")
        opinion.locator(".comment-row").first.get_by_label("意见").fill("单方解除且不予补偿，违反公平原则，建议约定补偿。")
        opinion.get_by_label("法律依据").fill("《民法典》第五百六十三条")
        second.submit(opinion.get_by_role("button", name="保存草稿"))
        second.flash("草稿已保存")
        second.submit(second.page.get_by_role("button", name="提交意见"))
        second.flash("意见已提交")
        expect(second.page.locator(".submitted-opinion")).to_contain_text("建议约定补偿")
        second.shot("04-opinion-submitted")

        # 5. The reviewer sees it, pulls the comment into the bureau's opinion, and rates the adviser.
        bureau.open(f"/advisers/matters/{matter_id}")
        card = bureau.page.locator(".adviser-opinion")
        expect(card).to_contain_text("协议总体合法")
        bureau.submit(card.get_by_role("button", name="采用为修改意见"))
        bureau.flash("已将该条意见列为第1条修改意见")
        rating = bureau.page.locator("form.rating-form")
        rating.get_by_label("及时性").fill("95")
        rating.get_by_label("质量").fill("90")
        rating.get_by_label("采纳情况").fill("100")
        bureau.submit(rating.get_by_role("button", name="提交评价"))
        bureau.flash("已评价")
        expect(bureau.page.locator(".rating")).to_contain_text("及时性 95")
        bureau.shot("05-adopted-and-rated")
        bureau.open(f"/matters/{matter_id}/opinion/draft")
        expect(bureau.page.locator(".point-row textarea").first).to_have_value("单方解除且不予补偿，违反公平原则，建议约定补偿。")
        bureau.shot("06-bureau-draft-with-point")
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(OpinionPoint)) == 1
            states = db.session.scalars(sa.select(Assignment.state).where(Assignment.draw_id == draw_id)
                                        .order_by(Assignment.id)).all()
            assert states == [AssignmentState.conflict_declared, AssignmentState.rated]
    finally:
        for p in people:
            p.context.close()
