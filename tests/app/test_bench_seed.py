"""`flask bench seed`: a small province in a database of its own, whose data reaches every task group of the
users the benchmark measures, and which the app reads and appends to like its own."""
import uuid
from datetime import date

import psycopg
import pytest
import sqlalchemy as sa

from review_app import create_app
from review_app.bench_seed import seed
from review_app.extensions import db
from review_app.home.tasks import tasks_for
from review_app.matters.materials import seed_materials
from review_app.models import AuditEvent, Matter, User
from tests.conftest import HAVE_PG, PG_ADMIN_URL
from tests.conftest import test_config as make_config


@pytest.fixture
def province(tmp_path):
    if not HAVE_PG:
        pytest.skip("PostgreSQL is not running")
    name = f"review_seed_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(PG_ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
    app = create_app(make_config(url.render_as_string(hide_password=False), tmp_path))
    try:
        with app.app_context():
            db.create_all()
            seed_materials(db.session)
            db.session.commit()
            counts = seed(4000, 2, date(2026, 11, 25), echo=lambda _text: None)
            yield app, counts
            db.session.remove()
            db.engine.dispose()
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_seeded_province_fills_every_task_group_of_the_measured_users(province):
    app, counts = province
    assert counts["districts"] == 2 and counts["matters"] == 4000
    for table in ("documents", "opinions", "opinion_points", "decisions", "clock_pauses", "notifications",
                  "audit_events", "demolition_cases"):
        assert counts[table] > 0, table
    with app.app_context():
        for login in ("d001_reviewer1", "d001_officer1"):
            user = db.session.scalar(sa.select(User).where(User.username == login))
            groups = tasks_for(user)
            assert groups and all(g.total > 0 for g in groups), (login, [(g.title, g.total) for g in groups])
        clerks = db.session.scalars(sa.select(User).where(User.username.like("d001_dept%_clerk%"))).all()
        assert any(all(g.total > 0 for g in tasks_for(clerk)) for clerk in clerks)
        statuses = set(db.session.scalars(sa.select(Matter.status).distinct()))
        assert len(statuses) == 14  # every status of the pipeline


def test_seeded_database_takes_new_rows_after_the_seeded_ones(province):
    """Sequences continue after the seeded ids and the audit trail appends after its seeded head."""
    app, _counts = province
    from review_app.audit.trail import record
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == "d001_admin"))
        last = db.session.scalar(sa.select(sa.func.max(AuditEvent.id)))
        event = record(user, "user.login", "user", user.id)
        db.session.commit()
        assert event.id == last + 1
