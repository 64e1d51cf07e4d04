"""Background jobs on rq, dispatched only after the database commit that makes them meaningful.

Every job is a function declared with `@job(queue, timeout)` (Redash's worker.py is the model): it takes ids,
never ORM objects, opens its own app context and commits itself. `after_commit(func, *ids, job_id=…)` queues
it in the session; when the transaction commits the job goes to Redis (or, with no REDIS_URL, runs inline in
a fresh app context); when it rolls back the job is dropped. A job id makes a second enqueue of the same work
a no-op while the first is still waiting or running.
"""
import importlib
import logging
from dataclasses import dataclass
from functools import wraps

import sqlalchemy as sa
from flask import current_app, has_app_context
from redis import Redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job

from .extensions import db

# Named queues: user-facing deliveries never wait behind long reports.
QUEUES = ("notifications", "default", "reports")
log = logging.getLogger(__name__)
_PENDING = "after_commit_jobs"
_WAITING = ("queued", "started", "deferred", "scheduled")


@dataclass(frozen=True)
class JobSpec:
    queue: str
    timeout: int        # seconds before rq kills the job
    result_ttl: int = 3600
    failure_ttl: int = 7 * 86400


def job(queue: str = "default", timeout: int = 120):
    """Declare a background job. The function runs inside an app context (the worker's own, built once)."""
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue}")

    def decorate(func):
        @wraps(func)
        def run(*args):
            if has_app_context():
                return func(*args)
            with job_app().app_context():
                return func(*args)
        run.spec = JobSpec(queue, timeout)
        return run
    return decorate


def after_commit(func, *args, job_id: str | None = None) -> None:
    db.session.info.setdefault(_PENDING, []).append((func, args, job_id))


def enqueue(app, func, *args, job_id: str | None = None) -> bool:
    """Put one job on its queue now; False when a job with this id is still waiting or running."""
    connection = redis_connection(app)
    spec = func.spec
    queue = Queue(spec.queue, connection=connection)
    if job_id is not None and _waiting(queue, job_id):
        return False
    queue.enqueue(
        func, *args, job_id=job_id, job_timeout=spec.timeout, result_ttl=spec.result_ttl,
        failure_ttl=spec.failure_ttl)
    return True


def _waiting(queue: Queue, job_id: str) -> bool:
    """Whether a job with this id is still to run. A job marked queued that is no longer on its queue was
    popped by a worker that died before starting it: it will never run, so it does not count."""
    try:
        status = Job.fetch(job_id, connection=queue.connection).get_status(refresh=False)
    except NoSuchJobError:
        return False
    if status == "queued":
        return queue.connection.lpos(queue.key, job_id) is not None
    return status in _WAITING


def _dispatch(session) -> None:
    jobs = session.info.pop(_PENDING, [])
    if not jobs:
        return
    app = current_app._get_current_object()
    for func, args, job_id in jobs:
        if app.config.get("REDIS_URL"):
            try:
                enqueue(app, func, *args, job_id=job_id)
            except Exception:  # noqa: BLE001  Redis down: the outbox sweep enqueues it later
                log.exception("could not enqueue %s%r; the outbox sweep will retry", func.__name__, args)
        else:
            # Development without Redis: run now, in its own app context and session. The change is already
            # committed, so a failing job is logged (as a worker would) instead of failing the request.
            try:
                with app.app_context():
                    func(*args)
            except Exception:  # noqa: BLE001
                log.exception("inline job %s%r failed", func.__name__, args)


def _drop(session) -> None:
    session.info.pop(_PENDING, None)


def redis_connection(app) -> Redis:
    return Redis.from_url(app.config["REDIS_URL"])


# Periodic jobs, by name: `rq cron review_app.cron_config` runs `tick(name)` on schedule, and the tick enqueues
# the job under the deterministic id periodic-<name>, so a restarted or second scheduler adds nothing while
# the previous run is still waiting or running.
PERIODIC: dict[str, tuple] = {}
# The modules whose @periodic jobs exist: imported by the scheduler (cron_config) and by a worker's tick, which
# runs in a process that has not necessarily imported them.
PERIODIC_MODULES = (
    "review_app.notifications.jobs",  # the outbox sweep
    "review_app.reminders.jobs",      # the reminders (review_app/reminders/__init__.py: how to add one)
    "review_app.audit.jobs",          # security-audit: the hourly checkpoint of the audit chain's head
    "review_app.outbox_admin.operations",  # the alert to administrators when the outbox backlog is old
    "review_app.experts_pool.jobs",   # expert pool (#8): lapsed invitations, the next alternate invited
    "review_app.disputes.reminders",  # litigation (#10): the hearing-eve reminder to the defendant body's head
)


def load_periodic() -> dict[str, tuple]:
    for module in PERIODIC_MODULES:
        importlib.import_module(module)
    return PERIODIC


def periodic(name: str, every_seconds: int):
    def register(func):
        PERIODIC[name] = (func, every_seconds)
        return func
    return register


@job("default", timeout=30)
def tick(name: str) -> bool:
    return enqueue(current_app, load_periodic()[name][0], job_id=f"periodic-{name}")


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
