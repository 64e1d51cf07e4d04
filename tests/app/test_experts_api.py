"""The expert pool over the JSON API (review_app/api/experts.py): the same policy and operations as the
pages: the bureau draws and rates, the adviser answers and writes, a stranger gets 404, refusals carry the
same messages, and a draw record fetched from the API verifies with the standalone script."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from tests import pool

VERIFIER = Path(__file__).resolve().parents[2] / "experts" / "verify_draw.py"


class Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, json=None):
        return self.client.post(f"/api/v1{path}", headers=self.headers, json=json)

    def put(self, path, json=None):
        return self.client.put(f"/api/v1{path}", headers=self.headers, json=json)


@pytest.fixture
def api(app, client, monkeypatch):
    app.config["REQUIRE_TOTP"] = False
    pool.freeze(monkeypatch)
    with app.test_request_context():
        w = pool.build(lawyers=5)
        m = pool.matter_at_bureau(w)
        tokens = {"bureau": create_api_token(w.reviewer, "t")[1]}
        tokens.update({e.id: create_api_token(u, "t")[1] for e, u in
                       ((e, w.adviser(e)) for e in [w.firm, *w.lawyers])})
        db.session.commit()
        out = {k: Api(client, t) for k, t in tokens.items()}
        out.update(matter=m.id, lawyer=w.lawyers[0].id)
        return out


def test_draw_answer_write_adopt_and_rate_through_the_api(api, tmp_path):
    bureau = api["bureau"]
    r = bureau.put(f"/matters/{api['matter']}/parties", {"parties": [
        {"name": "贵州青山农业发展有限公司", "role": "counterparty"}], "drafter_ids": []})
    assert r.status_code == 200, r.get_json()
    r = bureau.post(f"/matters/{api['matter']}/draws", {"wanted": 1})
    assert r.status_code == 201, r.get_json()
    draw = r.get_json()
    assert draw["kind"] == "draw" and draw["replay_matches"] and len(draw["alternates"]) >= 2
    record = tmp_path / "record.json"
    record.write_text(json.dumps(draw["record"], ensure_ascii=False), encoding="utf-8")
    verdict = subprocess.run([sys.executable, "-I", str(VERIFIER), str(record)], capture_output=True,
                             text=True, timeout=60)
    assert verdict.returncode == 0 and verdict.stdout.startswith("一致")

    picked = draw["picks"][0]
    adviser = api[picked]
    mine = adviser.get("/assignments").get_json()["items"]
    assert [a["state"] for a in mine] == ["invited"]
    a = mine[0]
    r = adviser.post(f"/assignments/{a['id']}/accept", {"version": a["version"], "no_conflict": False})
    assert r.status_code == 400 and "须声明与本事项无利害关系" in r.get_json()["error"]["message"]
    r = adviser.post(f"/assignments/{a['id']}/accept", {"version": a["version"], "no_conflict": True})
    assert r.status_code == 200 and r.get_json()["state"] == "accepted"
    r = adviser.put(f"/assignments/{a['id']}/opinion", {"overall": "总体合法。", "submit": True, "comments": [
        {"clause": "第二条", "text": "建议约定补偿。"}], "legal_basis": "《民法典》"})
    assert r.status_code == 200 and r.get_json()["state"] == "submitted"
    again = adviser.put(f"/assignments/{a['id']}/opinion", {"overall": "改", "submit": False})
    assert again.status_code == 409

    comment = r.get_json()["opinion"]["comments"][0]
    assert adviser.post(f"/adviser-comments/{comment['id']}/adopt").status_code == 403
    r = bureau.post(f"/adviser-comments/{comment['id']}/adopt")
    assert r.status_code == 201 and r.get_json()["text"] == "建议约定补偿。"
    r = bureau.post(f"/assignments/{a['id']}/rating", {"timeliness": 100, "quality": 90, "adoption": 80})
    assert r.status_code == 201 and r.get_json()["rating"]["overall"] == 91.0


def test_strangers_see_nothing_and_refusals_match_the_pages(api):
    bureau = api["bureau"]
    draw = bureau.post(f"/matters/{api['matter']}/draws", {"wanted": 1}).get_json()
    picked = draw["picks"][0]
    stranger = next(v for k, v in api.items() if isinstance(k, int) and k not in (picked, api["lawyer"]))
    a = api[picked].get("/assignments").get_json()["items"][0]
    assert stranger.get(f"/assignments/{a['id']}").status_code == 404
    refused = stranger.post(f"/assignments/{a['id']}/accept", {"version": 1, "no_conflict": True})
    assert refused.status_code == 404
    assert stranger.get(f"/draws/{draw['id']}").status_code == 403
    r = bureau.post(f"/matters/{api['matter']}/designations", {"expert_ids": [api["lawyer"]], "reason": " "})
    assert r.status_code == 400 and "指定法律顾问必须书面说明理由" in r.get_json()["error"]["message"]
    r = api[picked].post(f"/assignments/{a['id']}/conflict", {"version": a["version"], "reason": "曾代理相对方"})
    assert r.status_code == 200 and r.get_json()["state"] == "conflict_declared"
    states = [x["state"] for x in bureau.get(f"/assignments?matter_id={api['matter']}").get_json()["items"]]
    assert sorted(states) == ["conflict_declared", "invited"]
    own = api[api["lawyer"]]
    assert own.get(f"/experts/{api['lawyer']}").status_code == 200
    assert [e["id"] for e in own.get("/experts").get_json()["items"]] == [api["lawyer"]]
    r = own.post(f"/experts/{api['lawyer']}/related-parties", {"kind": "client", "party_name": "某某公司"})
    assert r.status_code == 201 and r.get_json()["entered_by"] == "member"


NEW_MEMBER = {"kind": "lawyer", "name": "陈新律师", "licence_no": "15201202610001", "specialties": ["行政法"],
              "term_start": "2026-12-01", "term_end": "2028-11-30", "load_cap": 2, "phone": "13800000001"}


def _count_experts(app):
    import sqlalchemy as sa
    from review_app.models import Expert
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Expert))


def test_the_bureau_keeps_the_roster_through_the_api(api, app):
    bureau = api["bureau"]
    r = bureau.post("/experts", NEW_MEMBER)
    assert r.status_code == 201, r.get_json()
    member = r.get_json()
    assert member["name"] == "陈新律师" and member["specialties"] == ["行政法"] and member["load_cap"] == 2
    assert member["status"] == "active" and member["version"] == 1
    # The same licence twice, a term of four years, a specialty not on the district's list: refused, nothing stored.
    before = _count_experts(app)
    r = bureau.post("/experts", NEW_MEMBER)
    assert r.status_code == 400 and "已存在" in r.get_json()["error"]["message"]
    r = bureau.post("/experts", {**NEW_MEMBER, "licence_no": "X-2", "term_end": "2030-12-01"})
    assert r.status_code == 400 and "聘期应为 1 至 3 年" in r.get_json()["error"]["message"]
    assert _count_experts(app) == before
    # An edit carries the version it read; a stale one is refused.
    r = bureau.put(f"/experts/{member['id']}", {**NEW_MEMBER, "load_cap": 4, "version": 1})
    assert r.status_code == 200 and r.get_json()["load_cap"] == 4 and r.get_json()["version"] == 2
    r = bureau.put(f"/experts/{member['id']}", {**NEW_MEMBER, "load_cap": 5, "version": 1})
    assert r.status_code == 409
    r = bureau.post(f"/experts/{member['id']}/renewal", {"version": 2, "term_end": "2030-11-30",
                                                          "reason": "年度考核称职，续聘两年"})
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["term_start"], r.get_json()["term_end"]) == ("2028-12-01", "2030-11-30")


def test_an_adviser_cannot_add_or_edit_members(api, app):
    adviser = api[api["lawyer"]]
    before = _count_experts(app)
    r = adviser.post("/experts", {**NEW_MEMBER, "licence_no": "X-3"})
    assert r.status_code == 403
    r = adviser.put(f"/experts/{api['lawyer']}", {**NEW_MEMBER, "version": 1})
    assert r.status_code == 403
    assert _count_experts(app) == before
