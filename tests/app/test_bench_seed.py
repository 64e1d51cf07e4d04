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
            db.session.remove()
        # Yielded outside the app context: a test client's requests then each get their own (and their own
        # flask-login user), as in use.
        yield app, counts
        with app.app_context():
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


# Each table the expert-pool, risk and litigation families fill, with how a row finds its district.
DISTRICT_OF = {
    "specialties": "SELECT district_id FROM specialties",
    "experts": "SELECT district_id FROM experts",
    "expert_changes": "SELECT e.district_id FROM expert_changes c JOIN experts e ON e.id = c.expert_id",
    "expert_related_parties":
        "SELECT e.district_id FROM expert_related_parties r JOIN experts e ON e.id = r.expert_id",
    "draw_records": "SELECT district_id FROM draw_records",
    "adviser_assignments": "SELECT district_id FROM adviser_assignments",
    "adviser_opinions": "SELECT a.district_id FROM adviser_opinions o "
                        "JOIN adviser_assignments a ON a.id = o.assignment_id",
    "adviser_ratings": "SELECT a.district_id FROM adviser_ratings r "
                       "JOIN adviser_assignments a ON a.id = r.assignment_id",
    "risk_assessments": "SELECT district_id FROM risk_assessments",
    "risk_factor_scores": "SELECT r.district_id FROM risk_factor_scores s "
                          "JOIN risk_assessments r ON r.id = s.assessment_id",
    "lawsuits": "SELECT district_id FROM lawsuits",
    "hearings": "SELECT l.district_id FROM hearings h JOIN lawsuits l ON l.id = h.lawsuit_id",
    "reconsideration_cases": "SELECT district_id FROM reconsideration_cases",
    "dispute_cases": "SELECT district_id FROM dispute_cases",
}


def test_seeded_province_has_pool_risk_and_litigation_in_every_district_and_their_pages_open(province):
    app, counts = province
    from review_app.bench_seed.province import PASSWORD
    from tests.factories import login
    with app.app_context():
        districts = set(db.session.scalars(sa.text("SELECT id FROM districts")))
        for table, query in DISTRICT_OF.items():
            seen = set(db.session.scalars(sa.text(f"SELECT DISTINCT district_id FROM ({query}) t")))
            assert seen == districts, table
        per_pool = db.session.execute(sa.text(
            "SELECT district_id, count(*) FILTER (WHERE kind = 'firm'),"
            " count(*) FILTER (WHERE kind = 'lawyer'), count(DISTINCT u.id)"
            " FROM experts e JOIN users u ON u.expert_id = e.id GROUP BY district_id")).all()
        assert sorted(r[1:] for r in per_pool) == [(15, 8, 23)] * len(districts)
        # Only matters that went through consulting were drawn for, and every draw invited two advisers.
        assert not db.session.scalar(sa.text(
            "SELECT count(*) FROM draw_records d JOIN matters m ON m.id = d.matter_id "
            "WHERE m.status IN ('draft', 'department_review', 'decision_pending', 'bureau_intake')"))
        assert db.session.scalar(sa.text(
            "SELECT count(*) FROM matters WHERE status = 'consulting' AND id NOT IN "
            "(SELECT matter_id FROM draw_records)")) == 0
        assert counts["adviser_assignments"] == 2 * counts["draw_records"]
    client = app.test_client()
    signed_in = login(client, "d001_director", PASSWORD)
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    for path in ("/board/", "/experts/", "/disputes/"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.headers.get("Location"))
    roster = client.get("/experts/").get_data(as_text=True)
    assert "律师事务所" in roster
