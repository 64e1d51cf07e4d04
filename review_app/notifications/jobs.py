"""Delivering notifications: claim, send, record.

A delivery is claimed (status `sending`, committed) before anything leaves, and recorded as sent after; a
worker killed in between leaves the claim, which the sweep hands to another worker once it is older than
CLAIM_TIMEOUT (the receiver recognises the repeat by the notification's idempotency key). Failed sends are
retried with a growing delay until MAX_ATTEMPTS, then marked failed for an administrator.
"""
from datetime import timedelta

import sqlalchemy as sa

from ..extensions import db
from ..jobs import after_commit, job, periodic
from ..models import Delivery, DeliveryStatus
from ..models.base import utcnow
from .channels import SEND

SWEEP_AGE = timedelta(minutes=1)      # a pending delivery this old was not enqueued or its worker died
CLAIM_TIMEOUT = timedelta(minutes=5)  # a claim this old belongs to a worker that died mid-send
MAX_ATTEMPTS = 10
SWEEP_BATCH = 500


def _claim(delivery_id: int) -> bool:
    now = utcnow()
    claimable = sa.or_(Delivery.status == DeliveryStatus.pending,
                       sa.and_(Delivery.status == DeliveryStatus.sending, Delivery.claimed_at < now - CLAIM_TIMEOUT))
    result = db.session.execute(sa.update(Delivery).where(Delivery.id == delivery_id, claimable).values(
        status=DeliveryStatus.sending, claimed_at=now, attempts=Delivery.attempts + 1))
    db.session.commit()
    return result.rowcount == 1


def job_id(delivery_id: int, attempts: int) -> str:
    """One job id per attempt: a second enqueue of the same attempt is a no-op, while a new attempt (after a
    failure, or after a worker died holding the claim) gets a job of its own."""
    return f"deliver-{delivery_id}-{attempts}"


@job("notifications", timeout=60)
def deliver(delivery_id: int) -> bool:
    """Send one delivery; False when it was already sent or is being sent by another worker."""
    if not _claim(delivery_id):
        return False
    d = db.session.get(Delivery, delivery_id)
    try:
        SEND[d.channel](d.notification)
    except OSError as e:
        d.last_error = str(e)[:255]
        d.status = DeliveryStatus.failed if d.attempts >= MAX_ATTEMPTS else DeliveryStatus.pending
        db.session.commit()
        raise
    d.status, d.sent_at = DeliveryStatus.sent, utcnow()
    db.session.commit()
    return True


@periodic("sweep_outbox", every_seconds=60)
@job("notifications", timeout=120)
def sweep_outbox() -> int:
    """Re-enqueue deliveries left behind: pending for a minute (Redis was down, the enqueue failed) or claimed
    by a worker that died. Returns how many."""
    now = utcnow()
    rows = db.session.execute(sa.select(Delivery.id, Delivery.attempts).where(sa.or_(
        sa.and_(Delivery.status == DeliveryStatus.pending, Delivery.created_at < now - SWEEP_AGE),
        sa.and_(Delivery.status == DeliveryStatus.sending, Delivery.claimed_at < now - CLAIM_TIMEOUT)))
        .order_by(Delivery.id).limit(SWEEP_BATCH)).all()
    for delivery_id, attempts in rows:
        after_commit(deliver, delivery_id, job_id=job_id(delivery_id, attempts))
    db.session.commit()
    return len(rows)
