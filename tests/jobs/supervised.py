"""Helpers for tests that run the real thing: a Redis server of the test's own (which it may stop and start
again; the shared one is never touched) and `python -m review_app.worker` (workers and cron, supervised)."""
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from review_app.extensions import db
from review_app.models import Delivery, DeliveryStatus

ROOT = Path(__file__).parents[2]
RQ = str(Path(sys.executable).parent / "rq")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    """redis-server on a port of its own, without persistence: a restart comes back empty, as after a crash
    of a cache-only Redis, which is the hardest case for the outbox."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                         "--save", "", "--appendonly", "no"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: _answers(self.port), 10, "redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(predicate, seconds: float, message: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(message)


def worker_env(app, redis_url: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
            "MAIL_DIR": app.config["MAIL_DIR"], "SMS_DIR": app.config["SMS_DIR"],
            "UPLOAD_DIR": app.config["UPLOAD_DIR"], "SECRET_KEY": "test",
            "AUDIT_KEY": app.config["AUDIT_KEY"],
            "AUDIT_CHECKPOINT_DIR": app.config["AUDIT_CHECKPOINT_DIR"],
            # the sweep and the reminders every 2 s; a delivery pending 1 s is swept up
            "CRON_EVERY_SECONDS": "2", "OUTBOX_SWEEP_AGE_SECONDS": "1", **extra}


@contextmanager
def supervised(app, redis_url: str, *args, **extra):
    """`python -m review_app.worker` running in the background; stopped with SIGTERM at the end."""
    log = open(Path(app.config["MAIL_DIR"]).parent / f"supervisor-{time.monotonic_ns()}.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "review_app.worker", *args], cwd=ROOT,
                               env=worker_env(app, redis_url, **extra), stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def children(process) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def all_sent(app, ids) -> bool:
    with app.app_context():
        statuses = db.session.scalars(sa.select(Delivery.status).where(Delivery.id.in_(ids))).all()
        db.session.remove()
    return len(statuses) == len(ids) and all(s is DeliveryStatus.sent for s in statuses)
