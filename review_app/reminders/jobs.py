"""The reminders job: every registered reminder (review_app.reminders.REGISTRY), every 15 minutes under the
job id periodic-reminders (a second scheduler's tick is a no-op while a run waits or runs; a run after it
stores nothing twice, by the deduplication keys)."""
import logging

from .. import rules
from ..extensions import db
from ..jobs import job, periodic
from . import load

log = logging.getLogger(__name__)


@periodic("reminders", every_seconds=900)
@job("default", timeout=600)
def send_reminders() -> dict[str, int]:
    """Run each reminder in a transaction of its own; returns how many notifications each stored."""
    today = rules.today()
    stored = {}
    for name, func in load().items():
        try:
            stored[name] = func(today)
            db.session.commit()
        except Exception:  # noqa: BLE001  one broken reminder must not silence the others
            db.session.rollback()
            log.exception("reminder %s failed", name)
    return stored
