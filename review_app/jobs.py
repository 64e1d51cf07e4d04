"""Background jobs on rq, dispatched only after the database commit that makes them meaningful.

`after_commit(func, *ids)` queues a job in the session; when the transaction commits the job goes to Redis
(or, with no REDIS_URL, runs inline in a fresh app context); when it rolls back the job is dropped. Jobs
take ids, never ORM objects, and open their own app context (see `job_app`).
"""
import logging

import sqlalchemy as sa
from flask import current_app

from .extensions import db

QUEUE = "review-default"
log = logging.getLogger(__name__)
_PENDING = "after_commit_jobs"


def after_commit(func, *args) -> None:
    db.session.info.setdefault(_PENDING, []).append((func, args))


def _dispatch(session) -> None:
    jobs = session.info.pop(_PENDING, [])
    if not jobs:
        return
    app = current_app._get_current_object()
    url = app.config.get("REDIS_URL")
    for func, args in jobs:
        if url:
            try:
                queue(app).enqueue(func, *args, job_timeout=120, result_ttl=3600, failure_ttl=7 * 86400)
            except Exception:  # noqa: BLE001  Redis down: the outbox sweep enqueues it later
                log.exception("could not enqueue %s%r; the outbox sweep will retry", func.__name__, args)
        else:
            # Development without Redis: run now, in its own app context and session.
            with app.app_context():
                func(*args)


def _drop(session) -> None:
    session.info.pop(_PENDING, None)


def queue(app):
    from redis import Redis
    from rq import Queue
    return Queue(QUEUE, connection=Redis.from_url(app.config["REDIS_URL"]))


def install() -> None:
    """Hook the session class once per process (create_app may run many times in tests)."""
    session_class = db.session.session_factory.class_
    if not sa.event.contains(session_class, "after_commit", _dispatch):
        sa.event.listen(session_class, "after_commit", _dispatch)
        # A real rollback only: a savepoint rolled back inside the transaction keeps its jobs.
        sa.event.listen(session_class, "after_rollback", _drop)


_job_app = None


def job_app():
    """The app a worker's job runs in, built once per worker process from the environment."""
    global _job_app
    if _job_app is None:
        from . import create_app
        _job_app = create_app()
    return _job_app
