"""Clause flags in the app (#12): a draft version split and flagged when it is uploaded, the panel beside the
online view, accepting a flag as a point of the working draft and dismissing one with a reason, the per-rule
statistics, a new version resolving what it fixed, and who may see and decide what."""
import re

import sqlalchemy as sa

from review_app.documents.service import add_document
from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.models import AuditEvent, ClauseFlag, ClauseReading, DraftClause, Matter, Opinion, OrgKind, User
from review_app.review import operations as rops
from tests import factories, pipeline
from tests.drafts import FINE_DRAFT, FINE_REVISED, numbered_docx
from tests.factories import alerts, as_user
from workflows.review import Action, Category, Conclusion, Status
from workflows.roles import Role

DRAFT = numbered_docx(*FINE_DRAFT)
REVISED = numbered_docx(*FINE_REVISED)
FINE_WORDS = "处五千元以上三万元以下罚款"


def _draft_docs(app, mid) -> list[int]:
    with app.app_context():
        m = db.session.get(Matter, mid)
        return [d.id for d in m.documents if d.material_kind is not None and d.material_kind.is_draft]


def _flags(app, document_id) -> dict[str, dict]:
    """The version's flags by rule id."""
    with app.app_context():
        rows = db.session.scalars(sa.select(ClauseFlag).where(ClauseFlag.document_id == document_id)).all()
        return {f.rule_id: {"id": f.id, "version": f.version, "decision": f.decision and f.decision.value,
                            "location": f.location, "words": f.words, "point": f.point, "reason": f.reason,
                            "point_id": f.point_id, "point_number": f.point_number, "carried": f.carried,
                            "continues_id": f.continues_id, "resolved_in_id": f.resolved_in_id,
                            "opinion_id": f.opinion_id, "category": f.category.value} for f in rows}


def _points(app, mid) -> list[tuple]:
    with app.app_context():
        o = db.session.scalar(sa.select(Opinion).where(Opinion.matter_id == mid))
        return [] if o is None else [(p.id, p.number, p.clause, p.text) for p in o.points]


def _accept(client, flag):
    return client.post(f"/clauses/flags/{flag['id']}/accept", data={f"a{flag['id']}-version": flag["version"]})


def _dismiss(client, flag, reason):
    return client.post(f"/clauses/flags/{flag['id']}/dismiss",
                       data={f"d{flag['id']}-version": flag["version"], f"d{flag['id']}-reason": reason})


def _users(app, cast) -> pipeline.Cast:
    return pipeline.Cast(**{k: db.session.scalar(sa.select(User).where(User.username == v)) for k, v in cast.items()})


# --- reading on upload -------------------------------------------------------------------------------------

def test_a_draft_version_is_split_and_flagged_when_uploaded(app, cast, drive):
    mid = drive(Status.draft, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    with app.app_context():
        reading = db.session.get(ClauseReading, doc_id)
        assert reading.category is Category.normative_document and reading.previous_document_id is None
        # Word's automatic numbering was rebuilt: 第一条 … 第七条 after the title.
        assert [c.label for c in reading.clauses] == ["序言"] + [f"第{n}条" for n in "一二三四五六七"]
        fourth = reading.clauses[4]
        assert [i["label"] for i in fourth.items] == ["（一）", "（二）"]
        assert fourth.text[fourth.items[1]["start"]:fourth.items[1]["end"]].startswith("（二）将餐厨垃圾")
        flags = {f.rule_id: f for f in reading.flags}
        assert set(flags) == {"penalty.created", "licence.approval"}
        fine = flags["penalty.created"]
        assert (fine.clause.label, fine.location, fine.level.value, fine.refers) == ("第五条", "第五条", "high", False)
        (s, e), = fine.spans
        assert fine.clause.text[s:e] == FINE_WORDS == fine.words[0]
        assert "《中华人民共和国行政处罚法》第十六条" in fine.article and "第五条" in fine.point
        # Only the draft is read, not the other materials.
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ClauseReading)
                                 .where(ClauseReading.matter_id == mid)) == 1
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "clauses.read",
                                                              AuditEvent.object_id == str(doc_id)))
        assert event.after["flags"] == 2 and event.after["clauses"] == 8 and event.actor_id is not None


def test_an_opinion_request_is_split_but_read_against_no_rule(app, cast, drive):
    mid = drive(Status.draft, category=Category.opinion_request, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    with app.app_context():
        reading = db.session.get(ClauseReading, doc_id)
        assert reading.category is None and len(reading.clauses) == 8 and reading.flags == []


def test_an_agreement_is_read_for_its_own_risks_not_for_penalties(app, cast, drive):
    agreement = pipeline.docx_bytes(
        "第一条 乙方逾期未完成建设的，甲方可以单方解除本协议，且不予任何补偿。",
        "第二条 乙方违反本协议约定的，处五千元罚款。")
    mid = drive(Status.draft, category=Category.agreement, draft=agreement)
    (doc_id,) = _draft_docs(app, mid)
    categories = {f["location"]: f["category"] for f in _flags(app, doc_id).values()}
    assert categories.get("第一条") == "termination" and "penalty" not in categories.values()


def test_a_version_uploaded_before_clause_flags_is_read_when_first_opened(app, cast, drive):
    mid = drive(Status.bureau_review)
    with app.test_request_context():
        c = _users(app, cast)
        m = db.session.get(Matter, mid)
        # Stored the way uploads were stored before this feature: no reading.
        doc = add_document(c.submitter, m, pipeline.draft_kind(m.category), "旧版本.docx", DRAFT)
        db.session.commit()
        doc_id = doc.id
    assert _flags(app, doc_id) == {}
    page = as_user(app, cast["reviewer"]).get(f"/matters/documents/{doc_id}/view")
    assert page.status_code == 200
    assert set(_flags(app, doc_id)) == {"penalty.created", "licence.approval"}


# --- the online view and its panel -------------------------------------------------------------------------

def test_the_bureau_sees_the_panel_with_the_words_highlighted(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    page = as_user(app, cast["reviewer"]).get(f"/matters/documents/{doc_id}/view").get_data(as_text=True)
    assert "条文提示" in page and "设定罚款、没收、吊销证照" in page
    assert re.search(rf'<mark class="flag-words level-high" data-flags="\d+">{FINE_WORDS}</mark>', page)
    assert "《中华人民共和国行政处罚法》第十六条" in page and "采纳为修改意见" in page
    assert '<strong class="clause-label">第五条</strong>' in page


def test_the_department_sees_its_clause_split_but_not_the_flags(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    page = as_user(app, cast["submitter"]).get(f"/matters/documents/{doc_id}/view").get_data(as_text=True)
    assert '<strong class="clause-label">第五条</strong>' in page and FINE_WORDS in page
    assert "条文提示" not in page and "<mark" not in page and "flag-" not in page


def test_the_draft_text_is_escaped_and_only_the_spans_are_wrapped(app, cast, drive):
    hostile = pipeline.docx_bytes('第一条 <script>alert(1)</script>违反本办法的，处<b>五千元</b>罚款。')
    mid = drive(Status.bureau_review, draft=hostile)
    (doc_id,) = _draft_docs(app, mid)
    page = as_user(app, cast["reviewer"]).get(f"/matters/documents/{doc_id}/view").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert re.search(r'<mark class="flag-words level-high" data-flags="\d+">处&lt;b&gt;五千元&lt;/b&gt;罚款</mark>', page)


def test_the_opinion_forms_clause_picker_uses_the_same_split(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    page = as_user(app, cast["reviewer"]).get(f"/matters/{mid}/opinion/draft").get_data(as_text=True)
    datalist = re.search(r'<datalist id="draft-clauses">(.*?)</datalist>', page, re.S).group(1)
    # Word numbered these automatically: none of them is in the paragraphs' text.
    assert re.findall(r'value="([^"]+)"', datalist) == [f"第{n}条" for n in "一二三四五六七"]


# --- accept ------------------------------------------------------------------------------------------------

def test_accepting_a_flag_appends_a_point_tied_to_its_clause_to_the_working_draft(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    fine = _flags(app, doc_id)["penalty.created"]
    reviewer = as_user(app, cast["reviewer"])
    r = _accept(reviewer, fine)
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"/matters/documents/{doc_id}/view#flag-{fine['id']}")
    (point,) = _points(app, mid)
    assert point[1:] == (1, "第五条", fine["point"])
    after = _flags(app, doc_id)["penalty.created"]
    assert (after["decision"], after["point_id"], after["point_number"]) == ("accepted", point[0], 1)
    assert after["opinion_id"] is not None
    page = reviewer.get(f"/matters/documents/{doc_id}/view")
    assert "已将第五条的提示作为第1条修改意见加入审核意见书草稿" in "".join(alerts(page))
    assert "审核意见书第1条修改意见" in page.get_data(as_text=True)
    # The reviewer edits it in the working draft like any other point.
    draft = reviewer.get(f"/matters/{mid}/opinion/draft").get_data(as_text=True)
    assert 'value="第五条"' in draft and "属于设定行政处罚" in draft
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "clause_flag.accept"))
        assert event.object_id == str(fine["id"]) and event.after["point_id"] == point[0]


def test_accepting_is_refused_when_the_opinion_cannot_be_written(app, cast, drive):
    mid = drive(Status.opinion_drafted, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    fine = _flags(app, doc_id)["penalty.created"]
    before = _points(app, mid)
    r = _accept(as_user(app, cast["reviewer"]), fine)
    assert r.status_code == 409
    assert "当前状态（审核意见待签发）不能修改审核意见书，不能处理条文提示" in "".join(alerts(r))
    assert _points(app, mid) == before and _flags(app, doc_id)["penalty.created"]["decision"] is None


def test_a_flag_is_decided_once_and_on_its_current_version(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    fine = _flags(app, doc_id)["penalty.created"]
    reviewer = as_user(app, cast["reviewer"])
    stale = reviewer.post(f"/clauses/flags/{fine['id']}/accept", data={f"a{fine['id']}-version": fine["version"] + 1})
    assert stale.status_code == 409 and "数据已被他人修改" in "".join(alerts(stale))
    assert _accept(reviewer, fine).status_code == 302
    again = _dismiss(reviewer, _flags(app, doc_id)["penalty.created"], "重复")
    assert again.status_code == 409 and "该提示已处理" in "".join(alerts(again))
    assert len(_points(app, mid)) == 1


# --- dismiss -----------------------------------------------------------------------------------------------

def test_dismissing_needs_a_reason(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    licence = _flags(app, doc_id)["licence.approval"]
    reviewer = as_user(app, cast["reviewer"])
    r = _dismiss(reviewer, licence, "   ")
    assert r.status_code == 400 and "不采纳提示须写明理由" in "".join(alerts(r))
    assert _flags(app, doc_id)["licence.approval"]["decision"] is None
    r = _dismiss(reviewer, licence, "理由\x00")
    assert r.status_code == 400 and _flags(app, doc_id)["licence.approval"]["decision"] is None
    r = _dismiss(reviewer, licence, "《餐厨垃圾管理条例》已设定该许可，本条仅重申。")
    assert r.status_code == 302
    after = _flags(app, doc_id)["licence.approval"]
    assert (after["decision"], after["reason"]) == ("dismissed", "《餐厨垃圾管理条例》已设定该许可，本条仅重申。")
    assert _points(app, mid) == []
    page = reviewer.get(f"/matters/documents/{doc_id}/view").get_data(as_text=True)
    assert "《餐厨垃圾管理条例》已设定该许可" in page


# --- statistics --------------------------------------------------------------------------------------------

def _row(page: str, rule_id: str) -> dict:
    row = re.search(rf'<tr data-rule="{re.escape(rule_id)}".*?</tr>', page, re.S).group(0)
    return {k: re.search(rf'class="text-end {k}">([^<]*)<', row).group(1).strip()
            for k in ("raised", "accepted", "dismissed", "acceptance", "resolved")} | {"html": row}


def test_the_bureau_sees_which_rules_earn_their_keep(app, cast, drive):
    first, second = drive(Status.bureau_review, draft=DRAFT), drive(Status.bureau_review, draft=DRAFT)
    reviewer = as_user(app, cast["reviewer"])
    flags_1, flags_2 = _flags(app, _draft_docs(app, first)[0]), _flags(app, _draft_docs(app, second)[0])
    assert _accept(reviewer, flags_1["penalty.created"]).status_code == 302
    assert _dismiss(reviewer, flags_2["penalty.created"], "已有地方性法规依据").status_code == 302
    assert _dismiss(reviewer, flags_1["licence.approval"], "上位法已设定").status_code == 302
    page = reviewer.get("/clauses/rules").get_data(as_text=True)
    penalty, licence = _row(page, "penalty.created"), _row(page, "licence.approval")
    assert {k: penalty[k] for k in ("raised", "accepted", "dismissed", "acceptance")} == {
        "raised": "2", "accepted": "1", "dismissed": "1", "acceptance": "50%"}
    assert {k: licence[k] for k in ("raised", "accepted", "dismissed", "acceptance")} == {
        "raised": "2", "accepted": "0", "dismissed": "1", "acceptance": "0%"}
    assert "已有地方性法规依据" in penalty["html"] and "上位法已设定" in licence["html"]
    # Rules that never fired are listed too.
    assert _row(page, "coercion.measure")["raised"] == "0"
    # Only the bureau reads it.
    assert as_user(app, cast["submitter"]).get("/clauses/rules").status_code == 403


# --- a new version -----------------------------------------------------------------------------------------

def test_a_new_version_resolves_the_flags_it_fixed_and_carries_the_decisions(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (v1,) = _draft_docs(app, mid)
    reviewer = as_user(app, cast["reviewer"])
    old = _flags(app, v1)
    assert _accept(reviewer, old["penalty.created"]).status_code == 302
    assert _dismiss(reviewer, old["licence.approval"], "上位法已设定该许可").status_code == 302
    with app.test_request_context():
        c = _users(app, cast)
        m = db.session.get(Matter, mid)
        rops.save_opinion(c.reviewer, m, m.version, Conclusion.lawful_if_amended, "经审查，部分条款需修改。",
                          [rops.PointInput(p.clause, p.text) for p in m.opinion.points],
                          pipeline.findings(Conclusion.lawful_if_amended))
        rops.sign_off(c.director, m, m.version)
        rops.issue(c.reviewer, m, m.version)
        revised = mops.upload(c.submitter, m, pipeline.draft_kind(m.category), "送审稿（修改稿）.docx", REVISED)
        db.session.commit()
        v2 = revised.id
    old, new = _flags(app, v1), _flags(app, v2)
    assert old["penalty.created"]["resolved_in_id"] == v2 and "penalty.created" not in new
    licence = new["licence.approval"]
    assert licence["continues_id"] == old["licence.approval"]["id"]
    assert old["licence.approval"]["resolved_in_id"] is None
    assert (licence["decision"], licence["carried"], licence["reason"]) == ("dismissed", True, "上位法已设定该许可")
    with app.app_context():
        assert db.session.get(ClauseReading, v2).previous_document_id == v1
    page = reviewer.get(f"/matters/documents/{v2}/view").get_data(as_text=True)
    resolved = re.search(r'<div class="flag-item flag-resolved".*?</div>\s*</div>', page, re.S).group(0)
    assert "已消除" in resolved and "第五条" in resolved and "曾采纳为第1条修改意见" in resolved
    assert "（在此前版本上决定）" in page and "上一版本已有此提示" in page
    # The carried decision is not counted twice.
    stats = reviewer.get("/clauses/rules").get_data(as_text=True)
    assert _row(stats, "licence.approval")["dismissed"] == "1" and _row(stats, "licence.approval")["raised"] == "1"
    assert _row(stats, "penalty.created")["resolved"] == "1"
    # The old version shows it is not the newest, and its flags can no longer be decided there.
    old_page = reviewer.get(f"/matters/documents/{v1}/view").get_data(as_text=True)
    assert "这不是最新版本" in old_page and "采纳为修改意见</button>" not in old_page


def test_an_acceptance_is_not_carried_when_the_draft_was_returned_and_its_opinion_discarded(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (v1,) = _draft_docs(app, mid)
    assert _accept(as_user(app, cast["reviewer"]), _flags(app, v1)["penalty.created"]).status_code == 302
    with app.test_request_context():
        c = _users(app, cast)
        m = db.session.get(Matter, mid)
        mops.transition(c.reviewer, m, Action.return_for_revision, m.version, reason="请修改第五条")
        second = numbered_docx(FINE_DRAFT[0] + "（第二稿）", *FINE_DRAFT[1:])  # 第五条 unchanged
        v2 = mops.upload(c.submitter, m, pipeline.draft_kind(m.category), "送审稿（第二稿）.docx", second).id
        db.session.commit()
    assert _flags(app, v1)["penalty.created"]["opinion_id"] is None  # the discarded draft took its point
    fine = _flags(app, v2)["penalty.created"]
    assert fine["continues_id"] == _flags(app, v1)["penalty.created"]["id"] and fine["decision"] is None


def test_the_bureaus_marked_up_version_is_neither_read_nor_resolves_anything(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (v1,) = _draft_docs(app, mid)
    with app.test_request_context():
        c = _users(app, cast)
        m = db.session.get(Matter, mid)
        marked = mops.upload(c.reviewer, m, pipeline.draft_kind(m.category), "送审稿（司法局标注稿）.docx", REVISED)
        db.session.commit()
        marked_id = marked.id
    with app.app_context():
        assert db.session.get(ClauseReading, marked_id) is None
    assert _flags(app, v1)["penalty.created"]["resolved_in_id"] is None
    reviewer = as_user(app, cast["reviewer"])
    assert "原版式" not in reviewer.get(f"/matters/documents/{marked_id}/view").get_data(as_text=True)
    # The department's version is still the one under review: its flags are decided there.
    assert _accept(reviewer, _flags(app, v1)["penalty.created"]).status_code == 302


# --- who -----------------------------------------------------------------------------------------------------

def test_another_district_neither_sees_nor_decides_the_flags(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    (doc_id,) = _draft_docs(app, mid)
    fine = _flags(app, doc_id)["penalty.created"]
    with app.app_context():
        other = factories.district(factories.OTHER)
        stranger = factories.user(Role.bureau_reviewer, factories.org(OrgKind.justice_bureau, "邻区司法局", other)).username
    client = as_user(app, stranger)
    assert client.get(f"/matters/documents/{doc_id}/view").status_code == 404
    assert _accept(client, fine).status_code == 404
    assert _dismiss(client, fine, "理由").status_code == 404
    assert _flags(app, doc_id)["penalty.created"]["decision"] is None
    page = client.get("/clauses/rules").get_data(as_text=True)
    assert _row(page, "penalty.created")["raised"] == "0"


def test_a_department_may_not_decide_on_flags(app, cast, drive):
    mid = drive(Status.bureau_review, draft=DRAFT)
    fine = _flags(app, _draft_docs(app, mid)[0])["penalty.created"]
    assert _accept(as_user(app, cast["submitter"]), fine).status_code == 403
    assert _flags(app, _draft_docs(app, mid)[0])["penalty.created"]["decision"] is None


def test_draft_clauses_and_flags_keep_their_district(app, cast, drive):
    mid = drive(Status.draft, draft=DRAFT)
    with app.app_context():
        district = db.session.get(Matter, mid).district_id
        assert {c.district_id for c in db.session.scalars(sa.select(DraftClause))} == {district}
        assert {f.district_id for f in db.session.scalars(sa.select(ClauseFlag))} == {district}
