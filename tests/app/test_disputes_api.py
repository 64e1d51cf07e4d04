"""The litigation records over the JSON API (review_app/api/disputes.py), under the same policy as the pages:
a body sees its own cases, the bureau all of the district's, another body or district nothing (404); the
same refusals as the forms."""
from datetime import date

import pytest

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from tests import disputes, ledger

TODAY = date(2026, 11, 25)


class Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kw)

    def post(self, path, json=None):
        return self.client.post(f"/api/v1{path}", headers=self.headers, json=json)


@pytest.fixture
def api(app, client, monkeypatch):
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        p = disputes.people()
        out = {who: Api(client, create_api_token(getattr(p, who), "t")[1])
               for who in ("clerk", "head", "other_clerk", "reviewer", "other_bureau")}
        db.session.commit()
        out["dept"] = p.clerk.organisation_id
        return out


def test_a_body_files_a_lawsuit_records_its_course_and_the_bureau_sees_it(api):
    clerk = api["clerk"]
    r = clerk.post("/lawsuits", json={
        "defendant_id": api["dept"], "court": "测试区人民法院", "case_no": "(2026)测0102行初9号", "plaintiff": "张三",
        "act": "行政处罚决定", "area": "penalty", "complaint_received": "2026-11-02"})
    assert r.status_code == 201, r.get_json()
    case = r.get_json()
    assert case["defendant"] == "测试住建局" and case["filed_with_bureau"] == "2026-11-25"
    assert {d["kind"]: d["due"] for d in case["deadlines"]}["defence"] == "2026-11-17"
    assert "期限2026-11-17，至今未完成，已逾期8日" in case["late"]
    r = clerk.post(f"/lawsuits/{case['id']}/hearings", json={"day": "2026-11-20", "court_room": "第三法庭"})
    assert r.status_code == 201
    hearing = r.get_json()["hearings"][0]
    r = clerk.post(f"/lawsuits/{case['id']}/hearings/{hearing['id']}/appearance", json={
        "version": hearing["version"], "appearance": "principal_head", "names": "赵局长"})
    assert r.status_code == 200 and r.get_json()["hearings"][0]["appearance"] == "principal_head"
    version = r.get_json()["version"]
    r = clerk.post(f"/lawsuits/{case['id']}/outcome", json={
        "version": version, "outcome": "quash", "outcome_on": "2026-11-24", "served": "2026-11-25",
        "loss_grounds": ["procedure"]})
    assert r.status_code == 200 and r.get_json()["lost"] is True
    r = clerk.post(f"/lawsuits/{case['id']}/loss-report", json={
        "causes": "程序违法", "responsibility": "承办科室", "items": [{"text": "修订程序", "due_on": "2026-12-31"}]})
    assert r.status_code == 201
    assert [c["case_no"] for c in api["reviewer"].get("/lawsuits").get_json()] == ["(2026)测0102行初9号"]
    assert api["other_clerk"].get("/lawsuits").get_json() == []
    assert api["other_clerk"].get(f"/lawsuits/{case['id']}").status_code == 404
    assert api["other_bureau"].get(f"/lawsuits/{case['id']}").status_code == 404
    figures = api["reviewer"].get("/dispute-figures?year=2026&quarter=4").get_json()
    total = figures[-1]
    assert total["unit"] is None and total["loss_rate"] == {"numerator": 1, "denominator": 1, "text": "100%"}
    assert total["head_appearance_rate"]["text"] == "100%"


def test_the_api_refuses_as_the_forms_do(api):
    clerk = api["clerk"]
    r = clerk.post("/lawsuits", json={
        "defendant_id": api["dept"], "court": "测试区人民法院", "case_no": "(2026)测0102行初9号", "plaintiff": "张三",
        "act": "行政处罚决定", "area": "penalty", "complaint_received": "2026-12-02"})
    assert r.status_code == 400 and r.get_json()["error"]["message"] == "收到起诉状副本的日期不能晚于今天"
    r = api["other_clerk"].post("/lawsuits", json={
        "defendant_id": api["dept"], "court": "测试区人民法院", "case_no": "(2026)测0102行初9号", "plaintiff": "张三",
        "act": "行政处罚决定", "area": "penalty", "complaint_received": "2026-11-02"})
    assert r.status_code == 403
    assert clerk.get("/lawsuits").get_json() == []
