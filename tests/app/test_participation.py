"""Public participation in a major decision (Decree 713 Art. 14, 15, 19): the department records the comment
period and the hearing on the matter page or through the API, and the matter page and the bureau's opinion form
show what falls short; other categories and other departments cannot record it."""
import re

import sqlalchemy as sa

from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.models import AuditEvent, PublicParticipation, User
from tests.factories import alerts, as_user
from workflows.review import Category, Status

SHORT = {"comment_published_on": "2026-10-01", "comment_closes_on": "2026-10-21", "shortened_reason": "",
         "hearing_on": "", "hearing_materials_on": "", "not_public_reason": ""}


def _count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _post(client, mid, version="", **fields):
    return client.post(f"/matters/{mid}/participation", data={**SHORT, "version": version, **fields})


def test_a_short_comment_period_is_recorded_and_shown_to_the_bureau(app, cast, drive):
    mid = drive(Status.draft, category=Category.major_decision)
    clerk = as_user(app, cast["submitter"])
    page = clerk.get(f"/matters/{mid}").get_data(as_text=True)
    assert "未记录向社会公开征求意见" in page and "participation-form" in page
    r = _post(clerk, mid)
    assert r.status_code == 302
    page = clerk.get(f"/matters/{mid}").get_data(as_text=True)
    assert "公开征求意见期限为 20 日，少于 30 日，且未说明缩短期限的理由" in page and "第十五条" in page
    with app.app_context():
        assert db.session.scalar(sa.select(AuditEvent.action).where(
            AuditEvent.object_id == str(mid)).order_by(AuditEvent.id.desc()).limit(1)) == "matter.participation"
    # The reason stated when the draft was published answers the finding.
    version = _version(app, mid)
    assert _post(clerk, mid, version, shortened_reason="防汛抢险，情况紧急").status_code == 302
    page = clerk.get(f"/matters/{mid}").get_data(as_text=True)
    assert "participation-finding" not in page and "公众参与的期限符合规定" in page


def _version(app, mid):
    with app.app_context():
        return db.session.get(PublicParticipation, mid).version


def test_the_bureau_reads_the_finding_beside_its_procedure_review(app, cast, drive):
    mid = drive(Status.draft, category=Category.major_decision)
    _post(as_user(app, cast["submitter"]), mid, hearing_on="2026-10-15", hearing_materials_on="2026-10-12",
          comment_closes_on="2026-11-05")
    with app.app_context():
        from review_app.matters import operations as mops
        from review_app.models import Matter
        from tests import pipeline
        users = {k: db.session.scalar(sa.select(User).where(User.username == v)) for k, v in cast.items()}
        c = pipeline.Cast(**users)
        m = db.session.get(Matter, mid)
        for who, action in ((c.submitter, "submit"), (c.head, "approve"), (c.officer, "accept"),
                            (c.officer, "forward")):
            mops.transition(who, m, mops.Action(action), m.version)
        mops.assign_reviewer(c.director, m, m.version, c.reviewer)
        db.session.commit()
    reviewer = as_user(app, cast["reviewer"])
    form = reviewer.get(f"/matters/{mid}/opinion/draft").get_data(as_text=True)
    assert "听证材料于听证前 3 日公布，少于 7 日" in form and "第十九条" in form
    page = reviewer.get(f"/matters/{mid}").get_data(as_text=True)
    assert "听证材料于听证前 3 日公布" in page and "participation-form" not in page  # the bureau reads, not records


def test_impossible_dates_are_refused_with_the_form_kept_and_nothing_stored(app, cast, drive):
    mid = drive(Status.draft, category=Category.major_decision)
    clerk = as_user(app, cast["submitter"])
    before = _count(app, PublicParticipation)
    r = _post(clerk, mid, comment_closes_on="2026-09-30", shortened_reason="保留这段文字")
    assert r.status_code == 400
    assert "征求意见截止日期应晚于公布日期" in " ".join(alerts(r))
    assert "保留这段文字" in r.get_data(as_text=True)
    r = _post(clerk, mid, hearing_on="", hearing_materials_on="2026-10-01")
    assert r.status_code == 400 and "请同时填写听证日期" in " ".join(alerts(r))
    assert _count(app, PublicParticipation) == before


def test_only_the_department_records_it_and_only_for_a_major_decision_in_its_hands(app, cast, drive):
    normative = drive(Status.draft)
    clerk = as_user(app, cast["submitter"])
    assert "participation-card" not in clerk.get(f"/matters/{normative}").get_data(as_text=True)
    r = _post(clerk, normative)
    assert r.status_code == 409 and "只有起草中或补正中的重大行政决策" in " ".join(alerts(r))
    mid = drive(Status.draft, category=Category.major_decision)
    r = _post(as_user(app, cast["other_department"]), mid)
    assert r.status_code == 404  # another department's drafting does not exist for it
    sent = drive(Status.department_review, category=Category.major_decision)
    r = _post(clerk, sent)
    assert r.status_code == 409
    assert _count(app, PublicParticipation) == 0


def test_the_api_records_and_reads_the_same(app, client, cast, drive):
    mid = drive(Status.draft, category=Category.major_decision)
    with app.test_request_context():
        clerk = db.session.scalar(sa.select(User).where(User.username == cast["submitter"]))
        token = create_api_token(clerk, "t")[1]
        db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    r = client.get(f"/api/v1/matters/{mid}/participation", headers=headers)
    assert r.status_code == 200 and r.get_json()["recorded"] is False
    assert [f["code"] for f in r.get_json()["findings"]] == ["no_comment"]
    body = {"comment_published_on": "2026-10-01", "comment_closes_on": "2026-11-01"}
    r = client.put(f"/api/v1/matters/{mid}/participation", headers=headers, json=body)
    assert r.status_code == 200, r.get_json()
    out = r.get_json()
    assert out["recorded"] and out["findings"] == [] and out["version"] == 1
    r = client.put(f"/api/v1/matters/{mid}/participation", headers=headers, json=body)
    assert r.status_code == 400 and "版本" in r.get_json()["error"]["message"]
    r = client.put(f"/api/v1/matters/{mid}/participation", headers=headers,
                   json={**body, "version": 1, "comment_closes_on": "2026-10-01"})
    assert r.status_code == 400 and "征求意见截止日期应晚于公布日期" in r.get_json()["error"]["message"]
    r = client.put(f"/api/v1/matters/{mid}/participation", headers=headers,
                   json={**body, "version": 1, "shortened_reason": "a\x00b"})
    assert r.status_code == 400
    assert re.search("控制字符", r.get_json()["error"]["message"])
