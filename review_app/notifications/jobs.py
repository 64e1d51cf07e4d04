"""Delivering notifications: claim, send, record.

A delivery is claimed (status `sending`, committed) before anything leaves, and recorded as sent after; a
worker killed in between leaves the claim, which the sweep hands to another worker once it is older than
CLAIM_TIMEOUT (the receiver recognises the repeat by the notification's idempotency key). Failed sends are
retried by the sweep with a delay that doubles from RETRY_FIRST to RETRY_MAX (`backoff`) until MAX_ATTEMPTS,
then marked failed for an administrator (admin page, `flask jobs health`).

Each attempt is one job with the id deliver-<delivery>-<attempt>: a second enqueue of the same attempt (the
sweep finding a delivery still waiting in a long queue, a second scheduler) is a no-op.
"""
import time
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from rq import Queue, get_current_job
from rq.job import Job
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..jobs import after_commit, job, periodic
from ..models import Delivery, DeliveryStatus, Notification
from ..models.base import utcnow
from .channels import SEND

CLAIM_TIMEOUT = timedelta(minutes=5)  # a claim this old belongs to a worker that died mid-send
MAX_ATTEMPTS = 10
SWEEP_BATCH = 500
RETRY_FIRST, RETRY_MAX = timedelta(seconds=30), timedelta(hours=1)
RECORD_EVERY = 1.0  # seconds: how often a batch commits the outcomes of what it has sent so far


def backoff(attempts: int) -> timedelta:
    """How long after its last attempt a failed delivery is tried again: 30 s, 1 min, 2 min … at most 1 h."""
    return min(RETRY_FIRST * 2 ** max(attempts - 1, 0), RETRY_MAX)


def _claim(delivery_id: int) -> list[int]:
    """Claim this delivery and, when it was claimable, up to OUTBOX_BATCH - 1 other never-tried ones (oldest
    first), committed before anything is sent. Returns the claimed ids, this one first; [] when it was already
    sent or another worker holds it."""
    now = utcnow()
    claimable = sa.or_(
        Delivery.status == DeliveryStatus.pending,
        sa.and_(Delivery.status == DeliveryStatus.sending, Delivery.claimed_at < now - CLAIM_TIMEOUT))
    claim = dict(status=DeliveryStatus.sending, claimed_at=now, attempts=Delivery.attempts + 1)
    result = db.session.execute(
        sa.update(Delivery).where(Delivery.id == delivery_id, claimable).values(**claim))
    if result.rowcount != 1:
        db.session.commit()
        return []
    # Two workers may pick the same rows here: the status test is checked again on the locked row, so each
    # row goes to one of them (and SKIP LOCKED spares the wait where the database has it).
    batch = current_app.config["OUTBOX_BATCH"]
    others = (sa.select(Delivery.id).where(Delivery.status == DeliveryStatus.pending, Delivery.attempts == 0)
              .order_by(Delivery.id).limit(batch - 1).with_for_update(skip_locked=True))
    more = db.session.scalars(sa.update(Delivery).where(
        Delivery.id.in_(others.scalar_subquery()), Delivery.status == DeliveryStatus.pending)
        .values(**claim).returning(Delivery.id), execution_options={"synchronize_session": False}).all()
    db.session.commit()
    _unqueue(sorted(more))
    return [delivery_id, *sorted(more)]


def _unqueue(ids: list[int]) -> None:
    """Take the first-attempt jobs of deliveries this batch claimed off the queue: a worker would only find
    them claimed. (A job already taken by a worker does exactly that: its claim fails and it returns.)"""
    current = get_current_job()
    if current is None or not ids:
        return
    queue = Queue("notifications", connection=current.connection)
    with current.connection.pipeline() as pipe:
        for delivery_id in ids:
            queue.remove(job_id(delivery_id, 0), pipeline=pipe)
            pipe.delete(Job.key_for(job_id(delivery_id, 0)))
        pipe.execute()


def job_id(delivery_id: int, attempts: int) -> str:
    """One job id per attempt: a second enqueue of the same attempt is a no-op, while a new attempt (after a
    failure, or after a worker died holding the claim) gets a job of its own."""
    return f"deliver-{delivery_id}-{attempts}"


def _record(sent: list[int], failures: list[tuple[Delivery, str]]) -> None:
    """Record outcomes (committed): sent, or failed with the error (pending again for a retry after its
    backoff, or failed for good after the last attempt)."""
    if sent:
        db.session.execute(sa.update(Delivery).where(Delivery.id.in_(sent))
                           .values(status=DeliveryStatus.sent, sent_at=utcnow()))
    for d, error in failures:
        status = DeliveryStatus.failed if d.attempts >= MAX_ATTEMPTS else DeliveryStatus.pending
        db.session.execute(sa.update(Delivery).where(Delivery.id == d.id)
                           .values(status=status, last_error=error))
    db.session.commit()
    sent.clear()
    failures.clear()


@job("notifications", timeout=300)
def deliver(delivery_id: int) -> bool:
    """Send this delivery and a batch of others waiting; False when this one was already sent or is being
    sent by another worker. Outcomes are committed at least every RECORD_EVERY (a worker killed in between
    leaves its claims, and the few messages sent since the last commit go again under the same idempotency
    key). A failure is recorded on its delivery (retried by the sweep after its backoff) and the job fails
    with it, so administrators see it among the failed jobs."""
    claimed = _claim(delivery_id)
    if not claimed:
        return False
    rows = db.session.scalars(sa.select(Delivery).where(Delivery.id.in_(claimed)).options(
        joinedload(Delivery.notification).joinedload(Notification.user))).all()
    db.session.expunge_all()  # read while sending; the commits below do not expire (and reload) them
    sent, failures, errors, recorded = [], [], [], time.monotonic()
    for d in sorted(rows, key=lambda d: claimed.index(d.id)):
        try:
            SEND[d.channel](d.notification)
            sent.append(d.id)
        except OSError as e:
            failures.append((d, str(e)[:255]))
            errors.append(str(e)[:255])
        if time.monotonic() - recorded >= RECORD_EVERY:
            _record(sent, failures)
            recorded = time.monotonic()
    _record(sent, failures)
    if errors:
        raise DeliveryFailed(f"{len(errors)} of {len(claimed)} deliveries failed; first: {errors[0]}")
    return True


class DeliveryFailed(RuntimeError):
    pass


@periodic("sweep_outbox", every_seconds=60)
@job("notifications", timeout=120)
def sweep_outbox() -> int:
    """Re-enqueue deliveries left behind: never tried and pending for a minute (Redis was down, the enqueue
    failed), failed and past their backoff, or claimed by a worker that died. One still queued under its
    attempt's job id is not queued again. Returns how many were due."""
    rows = db.session.execute(sa.select(Delivery.id, Delivery.attempts).where(due_again(utcnow()))
                              .order_by(Delivery.id).limit(SWEEP_BATCH)).all()
    for delivery_id, attempts in rows:
        after_commit(deliver, delivery_id, job_id=job_id(delivery_id, attempts))
    db.session.commit()
    return len(rows)


def due_again(now):
    """The SQL condition of a delivery the sweep should (re-)enqueue now."""
    sweep_age = timedelta(seconds=current_app.config["OUTBOX_SWEEP_AGE_SECONDS"])
    pending, sending = Delivery.status == DeliveryStatus.pending, Delivery.status == DeliveryStatus.sending
    retries = [sa.and_(Delivery.attempts == n, Delivery.claimed_at < now - backoff(n))
               for n in range(1, MAX_ATTEMPTS)]
    return sa.or_(sa.and_(pending, Delivery.attempts == 0, Delivery.created_at < now - sweep_age),
                  sa.and_(pending, sa.or_(*retries)),
                  sa.and_(sending, Delivery.claimed_at < now - CLAIM_TIMEOUT))
