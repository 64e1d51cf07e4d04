"""Cases at risk of loss, losses and typical cases (issue 10, items 6, 7, 10): the bureau marks a case at risk
with its plan and meetings; every loss is reported by the defendant body with its analysis and rectification
items, each tracked to completion; referrals for accountability; a typical case written up from a lost case is
shown to the reviewer in the history factor of a new assessment in its area."""
from datetime import date

import pytest
import sqlalchemy as sa

from review_app.disputes import losses
from review_app.disputes import operations as ops
from review_app.extensions import db
from review_app.models import Lawsuit, LossReport, Matter, Organisation, RectificationItem, User
from review_app.operations import OperationError
from tests import disputes, factories, ledger
from workflows.litigation import Area, Outcome
from workflows.review import Status

TODAY = date(2026, 11, 25)


text = factories.words


@pytest.fixture
def world(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        p = disputes.people()
        clerk, dept = p.clerk, db.session.get(Organisation, p.clerk.organisation_id)
        lost = disputes.lawsuit(clerk, dept, date(2026, 6, 1), area=Area.penalty)
        judged, served = date(2026, 11, 2), date(2026, 11, 12)
        ops.record_outcome(clerk, lost, lost.version, Outcome.quash, judged, served, False)
        won = disputes.lawsuit(clerk, dept, date(2026, 6, 1))
        ops.record_outcome(clerk, won, won.version, Outcome.dismiss_claims, date(2026, 11, 2), None, False)
        open_case = disputes.lawsuit(clerk, dept, date(2026, 11, 1))
        db.session.commit()
        return {k: getattr(p, k).username for k in vars(p)} | {
            "lost": lost.id, "won": won.id, "open": open_case.id, "open_version": open_case.version}


def user(name) -> User:
    return db.session.scalar(sa.select(User).where(User.username == name))


def test_the_department_reports_a_loss_and_tracks_each_rectification_item(app, world):
    clerk = factories.as_user(app, world["clerk"])
    url = f"/disputes/lawsuits/{world['lost']}"
    assert "报送败诉分析及整改方案" in text(clerk.get(url))
    r = clerk.post(url + "/loss-report", data={
        "causes": "未依法听取陈述申辩", "responsibility": "承办科室负主要责任",
        "item-1-text": "修订行政处罚程序指引", "item-1-due": "2026-12-31",
        "item-2-text": "组织执法人员培训", "item-2-due": "2026-12-15"})
    assert r.status_code == 302
    page = text(clerk.get(url))
    assert "败诉原因：未依法听取陈述申辩" in page
    assert "修订行政处罚程序指引（期限 2026-12-31）" in page and "组织执法人员培训（期限 2026-12-15）" in page
    # The loss report deadline (15 days from service on 11-12: 11-27) is met.
    assert 'data-kind="late_loss_report"' not in clerk.get("/disputes/late").get_data(as_text=True)
    with app.app_context():
        item = db.session.scalar(sa.select(RectificationItem).where(RectificationItem.position == 2))
        item_id, version = item.id, item.version
    assert clerk.post(f"{url}/items/{item_id}", data={"version": version, "day": "2026-11-25",
                                                     "note": "已培训32人次"}).status_code == 302
    assert "2026-11-25已整改" in text(clerk.get(url))
    # A second report, or one for a case that was not lost, is refused and stores nothing.
    r = clerk.post(url + "/loss-report", data={"causes": "x", "responsibility": "y", "item-1-text": "z",
                                               "item-1-due": "2026-12-31"})
    assert r.status_code == 409 and factories.alerts(r)[-1] == "已报送败诉分析及整改方案"
    r = clerk.post(f"/disputes/lawsuits/{world['won']}/loss-report", data={
        "causes": "x", "responsibility": "y", "item-1-text": "z", "item-1-due": "2026-12-31"})
    assert r.status_code == 409 and factories.alerts(r) == ["只有败诉案件需要报送败诉分析"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LossReport)) == 1
    assert factories.as_user(app, world["other_clerk"]).post(url + "/loss-report", data={}).status_code == 404


def test_the_bureau_marks_a_case_at_risk_records_meetings_and_refers_a_loss(app, world):
    reviewer = factories.as_user(app, world["reviewer"])
    url = f"/disputes/lawsuits/{world['open']}"
    r = reviewer.post(url + "/meetings", data={"day": "2026-11-20", "attendees": "a", "conclusions": "b"})
    assert r.status_code == 409 and factories.alerts(r) == ["请先将案件列为败诉风险案件"]
    assert reviewer.post(url + "/at-risk", data={"version": world["open_version"], "plan": "证据链不完整，补强证据",
                                                "reported_on": "2026-11-20"}).status_code == 302
    assert reviewer.post(url + "/meetings", data={"day": "2026-11-24", "attendees": "分管副区长、司法局、住建局",
                                                 "conclusions": "争取调解"}).status_code == 302
    page = text(reviewer.get(url))
    assert "败诉风险案件" in page and "2026-11-20已报告分管副区长" in page and "争取调解" in page
    department_view = factories.as_user(app, world["clerk"]).get(f"/disputes/lawsuits/{world['won']}")
    assert "列为败诉风险案件" not in text(department_view)
    lost = f"/disputes/lawsuits/{world['lost']}"
    assert reviewer.post(lost + "/referrals", data={"day": "2026-11-25", "referred_to": "区纪委监委",
                                                   "subject": "执法大队某某"}).status_code == 302
    assert "移送区纪委监委：执法大队某某" in text(reviewer.get(lost))


def test_a_typical_case_appears_in_the_history_factor_of_a_new_assessment(app, world, cast, drive):
    reviewer = factories.as_user(app, world["reviewer"])
    lost = f"/disputes/lawsuits/{world['lost']}"
    assert reviewer.post(lost + "/typical", data={"title": "未听取陈述申辩被撤销案",
                                                 "lesson": "作出处罚前须告知并听取陈述申辩"}).status_code == 302
    assert "未听取陈述申辩被撤销案" in text(reviewer.get("/disputes/typical-cases"))
    mid = drive(Status.bureau_review)
    with app.test_request_context():
        from review_app.risk import operations as risk_ops
        m = db.session.get(Matter, mid)
        lines = risk_ops.history_lines(m, Area.penalty)
        area_line = lines[0]
        assert area_line.typical_cases == ("未听取陈述申辩被撤销案",)
        assert (area_line.loss_rate.numerator, area_line.loss_rate.denominator) == (1, 1)
    with app.test_request_context():
        with pytest.raises(OperationError) as e:
            losses.write_typical_case(user(world["reviewer"]), "t", "l",
                                      lawsuit=db.session.get(Lawsuit, world["open"]))
        assert e.value.status == 409 and e.value.message == "案件审结后才能编写典型案例"
