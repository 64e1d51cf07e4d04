"""Watching the background work: `flask jobs health`, the administrators' page with retry, the backlog
alert."""
import signal
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from redis import Redis
from rq import Queue, SimpleWorker

from review_app.extensions import db
from review_app.jobs import enqueue, tick
from review_app.models import AuditEvent, Delivery, DeliveryStatus, Notification
from review_app.models.base import utcnow
from review_app.notifications.operations import notify
from review_app.outbox_admin.operations import alert_old_backlog
from tests import factories
from workflows.roles import Role


def stuck_delivery(minutes: int) -> int:
    """A notification whose e-mail never left (Redis was down at commit), `minutes` old."""
    person = factories.user(Role.department_head)
    current_app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    notify(person, "reminder.test", "matter", 1, "/", f"stuck:{person.id}", "提醒")
    db.session.commit()
    current_app.config["REDIS_URL"] = None
    d = db.session.scalar(sa.select(Delivery).order_by(Delivery.id.desc()))
    d.created_at = utcnow() - timedelta(minutes=minutes)
    db.session.commit()
    return d.id


def test_health_is_ok_when_the_outbox_is_fresh(app, runner):
    with app.app_context():
        stuck_delivery(2)
    result = runner.invoke(args=["jobs", "health"])
    assert result.exit_code == 0, result.output
    assert "未送达通知：1，最早一条已等待 2 分钟" in result.output and "正常" in result.output


def test_health_fails_past_the_threshold(app, runner):
    with app.app_context():
        stuck_delivery(45)
    result = runner.invoke(args=["jobs", "health"])
    assert result.exit_code == 1
    assert "最早未送达的通知已等待 45 分钟" in result.output
    assert runner.invoke(args=["jobs", "health", "--max-age", "60"]).exit_code == 0


def test_health_reports_queues_and_an_unreachable_redis(app, runner, redis_url):
    app.config["REDIS_URL"] = redis_url
    with app.app_context():
        enqueue(app, tick, "sweep_outbox")
        enqueue(app, tick, "reminders")
    result = runner.invoke(args=["jobs", "health"])
    assert result.exit_code == 0, result.output
    assert "队列 default：排队 2，失败 0" in result.output and "最早排队任务：0 分钟" in result.output
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    result = runner.invoke(args=["jobs", "health"])
    assert result.exit_code == 2 and "Redis 无法连接" in result.output


def test_the_administrator_sees_an_undelivered_notification_and_retries_it(app):
    with app.app_context():
        delivery_id = stuck_delivery(45)
        db.session.execute(sa.update(Delivery).values(status=DeliveryStatus.failed, attempts=10,
                                                      last_error="connection refused"))
        db.session.commit()
    admin = factories.logged_in(app, Role.admin)
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "最早未送达的通知已等待" not in page  # failed is not waiting: an administrator's decision
    assert f'id="delivery-{delivery_id}"' in page and "connection refused" in page and "投递失败" in page
    response = admin.post(f"/admin/jobs/deliveries/{delivery_id}/retry", follow_redirects=True)
    assert "已重新排队投递" in factories.alerts(response)
    with app.app_context():
        d = db.session.get(Delivery, delivery_id)
        assert d.status is DeliveryStatus.sent and d.attempts == 11  # no Redis: sent inline after the commit
        assert db.session.scalar(sa.select(AuditEvent.object_id).where(
            AuditEvent.action == "outbox.retry_delivery")) == str(delivery_id)
    again = admin.post(f"/admin/jobs/deliveries/{delivery_id}/retry", follow_redirects=True)
    assert again.status_code == 409 and "该通知已送达，无需重试" in factories.alerts(again)


def test_only_administrators_see_the_page(app):
    assert factories.logged_in(app, Role.bureau_director).get("/admin/jobs").status_code == 403


def test_a_failed_job_is_listed_and_retried(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    with app.app_context():
        enqueue(app, tick, "no_such_job")
        # The worker installs its own SIGINT/SIGTERM handlers in this process: put pytest's back after.
        saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            SimpleWorker([Queue("default", connection=Redis.from_url(redis_url))],
                         connection=Redis.from_url(redis_url)).work(burst=True)
        finally:
            for s, handler in saved.items():
                signal.signal(s, handler)
    admin = factories.logged_in(app, Role.admin)
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "review_app.jobs.tick" in page and "KeyError" in page
    job_id = Queue("default", connection=Redis.from_url(redis_url)).failed_job_registry.get_job_ids()[0]
    response = admin.post(f"/admin/jobs/failed/{job_id}/retry", follow_redirects=True)
    assert "已将任务重新排队" in factories.alerts(response)
    assert Queue("default", connection=Redis.from_url(redis_url)).count == 1


def test_administrators_are_alerted_once_when_the_backlog_is_old(app):
    with app.app_context():
        admin = factories.user(Role.admin)
        stuck_delivery(10)
        assert alert_old_backlog() == 0  # within the 30 minutes
        stuck_delivery(45)
        assert alert_old_backlog() == 1
        assert alert_old_backlog() == 0  # the same stuck delivery: no second alert
        n = db.session.scalar(sa.select(Notification).where(Notification.kind == "outbox.alert"))
        assert n.user_id == admin.id and "45" in n.title and n.link == "/admin/jobs"
