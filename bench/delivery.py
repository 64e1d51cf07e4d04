"""Notification delivery against the rate at which transitions produce notifications, in one run (PostgreSQL,
Redis, real rq workers).

1. The stream: N prepared matters are submitted back to back through the same operation the page uses, each in
   its own transaction with its after-commit enqueue (3 department heads are told of each submission). The
   notifications produced per second is the peak one process produces.
2. Delivery: the queued deliveries are drained by `rq worker --burst` processes, timed from start to the last
   delivery recorded (worker start-up included): first a sample with rq's forking Worker and one delivery
   per job, as before (the app is built in every work horse); then the rest of the queue with one
   SimpleWorker as `make worker` runs it (the app built once, batches of OUTBOX_BATCH deliveries per job).

    .venv/bin/python bench/delivery.py [--matters 300]
It creates and drops its own database next to TEST_DATABASE_URL's, and runs a redis-server of its own.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from scratch import REDIS_URL, ROOT, scratch

RQ = str(Path(sys.executable).parent / "rq")


def prepare(app, matters: int) -> list[int]:
    """A department with three heads and `matters` drafts with their materials (not timed)."""
    from review_app.extensions import db
    from review_app.matters.materials import seed_materials
    from tests import factories, pipeline
    from workflows.review import Status
    from workflows.roles import Role

    with app.test_request_context():
        db.create_all()
        seed_materials(db.session)
        db.session.commit()
        c = pipeline.cast()
        for n in (2, 3):
            factories.user(Role.department_head, c.submitter.organisation, username=f"head{n}")
        ids = [pipeline.drive(c, Status.draft).id for _ in range(matters)]
        db.session.commit()
        return ids


def stream(app, ids: list[int]) -> tuple[int, float]:
    """Submit every matter, one transaction each; returns (deliveries produced, seconds)."""
    from review_app.extensions import db
    from review_app.matters import operations as mops
    from review_app.models import Delivery, Matter, User
    from workflows.review import Action

    t = time.perf_counter()
    for matter_id in ids:
        with app.test_request_context():
            m = db.session.get(Matter, matter_id)
            mops.transition(db.session.get(User, m.created_by_id), m, Action.submit, m.version)
            db.session.commit()
    elapsed = time.perf_counter() - t
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Delivery)), elapsed


def drain(app, worker_class: str, workers: int, limit: int | None, env: dict) -> tuple[int, float, float]:
    """Run `workers` burst workers (each stops after `limit` jobs when given) until they stop; returns
    (deliveries they recorded as sent, seconds from start to finish, seconds from the first delivery recorded
    to the last: the rate once the worker is up)."""
    from review_app.extensions import db
    from review_app.models import Delivery, DeliveryStatus
    from review_app.models.base import utcnow

    def sent():
        with app.app_context():
            n = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery)
                                  .where(Delivery.status == DeliveryStatus.sent))
            db.session.remove()
            return n

    before = sent()
    started = utcnow()
    extra = ["--max-jobs", str(limit)] if limit else []
    t = time.perf_counter()
    command = [RQ, "worker", "--burst", "-q", "--worker-class", worker_class, *extra, "--url", REDIS_URL,
               "notifications"]
    procs = [subprocess.Popen(command, cwd=ROOT, env=env) for _ in range(workers)]
    for p in procs:
        p.wait()
    elapsed = time.perf_counter() - t
    with app.app_context():
        span = sa.select(sa.func.min(Delivery.sent_at), sa.func.max(Delivery.sent_at))
        first, last = db.session.execute(span.where(Delivery.sent_at >= started)).one()
        db.session.remove()
    steady = (last - first).total_seconds() if first is not None else elapsed
    return sent() - before, elapsed, steady


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--matters", type=int, default=300)
    parser.add_argument("--forking-sample", type=int, default=30)
    args = parser.parse_args()
    with scratch() as (url, tmp):
        run(url, args, tmp)


def run(url: str, args, tmp: str) -> None:
    from redis import Redis
    from review_app import create_app

    Redis.from_url(REDIS_URL).ping()
    config = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "REDIS_URL": REDIS_URL,
              "MAIL_DIR": f"{tmp}/mail", "UPLOAD_DIR": f"{tmp}/files", "AUDIT_KEY": "bench-" + "0" * 32,
              "AUDIT_CHECKPOINT_DIR": f"{tmp}/checkpoints", "ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1}
    app = create_app(config)
    ids = prepare(app, args.matters)
    produced, seconds = stream(app, ids)
    rate = produced / seconds
    print(f"stream: {len(ids)} submissions produced {produced} deliveries in {seconds:.1f} s: "
          f"{rate:.1f} notifications/s (one process)")
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS_URL, "MAIL_DIR": config["MAIL_DIR"],
           "UPLOAD_DIR": config["UPLOAD_DIR"], "SECRET_KEY": "bench", "AUDIT_KEY": config["AUDIT_KEY"],
           "AUDIT_CHECKPOINT_DIR": config["AUDIT_CHECKPOINT_DIR"]}
    rows = []
    rows.append(("before: forking rq Worker, one delivery per job (a sample)",
                 *drain(app, "rq.worker.Worker", 1, args.forking_sample, {**env, "OUTBOX_BATCH": "1"})))
    rows.append(("`make worker`: one SimpleWorker, batches of 25, the rest of the queue",
                 *drain(app, "rq.worker.SimpleWorker", 1, None, env)))
    print("| delivery | deliveries | seconds (with start-up) | per second | ratio to the stream | "
          "per second once up | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, n, s, steady in rows:
        up = n / steady if steady else float("nan")
        print(f"| {label} | {n} | {s:.1f} | {n / s:.1f} | {n / s / rate:.2f} | {up:.1f} | {up / rate:.2f} |")


if __name__ == "__main__":
    main()
