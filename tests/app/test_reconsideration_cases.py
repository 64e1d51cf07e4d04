"""Reconsideration cases and the dispute-resolution centre (issue 10, items 8-9): periods in working days
where the law says so, the one extension, decisions, the numbered opinion letter and the body's correction
report, the centre's steps and a dispute that continues in court."""
import io
from datetime import date

import docx
import pytest
import sqlalchemy as sa

from review_app.disputes import reconsideration as ops
from review_app.extensions import db
from review_app.models import Organisation, ReconsiderationCase, ReconsiderationLetter, User
from tests import disputes, factories, ledger
from workflows.dispute_centre import Stage
from workflows.litigation import Area

TODAY = date(2026, 11, 25)


text = factories.words


row = disputes.deadline_row


@pytest.fixture
def world(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        p = disputes.people()
        return {k: getattr(p, k).username for k in vars(p)} | {"dept": p.clerk.organisation_id}


def user(name) -> User:
    return db.session.scalar(sa.select(User).where(User.username == name))


def test_a_reconsideration_case_from_application_to_correction_report(app, world):
    reviewer = factories.as_user(app, world["reviewer"])
    r = reviewer.post("/disputes/reconsideration/new", data={
        "respondent_id": world["dept"], "case_no": "示府复〔2026〕12号", "applicant": "王某",
        "act": "责令限期拆除决定", "area": "demolition", "procedure": "ordinary", "received": "2026-09-24"})
    assert r.status_code == 302
    case_url = r.headers["Location"]
    version = lambda: str(db.session.scalar(sa.select(ReconsiderationCase.version)))  # noqa: E731
    with app.app_context():
        v = version()
    assert reviewer.post(case_url + "/step", data={"version": v, "step": "accepted", "day": "2026-09-28"}
                         ).status_code == 302
    page = reviewer.get(case_url)
    # Art. 30: 5 working days from 09-24 (the National Day holiday in between); Art. 62: 60 days from
    # acceptance on 09-28 is Friday 11-27.
    assert "2026-09-28完成" in row(page, "acceptance")
    assert "2026-11-27" in row(page, "decision")
    with app.app_context():
        v = version()
    r = reviewer.post(case_url + "/extend", data={"version": v, "days": "30", "approved_on": "2026-11-20",
                                                  "reason": "案情复杂，需现场勘验"})
    assert r.status_code == 302
    # One extension of 30 days from the period's end (11-27): Sunday 12-27 rolls over to Monday 12-28.
    page = reviewer.get(case_url)
    assert "2026-12-28" in row(page, "decision") and "批准延长30日" in text(page)
    with app.app_context():
        v = version()
    r = reviewer.post(case_url + "/extend", data={"version": v, "days": "10", "approved_on": "2026-11-24",
                                                  "reason": "再延长"})
    assert r.status_code == 409
    assert factories.alerts(r) == ["审理期限只能延长一次，本案已于2026-11-20延长30日"]
    with app.app_context():
        assert db.session.scalar(sa.select(ReconsiderationCase.extension_days)) == 30
    assert reviewer.post(case_url + "/decide", data={"version": v, "outcome": "quash", "day": "2026-11-25"}
                         ).status_code == 302
    r = reviewer.post(case_url + "/letters", data={"findings": "未听取当事人陈述申辩", "requirements": "依法重新作出决定"})
    assert r.status_code == 302
    page = text(reviewer.get(case_url))
    assert "决定撤销或者部分撤销" in page and "示府复意〔2026〕1号" in page
    with app.app_context():
        letter = db.session.scalar(sa.select(ReconsiderationLetter))
        letter_id, letter_version = letter.id, letter.version
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(
        reviewer.get(f"/disputes/reconsideration/letters/{letter_id}.docx").data)).paragraphs)
    assert "行政复议意见书" in body and "示府复意〔2026〕1号" in body and "未听取当事人陈述申辩" in body
    # The respondent sees its case and reports its correction; the 60 days (Art. 76) were tracked until then.
    clerk = factories.as_user(app, world["clerk"])
    assert "纠正情况报送期限：2027-01-25" in text(clerk.get(case_url))
    r = clerk.post(f"/disputes/reconsideration/letters/{letter_id}/report", data={
        "version": letter_version, "received_on": "2026-11-25", "day": "2026-11-25", "text": "已撤销原决定并重新调查"})
    assert r.status_code == 302
    assert "2026-11-25已报送" in text(clerk.get(case_url))
    # Another department sees nothing of it, and only the bureau registers applications.
    other = factories.as_user(app, world["other_clerk"])
    assert other.get(case_url).status_code == 404
    assert other.post("/disputes/reconsideration/new", data={}).status_code == 403


def test_the_centre_registers_tells_and_hands_an_unresolved_dispute_to_the_court(app, world):
    with app.test_request_context():
        reviewer, dept = user(world["reviewer"]), db.session.get(Organisation, world["dept"])
        d = ops.register_dispute(reviewer, ops.DisputeFields(dept.id, "示调〔2026〕3号", "李某", "征收补偿款争议",
                                                             Stage.before_suit, date(2026, 11, 20)))
        suit = disputes.lawsuit(user(world["clerk"]), dept, date(2026, 11, 24), case_no="(2026)测0102行初55号",
                                area=Area.expropriation)
        db.session.commit()
        url, suit_no = f"/disputes/centre/{d.id}", suit.case_no
    bureau = factories.as_user(app, world["reviewer"])
    page = bureau.get(url)
    # Two working days from Friday 11-20: Tuesday 11-24.
    assert "2026-11-24" in row(page, "register")
    with app.app_context():
        from review_app.models import DisputeCase
        v = lambda: db.session.scalar(sa.select(DisputeCase.version))  # noqa: E731
        version = v()
    assert bureau.post(url + "/step", data={"version": version, "step": "registered", "day": "2026-11-23"}
                       ).status_code == 302
    with app.app_context():
        version = v()
    r = bureau.post(url + "/step",
                    data={"version": version, "step": "proposal_received", "day": "2026-11-24"})
    assert r.status_code == 409 and factories.alerts(r)[-1] == "请先登记上一环节"
    assert bureau.post(url + "/step", data={"version": version, "step": "body_told", "day": "2026-11-24"}
                       ).status_code == 302
    page = bureau.get(url)
    assert "2026-12-01" in row(page, "proposal")  # 5 working days from 11-24
    with app.app_context():
        version = v()
    assert bureau.post(url + "/conclude", data={
        "version": version, "outcome": "not_resolved", "day": "2026-11-25",
        "lawsuit_case_no": "(2026)测0102行初55号"}).status_code == 302
    page = text(bureau.get(url))
    assert "未化解" in page and "(2026)测0102行初55号" in page
    assert factories.as_user(app, world["other_clerk"]).get(url).status_code == 404
    assert suit_no in text(factories.as_user(app, world["clerk"]).get(url))
