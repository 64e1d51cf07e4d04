"""The hearing-eve reminder (issue 10, item 5) through a real rq worker on Redis: the periodic job stores the
reminder for the defendant body's head, the outbox sends the SMS once, and a worker killed while sending, or
the job computed again after the crash, neither loses it nor sends it twice."""
import json
import os
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from redis import Redis
from rq import Queue

from review_app import rules
from review_app.disputes import operations as ops
from review_app.disputes.reminders import hearing_reminders
from review_app.extensions import db
from review_app.jobs import enqueue
from review_app.models import Notification, Organisation
from tests import disputes
from tests.jobs.test_worker import RQ, QUEUE, kill_worker, time_passes

ROOT = Path(__file__).parents[2]


def worker_env(app, redis_url, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
            "MAIL_DIR": app.config["MAIL_DIR"], "UPLOAD_DIR": app.config["UPLOAD_DIR"],
            "SMS_DIR": app.config["SMS_DIR"], "SECRET_KEY": "test", "PYTHONPATH": str(ROOT), **extra}


def run_worker(app, redis_url):
    done = subprocess.run([RQ, "worker", "--burst", "--url", redis_url, QUEUE],
                          env=worker_env(app, redis_url), cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def a_hearing_tomorrow(app) -> tuple[int, str]:
    """A case of 测试住建局 with a hearing tomorrow (the worker's today); the head's username."""
    with app.test_request_context():
        p = disputes.people()
        today = rules.today()
        dept = db.session.get(Organisation, p.clerk.organisation_id)
        case = disputes.lawsuit(p.clerk, dept, today - timedelta(days=20))
        h = ops.schedule_hearing(p.clerk, case, today + timedelta(days=1), None, "第二法庭")
        db.session.commit()
        return h.id, p.head.username


def reminders(app, hearing_id):
    with app.app_context():
        rows = db.session.scalars(sa.select(Notification).where(
            Notification.subject_type == "hearing", Notification.subject_id == hearing_id)).all()
        return [(n.user.username, [(d.channel.value, d.status.value, d.attempts) for d in n.deliveries])
                for n in rows]


def sms_files(app) -> list[dict]:
    files = sorted(Path(app.config["SMS_DIR"]).glob("*.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def test_the_periodic_job_reminds_the_head_once_through_a_real_worker(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    hearing_id, head = a_hearing_tomorrow(app)
    assert enqueue(app, hearing_reminders, job_id="periodic-hearing_reminders")
    assert enqueue(app, hearing_reminders, job_id="periodic-hearing_reminders") is False  # still queued
    run_worker(app, redis_url)
    assert reminders(app, hearing_id) == [(head, [("sms", "sent", 1)])]
    (sms,) = sms_files(app)
    assert sms["phone"] == "13800000001" and "【开庭提醒】" in sms["text"] and "第二法庭" in sms["text"]
    # The next hour's run finds the reminder stored: nothing new is stored or sent.
    assert enqueue(app, hearing_reminders, job_id="periodic-hearing_reminders")
    run_worker(app, redis_url)
    assert reminders(app, hearing_id) == [(head, [("sms", "sent", 1)])] and len(sms_files(app)) == 1


def test_a_worker_killed_while_sending_the_reminder_sends_it_once_later(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    hearing_id, head = a_hearing_tomorrow(app)
    gateway = socket.socket()
    gateway.bind(("127.0.0.1", 0))
    gateway.listen()  # accepts, never answers
    assert enqueue(app, hearing_reminders, job_id="periodic-hearing_reminders")
    worker = subprocess.Popen(
        [RQ, "worker", "--burst", "--url", redis_url, QUEUE], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
        env=worker_env(app, redis_url, SMS_BACKEND="tests.jobs.blocking_sms:BlockingSms",
                       BLOCKING_SMS_PORT=str(gateway.getsockname()[1])))
    try:
        gateway.settimeout(60)
        held, _ = gateway.accept()  # the reminder stored, its SMS claimed: the worker waits on the gateway
        time.sleep(0.5)
        kill_worker(worker)
        held.close()
    finally:
        gateway.close()
    assert reminders(app, hearing_id) == [(head, [("sms", "sending", 1)])]
    assert sms_files(app) == []

    # The scheduler runs the job again after the crash: the reminder is not stored twice.
    assert enqueue(app, hearing_reminders, job_id="periodic-hearing_reminders")
    assert Queue(QUEUE, connection=Redis.from_url(redis_url)).count == 1
    time_passes(app)  # the dead worker's claim expires; the sweep (run by the same worker) hands it on
    from review_app.notifications.jobs import sweep_outbox
    with app.app_context():
        assert sweep_outbox() == 1
    run_worker(app, redis_url)
    assert reminders(app, hearing_id) == [(head, [("sms", "sent", 2)])]
    (sms,) = sms_files(app)
    assert sms["client_ref"].startswith("notification-")
