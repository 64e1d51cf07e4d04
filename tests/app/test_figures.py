"""The figures (issue 10, items 3, 11, 12): rates per unit and period with the formula on the page, the seed
year's reconsideration numbers and the bureau's sentence, the quarterly bulletin as .docx and .xlsx with the
special notice, the month-end ledger, and the risk predicted at review against what happened in court."""
import io
from datetime import date, time

import docx
import openpyxl
import pytest
import sqlalchemy as sa

from review_app.disputes import operations as ops
from review_app.disputes import reconsideration as rops
from review_app.extensions import db
from review_app.models import Matter, Organisation, User
from tests import disputes, factories, ledger
from workflows.litigation import Appearance, Area, Outcome
from workflows.reconsideration import Outcome as R
from workflows.review import Status


text = factories.words


def user(name) -> User:
    return db.session.scalar(sa.select(User).where(User.username == name))


@pytest.fixture
def people(app, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    with app.test_request_context():
        p = disputes.people()
        return {k: getattr(p, k).username for k in vars(p)} | {"dept": p.clerk.organisation_id}


def test_the_seed_year_resolution_rate_and_the_bureaus_sentence(app, people, monkeypatch):
    """2023: 140 reconsideration cases concluded, 42 settled or mediated → 30%."""
    ledger.freeze(monkeypatch, date(2024, 1, 15))
    outcomes = [R.settled] * 21 + [R.mediated] * 21 + [R.quash] * 20 + [R.uphold] * 78
    with app.test_request_context():
        reviewer, dept = user(people["reviewer"]), db.session.get(Organisation, people["dept"])
        for i, outcome in enumerate(outcomes, start=1):
            c = rops.register_application(reviewer, rops.ApplicationFields(
                dept.id, f"示府复〔2023〕{i}号", f"申请人{i}", "行政处罚决定", Area.penalty, date(2023, 3, 1)))
            rops.decide(reviewer, c, c.version, outcome, date(2023, 4 + i % 8, 10))
        db.session.commit()
    page = text(factories.as_user(app, people["reviewer"]).get("/disputes/figures?year=2023"))
    assert "2023年行政复议案件审结140件,通过和解、调解方式实质性化解行政争议42件,化解率为30%。" in page
    assert "30%（42/140）" in page and "14.3%（20/140）" in page
    assert "化解率 = 通过和解、调解方式实质性化解的行政复议案件数 ÷ 审结的行政复议案件数 × 100%" in page
    assert "败诉率 = 败诉的行政诉讼案件数 ÷ 审结的行政诉讼案件数 × 100%" in page


@pytest.fixture
def quarter(app, people, monkeypatch):
    """Q4 2026 of 测试住建局: a loss with the head in court, a win with only staff and no reason (a missed
    appearance), a case whose defence is late; drawn up on 2027-01-05."""
    ledger.freeze(monkeypatch, date(2027, 1, 5))
    with app.test_request_context():
        clerk, dept = user(people["clerk"]), db.session.get(Organisation, people["dept"])
        lost = disputes.lawsuit(clerk, dept, date(2026, 10, 9), case_no="(2026)测0102行初101号")
        ops.record_defence(clerk, lost, lost.version, date(2026, 10, 20))
        h = ops.schedule_hearing(clerk, lost, date(2026, 11, 10), time(9, 0), "第一法庭")
        ops.record_appearance(clerk, h, h.version, Appearance.principal_head, "赵局长", "")
        judged, served = date(2026, 12, 1), date(2026, 12, 3)
        ops.record_outcome(clerk, lost, lost.version, Outcome.quash, judged, served, False)
        won = disputes.lawsuit(clerk, dept, date(2026, 10, 9), case_no="(2026)测0102行初102号")
        ops.record_defence(clerk, won, won.version, date(2026, 10, 20))
        h = ops.schedule_hearing(clerk, won, date(2026, 11, 12), None, "第二法庭")
        ops.record_appearance(clerk, h, h.version, Appearance.staff, "王科长", "")
        ops.record_outcome(clerk, won, won.version, Outcome.dismiss_claims, date(2026, 12, 2), None, False)
        disputes.lawsuit(clerk, dept, date(2026, 12, 1), case_no="(2026)测0102行初103号")
        db.session.commit()
    return people


def test_the_quarterly_bulletin_in_word_and_excel_with_the_special_notice(app, quarter):
    bureau = factories.as_user(app, quarter["reviewer"])
    page = text(bureau.get("/disputes/bulletin/2026/4"))
    assert "2026年第四季度行政应诉工作情况通报" in page
    assert "50%（1/2）" in page  # loss rate of 测试住建局: 1 lost of 2 concluded; head appearance 1 of 2
    letter = docx.Document(io.BytesIO(bureau.get("/disputes/bulletin/2026/4.docx").data))
    body = "\n".join(p.text for p in letter.paragraphs)
    assert "2026年第四季度行政应诉工作情况通报" in body
    assert ("测试住建局：新收行政诉讼3件，审结2件，败诉1件（败诉率50%），负责人出庭应诉率50%；"
            "审结行政复议0件，被纠错0件。") in body
    assert "（三）负责人未依法出庭应诉：1件。" in body
    assert "测试住建局（(2026)测0102行初102号）：2026-11-12开庭，负责人未出庭，委托工作人员出庭但未书面说明负责人不能出庭的理由" in body
    assert "（二）逾期答辩举证：1件。" in body and "(2026)测0102行初103号" in body
    assert "（四）败诉案件未按时报告：1件。" in body
    wb = openpyxl.load_workbook(io.BytesIO(bureau.get("/disputes/bulletin/2026/4.xlsx").data))
    figures = [[c.value for c in row] for row in wb["各单位情况"].iter_rows(min_row=3)]
    assert figures[0][:5] == ["测试住建局", 3, 2, 1, "50%（1/2）"] and figures[-1][0] == "合计"
    notice = [[c.value for c in row] for row in wb["专项通报"].iter_rows(min_row=2)]
    # The loss was served on 12-03 and its report (due 12-18) is still missing on 2027-01-05.
    assert sorted(r[0] for r in notice) == ["负责人未依法出庭应诉", "败诉案件未按时报告", "逾期答辩举证"]
    # The month-end ledger of the year: 3 received, 2 concluded, 1 pending at the end of December.
    ledger_page = text(bureau.get("/disputes/ledger?year=2026&month=12"))
    assert "测试住建局 3 2 50% 50% 1" in ledger_page
    # A body sees its own bulletin; another body sees no case of it.
    other = factories.as_user(app, quarter["other_clerk"])
    assert "测试住建局" not in text(other.get("/disputes/bulletin/2026/4"))


def test_the_risk_predicted_against_what_happened(app, cast, drive, monkeypatch):
    """Three assessed matters later challenged: high and lost, low and lost on a procedural ground, low and
    won. The low level lost half its challenges, and the procedure factor is what misled."""
    from review_app.risk import operations as risk_ops
    from workflows.risk.factors import FACTORS
    app.config["REQUIRE_TOTP"] = False
    ids = [drive(Status.bureau_review) for _ in range(3)]
    ledger.freeze(monkeypatch, date(2026, 11, 25))
    with app.test_request_context():
        reviewer = user(cast["reviewer"])
        submitter = user(cast["submitter"])
        dept = db.session.get(Matter, ids[0]).department
        for mid, high in zip(ids, (True, False, False)):
            m = db.session.get(Matter, mid)
            scores = [risk_ops.ScoreInput(f.code, 3 if high and f.code == "evidence" else 1,
                                          5 if high and f.code == "evidence" else 1, "证据不足" if high else "")
                      for f in FACTORS]
            risk_ops.assess_matter(reviewer, m, None, Area.licensing, scores, "补强证据" if high else "")
        outcomes = (Outcome.quash, Outcome.quash, Outcome.dismiss_claims)
        for i, (mid, outcome, grounds) in enumerate(zip(ids, outcomes, ([], ["procedure"], [])), start=1):
            c = disputes.lawsuit(submitter, dept, date(2026, 9, 1), matter_id=mid, case_no=f"(2026)测行初{i}号")
            ops.record_outcome(submitter, c, c.version, outcome, date(2026, 11, 2), None, False, grounds)
        db.session.commit()
    page = text(factories.as_user(app, cast["reviewer"]).get("/disputes/hindsight"))
    assert "合计 高 0 1 0 0 0 100%" in page
    assert "合计 低 1 1 0 0 0 50%" in page
    assert "违反法定程序：1件" in page
