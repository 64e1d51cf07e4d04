"""Periodic jobs for `rq cron review_app.cron_config` (started by `make worker`)."""
from rq import cron

from .jobs import QUEUE
from .notifications.jobs import sweep_outbox

cron.register(sweep_outbox, QUEUE, interval=60, name="sweep_outbox")
