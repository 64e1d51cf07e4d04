"""Notifications leave through the outbox: enqueued after commit, delivered by a real rq worker on Redis,
and swept up again when Redis was unreachable at commit time."""
import email
import email.policy
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from redis import Redis
from rq import Queue

from review_app.extensions import db
from review_app.matters import operations as mops
from review_app.models import Delivery, Matter, Notification
from review_app.models.base import utcnow
from tests import pipeline
from workflows.review import Action, Status

RQ = str(Path(sys.executable).parent / "rq")
QUEUE = "notifications"


def run_worker(app, redis_url):
    """One real `rq worker --burst` process, configured like production through the environment."""
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
           "MAIL_DIR": app.config["MAIL_DIR"], "UPLOAD_DIR": app.config["UPLOAD_DIR"], "SECRET_KEY": "test"}
    done = subprocess.run([RQ, "worker", "--burst", "--url", redis_url, QUEUE], env=env, cwd=Path(__file__).parents[2],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def kill_worker(worker) -> None:
    """kill -9 a worker and its work horse: rq puts the horse in a process group of its own, so killing the
    worker's group alone would leave the horse running the job."""
    horses = subprocess.run(["pgrep", "-P", str(worker.pid)], capture_output=True, text=True).stdout.split()
    for pid in horses:
        os.kill(int(pid), signal.SIGKILL)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def submit_matter(app):
    """A submitter submits: the department head is notified. Returns the ids of the e-mail deliveries."""
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.draft)
        mops.transition(c.submitter, m, Action.submit, m.version)
        db.session.commit()
        return db.session.scalars(sa.select(Delivery.id).join(Notification).where(
            Notification.subject_type == "matter", Notification.subject_id == m.id)).all()


def delivered(app, ids):
    with app.app_context():
        rows = db.session.scalars(sa.select(Delivery).where(Delivery.id.in_(ids))).all()
        return [r.sent_at is not None for r in rows]


def time_passes(app, minutes=5):
    """Move every outbox timestamp into the past, as if the minutes had gone by."""
    with app.app_context():
        past = utcnow() - timedelta(minutes=minutes)
        db.session.execute(sa.update(Delivery).values(created_at=past))
        db.session.execute(sa.update(Delivery).where(Delivery.claimed_at.is_not(None)).values(claimed_at=past))
        db.session.commit()


def test_notification_is_enqueued_after_commit_and_delivered_by_a_worker(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    ids = submit_matter(app)
    assert ids, "the department head should be notified of a submission"
    assert Queue(QUEUE, connection=Redis.from_url(redis_url)).count == len(ids)
    assert delivered(app, ids) == [False] * len(ids)
    run_worker(app, redis_url)
    assert delivered(app, ids) == [True] * len(ids)
    mail = sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    assert len(mail) == len(ids)
    message = email.message_from_bytes(mail[0].read_bytes(), policy=email.policy.default)
    assert "提交" in message["Subject"] and "测试submitter" in message.get_content()


def test_rolled_back_change_enqueues_nothing(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    with app.test_request_context():
        c = pipeline.cast()
        m = pipeline.drive(c, Status.draft)
        mops.transition(c.submitter, m, Action.submit, m.version)
        db.session.rollback()
    assert Queue(QUEUE, connection=Redis.from_url(redis_url)).count == 0


def test_redis_down_at_commit_loses_nothing(app, redis_url):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    ids = submit_matter(app)
    assert delivered(app, ids) == [False] * len(ids)
    time_passes(app)
    app.config["REDIS_URL"] = redis_url
    from review_app.notifications.jobs import sweep_outbox
    with app.app_context():
        assert sweep_outbox() == len(ids)
    run_worker(app, redis_url)
    assert delivered(app, ids) == [True] * len(ids)


def test_delivery_is_idempotent(app):
    ids = submit_matter(app)  # no Redis: delivered inline after commit
    from review_app.notifications.jobs import deliver
    with app.app_context():
        assert deliver(ids[0]) is False
    assert len(list(Path(app.config["MAIL_DIR"]).glob("*.eml"))) == len(ids)


def test_a_worker_killed_mid_delivery_loses_nothing(app, redis_url):
    """kill -9 while the job waits on a mail server that never answers: the row stays undelivered (its
    transaction died with the worker) and the sweep hands it to the next worker."""
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections, never sends the SMTP greeting
    app.config["REDIS_URL"] = redis_url
    ids = submit_matter(app)
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
           "MAIL_DIR": app.config["MAIL_DIR"], "UPLOAD_DIR": app.config["UPLOAD_DIR"], "SECRET_KEY": "test",
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(silent.getsockname()[1])}
    worker = subprocess.Popen([RQ, "worker", "--burst", "--url", redis_url, QUEUE], env=env,
                              cwd=Path(__file__).parents[2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        silent.settimeout(60)
        held, _ = silent.accept()  # the job is now inside smtplib, waiting (the connection is kept open)
        time.sleep(0.5)
        kill_worker(worker)
        held.close()
    finally:
        silent.close()
    assert delivered(app, ids) == [False] * len(ids)
    time_passes(app)
    with app.app_context():
        from review_app.notifications.jobs import sweep_outbox
        assert sweep_outbox() == len(ids)
    run_worker(app, redis_url)
    assert delivered(app, ids) == [True] * len(ids)


def test_the_same_reminder_enqueued_twice_with_a_worker_killed_in_between_is_delivered_once(app, redis_url):
    """A reminder computed twice is stored once (its dedup key), its job enqueued twice is queued once (its
    job id), and the delivery a killed worker had claimed is sent once by the next worker."""
    import socket
    import time

    from review_app.jobs import enqueue
    from review_app.notifications.jobs import deliver, job_id, sweep_outbox
    from review_app.notifications.operations import notify
    from tests import factories
    from workflows.roles import Role

    app.config["REDIS_URL"] = redis_url
    key = "reminder:hearing:2026-12-01:1"

    def remind():
        with app.test_request_context():
            head = db.session.scalar(sa.select(User).where(User.username == "head_dedup"))
            n = notify(head, "reminder.hearing", "lawsuit", 1, "/", key, "明日开庭提醒", "请按时出庭应诉。")
            db.session.commit()
            return n.id if n else None

    from review_app.models import User
    with app.test_request_context():
        factories.user(Role.department_head, username="head_dedup")
    notification_id = remind()
    assert notification_id is not None and remind() is None  # the second computation stores nothing
    with app.app_context():
        (delivery_id,) = db.session.scalars(sa.select(Delivery.id).where(
            Delivery.notification_id == notification_id)).all()
        assert enqueue(app, deliver, delivery_id, job_id=job_id(delivery_id, 0)) is False  # already queued
    assert Queue(QUEUE, connection=Redis.from_url(redis_url)).count == 1

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
           "MAIL_DIR": app.config["MAIL_DIR"], "UPLOAD_DIR": app.config["UPLOAD_DIR"], "SECRET_KEY": "test",
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(silent.getsockname()[1])}
    worker = subprocess.Popen([RQ, "worker", "--burst", "--url", redis_url, QUEUE], env=env,
                              cwd=Path(__file__).parents[2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        silent.settimeout(60)
        held, _ = silent.accept()  # the worker has claimed the delivery and waits for the mail server's greeting
        time.sleep(0.5)
        kill_worker(worker)
        held.close()
    finally:
        silent.close()
    with app.app_context():
        claimed = db.session.get(Delivery, delivery_id)
        assert claimed.status.value == "sending" and claimed.sent_at is None  # claimed, never recorded as sent
    assert remind() is None  # the scheduler computes the reminder again after the crash: still one

    time_passes(app)  # the dead worker's claim expires
    with app.app_context():
        assert sweep_outbox() == 1
    run_worker(app, redis_url)
    with app.app_context():
        sent = db.session.get(Delivery, delivery_id)
        assert sent.status.value == "sent" and sent.attempts == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 1
    mail = list(Path(app.config["MAIL_DIR"]).glob("*.eml"))
    assert [m.name for m in mail] == [f"notification-{notification_id}.eml"]


def test_a_job_popped_by_a_worker_that_died_is_enqueued_again(app, redis_url):
    """A worker that took the job off its queue and died before starting it leaves the job marked queued but
    on no queue: the sweep's enqueue of the same attempt puts it back instead of counting it as waiting, and
    the next worker delivers it."""
    from review_app.jobs import enqueue
    from review_app.notifications.jobs import deliver, job_id

    app.config["REDIS_URL"] = redis_url
    ids = submit_matter(app)
    queue = Queue(QUEUE, connection=Redis.from_url(redis_url))
    assert queue.count == len(ids)
    with app.app_context():
        assert enqueue(app, deliver, ids[0], job_id=job_id(ids[0], 0)) is False  # on its queue: waiting
        queue.connection.lrem(queue.key, 1, job_id(ids[0], 0))  # popped by the dead worker's BLPOP
        assert queue.count == len(ids) - 1
        assert enqueue(app, deliver, ids[0], job_id=job_id(ids[0], 0)) is True
    assert queue.count == len(ids)
    run_worker(app, redis_url)
    assert delivered(app, ids) == [True] * len(ids)


def test_a_sweep_of_many_reminders_queues_a_job_per_batch_and_the_worker_delivers_them_all(app, redis_url):
    """The overdue sweep over 60 late matters stores one notification each for the director (one e-mail
    each) and queues one delivery job per OUTBOX_BATCH deliveries, not one per delivery; a real worker then
    sends every one of them, once."""
    from review_app import rules
    from review_app.reminders.stages import overdue

    app.config["REDIS_URL"] = redis_url
    with app.test_request_context():
        c = pipeline.cast()
        late = pipeline.drive(c, Status.bureau_review)
        late.due_on = rules.today() - timedelta(days=3)
        row = {col.name: getattr(late, col.name) for col in Matter.__table__.columns if col.name != "id"}
        db.session.execute(sa.insert(Matter), [dict(row, title=f"{late.title}（{i}）") for i in range(59)])
        db.session.commit()
        Redis.from_url(redis_url).flushdb()  # the pipeline's own steps' deliveries are not this test's
        assert overdue(rules.today()) == 60
        db.session.commit()
        ids = db.session.scalars(sa.select(Delivery.id).join(Notification)
                                 .where(Notification.kind == "reminder.overdue")).all()
    assert len(ids) == 60
    assert Queue(QUEUE, connection=Redis.from_url(redis_url)).count == 3  # 60 deliveries, batches of 25
    run_worker(app, redis_url)
    assert delivered(app, ids) == [True] * 60
    with app.app_context():
        assert db.session.scalars(sa.select(Delivery.attempts).where(Delivery.id.in_(ids))).all() == [1] * 60
