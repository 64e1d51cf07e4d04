"""Shared fixtures in the style of the Flask tutorial and Indico.

App tests run once against SQLite and once against PostgreSQL (when it answers, always under CI=true);
each test gets a clean database: a new SQLite file, or PostgreSQL tables truncated afterwards.
"""
import os
import uuid

import psycopg
import pytest
import redis
import sqlalchemy as sa

from review_app import create_app
from review_app.extensions import db
from review_app.matters.materials import seed_materials

IN_CI = os.environ.get("CI") == "true"
PG_ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _pg_answers() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=2):
            return True
    except psycopg.Error:
        return False


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


HAVE_PG = _pg_answers()
HAVE_REDIS = _redis_answers()
if IN_CI and not (HAVE_PG and HAVE_REDIS):
    raise pytest.UsageError("CI=true: PostgreSQL and Redis must be running for the test suite")

BACKENDS = ["sqlite"] + (["postgresql"] if HAVE_PG else [])


def _drop_abandoned(conn) -> None:
    """Databases left by an interrupted run on this machine (their pid is gone) are dropped."""
    for (name,) in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'review_test_%'").fetchall():
        pid = name.split("_")[2]
        if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_database():
    """A database of the suite's own, dropped at the end."""
    if not HAVE_PG:
        pytest.skip("PostgreSQL is not running")
    name = f"review_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        _drop_abandoned(conn)
        conn.execute(f'CREATE DATABASE "{name}"')
    base = sa.engine.make_url(PG_ADMIN_URL)
    yield base.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_config(db_url: str, tmp_path) -> dict:
    return {
        "TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": db_url,
        "WTF_CSRF_ENABLED": False, "UPLOAD_DIR": str(tmp_path / "files"), "MAIL_DIR": str(tmp_path / "mail"),
        "ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1, "REDIS_URL": None,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    }


def _truncate_all():
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def db_url(backend, tmp_path, request):
    if backend == "sqlite":
        return f"sqlite:///{tmp_path}/test.sqlite3"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def app(db_url, tmp_path, backend):
    app = create_app(test_config(db_url, tmp_path))
    with app.app_context():
        db.create_all()
        seed_materials(db.session)
        db.session.commit()
    yield app
    with app.app_context():
        if backend == "postgresql":
            db.session.remove()
            _truncate_all()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def redis_url():
    """A Redis database index of the suite's own, emptied before and after."""
    if not HAVE_REDIS:
        pytest.skip("Redis is not running")
    url = REDIS_URL.rsplit("/", 1)[0] + "/13"
    conn = redis.Redis.from_url(url)
    conn.flushdb()
    yield url
    conn.flushdb()
