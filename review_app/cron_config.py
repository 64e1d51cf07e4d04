"""Periodic jobs for `rq cron review_app.cron_config` (started by `make worker`): one tick per registered job
(review_app.jobs.PERIODIC_MODULES lists the modules that declare them).

CRON_EVERY_SECONDS, when set, runs every job at that interval instead of its own (tests use it to see a sweep
within seconds; never set it in production)."""
import os

from rq import cron

from .jobs import load_periodic, tick

_override = os.environ.get("CRON_EVERY_SECONDS")
for name, (_func, every) in load_periodic().items():
    cron.register(tick, tick.spec.queue, args=(name,), interval=int(_override or every), name=name)
