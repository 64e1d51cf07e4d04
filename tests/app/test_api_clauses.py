"""Clause flags over the JSON API (review_app/api/clauses.py): the clauses of a version for whoever sees the
matter, its flags for the bureau only, accept and dismiss with the same refusals as the pages."""
import sqlalchemy as sa

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.models import Matter, OrgKind, User
from tests import factories
from tests.app.test_api_matters import Api, _error
from tests.drafts import FINE_DRAFT, numbered_docx
from workflows.review import Status
from workflows.roles import Role

DRAFT = numbered_docx(*FINE_DRAFT)


def _client(app, client, username) -> Api:
    with app.app_context():
        u = db.session.scalar(sa.select(User).where(User.username == username))
        _, token = create_api_token(u, "t")
        db.session.commit()
        return Api(client, token, u.id, u.organisation_id)


def _docs(app, mid) -> dict[str, int]:
    with app.app_context():
        m = db.session.get(Matter, mid)
        return {d.kind: d.id for d in m.documents}


def _flag(api, doc_id, rule_id) -> dict:
    r = api.get(f"/documents/{doc_id}/flags")
    assert r.status_code == 200, r.get_json()
    return next(f for f in r.get_json()["flags"] if f["rule_id"] == rule_id)


def test_the_clauses_of_a_version_are_the_departments_to_read_the_flags_are_not(app, client, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    doc_id = _docs(app, mid)["docx"]
    for who in ("submitter", "officer", "reviewer"):
        r = _client(app, client, cast[who]).get(f"/documents/{doc_id}/clauses")
        assert r.status_code == 200, (who, r.get_json())
    body = r.get_json()
    assert body["category"] == "normative_document" and body["version_no"] == 1 and body["warnings"] == []
    clauses = body["clauses"]
    assert [c["label"] for c in clauses] == ["序言"] + [f"第{n}条" for n in "一二三四五六七"]
    item = clauses[4]["items"][0]
    assert (item["number"], item["label"], item["text"]) == (1, "（一）", "设置符合标准的餐厨垃圾收集容器；")
    assert clauses[4]["text"][item["start"]:item["end"]] == "（一）设置符合标准的餐厨垃圾收集容器；"
    assert clauses[5]["number"] == 5 and "罚款" in clauses[5]["text"]
    _error(_client(app, client, cast["submitter"]).get(f"/documents/{doc_id}/flags"), 403)
    # A file that is not a draft has no clauses.
    _error(_client(app, client, cast["reviewer"]).get(f"/documents/{_docs(app, mid)['pdf']}/clauses"), 404,
           "不是 docx 格式的草案")


def test_the_bureau_reads_accepts_and_dismisses_flags(app, client, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    doc_id = _docs(app, mid)["docx"]
    reviewer = _client(app, client, cast["reviewer"])
    fine = _flag(reviewer, doc_id, "penalty.created")
    assert (fine["location"], fine["level"], fine["refers"], fine["decision"]) == ("第五条", "high", False, None)
    assert fine["words"] == ["处五千元以上三万元以下罚款"] and fine["category"] == "penalty"
    assert fine["bases"][0]["citation"] == "《中华人民共和国行政处罚法》第十六条"
    clause = next(c for c in reviewer.get(f"/documents/{doc_id}/clauses").get_json()["clauses"]
                  if c["id"] == fine["clause_id"])
    (start, end), = fine["spans"]
    assert clause["text"][start:end] == fine["words"][0]

    r = reviewer.post(f"/flags/{fine['id']}/accept", json={"version": fine["version"]})
    assert r.status_code == 200, r.get_json()
    accepted = r.get_json()
    assert accepted["decision"] == "accepted" and accepted["point"]["number"] == 1
    (point,) = reviewer.matter(mid)["opinion"]["points"]
    assert (point["id"], point["clause"], point["text"]) == (accepted["point"]["id"], "第五条", fine["suggested_point"])
    _error(reviewer.post(f"/flags/{fine['id']}/accept", json={"version": accepted["version"]}), 409, "该提示已处理")

    licence = _flag(reviewer, doc_id, "licence.approval")
    _error(reviewer.post(f"/flags/{licence['id']}/dismiss", json={"version": licence["version"]}), 400, "reason")
    _error(reviewer.post(f"/flags/{licence['id']}/dismiss", json={"version": licence["version"], "reason": "  "}),
           400, "不采纳提示须写明理由")
    _error(reviewer.post(f"/flags/{licence['id']}/dismiss", json={"version": licence["version"] + 1, "reason": "x"}),
           409)
    r = reviewer.post(f"/flags/{licence['id']}/dismiss", json={"version": licence["version"], "reason": "上位法已设定"})
    assert r.status_code == 200 and r.get_json()["decision"] == "dismissed" and r.get_json()["reason"] == "上位法已设定"
    assert r.get_json()["decided_by"]["id"] == reviewer.id


def test_deciding_is_refused_when_the_opinion_cannot_be_written(app, client, cast, drive):
    mid = drive(Status.issued, draft=DRAFT)
    doc_id = _docs(app, mid)["docx"]
    reviewer = _client(app, client, cast["reviewer"])
    fine = _flag(reviewer, doc_id, "penalty.created")
    points = reviewer.matter(mid)["opinion"]["points"]
    _error(reviewer.post(f"/flags/{fine['id']}/accept", json={"version": fine["version"]}), 409,
           "不能修改审核意见书，不能处理条文提示")
    _error(reviewer.post(f"/flags/{fine['id']}/dismiss", json={"version": fine["version"], "reason": "理由"}), 409)
    assert reviewer.matter(mid)["opinion"]["points"] == points
    assert _flag(reviewer, doc_id, "penalty.created")["decision"] is None


def test_another_district_sees_no_clause_and_no_flag(app, client, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    doc_id = _docs(app, mid)["docx"]
    fine = _flag(_client(app, client, cast["reviewer"]), doc_id, "penalty.created")
    with app.app_context():
        other = factories.district(factories.OTHER)
        name = factories.user(Role.bureau_reviewer, factories.org(OrgKind.justice_bureau, "邻区司法局", other)).username
    stranger = _client(app, client, name)
    _error(stranger.get(f"/documents/{doc_id}/clauses"), 404)
    _error(stranger.get(f"/documents/{doc_id}/flags"), 404)
    _error(stranger.post(f"/flags/{fine['id']}/accept", json={"version": fine["version"]}), 404, "提示不存在")
    _error(stranger.post(f"/flags/{fine['id']}/dismiss", json={"version": fine["version"], "reason": "x"}), 404)
