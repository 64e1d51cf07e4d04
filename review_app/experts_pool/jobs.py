"""The daily sweep of unanswered invitations: past its acceptance deadline an invitation lapses and the next
alternate is invited. A periodic job with the deterministic id periodic-adviser_invitations (review_app.jobs),
so a second scheduler adds nothing; each lapse is one row's state change, so a rerun finds nothing to do."""
import logging

from ..extensions import db
from ..jobs import job, periodic
from .operations import lapse_overdue

log = logging.getLogger(__name__)


@periodic("adviser_invitations", every_seconds=3600)
@job("default", timeout=300)
def lapse_invitations() -> int:
    lapsed = lapse_overdue()
    db.session.commit()
    log.info("adviser invitations lapsed: %d", lapsed)
    return lapsed
