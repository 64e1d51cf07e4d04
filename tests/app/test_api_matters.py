"""The review pipeline over the JSON API (review_app/api/matters.py): a normative document from intake to
the department's adoption answers, per-record visibility, state and version conflicts, input validation,
paging."""
import hashlib
import io
import re

import docx
import pytest

from review_app import rules
from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.models import OrgKind
from tests import factories, pipeline
from workflows.roles import Role

CHINESE = re.compile(r"[\u4e00-\u9fff]")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


class Api:
    """A bearer-token client for one user."""

    def __init__(self, client, token, user_id, org_id):
        self.client, self.id, self.org_id = client, user_id, org_id
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kw):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(f"/api/v1{path}", headers=self.headers, json=json, **kw)

    def matter(self, mid):
        r = self.get(f"/matters/{mid}")
        assert r.status_code == 200, r.get_json()
        return r.get_json()

    def act(self, mid, action, reason=None, expect=200):
        body = {"action": action, "version": self.matter(mid)["version"]}
        if reason is not None:
            body["reason"] = reason
        r = self.post(f"/matters/{mid}/actions", json=body)
        assert r.status_code == expect, r.get_json()
        return r.get_json()

    def upload(self, mid, kind_id, name, data, expect=201):
        form = {"file": (io.BytesIO(data), name)}
        if kind_id is not None:
            form["material_kind_id"] = str(kind_id)
        r = self.client.post(f"/api/v1/matters/{mid}/documents", headers=self.headers, data=form,
                             content_type="multipart/form-data")
        assert r.status_code == expect, r.get_json()
        return r.get_json()


def _api(app, client, role, organisation_id=None) -> Api:
    with app.app_context():
        from review_app.models import Organisation
        organisation = db.session.get(Organisation, organisation_id) if organisation_id else None
        u = factories.user(role, organisation=organisation)
        _, token = create_api_token(u, "t")
        db.session.commit()
        return Api(client, token, u.id, u.organisation_id)


@pytest.fixture
def people(app, client):
    with app.app_context():
        other_org_id = factories.org(OrgKind.department, "测试其他局").id
        db.session.commit()
    roles = (Role.submitter, Role.department_head, Role.decision_officer, Role.bureau_director,
             Role.bureau_reviewer)
    p = {role: _api(app, client, role) for role in roles}
    p["other"] = _api(app, client, Role.submitter, other_org_id)
    return p


def _error(r, status, text=None):
    assert r.status_code == status, (r.status_code, r.get_data(as_text=True))
    assert r.mimetype == "application/json"
    err = r.get_json()["error"]
    assert err["code"] == status and CHINESE.search(err["message"]), err
    if text:
        assert text in err["message"], err["message"]
    return err["message"]


def _new_matter(api, title="关于规范城区停车管理的若干规定", category="normative_document", **fields):
    r = api.post("/matters", json={"category": category, "title": title, "summary": "停车管理", **fields})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _complete_materials(api, m):
    for kind in m["missing_materials"]:
        if kind["code"] == "draft":
            api.upload(m["id"], kind["id"], "送审稿.docx", _docx("第一条 为规范停车管理，制定本规定。"))
        else:
            api.upload(m["id"], kind["id"], f"{kind['name']}.pdf", PDF)
    return api.matter(m["id"])


def _to_bureau_review(p) -> int:
    """A submitted, approved, accepted, forwarded matter with a reviewer assigned; returns its id."""
    sub = p[Role.submitter]
    m = _complete_materials(sub, _new_matter(sub))
    mid = m["id"]
    sub.act(mid, "submit")
    p[Role.department_head].act(mid, "approve")
    p[Role.decision_officer].act(mid, "accept")
    p[Role.decision_officer].act(mid, "forward")
    director = p[Role.bureau_director]
    body = {"reviewer_id": p[Role.bureau_reviewer].id, "version": director.matter(mid)["version"]}
    r = director.post(f"/matters/{mid}/reviewer", json=body)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["status"] == "bureau_review"
    return mid


def test_full_journey_over_the_api(app, people):
    p = people
    sub, head, officer = p[Role.submitter], p[Role.department_head], p[Role.decision_officer]
    director, reviewer = p[Role.bureau_director], p[Role.bureau_reviewer]

    m = _new_matter(sub, contact_name="张三", contact_phone="0851-1234567", planned_date="2030-06-30")
    mid = m["id"]
    assert m["status"] == "draft" and m["stage"] == "department" and m["category"] == "normative_document"
    assert m["planned_date"] == "2030-06-30" and m["due_on"] is None and m["opinion"] is None
    assert {k["code"] for k in m["missing_materials"]} == {
        "draft", "drafting_note", "legal_basis", "consultation", "drafter_legal_opinion"}
    # Submit is offered only once the materials are complete (the guard of workflows.review).
    assert {a["action"] for a in m["allowed_actions"]} == {"withdraw"}

    # Submitting without the required materials is refused with the rule's message, and changes nothing.
    r = sub.post(f"/matters/{mid}/actions", json={"action": "submit", "version": m["version"]})
    _error(r, 400, "必备材料不齐全，且未说明免报理由")
    assert sub.matter(mid)["status"] == "draft"

    m = _complete_materials(sub, m)
    assert m["missing_materials"] == [] and len(m["documents"]) == 5
    assert {a["action"] for a in m["allowed_actions"]} == {"submit", "withdraw"}
    draft_doc = next(d for d in m["documents"] if d["kind"] == "docx")
    assert draft_doc["version_no"] == 1 and draft_doc["display_name"] == "送审稿.docx"
    r = sub.get(f"/documents/{draft_doc['id']}")
    assert r.status_code == 200 and r.get_json()["sha256"] == draft_doc["sha256"]

    assert sub.act(mid, "submit")["status"] == "department_review"
    assert head.act(mid, "approve")["status"] == "decision_pending"
    assert officer.act(mid, "accept")["status"] == "decision_accepted"
    m = officer.act(mid, "forward")
    assert m["status"] == "bureau_intake" and m["stage"] == "bureau"
    assert m["due_on"] is not None and m["clock"]["started_on"] == rules_today(app).isoformat()

    m = director.matter(mid)
    assert "assign_reviewer" in {a["action"] for a in m["allowed_actions"]}
    r = director.post(f"/matters/{mid}/reviewer", json={"reviewer_id": reviewer.id, "version": m["version"]})
    assert r.status_code == 200
    m = r.get_json()
    assert m["status"] == "bureau_review" and m["reviewer"]["id"] == reviewer.id

    # The reviewer asks for a supplement: the clock stops (no due date while paused).
    m = reviewer.act(mid, "request_supplement", reason="请补充征求意见采纳情况的说明")
    assert m["status"] == "awaiting_supplement" and m["stage"] == "bureau"
    assert m["due_on"] is None and m["clock"]["paused"] is True
    consultation = next(k for k in m["materials"] if k["code"] == "consultation")
    doc = sub.upload(mid, consultation["id"], "征求意见采纳情况（补正）.pdf", PDF + b"%% supplemented\n")
    assert doc["version_no"] == 2
    m = sub.act(mid, "supply")
    assert m["status"] == "bureau_review" and m["due_on"] is not None and m["clock"]["paused"] is False

    r = reviewer.post(f"/matters/{mid}/opinion", json={
        "conclusion": "lawful_if_amended", "reasons": "经审查，该文件总体合法，但个别条款需修改。",
        "findings": pipeline.AMEND_JSON,
        "points": [{"clause": "第三条", "text": "罚款数额超出上位法规定，应予删除。"},
                   {"clause": "第七条", "text": "建议增加听证程序。"}],
        "version": m["version"]})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    assert m["status"] == "opinion_drafted" and m["opinion"]["issued"] is False
    assert [pt["clause"] for pt in m["opinion"]["points"]] == ["第三条", "第七条"]
    # The draft is the bureau's: the department does not see it yet.
    assert sub.matter(mid)["opinion"] is None

    r = director.post(f"/matters/{mid}/opinion/sign-off", json={"version": m["version"]})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    assert m["status"] == "signed" and m["opinion"]["signed_by"]["id"] == director.id

    r = reviewer.post(f"/matters/{mid}/opinion/issue", json={"version": m["version"]})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    year = rules_today(app).year
    assert m["status"] == "issued" and m["opinion"]["number"] == f"示司审〔{year}〕1号"
    assert m["opinion"]["issued_on"] == rules_today(app).isoformat()

    # The department answers: one point adopted with the revised draft, one refused in writing.
    m = sub.matter(mid)
    assert m["opinion"]["number"] == f"示司审〔{year}〕1号" and m["opinion"]["conclusion"] == "lawful_if_amended"
    first, second = m["opinion"]["points"]
    assert first["adoption"] is None
    draft_kind = next(k for k in m["materials"] if k["code"] == "draft")
    revised = sub.upload(mid, draft_kind["id"], "送审稿（修改稿）.docx", _docx("第三条 （已删除罚款条款）"))
    assert revised["version_no"] == 2
    # Finishing before every point is answered is refused.
    # (an upload bumps the matter's version: the client re-reads it)
    _error(sub.post(f"/matters/{mid}/adoption/finish", json={"version": sub.matter(mid)["version"]}), 400,
           "所有修改意见均须答复")
    # Refusing a point needs a written reason; adopting one needs the revised version.
    _error(sub.post(f"/matters/{mid}/adoption/{second['id']}", json={"adopted": False}), 400, "书面说明理由")
    _error(sub.post(f"/matters/{mid}/adoption/{first['id']}", json={"adopted": True}), 400, "修改后的文稿")

    r = sub.post(f"/matters/{mid}/adoption/{first['id']}",
                 json={"adopted": True, "reason": "", "revised_document_id": revised["id"]})
    assert r.status_code == 200, r.get_json()
    r = sub.post(f"/matters/{mid}/adoption/{second['id']}",
                 json={"adopted": False, "reason": "上位法未要求听证，已通过网上征求意见保障参与。"})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    a1, a2 = (pt["adoption"] for pt in m["opinion"]["points"])
    assert a1["adopted"] is True and a1["revised_document_id"] == revised["id"]
    assert a2["adopted"] is False and "听证" in a2["reason"] and a2["revised_document_id"] is None
    assert "answer_adoption" in {a["action"] for a in m["allowed_actions"]}

    r = sub.post(f"/matters/{mid}/adoption/finish", json={"version": m["version"]})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    assert m["status"] == "answered" and m["stage"] == "done"
    # The bureau sees the answers too.
    seen = director.matter(mid)["opinion"]["points"]
    assert [pt["adoption"]["adopted"] for pt in seen] == [True, False]
    # The issued letter and the revised draft download as the very files stored.
    r = sub.get(f"/matters/{mid}/opinion.docx")
    assert r.status_code == 200 and r.data[:2] == b"PK"
    assert hashlib.sha256(r.data).hexdigest() == m["opinion"]["docx_sha256"]
    r = sub.get(f"/documents/{revised['id']}/content")
    assert r.status_code == 200 and r.mimetype.endswith("wordprocessingml.document")
    assert "第三条" in docx.Document(io.BytesIO(r.data)).paragraphs[0].text


def rules_today(app):
    with app.test_request_context():
        return rules.today()


def test_other_department_cannot_see_the_matter(app, people):
    sub, other = people[Role.submitter], people["other"]
    m = _complete_materials(sub, _new_matter(sub))
    mid, doc_id = m["id"], m["documents"][0]["id"]
    _error(other.get(f"/matters/{mid}"), 404)
    _error(other.get(f"/documents/{doc_id}"), 404)
    _error(other.get(f"/documents/{doc_id}/content"), 404)
    _error(other.get(f"/matters/{mid}/opinion.docx"), 404)
    _error(other.post(f"/matters/{mid}/actions", json={"action": "submit", "version": m["version"]}), 404)
    _error(other.post(f"/matters/{mid}/fields", json={"title": "改名", "version": m["version"]}), 404)
    r = other.client.post(f"/api/v1/matters/{mid}/documents", headers=other.headers,
                          data={"file": (io.BytesIO(PDF), "x.pdf")}, content_type="multipart/form-data")
    _error(r, 404)
    assert mid not in {i["id"] for i in other.get("/matters").get_json()["items"]}
    # The bureau does not see a draft the department has not submitted yet, nor is it listed.
    _error(people[Role.bureau_director].get(f"/matters/{mid}"), 404)
    assert people[Role.bureau_director].get("/matters").get_json()["items"] == []
    # Nothing changed.
    m2 = sub.matter(mid)
    assert m2["status"] == "draft" and m2["title"] == m["title"]
    assert len(m2["documents"]) == len(m["documents"])


def test_wrong_state_and_stale_version_are_409(app, people):
    sub, head = people[Role.submitter], people[Role.department_head]
    m = _complete_materials(sub, _new_matter(sub))
    mid = m["id"]
    # "supply" from a draft: the state machine refuses with the current state named.
    r = sub.post(f"/matters/{mid}/actions", json={"action": "supply", "version": m["version"]})
    _error(r, 409, "当前状态")
    # A stale version: the head approves from a page drawn before the submission.
    stale = m["version"]
    sub.act(mid, "submit")
    r = head.post(f"/matters/{mid}/actions", json={"action": "approve", "version": stale})
    msg = _error(r, 409, "已有变化")
    assert "提交审核" in msg  # what happened since the head's page was drawn
    assert head.matter(mid)["status"] == "department_review"
    # Editing fields after submission is refused as a state conflict.
    cur = head.matter(mid)["version"]
    _error(sub.post(f"/matters/{mid}/fields", json={"title": "新名称", "version": cur}), 409)
    # A stale field update while still a draft.
    m2 = _new_matter(sub, title="第二件")
    r = sub.post(f"/matters/{m2['id']}/fields", json={"summary": "新摘要", "version": m2["version"]})
    assert r.status_code == 200 and r.get_json()["summary"] == "新摘要" and r.get_json()["title"] == "第二件"
    _error(sub.post(f"/matters/{m2['id']}/fields", json={"summary": "再改", "version": m2["version"]}), 409,
           "您本人（在另一窗口或标签页）修改基本信息")  # the same user's other tab is not "someone else"


def test_roles_and_reasons(app, people):
    p = people
    mid = _to_bureau_review(p)
    reviewer, sub = p[Role.bureau_reviewer], p[Role.submitter]
    v = reviewer.matter(mid)["version"]
    # A supplement request needs a reason.
    _error(reviewer.post(f"/matters/{mid}/actions", json={"action": "request_supplement", "version": v}), 400,
           "请填写理由")
    # The department may not act for the bureau.
    _error(sub.post(f"/matters/{mid}/reviewer", json={"reviewer_id": reviewer.id, "version": v}), 403)
    r = sub.post(f"/matters/{mid}/opinion", json={"conclusion": "lawful", "reasons": "x", "version": v})
    _error(r, 403)
    # Only the director signs off (the gate answers for the whole endpoint).
    _error(reviewer.post(f"/matters/{mid}/opinion/sign-off", json={"version": v}), 403)
    # An extension needs a reason and moves the due date.
    before = reviewer.matter(mid)["due_on"]
    r = reviewer.post(f"/matters/{mid}/extensions", json={"days": 3, "reason": "需征询专家意见", "version": v})
    assert r.status_code == 200, r.get_json()
    m = r.get_json()
    assert m["due_on"] > before and m["clock"]["extensions"] == [{"days": 3, "reason": "需征询专家意见"}]
    body = {"days": 3, "reason": "  ", "version": m["version"]}
    _error(reviewer.post(f"/matters/{mid}/extensions", json=body), 400)
    # lawful_if_amended needs at least one point.
    _error(reviewer.post(f"/matters/{mid}/opinion", json={
        "conclusion": "lawful_if_amended", "reasons": "理由", "points": [], "version": m["version"]}), 400,
        "至少需要一条修改意见")


def test_rejected_opinion_can_be_redrafted(app, people):
    p = people
    mid = _to_bureau_review(p)
    reviewer, director = p[Role.bureau_reviewer], p[Role.bureau_director]
    v = reviewer.matter(mid)["version"]
    points = [{"clause": "第一条", "text": "甲"}, {"clause": "第二条", "text": "乙"}]
    r = reviewer.post(f"/matters/{mid}/opinion", json={
        "conclusion": "lawful_if_amended", "reasons": "初稿", "points": points, "version": v,
        "findings": pipeline.AMEND_JSON})
    assert r.status_code == 200, r.get_json()
    v = r.get_json()["version"]
    _error(director.post(f"/matters/{mid}/opinion/reject", json={"reason": " ", "version": v}), 400)
    r = director.post(f"/matters/{mid}/opinion/reject", json={"reason": "理由不充分", "version": v})
    assert r.status_code == 200 and r.get_json()["status"] == "bureau_review"
    # Redraft with the same point numbers (the old points are replaced, not duplicated).
    r = reviewer.post(f"/matters/{mid}/opinion", json={
        "conclusion": "lawful_if_amended", "reasons": "重拟", "version": r.get_json()["version"],
        "findings": pipeline.AMEND_JSON,
        "points": [{"clause": "第一条", "text": "甲（改）"}, {"clause": "第三条", "text": "丙"},
                   {"text": "丁"}]})
    assert r.status_code == 200, r.get_json()
    op = r.get_json()["opinion"]
    assert op["reasons"] == "重拟" and [(pt["number"], pt["text"]) for pt in op["points"]] == [
        (1, "甲（改）"), (2, "丙"), (3, "丁")]
    # Issuing before sign-off is a state conflict.
    _error(reviewer.post(f"/matters/{mid}/opinion/issue", json={"version": r.get_json()["version"]}), 409)


def test_exemption_lets_a_matter_be_submitted(app, people):
    sub = people[Role.submitter]
    m = _new_matter(sub, title="规范性文件二")
    for kind in m["missing_materials"]:
        if kind["code"] == "draft":
            sub.upload(m["id"], kind["id"], "稿.docx", _docx("正文"))
    consultation = next(k for k in m["materials"] if k["code"] == "consultation")
    body = {"material_kind_id": consultation["id"], "reason": " "}
    _error(sub.post(f"/matters/{m['id']}/exemptions", json=body), 400, "免报理由")
    _error(sub.post(f"/matters/{m['id']}/exemptions", json={"material_kind_id": 999999, "reason": "x"}), 400)
    for kind in sub.matter(m["id"])["missing_materials"]:
        body = {"material_kind_id": kind["id"], "reason": "本文件不涉及"}
        r = sub.post(f"/matters/{m['id']}/exemptions", json=body)
        assert r.status_code == 200, r.get_json()
    m = sub.matter(m["id"])
    assert m["missing_materials"] == [] and len(m["exemptions"]) == 4
    assert sub.act(m["id"], "submit")["status"] == "department_review"


def test_upload_rejections(app, people):
    sub = people[Role.submitter]
    m = _new_matter(sub)
    kind = m["missing_materials"][0]["id"]
    r = sub.client.post(f"/api/v1/matters/{m['id']}/documents", headers=sub.headers, data={},
                        content_type="multipart/form-data")
    _error(r, 400, "请选择要上传的文件")
    r = sub.upload(m["id"], kind, "病毒.exe", b"MZ\x90\x00", expect=400)
    assert "不支持的文件类型" in r["error"]["message"]
    r = sub.upload(m["id"], kind, "假的.pdf", b"PK\x03\x04xx", expect=400)
    assert "文件内容与扩展名不符" in r["error"]["message"]
    sub.upload(m["id"], "abc", "a.pdf", PDF, expect=400)
    sub.upload(m["id"], 999999, "a.pdf", PDF, expect=400)
    # A material kind of another category.
    agreement = _new_matter(sub, category="agreement", counterparties="某公司")
    agreement_kind = agreement["missing_materials"][0]["id"]
    sub.upload(m["id"], agreement_kind, "a.pdf", PDF, expect=400)
    assert sub.matter(m["id"])["documents"] == []


@pytest.mark.parametrize("body", [
    None, [], {"category": "normative_document"}, {"title": "x"},
    {"category": "no_such_kind", "title": "x"},
    {"category": "normative_document", "title": 5},
    {"category": "normative_document", "title": ""},
    {"category": "normative_document", "title": "x" * 201},
    {"category": "normative_document", "title": "x", "extra": 1},
    {"category": "normative_document", "title": "x", "planned_date": "2026-13-45"},
    {"category": "normative_document", "title": "x", "planned_date": "tomorrow"},
    {"category": "normative_document", "title": "坏\x00字符"},
    '{"category": "normative_document", "title": "\\ud800"}',
])
def test_malformed_intake_is_400(app, people, body):
    sub = people[Role.submitter]
    if body is None or isinstance(body, str):  # not JSON at all, or JSON no database can store
        r = sub.client.post("/api/v1/matters", headers=sub.headers, data=body or "{不是 JSON",
                            content_type="application/json")
    else:
        r = sub.post("/matters", json=body)
    _error(r, 400)
    assert sub.get("/matters").get_json()["items"] == []


def test_agreement_needs_counterparties(app, people):
    r = people[Role.submitter].post("/matters", json={"category": "agreement", "title": "协议"})
    _error(r, 400, "协议相对方")


@pytest.mark.parametrize("body", [
    {}, {"action": "submit"}, {"action": "submit", "version": "1"}, {"action": "submit", "version": 0},
    {"action": "submit", "version": 2147483648}, {"action": "submit", "version": 10 ** 30},
    {"action": "submit", "version": True}, {"action": "fly", "version": 1},
    {"action": "sign_off", "version": 1},  # has its own endpoint
    {"action": "submit", "version": 1, "reason": "x" * 2001},
    {"action": "submit", "version": 1, "extra": None},
])
def test_malformed_action_is_400(app, people, body):
    sub = people[Role.submitter]
    m = _new_matter(sub)
    _error(sub.post(f"/matters/{m['id']}/actions", json=body), 400)
    assert sub.matter(m["id"])["status"] == "draft"


def test_malformed_bureau_bodies_are_400(app, people):
    p = people
    mid = _to_bureau_review(p)
    reviewer, director = p[Role.bureau_reviewer], p[Role.bureau_director]
    for body in ({"days": 0, "reason": "x", "version": 1}, {"days": 10 ** 9, "reason": "x", "version": 1},
                 {"days": 2.5, "reason": "x", "version": 1}, {"days": 1, "version": 1}):
        _error(reviewer.post(f"/matters/{mid}/extensions", json=body), 400)
    for body in ({"conclusion": "maybe", "reasons": "x", "version": 1},
                 {"conclusion": "lawful", "reasons": "x", "version": 1, "points": [{"clause": "x"}]},
                 {"conclusion": "lawful", "reasons": "x", "version": 1, "points": [{"text": "x", "y": 1}]},
                 {"conclusion": "lawful", "reasons": "x", "version": 1, "points": "x"}):
        _error(reviewer.post(f"/matters/{mid}/opinion", json=body), 400)
    for body in ({"reviewer_id": 2147483648, "version": 1}, {"reviewer_id": "1", "version": 1},
                 {"version": 1}):
        _error(director.post(f"/matters/{mid}/reviewer", json=body), 400)
    # An unknown user, or one who is not in the bureau, cannot be assigned.
    _error(director.post(f"/matters/{mid}/reviewer", json={"reviewer_id": 999999, "version": 1}), 400)
    assert reviewer.matter(mid)["status"] == "bureau_review"


def test_missing_rows_are_404(app, people):
    sub = people[Role.submitter]
    _error(sub.get("/matters/999999"), 404)
    _error(sub.get("/documents/999999"), 404)
    _error(sub.post("/matters/999999/actions", json={"action": "submit", "version": 1}), 404)
    m = _new_matter(sub)
    _error(sub.post(f"/matters/{m['id']}/adoption/999999", json={"adopted": False, "reason": "x"}), 404)


def test_list_pagination_and_filters(app, people):
    sub, other = people[Role.submitter], people["other"]
    ids = [_new_matter(sub, title=f"事项{i}")["id"] for i in range(5)]
    _new_matter(other, title="别人的事项")
    seen, before, pages = [], None, 0
    while True:
        r = sub.get("/matters", query_string={"limit": 2, **({"before": before} if before else {})})
        assert r.status_code == 200
        page = r.get_json()
        seen += [i["id"] for i in page["items"]]
        pages += 1
        assert len(page["items"]) <= 2
        before = page["next_before"]
        if before is None:
            break
        assert before == page["items"][-1]["id"]
    assert seen == sorted(ids, reverse=True) and pages == 3
    item = sub.get("/matters", query_string={"limit": 1}).get_json()["items"][0]
    assert item["status"] == "draft" and item["department"]["id"] == sub.org_id and item["overdue"] is False

    r = sub.get("/matters", query_string={"q": "事项3"}).get_json()
    assert [i["id"] for i in r["items"]] == [ids[3]]
    assert sub.get("/matters", query_string={"status": "draft", "category": "normative_document",
                                             "stage": "department", "overdue": "false"}).get_json()["items"]
    empty = {"items": [], "next_before": None}
    assert sub.get("/matters", query_string={"status": "issued"}).get_json() == empty
    assert sub.get("/matters", query_string={"overdue": "true"}).get_json()["items"] == []
    assert sub.get("/matters", query_string={"date_from": "2000-01-01", "date_to": "2000-12-31"}
                   ).get_json()["items"] == []
    for bad in ({"limit": 0}, {"limit": 101}, {"limit": "x"}, {"before": "2147483648"}, {"before": "-1"},
                {"status": "nope"}, {"stage": "x"}, {"date_from": "2026-02-30"}, {"overdue": "maybe"},
                {"q": "x" * 101}, {"q": "a\x00b"}, {"department_id": "1e3"}):
        _error(sub.get("/matters", query_string=bad), 400)


def test_openapi_documents_the_pipeline(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    paths = doc["paths"]
    for path in ("/api/v1/matters", "/api/v1/matters/{matter_id}", "/api/v1/matters/{matter_id}/actions",
                 "/api/v1/matters/{matter_id}/adoption/{point_id}", "/api/v1/documents/{document_id}"):
        assert path in paths, path
    upload = paths["/api/v1/matters/{matter_id}/documents"]["post"]
    form = upload["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["file"] == {**form["properties"]["file"], "type": "string", "format": "binary"}
    assert "201" in upload["responses"]
    action = doc["components"]["schemas"]["MatterAction"]
    assert action["additionalProperties"] is False
    assert action["properties"]["version"]["maximum"] == 2147483647
    assert "sign_off" not in action["properties"]["action"]["enum"]
