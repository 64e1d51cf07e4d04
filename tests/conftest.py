"""Shared fixtures in the style of the Flask tutorial and Indico's testing/fixtures/database.py.

App tests run once against SQLite and once against PostgreSQL (when it answers, always under CI=true). The
app and its schema are built once per backend for the whole run; each test then runs inside one outer
transaction on one connection, which the app's sessions join through savepoints (their commits release a
savepoint), and which is rolled back at the end: nothing a test writes survives it, and no table is created
or truncated per test.

Tests whose writes must be seen by another connection (threads, a browser served from another thread, an rq
worker in another process) are marked `commits` (automatically when they use `live_server` or `redis_url`):
they write for real, and the tables are emptied after them.
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
from tests import openapi_check

IN_CI = os.environ.get("CI") == "true"
PG_ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# The Redis database index the suite may empty; another checkout testing in parallel picks another one.
REDIS_TEST_DB = int(os.environ.get("TEST_REDIS_DB", "13"))


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


def pytest_configure(config):
    config.addinivalue_line("markers", "commits: the test's writes are committed for real (other connections "
                                       "see them); the tables are emptied afterwards")
    config.addinivalue_line("markers", "fresh_app: the test changes the app itself (adds routes): it gets an app "
                                       "of its own instead of the run's")


def pytest_collection_modifyitems(items):
    for item in items:
        if {"live_server", "redis_url"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("commits")


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
        "SMS_DIR": str(tmp_path / "sms"), "ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1, "REDIS_URL": None,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # The audit trail's MAC key and checkpoints (security-audit): never the checkout's instance folder.
        "AUDIT_KEY": "test-audit-key-" + "0" * 32, "AUDIT_KEY_FILE": str(tmp_path / "audit.key"),
        "AUDIT_CHECKPOINT_DIR": str(tmp_path / "audit-checkpoints"),
    }


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def db_url(backend, tmp_path_factory, request):
    """The backend's database of this run (one SQLite file, or the run's PostgreSQL database)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.getbasetemp()}/suite.sqlite3"
    return request.getfixturevalue("pg_database")


_APPS: dict = {}


def _suite_app(backend: str, db_url: str, tmp_path_factory):
    """The app of this backend, with its schema, built on first use and kept for the run."""
    if backend not in _APPS:
        app = create_app(test_config(db_url, tmp_path_factory.mktemp(f"app-{backend}")))
        openapi_check.install(app)
        with app.app_context():
            db.create_all()
            seed_materials(db.session)
            db.session.commit()
        # Sessions join the test's outer transaction with a savepoint of their own (see `_RolledBack`).
        db.session.session_factory.kw["join_transaction_mode"] = "create_savepoint"
        _APPS[backend] = app
    return _APPS[backend]


def _empty_tables() -> None:
    tables = db.metadata.sorted_tables
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for t in reversed(tables):
            db.session.execute(t.delete())
    seed_materials(db.session)
    db.session.commit()


class _RolledBack:
    """Every session of the app runs on one connection inside one transaction, undone at the end. (No app
    context stays pushed: each request and each `with app.app_context()` still gets its own, as in
    production.)"""

    def __init__(self, app):
        self.app = app

    def __enter__(self):
        engines = db._app_engines[self.app]
        self.engine = engines[None]
        self.connection = self.engine.connect()
        self.outer = self.connection.begin()
        engines[None] = self.connection
        return self

    def __exit__(self, *exc):
        db._app_engines[self.app][None] = self.engine
        self.outer.rollback()
        self.connection.close()


@pytest.fixture
def app(backend, db_url, tmp_path, tmp_path_factory, request):
    app = _suite_app(backend, db_url, tmp_path_factory)
    if request.node.get_closest_marker("fresh_app"):
        app = create_app(test_config(db_url, tmp_path))
        openapi_check.install(app)
    checker = app.extensions["openapi_checker"]
    checker.failures.clear()
    saved = dict(app.config)
    app.config.update(UPLOAD_DIR=str(tmp_path / "files"), MAIL_DIR=str(tmp_path / "mail"),
                      SMS_DIR=str(tmp_path / "sms"), AUDIT_CHECKPOINT_DIR=str(tmp_path / "audit-checkpoints"))
    try:
        if request.node.get_closest_marker("commits"):
            yield app
            with app.app_context():
                db.session.remove()
                _empty_tables()
                db.session.remove()
        else:
            with _RolledBack(app):
                yield app
    finally:
        app.config.clear()
        app.config.update(saved)
    assert not checker.failures, "API calls that disagree with the OpenAPI document:\n" + "\n".join(checker.failures)


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
    url = REDIS_URL.rsplit("/", 1)[0] + f"/{REDIS_TEST_DB}"
    conn = redis.Redis.from_url(url)
    conn.flushdb()
    yield url
    conn.flushdb()
