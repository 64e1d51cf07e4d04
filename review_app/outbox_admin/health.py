"""How the background work is doing, from Redis (queue lengths, the oldest waiting job, failed jobs) and from
the outbox (the oldest undelivered notification, failed deliveries)."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from redis.exceptions import RedisError
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import FailedJobRegistry

from ..extensions import db
from ..jobs import QUEUES, redis_connection
from ..models import Delivery, DeliveryStatus
from ..models.base import aware

UNDELIVERED = (DeliveryStatus.pending, DeliveryStatus.sending)


@dataclass
class Health:
    redis_error: str | None = None
    queued: dict[str, int] = field(default_factory=dict)
    failed_jobs: dict[str, int] = field(default_factory=dict)
    oldest_job_age: timedelta | None = None
    undelivered: int = 0
    oldest_undelivered_age: timedelta | None = None
    failed_deliveries: int = 0

    def problems(self, threshold: timedelta) -> list[str]:
        """What is wrong, in words; empty when all is well."""
        out = []
        if self.redis_error:
            out.append(f"Redis 无法连接：{self.redis_error}")
        if self.oldest_job_age is not None and self.oldest_job_age > threshold:
            out.append(f"最早排队的任务已等待 {minutes(self.oldest_job_age)} 分钟")
        if self.oldest_undelivered_age is not None and self.oldest_undelivered_age > threshold:
            out.append(f"最早未送达的通知已等待 {minutes(self.oldest_undelivered_age)} 分钟")
        return out


def minutes(age: timedelta) -> int:
    return int(age.total_seconds() // 60)


def oldest_undelivered() -> Delivery | None:
    return db.session.scalar(sa.select(Delivery).where(Delivery.status.in_(UNDELIVERED))
                             .order_by(Delivery.created_at, Delivery.id).limit(1))


def check(app, now: datetime) -> Health:
    h = Health()
    h.undelivered = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery)
                                      .where(Delivery.status.in_(UNDELIVERED)))
    h.failed_deliveries = db.session.scalar(sa.select(sa.func.count()).select_from(Delivery)
                                            .where(Delivery.status == DeliveryStatus.failed))
    oldest = oldest_undelivered()
    if oldest is not None:
        h.oldest_undelivered_age = now - aware(oldest.created_at)
    if not app.config.get("REDIS_URL"):
        return h  # jobs run inline: there are no queues
    try:
        connection = redis_connection(app)
        for name in QUEUES:
            queue = Queue(name, connection=connection)
            h.queued[name] = queue.count
            h.failed_jobs[name] = FailedJobRegistry(queue=queue).count
            job = _first_job(queue)
            if job is not None and job.enqueued_at is not None:
                age = now - aware(job.enqueued_at)
                h.oldest_job_age = max(h.oldest_job_age or age, age)
    except RedisError as e:
        h.redis_error = str(e)[:200]
    return h


def _first_job(queue: Queue) -> Job | None:
    for job_id in queue.get_job_ids(0, 5):
        try:
            return Job.fetch(job_id, connection=queue.connection)
        except NoSuchJobError:  # taken off the queue by a delivery batch meanwhile
            continue
    return None
