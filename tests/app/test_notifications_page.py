"""The bell with the unread count, the notifications page with its filters and mark read, and each person's
choice of channels on the profile page."""
from datetime import timedelta

import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import AuditEvent, Channel, Delivery, Notification, User
from review_app.models.base import utcnow
from review_app.notifications.operations import notify
from tests import factories
from workflows.roles import Role


def setup(app):
    """A department head with three notifications: two unread (a submission, a reminder), one read and old."""
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        u = factories.user(Role.department_head, phone="13800000000")
        notify(u, "matter.submit", "matter", None, "/", "t:1", "【提交】关于某事的请示")
        notify(u, "reminder.overdue", "matter", None, "/", "t:2", "【已逾期】关于某事的请示")
        old = notify(u, "supervision.issue", "supervision_letter", None, "/", "t:3", "【法治督察函】示司督〔2026〕1号")
        old.read_at, old.created_at = utcnow(), utcnow() - timedelta(days=40)
        db.session.commit()
        return u.username, u.id


def test_the_bell_shows_the_unread_count_and_the_page_filters(app):
    username, _ = setup(app)
    client = factories.as_user(app, username)
    home = client.get("/").get_data(as_text=True)
    assert 'id="unread-count">2<' in home and 'href="/notifications?state=unread"' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert page.count('class="fw-bold unread"') == 2 and "示司督〔2026〕1号" in page
    unread = client.get("/notifications?state=unread").get_data(as_text=True)
    assert "【提交】" in unread and "示司督" not in unread
    reminders = client.get("/notifications?kind=reminder").get_data(as_text=True)
    assert "【已逾期】" in reminders and "【提交】" not in reminders
    today = utcnow().date()
    recent = client.get(f"/notifications?from={today - timedelta(days=7)}&to={today}").get_data(as_text=True)
    assert "【提交】" in recent and "示司督" not in recent


def test_marking_read_one_then_all(app):
    username, user_id = setup(app)
    client = factories.as_user(app, username)
    with app.app_context():
        first = db.session.scalar(sa.select(Notification.id).where(Notification.dedup_key == "t:1"))
    client.post("/notifications/mark-read", data={"id": [str(first)], "back": "/notifications?state=unread"})
    assert 'id="unread-count">1<' in client.get("/").get_data(as_text=True)
    response = client.post("/notifications/mark-read", data={"all": "1"}, follow_redirects=True)
    assert 'id="unread-count"' not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
            Notification.user_id == user_id, Notification.read_at.is_(None))) == 0


def test_one_cannot_mark_another_person_s_notifications(app):
    username, user_id = setup(app)
    other = factories.logged_in(app, Role.submitter)
    with app.app_context():
        ids = db.session.scalars(sa.select(Notification.id).where(Notification.user_id == user_id)).all()
    other.post("/notifications/mark-read", data={"id": [str(i) for i in ids]})
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
            Notification.user_id == user_id, Notification.read_at.is_(None))) == 2


def test_channels_chosen_on_the_profile_are_the_ones_used(app):
    username, user_id = setup(app)
    client = factories.as_user(app, username)
    assert "通知方式" in client.get("/profile").get_data(as_text=True)
    response = client.post("/profile/notifications", data={"notify_sms": "y", "daily_digest": "y"},
                           follow_redirects=True)
    assert "通知设置已保存" in factories.alerts(response)
    with app.app_context():
        u = db.session.get(User, user_id)
        assert (u.notify_email, u.notify_sms, u.daily_digest) == (False, True, True)
        n = notify(u, "reminder.hearing", "lawsuit", 1, "/", "t:4", "明日开庭",
                   channels=(Channel.email, Channel.sms))
        db.session.commit()
        assert [d.channel for d in db.session.scalars(sa.select(Delivery).where(
            Delivery.notification_id == n.id))] == [Channel.sms]
        assert db.session.scalar(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)) \
            == "user.notification_preferences"


def test_reminders_about_a_matter_read_in_the_reader_s_language(app):
    """A reminder is stored by a job in Chinese; an English reader sees its tag in English with the matter's
    title, a Chinese reader the stored title."""
    from tests import pipeline
    from workflows.review import Status
    app.config["REQUIRE_TOTP"] = False
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.bureau_review)
        director = c.director
        notify(director, "reminder.overdue", "matter", m.id, "/", "t:overdue", f"【已逾期】{m.title}")
        notify(director, "reminder.stage_due", "matter", m.id, "/", "t:due", f"【明日到期】{m.title}")
        db.session.commit()
        username, title = director.username, m.title
    client = factories.as_user(app, username)
    chinese = client.get("/notifications?kind=reminder").get_data(as_text=True)
    assert f"【已逾期】{title}" in chinese and f"【明日到期】{title}" in chinese
    client.get("/lang/en")
    english = client.get("/notifications?kind=reminder").get_data(as_text=True)
    assert f"[Overdue] {title}" in english and f"[Due tomorrow] {title}" in english
    assert "【已逾期】" not in english


def test_a_supervision_letter_s_tag_reads_in_english_and_a_digest_stays_as_written(app):
    app.config["REQUIRE_TOTP"] = False
    with app.app_context():
        u = factories.user(Role.department_head)
        notify(u, "supervision.issue", "supervision_letter", None, "/", "t:letter", "【法治督察函】示司督〔2026〕1号 某拆除案")
        notify(u, "digest", "user", u.id, "/", "t:digest", "【每日摘要】2026-11-25：待办3件，未读通知2条")
        db.session.commit()
        username = u.username
    client = factories.as_user(app, username)
    client.get("/lang/en")
    page = client.get("/notifications").get_data(as_text=True)
    assert "[Supervision letter] 示司督〔2026〕1号 某拆除案" in page and "【法治督察函】" not in page
    assert "【每日摘要】2026-11-25：待办3件，未读通知2条" in page  # a sentence after its tag: as written
