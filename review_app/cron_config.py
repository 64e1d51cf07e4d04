"""Periodic jobs for `rq cron review_app.cron_config` (started by `make worker`): one tick per registered job."""
from rq import cron

from .jobs import PERIODIC, tick
from .notifications import jobs as _notification_jobs  # noqa: F401  (registers the outbox sweep)
# security-audit: the hourly checkpoint of the audit chain's head
from .audit import jobs as _audit_jobs  # noqa: F401
# Expert pool (issue 8): invitations past their acceptance deadline lapse, the next alternate is invited
from .experts_pool import jobs as _expert_jobs  # noqa: F401
# Litigation records (issue 10): the hearing-eve reminder to the defendant body's head
from .disputes import reminders as _hearing_reminders  # noqa: F401

for name, (_func, every) in PERIODIC.items():
    cron.register(tick, tick.spec.queue, args=(name,), interval=every, name=name)
