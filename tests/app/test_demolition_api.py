"""The ledger over the JSON API (review_app/api/demolition.py): cases, steps with evidence, the gate's answer,
letters and replies, under the same policy as the pages (another body or district: 404) and with the same
refusals as the forms."""
import hashlib
import io
from datetime import date

import docx
import pytest

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from tests import ledger

TODAY = date(2026, 9, 10)


class Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(f"/api/v1{path}", headers=self.headers, json=json, **kw)

    def step(self, case_id, files=(("evidence", "回证.pdf"),), **fields):
        data = {k: str(v) for k, v in fields.items()}
        data["evidence"] = [(io.BytesIO(ledger.PDF), name) for _, name in files]
        return self.client.post(f"/api/v1/demolition/cases/{case_id}/steps", headers=self.headers, data=data,
                                content_type="multipart/form-data")


@pytest.fixture
def api(app, client, monkeypatch):
    ledger.freeze(monkeypatch, TODAY)
    with app.test_request_context():
        w = ledger.people()
        tokens = {who: create_api_token(getattr(w, who), "t")[1]
                  for who in ("town", "neighbour", "reviewer", "other_bureau", "officer")}
        ready = ledger.case(w.town, steps=None, planned=date(2026, 9, 15))
        db.session.commit()
        out = {who: Api(client, token) for who, token in tokens.items()}
        out["ready"] = ready.id
        out["town_org"] = w.town.organisation_id
        return out


NEW_CASE = {"project": "柳溪路改造", "track": "planning_violation", "address": "青山村一组1号", "parties": ["赵六", "钱七"],
            "building_area": "86.50", "enforcing_body": "青山镇人民政府", "planned_on": "2026-09-14"}


def test_a_town_creates_a_case_and_records_its_steps_with_evidence(api):
    town = api["town"]
    r = town.post("/demolition/cases", json=NEW_CASE)
    assert r.status_code == 201, r.get_json()
    case = r.get_json()
    assert case["parties"] == ["赵六", "钱七"] and case["status"] == "incomplete" and case["track_label"] == "违法建设"
    r = town.step(case["id"], kind="demolition_order", done_on="2026-05-11", deadline="2026-05-25",
                  document_no="青违拆字〔2026〕5号", told_of_remedies="true")
    assert r.status_code == 201, r.get_json()
    step = r.get_json()
    assert step["label"] == "责令限期拆除决定送达" and step["documents"][0]["sha256"] == hashlib.sha256(ledger.PDF).hexdigest()
    content = town.get(f"/demolition/documents/{step['documents'][0]['id']}/content")
    assert content.status_code == 200 and content.data == ledger.PDF
    gate = town.get(f"/demolition/cases/{case['id']}/gate").get_json()
    assert gate["ready"] is False and gate["earliest_lawful_date"] is None and gate["lower_bound"] == "2026-11-12"
    assert gate["done"] == ["demolition_order", "reconsideration_lapsed"]  # 60 days from 05-11 ran out on 07-10
    assert gate["alerts"][0]["kind"] == "planned_too_early" and "2026-09-14早于2026-11-12" in gate["alerts"][0]["message"]
    assert {m["label"] for m in gate["missing"]} >= {"催告书送达", "行政诉讼期限届满未起诉"}
    steps = town.get(f"/demolition/cases/{case['id']}/steps").get_json()
    assert [s["kind"] for s in steps] == ["demolition_order"]


def test_the_api_refuses_a_step_as_the_form_does(api):
    town = api["town"]
    r = town.step(api["ready"], kind="court_ruling", done_on="2026-09-01")
    assert r.status_code == 400
    assert r.get_json()["error"]["message"] == "违法建设案件没有“人民法院准予执行裁定送达”程序"
    r = town.step(api["ready"], kind="demolition_order", done_on="2026-09-01", files=())
    assert r.status_code == 400 and "请填写责令限期拆除决定送达载明的履行期限" in r.get_json()["error"]["message"]
    assert "请上传该程序的证明材料" in r.get_json()["error"]["message"]
    r = town.step(api["ready"], kind="demolition_order", done_on="2026-13-01")
    assert r.status_code == 400 and "送达或办理日期格式不正确" in r.get_json()["error"]["message"]


def test_the_gate_answer_of_a_ready_case(api):
    gate = api["reviewer"].get(f"/demolition/cases/{api['ready']}/gate").get_json()
    assert gate["ready"] is True and gate["status"] == "ready" and gate["earliest_lawful_date"] == "2026-09-03"
    assert gate["missing"] == [] and gate["alerts"] == []


@pytest.mark.parametrize("who", ["neighbour", "other_bureau"])
def test_another_body_or_district_sees_nothing(api, who):
    other = api[who]
    for path in (f"/demolition/cases/{api['ready']}", f"/demolition/cases/{api['ready']}/gate",
                 f"/demolition/cases/{api['ready']}/steps"):
        assert other.get(path).status_code == 404
    assert other.get("/demolition/cases").get_json() == {"total": 0, "items": []}
    # A body is refused as if the case did not exist; the bureau's role never records steps at all.
    assert other.step(api["ready"], kind="demand", done_on="2026-09-01").status_code == \
        (404 if who == "neighbour" else 403)


def test_the_list_filters_as_the_page_does(api):
    bureau = api["reviewer"]
    assert bureau.get("/demolition/cases").get_json()["total"] == 1
    assert bureau.get("/demolition/cases?status=ready").get_json()["total"] == 1
    assert bureau.get("/demolition/cases?status=incomplete").get_json()["total"] == 0
    assert bureau.get("/demolition/cases?status=nonsense").status_code == 400
    assert api["officer"].get("/demolition/cases").status_code == 403


def test_only_own_bodies_are_entered(api):
    r = api["town"].post("/demolition/cases", json={**NEW_CASE, "organisation_id": api["town_org"] + 1})
    assert r.status_code == 403
    r = api["reviewer"].post("/demolition/cases", json=NEW_CASE)
    assert r.status_code == 400 and r.get_json()["error"]["message"] == "请选择镇（街道）或部门"
    r = api["reviewer"].post("/demolition/cases", json={**NEW_CASE, "organisation_id": api["town_org"]})
    assert r.status_code == 201
    r = api["town"].post("/demolition/cases", json={**NEW_CASE, "parties": []})
    assert r.status_code == 400 and "当事人" in r.get_json()["error"]["message"]


def test_the_bureau_issues_a_letter_and_the_town_replies(api):
    bureau, town = api["reviewer"], api["town"]
    case = town.post("/demolition/cases", json=NEW_CASE).get_json()
    assert town.post(f"/demolition/cases/{case['id']}/letters", json={}).status_code == 403
    r = bureau.post(f"/demolition/cases/{case['id']}/letters", json={"copies_to": "区人民政府办公室"})
    assert r.status_code == 201, r.get_json()
    letter = r.get_json()
    assert letter["number"] == "示司督〔2026〕1号" and letter["reply_due_on"] == "2026-09-23"
    assert "当事人" not in letter["findings"] and "未记录" in letter["findings"]  # the board's answer, prefilled
    docx_bytes = town.get(f"/demolition/letters/{letter['id']}/letter.docx").data
    assert hashlib.sha256(docx_bytes).hexdigest() == letter["docx_sha256"]
    assert docx.Document(io.BytesIO(docx_bytes)).paragraphs[1].text == "示司督〔2026〕1号"
    assert [x["number"] for x in town.get("/demolition/letters?view=outstanding").get_json()] == ["示司督〔2026〕1号"]
    assert api["neighbour"].get(f"/demolition/letters/{letter['id']}").status_code == 404
    assert api["other_bureau"].get("/demolition/letters").get_json() == []

    step = town.step(case["id"], kind="demolition_order", done_on="2026-05-11", deadline="2026-05-25").get_json()
    r = town.client.post(f"/api/v1/demolition/letters/{letter['id']}/replies", headers=town.headers,
                         data={"text": "已送达责令限期拆除决定", "step_ids": str(step["id"]),
                               "attachment": (io.BytesIO(ledger.PDF), "回复函.pdf")},
                         content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["steps"] == [step["id"]] and r.get_json()["documents"][0]["display_name"] == "回复函.pdf"
    answered = bureau.get(f"/demolition/letters/{letter['id']}").get_json()
    assert answered["answered_on"] == "2026-09-10" and len(answered["replies"]) == 1
    r = bureau.client.post(f"/api/v1/demolition/letters/{letter['id']}/replies", headers=bureau.headers,
                           data={"text": "x"}, content_type="multipart/form-data")
    assert r.status_code == 403
    r = town.client.post(f"/api/v1/demolition/letters/{letter['id']}/replies", headers=town.headers,
                         data={"text": "x", "step_ids": "a,b"}, content_type="multipart/form-data")
    assert r.status_code == 400 and r.get_json()["error"]["message"] == "step_ids 应为以逗号分隔的整数"


def test_the_openapi_document_lists_the_ledger(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/demolition/cases", "/api/v1/demolition/cases/{case_id}/gate",
                 "/api/v1/demolition/cases/{case_id}/steps", "/api/v1/demolition/letters/{letter_id}/replies"):
        assert path in spec["paths"], path
    assert "GateOut" in spec["components"]["schemas"]
