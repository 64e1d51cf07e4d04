"""The pipeline against the law: calendar changes reach stored due dates, Decree 713 Art. 26 checked at every
checkpoint, agreements' advisers' and investigation time excluded, and the signed agreement filed on time."""
from datetime import date, timedelta

import sqlalchemy as sa

from review_app import rules
from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.models import AuditEvent, Matter, Setting, User
from review_app.operations import OperationError
from tests import factories, pipeline
from tests.factories import alerts, as_user
from workflows.review import Action, Category, Status
from workflows.roles import Role


def _matter(app, mid):
    with app.app_context():
        return db.session.get(Matter, mid)


def _user(name):
    return db.session.scalar(sa.select(User).where(User.username == name))


def test_a_calendar_change_moves_the_due_date_of_every_open_matter_and_is_audited(app, cast, drive):
    mid = drive(Status.bureau_review)
    before = _matter(app, mid)
    start, due = before.clock_started_on, before.due_on
    # A holiday on a working day inside the review period pushes the due date one working day on.
    holiday = next(d for d in (start + timedelta(days=i) for i in range(1, 30)) if _workday(d) and d <= due)
    admin = factories.logged_in(app, Role.admin)
    r = admin.post("/admin/calendar/days", data={"day": holiday.isoformat(), "kind": "holiday", "note": "临时调整"})
    assert r.status_code == 302
    after = _matter(app, mid)
    assert after.due_on > due
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "matter.due_recalculated",
                                                              AuditEvent.object_id == str(mid)))
        assert event.before == {"due_on": due.isoformat()} and event.after == {"due_on": after.due_on.isoformat()}
    # The list and the page agree: the matter is not listed overdue on its due date.
    page = as_user(app, cast["reviewer"]).get(f"/matters/{mid}").get_data(as_text=True)
    assert after.due_on.isoformat() in page


def _workday(d):
    from workflows.calendar import WorkingCalendar
    return WorkingCalendar().is_workday(d)


def test_the_api_says_when_a_year_is_counted_monday_to_friday(app, cast, drive, monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: date(2027, 3, 1))  # chinese_calendar knows up to 2026
    mid = drive(Status.bureau_review)
    with app.app_context():
        from review_app.auth.operations import create_api_token
        token = create_api_token(_user(cast["reviewer"]), "t")[1]
        db.session.commit()
    clock = app.test_client().get(f"/api/v1/matters/{mid}",
                                  headers={"Authorization": f"Bearer {token}"}).get_json()["clock"]
    assert clock["calendar_warnings"] == ["2027：该年度节假日安排未录入，按周一至周五计算"]


def test_short_notice_is_checked_again_when_the_bureau_receives_the_matter(app, monkeypatch):
    """Decree 713 Art. 26: enough notice at submission, too little once it reaches the bureau."""
    with app.test_request_context():
        c = pipeline.cast()
        monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 2))
        m = mops.create_matter(c.submitter, Category.major_decision, pipeline.fields(planned=date(2026, 11, 20)))
        pipeline.upload_all(c, m)
        mops.transition(c.submitter, m, Action.submit, m.version)
        mops.transition(c.head, m, Action.approve, m.version)
        assert not m.too_close
        monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 16))  # four working days before the meeting
        mops.transition(c.officer, m, Action.accept, m.version)
        mops.transition(c.officer, m, Action.forward, m.version)
        assert m.too_close and m.clock_started_on == date(2026, 11, 16)
        # A later planned date (entered while supplying materials) clears it; an earlier one sets it again.
        mops.assign_reviewer(c.director, m, m.version, c.reviewer)
        mops.transition(c.reviewer, m, Action.request_supplement, m.version, reason="请补充听证材料")
        mops.update_matter(c.submitter, m, m.version, pipeline.fields(planned=date(2026, 12, 30)))
        assert not m.too_close
        mops.update_matter(c.submitter, m, m.version, pipeline.fields(planned=date(2026, 11, 19)))
        assert m.too_close


def test_the_short_notice_warning_names_the_districts_own_notice(app, monkeypatch):
    """The page states the notice as the district set it, not the default 7."""
    with app.test_request_context():
        c = pipeline.cast()
        db.session.add(Setting(district_id=c.submitter.district_id, key="min_notice_days.major_decision", value=10))
        monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 2))
        m = mops.create_matter(c.submitter, Category.major_decision, pipeline.fields(planned=date(2026, 11, 12)))
        db.session.commit()
        mid, submitter = m.id, c.submitter.username
    assert m.too_close
    page = as_user(app, submitter).get(f"/matters/{mid}").get_data(as_text=True)
    assert "报送时距拟决策日期不足 10 个工作日" in page
    assert "不足 7 个工作日" not in page
    listing = as_user(app, submitter).get("/matters/").get_data(as_text=True)
    assert "距拟决策日期不足 10 个工作日" in listing


def test_a_major_decision_review_period_below_seven_working_days_is_refused(app):
    admin = factories.logged_in(app, Role.admin)
    data = {}
    for key, value in rules.DEFAULTS.items():
        data["s_" + key.replace(".", "__")] = str(value)
        data["v_s_" + key.replace(".", "__")] = "0"
    data["s_review_days__major_decision"] = "6"
    r = admin.post("/admin/settings", data=data)
    assert r.status_code == 400
    assert "不得少于 7 个工作日" in r.get_data(as_text=True)


def test_an_agreements_advisers_time_does_not_count(app, monkeypatch):
    with app.test_request_context():
        c = pipeline.cast()
        monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 2))
        m = pipeline.drive(c, Status.bureau_review, category=Category.agreement)
        due = m.due_on
        mops.transition(c.reviewer, m, Action.request_advisers, m.version)
        assert m.due_on is None and m.pauses[-1].kind.value == "advisers"
        monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 6))  # four working days with the advisers
        mops.transition(c.reviewer, m, Action.advisers_done, m.version)
        assert m.due_on == rules.calendar().add_working_days(due, 4)


def test_a_normative_documents_advisers_time_counts(app, monkeypatch):
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.bureau_review)
        due = m.due_on
        mops.transition(c.reviewer, m, Action.request_advisers, m.version)
        assert m.due_on == due and not m.pauses


def test_an_agreements_investigation_stops_and_restarts_the_clock_from_the_page(app, cast, monkeypatch):
    monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 2))
    with app.test_request_context():
        users = {k: _user(v) for k, v in cast.items()}
        mid = pipeline.drive(pipeline.Cast(**users), Status.bureau_review, category=Category.agreement).id
    reviewer = as_user(app, cast["reviewer"])
    version = _matter(app, mid).version
    r = reviewer.post(f"/matters/{mid}/investigation", data={"version": version, "step": "start", "reason": ""})
    assert r.status_code == 400 and "请写明调查核实的事项" in alerts(r)
    r = reviewer.post(f"/matters/{mid}/investigation", data={"version": version, "step": "start",
                                                             "reason": "核实相对方资信情况"})
    assert r.status_code == 302 and _matter(app, mid).due_on is None
    monkeypatch.setattr(rules, "today", lambda: date(2026, 11, 4))
    r = reviewer.post(f"/matters/{mid}/investigation", data={"version": _matter(app, mid).version, "step": "end"})
    assert r.status_code == 302 and _matter(app, mid).due_on is not None
    clerk = as_user(app, cast["submitter"])
    assert clerk.post(f"/matters/{mid}/investigation", data={"version": 1, "step": "end"}).status_code == 403


def test_a_signed_agreement_is_filed_within_five_working_days_or_listed_late(app, cast, monkeypatch):
    from review_app.decisions import operations as dops
    from workflows.review import DecisionOutcome
    with app.test_request_context():
        users = {k: _user(v) for k, v in cast.items()}
        c = pipeline.Cast(**users)
        m = pipeline.drive(c, Status.answered, category=Category.agreement)
        dops.record_decision(c.officer, dops.DecisionFields("常务会议", date(2026, 9, 1), "", None, matter_id=m.id,
                                                            outcome=DecisionOutcome.passed))
        db.session.commit()
        mid = m.id
    clerk = as_user(app, cast["submitter"])
    monkeypatch.setattr(rules, "today", lambda: date(2026, 9, 30))
    r = clerk.post(f"/matters/{mid}/signed", data={"version": _matter(app, mid).version, "signed_on": "2026-09-21"})
    assert r.status_code == 302
    m = _matter(app, mid)
    # Five working days from Monday 21 September 2026: 22, 23, 24, 28 (the 25th is Mid-Autumn), 29.
    assert m.signed_on == date(2026, 9, 21) and m.filing_due_on == date(2026, 9, 29) and m.filed_on is None
    bureau = as_user(app, cast["reviewer"])
    assert f'href="/matters/{mid}"' in bureau.get("/matters/?late_filing=1").get_data(as_text=True)
    import io
    r = clerk.post(f"/matters/{mid}/signed", data={"version": _matter(app, mid).version,
                                                   "file": (io.BytesIO(pipeline.PDF), "已签署协议.pdf")},
                   content_type="multipart/form-data")
    assert r.status_code == 302 and _matter(app, mid).filed_on == date(2026, 9, 30)
    page = clerk.get(f"/matters/{mid}").get_data(as_text=True)
    assert "逾期备案" in page and "2026-09-29" in page
    assert f'href="/matters/{mid}"' in bureau.get("/matters/?late_filing=1").get_data(as_text=True)


def test_signing_cannot_be_recorded_before_the_decision_or_in_the_future(app, cast, monkeypatch):
    with app.test_request_context():
        users = {k: _user(v) for k, v in cast.items()}
        c = pipeline.Cast(**users)
        m = pipeline.drive(c, Status.answered, category=Category.agreement)
        try:
            mops.file_signed_agreement(c.submitter, m, m.version, date(2026, 9, 1))
        except OperationError as e:
            assert e.status == 409 and "只有决策机关已通过的协议" in e.message
        else:
            raise AssertionError("an agreement without a decision was filed")
