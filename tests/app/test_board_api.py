"""The board's figures in the JSON API (issue 11.4): the same figures as the page on the known data set, the
same filters (validated), the same scope (a department its own rows), and the annual summary's paragraphs."""
from datetime import date

import pytest

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from tests import board_data, ledger

TODAY = date(2026, 9, 10)


@pytest.fixture
def api(app, client, monkeypatch):
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        s = board_data.seed(TODAY)
        tokens = {who: create_api_token(getattr(s, who), "t")[1] for who in ("reviewer", "finance")}
        db.session.commit()
        ids = {"housing_org": s.housing_org.id}

    def get(who, path, **params):
        return client.get(f"/api/v1{path}", query_string=params,
                          headers={"Authorization": f"Bearer {tokens[who]}"})
    get.ids = ids
    return get


def test_the_seeded_year_in_the_api(api):
    r = api("reviewer", "/board", year=2023)
    assert r.status_code == 200, r.json
    b = r.json
    assert b["coverage"]["registered"] == 15 and b["coverage"]["rate"]["text"] == "80%"
    assert {d["reason"] for d in b["coverage"]["unreviewed"]} == {"紧急情况下作出决定", "会前未报送审核", "议题临时增加"}
    assert b["volumes"]["years"] == [{"year": 2023, "total": 206, "reviewed": {
        "agreement": 117, "major_decision": 12, "normative_document": 7, "opinion_request": 70}}]
    assert b["volumes"]["sentence"] == board_data.SENTENCE
    bureau = b["timing"][2]
    assert bureau["stage"] == "bureau" and bureau["finished"] == 206
    assert bureau["average_working_days"] == "4.3" and bureau["on_time"]["numerator"] == 194
    assert b["timing"][0]["on_time"] is None
    assert b["adoption"][-1] == {"category": None, "points": 14, "answered": 13, "adopted": 10, "rate": {
        "numerator": 10, "denominator": 13, "percent": "76.9", "text": "76.9%",
        "formula": "采纳率 = 采纳的修改意见数 ÷ 已答复的修改意见数 × 100%"}}
    assert sum(x["open"] for x in b["workload"]["departments"]) == 4
    reviewers = {(x["open"], x["overdue"]) for x in b["workload"]["reviewers"]}
    assert reviewers == {(3, 2), (1, 0)}
    assert b["demolition"]["not_ready"] == 1
    assert [(x["level"], x["matters"], x["signed"]) for x in b["risk"]] == [
        ("high", 2, 2), ("medium", 3, 1), ("low", 7, 0), (None, 194, 0)]
    total = b["litigation"][-1]
    assert total["unit"] is None and total["loss_rate"]["text"] == "20%"
    assert total["head_appearance_rate"]["numerator"] == 9 and total["correction_rate"]["denominator"] == 5
    advisers = [(a["name"], a["open"], a["submitted"], a["average_score"], a["to_review"])
                for a in b["advisers"]]
    assert advisers == [("张律师", 0, 2, "70.5", False), ("李律师", 1, 1, "49.0", True)]


def test_the_same_filters_and_their_refusals(api):
    q3 = api("reviewer", "/board", year=2023, quarter=3).json
    assert q3["volumes"]["years"][0]["total"] == 70
    agreements = api("reviewer", "/board", category="agreement").json
    assert [y["total"] for y in agreements["volumes"]["years"]] == [3, 117]
    for bad in ({"quarter": 2}, {"year": 1066}, {"category": "poem"}, {"year": 2023, "quarter": 5}):
        r = api("reviewer", "/board", **bad)
        assert r.status_code in (400, 422), bad
        assert r.json["error"]["message"]


def test_a_department_gets_its_own_figures_whatever_it_asks(api):
    b = api("finance", "/board", year=2023, department_id=api.ids["housing_org"]).json
    assert b["filters"]["department_id"] != api.ids["housing_org"]
    assert b["volumes"]["years"][0]["reviewed"] == {"normative_document": 7}
    assert b["coverage"]["registered"] == 1
    assert b["advisers"] is None


def test_the_annual_summary_paragraphs(api):
    r = api("reviewer", "/board/summary", year=2023)
    assert r.status_code == 200
    assert r.json["paragraphs"][0] == board_data.SENTENCE
    assert "2023年行政诉讼案件审结10件,败诉率为20%,行政机关负责人出庭应诉率为90%。" in r.json["paragraphs"]
    assert r.json["title"].endswith("2023年合法性审核工作情况")
    assert api("reviewer", "/board/summary").status_code in (400, 422)
