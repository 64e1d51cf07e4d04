"""The home page's task groups, read in one query, are exactly the matters each person holds (the policy's row
rule, `holds`), a group per status in the pipeline's order, soonest due first (undated last, then newest),
the first LIMIT of them with the group's full count."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from review_app.extensions import db
from review_app.home import tasks
from review_app.matters.policy import holds, task_statuses
from review_app.models import Matter
from tests import pipeline
from workflows.review import Status


def _expected(user, matters, limit):
    out = []
    for status in task_statuses(user):
        mine = [m for m in matters if m.status == status and holds(user, m)]
        mine.sort(key=lambda m: (m.due_on is None, m.due_on or date.min, -m.id))
        out.append(([m.id for m in mine[:limit]], len(mine)))
    return out


@pytest.mark.parametrize("limit", [2, 20])
def test_each_group_is_what_the_person_holds_soonest_due_first(app, monkeypatch, limit):
    monkeypatch.setattr(tasks, "LIMIT", limit)
    with app.test_request_context():
        c = pipeline.cast()
        for status in (Status.draft, Status.draft, Status.draft, Status.bureau_intake, Status.bureau_review,
                       Status.bureau_review, Status.bureau_review, Status.issued, Status.issued):
            pipeline.drive(c, status)
        # Due dates that tie, differ and are missing, so the order has something to decide.
        reviewing = db.session.scalars(sa.select(Matter).where(Matter.status == Status.bureau_review)).all()
        for m, days in zip(reviewing, (5, 2, 2)):
            m.due_on = date(2026, 12, 1) + timedelta(days=days)
        reviewing[0].due_on = None
        db.session.commit()
        matters = db.session.scalars(sa.select(Matter)).all()
        for user in (c.submitter, c.head, c.officer, c.reviewer, c.director):
            got = [([m.id for m in g.matters], g.total) for g in tasks.tasks_for(user)]
            assert got == _expected(user, matters, limit), user.username
        assert any(g.total > limit for g in tasks.tasks_for(c.submitter)) or limit == 20
