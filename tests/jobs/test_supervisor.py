"""`make worker` (python -m review_app.worker) survives what used to stop delivery: Redis going away and
coming back empty, and a worker process killed outright. Real processes, a Redis server of the test's own."""
import os
import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Delivery, Notification, UserRole
from tests.jobs.supervised import OwnRedis, all_sent, children, supervised, wait_for
from tests.jobs.test_worker import submit_matter
from workflows.roles import Role

pytestmark = pytest.mark.commits


@pytest.fixture
def own_redis():
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


def sent_once(app, ids) -> None:
    """Every delivery sent on its first attempt and one mail file per delivery: nothing went out twice."""
    with app.app_context():
        attempts = db.session.scalars(sa.select(Delivery.attempts).where(Delivery.id.in_(ids))).all()
        db.session.remove()
    assert attempts == [1] * len(ids)


def reminder_deliveries(app) -> list[int]:
    with app.app_context():
        ids = db.session.scalars(sa.select(Delivery.id).join(Notification)
                                 .where(Notification.kind == "reminder.overdue")).all()
        db.session.remove()
    return ids


def overdue_matter(app) -> int:
    """A matter past its review period: the reminders job escalates it to the director (one e-mail)."""
    from review_app import rules
    from tests import pipeline
    from workflows.review import Status
    with app.test_request_context():
        late = pipeline.drive(pipeline.cast(), Status.bureau_review)
        late.due_on = rules.today() - timedelta(days=3)
        db.session.commit()
        return late.id


def test_the_outbox_drains_after_redis_returns_empty(app, own_redis):
    """Transitions committed before and during the outage, and a reminder computed before and after it: each
    delivered, each once."""
    app.config["REDIS_URL"] = own_redis.url
    overdue_matter(app)
    with supervised(app, own_redis.url) as supervisor:
        before = submit_matter(app)
        wait_for(lambda: all_sent(app, before), 60, "the running worker should deliver")
        wait_for(lambda: reminder_deliveries(app) and all_sent(app, reminder_deliveries(app)), 60,
                 "the reminder should be delivered")

        own_redis.stop()  # Redis goes away: the workers and cron lose their connection
        during = submit_matter(app)  # committed while Redis is down: the enqueue fails, the rows wait
        wait_for(lambda: supervisor.poll() is None and len(children(supervisor)) < 2, 30,
                 "the worker and cron should exit while Redis is down")
        assert not all_sent(app, during)

        own_redis.start()  # back, and empty: the queued jobs are gone, the outbox rows are not
        wait_for(lambda: all_sent(app, during), 120, "the sweep should re-enqueue and the worker deliver")
        assert supervisor.poll() is None and len(children(supervisor)) == 2  # worker and cron restarted
        time.sleep(5)  # the reminders job runs again after Redis came back
    reminders = reminder_deliveries(app)
    with app.app_context():
        told = db.session.scalars(sa.select(Notification.user_id)
                                  .where(Notification.kind == "reminder.overdue")).all()
        directors = db.session.scalar(sa.select(sa.func.count()).select_from(UserRole)
                                      .where(UserRole.role == Role.bureau_director))
        db.session.remove()
    assert len(told) == len(set(told)) == directors == len(reminders)  # each director once, one e-mail each
    with app.app_context():
        everything = db.session.scalars(sa.select(Delivery.id)).all()  # the overdue matter's steps' too
        db.session.remove()
    assert set(before + during + reminders) <= set(everything)
    sent_once(app, everything)
    assert len(list(Path(app.config["MAIL_DIR"]).glob("*.eml"))) == len(everything)


def waiting_in_blpop(url: str) -> bool:
    return any(c["cmd"] == "blpop" for c in redis.Redis.from_url(url).client_list())


def test_a_killed_worker_is_restarted(app, own_redis):
    """Killed while it waits for a job in BLPOP, the hardest moment: its forked scheduler holds the same socket,
    and unless the supervisor kills that too, Redis hands the next job to the dead worker's wait."""
    app.config["REDIS_URL"] = own_redis.url
    with supervised(app, own_redis.url, "--no-cron") as supervisor:
        wait_for(lambda: len(children(supervisor)) == 1, 20, "the supervisor should start one worker")
        (first,) = children(supervisor)
        wait_for(lambda: waiting_in_blpop(own_redis.url), 30, "the worker should wait for jobs")
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: children(supervisor) not in ([], [first]), 30, "the worker should be restarted")
        ids = submit_matter(app)
        wait_for(lambda: all_sent(app, ids), 60, "the restarted worker should deliver")
    sent_once(app, ids)


def test_two_schedulers_at_once_send_each_reminder_once(app, own_redis):
    """`make worker` on two machines: two cron schedulers tick every 2 s for a while; each reminder is stored
    once and each of its deliveries sent once."""
    from review_app import rules
    from tests import pipeline
    from tests.jobs.supervised import RQ, ROOT, worker_env
    from workflows.review import Status

    app.config["REDIS_URL"] = own_redis.url
    with app.test_request_context():
        c = pipeline.cast()
        late = pipeline.drive(c, Status.bureau_review)
        late.due_on = rules.today() - timedelta(days=3)  # overdue: escalated to the director
        db.session.commit()
        director_id = c.director.id
    second = subprocess.Popen([RQ, "cron", "--url", own_redis.url, "review_app.cron_config"], cwd=ROOT,
                              env=worker_env(app, own_redis.url), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        with supervised(app, own_redis.url):
            def reminded():
                with app.app_context():
                    ids = db.session.scalars(sa.select(Delivery.id).join(Notification)
                                             .where(Notification.kind == "reminder.overdue")).all()
                    db.session.remove()
                return ids
            wait_for(lambda: reminded() and all_sent(app, reminded()), 90, "the reminder should be delivered")
            time.sleep(8)  # several more ticks of both schedulers
    finally:
        second.terminate()
        second.wait(timeout=30)
    with app.app_context():
        rows = db.session.execute(sa.select(Notification.id, Notification.user_id)
                                  .where(Notification.kind == "reminder.overdue")).all()
        db.session.remove()
    assert [user for _, user in rows] == [director_id]
    sent_once(app, reminded())
    (notification_id, _) = rows[0]
    assert len(list(Path(app.config["MAIL_DIR"]).glob(f"notification-{notification_id}.eml"))) == 1
