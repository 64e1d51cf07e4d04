"""`python -m review_app.worker`: rq workers and the cron scheduler, under a supervisor that restarts them.

`rq worker` and `rq cron` exit when Redis goes away (a busy worker as well as an idle one) and nothing would
start them again. This process starts them, and restarts each one that exits, after a delay that doubles
from 1 s to 30 s while it keeps failing (Redis still down) and returns to 1 s once a child has run for a
minute. SIGTERM or SIGINT is passed on to the children, which finish their current job, and then it exits.

The workers are rq's SimpleWorker: the job runs in the worker process itself, so the app is built once per
worker (review_app.jobs.job_app) instead of once per job in a forked work horse. A job that hangs is still
stopped by rq's job timeout (a signal in the same process); a worker killed outright is restarted here and
its job's delivery is swept up again (review_app.notifications.jobs).

Each child runs in a process group of its own, and the whole group is killed once the child has exited: rq's
worker forks its scheduler, which inherits the worker's Redis socket. A worker killed while it waited in BLPOP
would otherwise leave that socket open in the orphaned scheduler, and Redis would hand the next job to the dead
worker's wait (popped from the queue, run by no one).

    python -m review_app.worker [--workers N] [--no-cron]     # REDIS_URL from the environment
"""
import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .jobs import QUEUES

log = logging.getLogger("review_app.worker")
RQ = str(Path(sys.executable).parent / "rq")
FIRST_DELAY, MAX_DELAY, HEALTHY_AFTER = 1.0, 30.0, 60.0


def worker_command(url: str) -> list[str]:
    return [RQ, "worker", "--worker-class", "rq.worker.SimpleWorker", "--with-scheduler", "--url", url,
            *QUEUES]


def cron_command(url: str) -> list[str]:
    return [RQ, "cron", "--url", url, "review_app.cron_config"]


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started: float = 0.0
    delay: float = FIRST_DELAY
    restart_at: float = 0.0
    restarts: int = field(default=0)

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, process_group=0)
        self.started = time.monotonic()
        log.info("started %s (pid %d)", self.name, self.process.pid)

    def kill_leftovers(self) -> None:
        """What the exited child left running in its process group (its orphaned scheduler)."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def check(self, now: float) -> None:
        """Restart the child once its delay has passed after it exited."""
        if self.process is not None and self.process.poll() is None:
            return
        if self.process is not None:
            self.kill_leftovers()
            ran = now - self.started
            self.delay = FIRST_DELAY if ran >= HEALTHY_AFTER else min(self.delay * 2, MAX_DELAY)
            log.warning("%s exited with %s after %.0f s; restarting in %.0f s", self.name,
                        self.process.returncode, ran, self.delay)
            self.process, self.restart_at = None, now + self.delay
        if now >= self.restart_at:
            self.restarts += 1
            self.start()


class Supervisor:
    def __init__(self, children: list[Child]):
        self.children = children
        self.stopping = False

    def stop(self, signum, _frame) -> None:
        self.stopping = True
        for c in self.children:
            if c.process is not None and c.process.poll() is None:
                c.process.send_signal(signum)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for c in self.children:
            c.start()
        while not self.stopping:
            now = time.monotonic()
            for c in self.children:
                c.check(now)
            time.sleep(0.5)
        for c in self.children:
            if c.process is not None:
                try:
                    c.process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    c.process.kill()
                c.kill_leftovers()
        return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m review_app.worker")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "1")))
    parser.add_argument("--no-cron", action="store_true", help="run workers only (cron runs elsewhere)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s supervisor %(levelname)s %(message)s")
    url = os.environ.get("REDIS_URL")
    if not url:
        parser.error("set REDIS_URL")
    children = [Child(f"worker-{i}", worker_command(url)) for i in range(1, args.workers + 1)]
    if not args.no_cron:
        children.append(Child("cron", cron_command(url)))
    return Supervisor(children).run()


if __name__ == "__main__":
    sys.exit(main())
