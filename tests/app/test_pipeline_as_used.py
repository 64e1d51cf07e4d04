"""The review pipeline as a clerk, a reviewer and the decision office tried it: the dead ends they hit, fixed."""
import re

import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Decision, Document, Matter, User
from review_app.review import operations as rops
from tests import pipeline
from tests.factories import alerts, as_user
from workflows.review import Status


def _point_ids(client, matter_id):
    page = client.get(f"/matters/{matter_id}/adoption").get_data(as_text=True)
    return [int(i) for i in re.findall(r'/adoption/(\d+)"', page)]


def _documents(app, matter_id):
    with app.app_context():
        return db.session.scalars(sa.select(Document).where(Document.matter_id == matter_id)
                                  .order_by(Document.id)).all()


def _kind_id(app, matter_id):
    with app.app_context():
        return pipeline.draft_kind(db.session.get(Matter, matter_id).category).id


def _upload(client, matter_id, kind_id, name, data):
    import io
    return client.post(f"/matters/{matter_id}/documents", data={"material_kind_id": str(kind_id),
                                                                "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_answering_a_point_without_a_reason_shows_the_message_on_the_adoption_page(app, cast, drive):
    mid = drive(Status.issued)
    clerk = as_user(app, cast["submitter"])
    first, second = _point_ids(clerk, mid)
    r = clerk.post(f"/matters/{mid}/adoption/{first}", data={f"p{first}-adopted": "0", f"p{first}-reason": ""})
    assert r.status_code == 400
    assert "不采纳的修改意见须书面说明理由" in alerts(r)
    page = r.get_data(as_text=True)
    assert "采纳情况" in page and f'name="p{second}-adopted"' in page  # the whole page, every point's form
    r = clerk.post(f"/matters/{mid}/adoption/{first}", data={f"p{first}-adopted": "1"})
    assert r.status_code == 400 and "采纳修改意见须选择修改后的文稿版本" in alerts(r)


def test_the_bureau_adds_its_marked_up_draft_shown_as_the_bureaus(app, cast, drive):
    mid = drive(Status.bureau_review)
    reviewer = as_user(app, cast["reviewer"])
    before = len(_documents(app, mid))
    r = _upload(reviewer, mid, _kind_id(app, mid), "送审稿（司法局标注稿）.docx", pipeline.docx_bytes("第一条 标注。"))
    assert r.status_code == 302
    docs = _documents(app, mid)
    assert len(docs) == before + 1 and docs[-1].version_no == 2
    page = reviewer.get(f"/matters/{mid}").get_data(as_text=True)
    assert "司法局标注稿" in page and "送审稿（司法局标注稿）.docx" in page
    # Only versions of the draft, and only while the bureau holds it.
    with app.app_context():
        other_kind = next(k.id for k in pipeline.mops.required_kinds(db.session.get(Matter, mid).category)
                          if not k.is_draft)
    r = _upload(reviewer, mid, other_kind, "说明.pdf", pipeline.PDF)
    assert r.status_code == 400 and "司法局只能上传送审文稿的标注稿或修改稿" in alerts(r)
    issued = drive(Status.issued)
    r = _upload(reviewer, issued, _kind_id(app, issued), "再改.docx", pipeline.docx_bytes("再改"))
    assert r.status_code == 409 and len(_documents(app, mid)) == before + 1


def test_the_same_file_uploaded_again_keeps_the_old_version(app, cast, drive):
    mid = drive(Status.draft)
    clerk = as_user(app, cast["submitter"])
    latest = _documents(app, mid)[0]
    with app.app_context():
        from review_app.documents.service import blob_store
        data = blob_store().read(latest.sha256)
    r = _upload(clerk, mid, _kind_id(app, mid), "又传了一次.docx", data)
    assert r.status_code == 409
    assert "与第1版" in "".join(alerts(r)) and "未另存新版本" in "".join(alerts(r))
    assert len([d for d in _documents(app, mid) if d.material_kind_id == latest.material_kind_id]) == 1


def test_an_adoption_must_cite_a_version_uploaded_after_the_opinion(app, cast, drive):
    mid = drive(Status.issued)
    clerk = as_user(app, cast["submitter"])
    reviewed = _documents(app, mid)[0]  # the draft the bureau reviewed
    first, _second = _point_ids(clerk, mid)
    page = clerk.get(f"/matters/{mid}/adoption").get_data(as_text=True)
    assert f'<option value="{reviewed.id}"' not in page  # not offered
    r = clerk.post(f"/matters/{mid}/adoption/{first}", data={f"p{first}-adopted": "1",
                                                             f"p{first}-revised_document_id": str(reviewed.id)})
    assert r.status_code == 400
    with app.test_request_context():
        clerk_user = db.session.scalar(sa.select(User).where(User.username == cast["submitter"]))
        m = db.session.get(Matter, mid)
        try:
            rops.answer_point(clerk_user, m, m.opinion.points[0], True, "", reviewed.id)
        except rops.OperationError as e:
            assert "出具之后上传的修改稿" in e.message and e.status == 400
        else:
            raise AssertionError("an adoption cited the version reviewed before the opinion")
    r = _upload(clerk, mid, _kind_id(app, mid), "修改稿.docx", pipeline.docx_bytes("第一条 已修改。"))
    assert r.status_code == 302
    revised = _documents(app, mid)[-1]
    r = clerk.post(f"/matters/{mid}/adoption/{first}", data={f"p{first}-adopted": "1",
                                                             f"p{first}-revised_document_id": str(revised.id)})
    assert r.status_code == 302


def test_the_office_records_a_decision_from_the_matter_without_retyping_it(app, cast, drive):
    mid = drive(Status.answered)
    office = as_user(app, cast["officer"])
    matter_page = office.get(f"/matters/{mid}").get_data(as_text=True)
    assert f'href="/decisions/new?matter_id={mid}"' in matter_page
    form = office.get(f"/decisions/new?matter_id={mid}").get_data(as_text=True)
    with app.app_context():
        m = db.session.get(Matter, mid)
        title, number = m.title, rops.opinion_number_text(m.opinion)
    assert "chosen-matter" in form and title in form and number in form
    r = office.post("/decisions/new", data={"meeting_name": "区政府第5次常务会议", "meeting_date": "2026-11-20",
                                            "outcome": "passed_amended", "matter_id": str(mid), "title": "",
                                            "category": "", "department_id": "", "unreviewed_reason": ""})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/matters/{mid}")
    with app.app_context():
        d = db.session.scalar(sa.select(Decision).where(Decision.matter_id == mid))
        assert (d.title, d.category, d.outcome.value) == (title, db.session.get(Matter, mid).category, "passed_amended")
        assert db.session.get(Matter, mid).status == Status.closed
    closed = office.get(f"/matters/{mid}").get_data(as_text=True)
    assert "修改后通过" in closed and "区政府第5次常务会议" in closed and "2026-11-20" in closed
    register = office.get("/decisions/").get_data(as_text=True)
    assert f'href="/matters/{mid}"' in register and f'href="/matters/{mid}/opinion"' in register


def test_the_office_is_told_in_its_own_words_why_a_matter_cannot_be_recorded_yet(app, cast, drive):
    mid = drive(Status.issued)  # two points, not yet answered by the department
    office = as_user(app, cast["officer"])
    form = office.get("/decisions/new").get_data(as_text=True)
    matter_select = re.search(r'<select[^>]*name="matter_id".*?</select>', form, re.S).group(0)
    assert f'<option value="{mid}"' not in matter_select
    assert "承办部门尚未逐条答复审核意见书的修改意见" in form
    page = office.get(f"/matters/{mid}").get_data(as_text=True)
    assert "承办部门尚未逐条答复" in page and f'href="/decisions/new?matter_id={mid}"' not in page
    r = office.post("/decisions/new", data={"meeting_name": "会议", "meeting_date": "2026-11-20", "outcome": "passed",
                                            "matter_id": str(mid)})
    assert r.status_code == 409 and "承办部门尚未逐条答复" in "".join(alerts(r))
    assert "所有修改意见均须答复" not in r.get_data(as_text=True)


def test_a_stale_edit_keeps_what_was_typed_says_what_changed_and_can_be_resubmitted(app, cast, drive):
    mid = drive(Status.draft)
    clerk = as_user(app, cast["submitter"])
    with app.app_context():
        stale = db.session.get(Matter, mid).version
    # Meanwhile, in another tab, the same clerk changes the summary.
    other_tab = as_user(app, cast["submitter"])
    assert other_tab.post(f"/matters/{mid}/edit", data={"title": pipeline.fields().title, "summary": "另一窗口的摘要",
                                                         "version": stale}).status_code == 302
    typed = {"title": "城区临时占道经营管理办法（修订）", "summary": "我的摘要", "version": stale}
    r = clerk.post(f"/matters/{mid}/edit", data=typed)
    assert r.status_code == 409
    message = "".join(alerts(r))
    assert "您本人（在另一窗口或标签页）修改基本信息" in message and "他人" not in message
    page = r.get_data(as_text=True)
    assert "城区临时占道经营管理办法（修订）" in page and "我的摘要" in page
    current = re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', page)
    version = int(current.group(1) or current.group(2))
    assert version == stale + 1
    r = clerk.post(f"/matters/{mid}/edit", data={**typed, "version": version})
    assert r.status_code == 302
    with app.app_context():
        assert db.session.get(Matter, mid).summary == "我的摘要"
