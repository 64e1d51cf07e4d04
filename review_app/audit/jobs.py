"""The hourly checkpoint of the audit chain's head (`flask audit checkpoint` does the same by hand)."""
import logging

from ..jobs import job, periodic
from .trail import take_checkpoint

log = logging.getLogger(__name__)


@periodic("audit_checkpoint", every_seconds=3600)
@job("default", timeout=300)
def checkpoint_audit_head() -> str:
    """Returns the checkpoint line. A refusal (the chain no longer extends the last checkpoint) raises, so the
    job shows among rq's failed jobs with its reason."""
    checkpoint = take_checkpoint()
    log.info("audit checkpoint: %s", checkpoint.line())
    return checkpoint.line()
