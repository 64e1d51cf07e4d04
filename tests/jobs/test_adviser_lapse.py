"""The hourly sweep of unanswered invitations (expert pool, issue 8) through a real rq worker on Redis: an
invitation past its acceptance deadline lapses, the next alternate is invited and told by e-mail, once
however often the job runs."""
import subprocess
from datetime import timedelta

import sqlalchemy as sa
from redis import Redis

from experts.load import AssignmentState
from review_app import rules
from review_app.experts_pool import operations as ops
from review_app.experts_pool.jobs import lapse_invitations
from review_app.extensions import db
from review_app.jobs import enqueue
from review_app.models import Assignment, Delivery, Notification
from tests import pool
from tests.jobs.supervised import ROOT, worker_env
from tests.jobs.test_worker import RQ


def run_worker(app, redis_url):
    done = subprocess.run([RQ, "worker", "--burst", "--url", redis_url, "default", "notifications"],
                          env=worker_env(app, redis_url), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def invitations(app, user_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(sa.select(Notification.kind, Delivery.status).join(Delivery).where(
            Notification.user_id == user_id, Notification.kind == "assignment.invite")).all()
        db.session.remove()
    return [(kind, status.value) for kind, status in rows]


def test_an_unanswered_invitation_lapses_and_the_next_alternate_is_invited_through_a_real_worker(app, redis_url):
    app.config["REDIS_URL"] = redis_url
    with app.test_request_context():
        w = pool.build(lawyers=6)
        row = ops.draw_advisers(w.reviewer, pool.matter_at_bureau(w), 1, seed=bytes(range(32)))
        first = db.session.scalar(sa.select(Assignment).where(Assignment.draw_id == row.id))
        first.accept_due = rules.today() - timedelta(days=3)  # two working days passed without an answer
        db.session.commit()
        draw_id, first_id, alternate = row.id, first.id, (row.picks + row.alternates)[1]
        alternate_user = w.advisers[alternate].id
    Redis.from_url(redis_url).flushdb()  # the pipeline's own notifications are not this test's
    assert enqueue(app, lapse_invitations, job_id="periodic-adviser_invitations")
    run_worker(app, redis_url)
    with app.app_context():
        assert db.session.get(Assignment, first_id).state is AssignmentState.lapsed
        invited = db.session.scalars(sa.select(Assignment.expert_id).where(
            Assignment.draw_id == draw_id, Assignment.state == AssignmentState.invited)).all()
        db.session.remove()
    assert invited == [alternate]
    assert invitations(app, alternate_user) == [("assignment.invite", "sent")]
    # The next hour's run finds nothing to lapse: nobody else is invited, nothing is sent again.
    assert enqueue(app, lapse_invitations, job_id="periodic-adviser_invitations")
    run_worker(app, redis_url)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment).where(
            Assignment.draw_id == draw_id)) == 2
        db.session.remove()
    assert invitations(app, alternate_user) == [("assignment.invite", "sent")]
