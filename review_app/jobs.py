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
    return bool(enqueue_all(app, [(func, args, job_id)]))


def enqueue_all(app, jobs: list[tuple]) -> int:
    """Put jobs (func, args, job_id) on their queues in a few round trips to Redis, those whose id names a
    job still waiting or running left out; returns how many went on. A sweep's thousands of delivery jobs
    would otherwise cost three round trips each."""
    connection = redis_connection(app)
    waiting = _waiting(connection, [(func.spec.queue, job_id) for func, _args, job_id in jobs])
    by_queue: dict[str, list] = {}
    seen: set[str] = set()  # the same id twice in one batch (two changes asking for the same work) goes once
    for (func, args, job_id), busy in zip(jobs, waiting):
        if not busy and (job_id is None or job_id not in seen):
            seen.add(job_id)
            spec = func.spec
            by_queue.setdefault(spec.queue, []).append(Queue.prepare_data(
                func, args, timeout=spec.timeout, result_ttl=spec.result_ttl, failure_ttl=spec.failure_ttl,
                job_id=job_id))
    for name, datas in by_queue.items():
        with connection.pipeline() as pipe:
            Queue(name, connection=connection).enqueue_many(datas, pipeline=pipe)
            pipe.execute()
    return sum(len(datas) for datas in by_queue.values())


def _waiting(connection: Redis, jobs: list[tuple[str, str | None]]) -> list[bool]:
    """For each (queue, job id): whether a job with this id is still to run. A job marked queued that is no
    longer on its queue was popped by a worker that died before starting it: it will never run, so it does
    not count."""
    with connection.pipeline(transaction=False) as pipe:
        for _queue, job_id in jobs:
            if job_id:
                pipe.hget(Job.key_for(job_id), "status")
            else:
                pipe.echo("")  # a job without an id is never a repeat
        statuses = [s.decode() if s else None for s in pipe.execute()]
    queued = [i for i, status in enumerate(statuses) if status == "queued"]
    with connection.pipeline(transaction=False) as pipe:
        for i in queued:
            pipe.lpos(Queue(jobs[i][0], connection=connection).key, jobs[i][1])
        on_queue = dict(zip(queued, pipe.execute())) if queued else {}
    return [status in _WAITING and (status != "queued" or on_queue[i] is not None)
            for i, status in enumerate(statuses)]


def _dispatch(session) -> None:
    jobs = session.info.pop(_PENDING, [])
    if not jobs:
        return
    app = current_app._get_current_object()
    if app.config.get("REDIS_URL"):
        try:
            enqueue_all(app, jobs)
        except Exception:  # noqa: BLE001  Redis down: the outbox sweep enqueues them later
            log.exception("could not enqueue %d jobs (%s …); the outbox sweep will retry", len(jobs),
                          jobs[0][0].__name__)
        return
    for func, args, _job_id in jobs:
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
    """The app's Redis client for its REDIS_URL, made once: a client per call would open a connection (and
    look up the library's version) for every job a sweep enqueues."""
    url = app.config["REDIS_URL"]
    clients = app.extensions.setdefault("redis_clients", {})
    if url not in clients:
        clients[url] = Redis.from_url(url)
    return clients[url]


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
