"""The outbox's delivery rules without Redis: a job sends a batch, a failure is retried after a growing delay,
and the last failure is left for an administrator."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

from review_app.extensions import db
from review_app.models import Channel, Delivery, DeliveryStatus
from review_app.models.base import utcnow
from review_app.notifications import jobs as outbox
from review_app.notifications.operations import notify
from tests import factories
from workflows.roles import Role


class BrokenSms:
    def __init__(self, config):
        pass

    def send(self, phone, text, client_ref):
        raise OSError("gateway unreachable")


@pytest.fixture
def person(app):
    with app.test_request_context():
        u = factories.user(Role.department_head, phone="13800000000")
        yield u


def remind(person, n: int, channels=(Channel.email,)) -> list[int]:
    """n notifications, their deliveries left pending as if Redis had been down at commit."""
    app_config = current_app.config
    app_config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    for i in range(n):
        notify(person, "reminder.test", "matter", i, "/", f"test:{i}", f"提醒{i}", channels=channels)
    db.session.commit()
    app_config["REDIS_URL"] = None
    return db.session.scalars(sa.select(Delivery.id).order_by(Delivery.id)).all()


def test_one_job_delivers_a_batch_each_once(app, person):
    with app.test_request_context():
        ids = remind(person, 3)
        assert outbox.deliver(ids[0]) is True
        rows = db.session.scalars(sa.select(Delivery).order_by(Delivery.id)).all()
        assert [(d.status, d.attempts) for d in rows] == [(DeliveryStatus.sent, 1)] * 3
        assert outbox.deliver(ids[1]) is False  # its own job comes later: already sent, nothing goes out
        assert rows[1].attempts == 1


def test_a_failed_delivery_is_retried_after_a_growing_delay_then_left_failed(app, person):
    app.config["SMS_BACKEND"] = "tests.app.test_outbox_retries:BrokenSms"
    with app.test_request_context():
        (sms,) = remind(person, 1, channels=(Channel.sms,))
        with pytest.raises(outbox.DeliveryFailed, match="gateway unreachable"):
            outbox.deliver(sms)
        d = db.session.get(Delivery, sms)
        assert (d.status, d.attempts, d.last_error) == (DeliveryStatus.pending, 1, "gateway unreachable")

        def due(after: timedelta) -> bool:
            found = db.session.scalar(sa.select(Delivery.id).where(outbox.due_again(d.claimed_at + after)))
            return found == sms

        assert not due(timedelta(seconds=29)) and due(timedelta(seconds=31))
        d.attempts = 3
        db.session.commit()
        assert not due(timedelta(minutes=1, seconds=59)) and due(timedelta(minutes=2, seconds=1))

        d.attempts = outbox.MAX_ATTEMPTS - 1
        d.claimed_at = utcnow() - timedelta(hours=2)
        db.session.commit()
        assert outbox.sweep_outbox() == 1  # runs the job inline (no Redis): the last attempt fails
        d = db.session.get(Delivery, sms)
        assert (d.status, d.attempts) == (DeliveryStatus.failed, outbox.MAX_ATTEMPTS)
        assert outbox.sweep_outbox() == 0  # failed: only an administrator's retry sends it again
