"""What the one way through the adapter promises, shown on both databases: unstorable text refused in both
channels, refusals that never name a record the caller may not see, the audit log filtered by the same
visibility, clear answers for 405 and empty query parameters, and nothing stored by a refused request."""
import re

import pytest
import sqlalchemy as sa

from review_app.audit.trail import record
from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.models import AuditEvent, Decision, Matter
from tests import factories, pipeline
from tests.factories import alerts, as_user
from workflows.review import Category, Status
from workflows.roles import Role

NUL_TITLE = "城区停车\x00管理办法"


def _rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _token(app, username):
    with app.app_context():
        from review_app.models import User
        user = db.session.scalar(sa.select(User).where(User.username == username))
        token = create_api_token(user, "测试")[1]
        db.session.commit()
        return {"Authorization": f"Bearer {token}"}


# --- control characters ---------------------------------------------------------------------------------

def test_a_control_character_in_a_form_is_refused_with_400_and_nothing_is_stored(app, cast):
    client = as_user(app, cast["submitter"])
    before = _rows(app, Matter)
    r = client.post("/matters/new", data={"category": "normative_document", "title": NUL_TITLE})
    assert r.status_code == 400
    assert "不可见的控制字符（字段：title）" in r.get_data(as_text=True)
    assert _rows(app, Matter) == before


@pytest.mark.parametrize("path,body", [
    ("/api/v1/matters", {"category": "normative_document", "title": NUL_TITLE}),
    ("/api/v1/matters", {"category": "normative_document", "title": "办法", "summary": "响铃\x07"}),
    ("/api/v1/decisions", {"meeting_name": "常务会议", "meeting_date": "2026-11-25", "title": NUL_TITLE,
                           "category": "agreement", "unreviewed_reason": "紧急"}),
])
def test_a_control_character_in_the_api_is_refused_with_400_and_nothing_is_stored(app, cast, path, body):
    who = cast["officer"] if "decisions" in path else cast["submitter"]
    before = (_rows(app, Matter), _rows(app, Decision))
    r = app.test_client().post(path, json=body, headers=_token(app, who))
    assert r.status_code == 400 and r.mimetype == "application/json"
    assert "不可见的控制字符" in r.get_json()["error"]["message"]
    assert (_rows(app, Matter), _rows(app, Decision)) == before


def test_a_control_character_in_a_query_string_or_file_name_is_refused(app, cast):
    client = as_user(app, cast["submitter"])
    assert client.get("/matters/?q=a%00b").status_code == 400
    r = app.test_client().get("/api/v1/matters?q=%07", headers=_token(app, cast["submitter"]))
    assert r.status_code == 400 and "字段：q" in r.get_json()["error"]["message"]


# --- refusals name nothing the caller may not see ---------------------------------------------------------

def test_the_register_does_not_quote_a_matter_still_in_its_departments_drafting(app, cast, drive):
    """The decision office names a matter id it may not see: the answer is "not found", without its title."""
    drafting = drive(Status.department_review)
    with app.app_context():
        title = db.session.get(Matter, drafting).title
    office = as_user(app, cast["officer"])
    before = _rows(app, Decision)
    r = office.post("/decisions/new", data={"outcome": "passed", "meeting_name": "区政府第3次常务会议", "meeting_date": "2026-11-20",
                                            "title": "议题", "category": "normative_document",
                                            "matter_id": str(drafting)})
    assert r.status_code == 404
    text = r.get_data(as_text=True)
    assert "所关联的审核事项不存在" in text and title not in text
    api = app.test_client().post("/api/v1/decisions", headers=_token(app, cast["officer"]), json={
        "meeting_name": "会议", "meeting_date": "2026-11-20", "title": "议题", "category": "normative_document",
        "matter_id": drafting})
    assert api.status_code == 404 and title not in api.get_data(as_text=True)
    assert _rows(app, Decision) == before


def test_another_districts_matter_is_not_found_anywhere(app, cast, drive):
    mid = drive(Status.issued)
    with app.test_request_context():
        other = factories.org(factories.OrgKind.government_office, "邻近区政府办", factories.district(factories.OTHER))
        officer = factories.user(Role.decision_officer, other)
        bureau = factories.org(factories.OrgKind.justice_bureau, "邻近区司法局", factories.district(factories.OTHER))
        reviewer = factories.user(Role.bureau_reviewer, bureau)
        title = db.session.get(Matter, mid).title
        names = officer.username, reviewer.username
    for name in names:
        client = as_user(app, name)
        for path in (f"/matters/{mid}", f"/matters/{mid}/opinion", f"/matters/{mid}/opinion.docx"):
            r = client.get(path)
            assert r.status_code == 404 and title not in r.get_data(as_text=True), path
        assert title not in client.get("/matters/").get_data(as_text=True)
        api = app.test_client()
        r = api.get(f"/api/v1/matters/{mid}", headers=_token(app, name))
        assert r.status_code == 404 and title not in r.get_data(as_text=True)
    r = as_user(app, names[0]).post("/decisions/new", data={"outcome": "passed", 
        "meeting_name": "会议", "meeting_date": "2026-11-20", "title": "议题", "category": "normative_document",
        "matter_id": str(mid)})
    assert r.status_code == 404 and title not in r.get_data(as_text=True)


# --- the audit log ----------------------------------------------------------------------------------------

def test_the_audit_log_hides_a_departments_unsent_drafting_from_the_bureau(app, cast, drive):
    drafting, sent = drive(Status.department_review), drive(Status.decision_pending)
    with app.app_context():
        secret = db.session.get(Matter, drafting).title + "（保密草稿）"
        m = db.session.get(Matter, drafting)
        m.title = secret
        db.session.commit()
    with app.test_request_context():
        from review_app.models import User
        clerk = db.session.scalar(sa.select(User).where(User.username == cast["submitter"]))
        record(clerk, "matter.update", "matter", drafting, after={"title": secret})
        db.session.commit()
    reviewer = as_user(app, cast["reviewer"])
    page = reviewer.get("/audit/?object_type=matter").get_data(as_text=True)
    assert secret not in page
    with app.app_context():
        events = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.object_type == "matter",
                                                                AuditEvent.object_id == str(sent))).all()
    assert events, "the sent matter's events exist"
    # The results table (the filter form above it lists every action): the sent matter's events, none of the other.
    def shown(object_id):
        page = reviewer.get(f"/audit/?object_type=matter&object_id={object_id}").get_data(as_text=True)
        return {int(i) for i in re.findall(r"<tr>\s*<td>(\d+)</td>", page)}
    assert shown(sent) == {e.id for e in events}
    assert shown(drafting) == set()


def test_the_audit_log_shows_only_the_readers_district(app, cast):
    with app.test_request_context():
        other_bureau = factories.org(factories.OrgKind.justice_bureau, "邻近区司法局",
                                     factories.district(factories.OTHER))
        outsider = factories.user(Role.bureau_reviewer, other_bureau)
        record(outsider, "outsider.action", "thing", 1, after={"secret": "邻近区的记录"})
        db.session.commit()
        outsider_name = outsider.username
    # "outsider." is the group of actions under that prefix (a bare "outsider" would be one action of that name).
    page = as_user(app, cast["reviewer"]).get("/audit/?action=outsider.").get_data(as_text=True)
    assert "邻近区的记录" not in page and "outsider.action" not in page
    assert "outsider.action" in as_user(app, outsider_name).get("/audit/?action=outsider.").get_data(as_text=True)


# --- 405, empty parameters --------------------------------------------------------------------------------

def test_405_says_which_methods_are_allowed(app, cast):
    r = app.test_client().put("/api/v1/matters", headers=_token(app, cast["submitter"]))
    assert r.status_code == 405 and set(r.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    page = as_user(app, cast["submitter"]).delete("/matters/new")
    assert page.status_code == 405 and "GET" in page.headers["Allow"]


@pytest.mark.parametrize("query", ["limit=", "before=", "category=", "overdue=", "q="])
def test_an_empty_query_parameter_is_refused_like_a_malformed_one(app, cast, query):
    r = app.test_client().get(f"/api/v1/matters?{query}", headers=_token(app, cast["submitter"]))
    assert r.status_code == 400
    assert f"查询参数有误：{query.rstrip('=')}" in r.get_json()["error"]["message"]


def test_a_refused_page_change_rolls_back_and_keeps_what_was_typed(app, cast, drive):
    mid = drive(Status.draft)
    client = as_user(app, cast["submitter"])
    with app.app_context():
        version = db.session.get(Matter, mid).version
    r = client.post(f"/matters/{mid}/edit", data={"title": "新标题：城区占道经营", "summary": "改过的摘要",
                                                  "version": version - 1})
    assert r.status_code == 409
    assert "新标题：城区占道经营" in r.get_data(as_text=True)  # the form is re-rendered with the input
    assert any("该事项在您打开之后已有变化" in a for a in alerts(r))
    with app.app_context():
        assert db.session.get(Matter, mid).title == pipeline.fields().title


def test_the_api_answers_only_after_everything_is_built(app, cast, monkeypatch):
    """A response that fails while it is built rolls the change back: no committed change answers 500."""
    from review_app.api import matters as api_matters
    headers = _token(app, cast["submitter"])
    before = _rows(app, Matter)

    def broken(*a, **kw):
        raise RuntimeError("serialising failed")
    monkeypatch.setattr(api_matters.MatterOut, "of", classmethod(lambda cls, *a, **kw: broken()))
    r = app.test_client().post("/api/v1/matters", json={"category": Category.normative_document.value,
                                                        "title": "序列化失败的事项"}, headers=headers)
    assert r.status_code == 500
    assert _rows(app, Matter) == before
