"""The Alembic migrations: one head, and `upgrade` from nothing builds exactly the models' schema.

Run on a fresh SQLite file and on a fresh PostgreSQL database of the test's own (created and dropped here).
"""
import logging
import uuid
from pathlib import Path

import flask_migrate
import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from review_app import create_app
from review_app.extensions import db

# The shared settings of tests/conftest.py (imported by package path: tests/browser has a conftest too).
from tests.conftest import HAVE_PG, PG_ADMIN_URL
from tests.conftest import test_config as make_config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def test_exactly_one_head():
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    heads = script.get_heads()
    assert len(heads) == 1, f"Alembic has {len(heads)} heads: {heads}; merge them (flask db merge)"
    # Every revision is reachable from the head down to base: no orphaned branch.
    revisions = list(script.walk_revisions("base", "heads"))
    assert len(revisions) == len(list(script.revision_map.iterate_revisions("heads", "base")))


@pytest.fixture
def keep_logging():
    """migrations/env.py runs logging.config.fileConfig, which resets the root logger and may disable
    every logger that already exists; put things back so later tests still log and capture normally."""
    root = logging.getLogger()
    saved_root = (root.level, list(root.handlers))
    saved = {name: (lg.disabled, lg.level, list(lg.handlers), lg.propagate)
             for name, lg in logging.Logger.manager.loggerDict.items() if isinstance(lg, logging.Logger)}
    yield
    root.setLevel(saved_root[0])
    for h in list(root.handlers):
        if h not in saved_root[1]:
            root.removeHandler(h)
    for h in saved_root[1]:
        if h not in root.handlers:
            root.addHandler(h)
    for name, (disabled, level, handlers, propagate) in saved.items():
        lg = logging.getLogger(name)
        lg.disabled, lg.propagate = disabled, propagate
        lg.setLevel(level)
        lg.handlers[:] = handlers


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/migrate.sqlite3"
        return
    if not HAVE_PG:
        pytest.skip("PostgreSQL is not running")
    name = f"review_migrate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base = sa.engine.make_url(PG_ADMIN_URL)
        yield base.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _app_tables(conn) -> set[str]:
    return set(sa.inspect(conn).get_table_names()) - {"alembic_version"}


def test_upgrade_matches_models_and_downgrade_removes_everything(empty_database, tmp_path, keep_logging):
    app = create_app(make_config(empty_database, tmp_path))
    model_tables = {t.name for t in db.metadata.sorted_tables}
    try:
        with app.app_context():
            with db.engine.connect() as conn:
                assert _app_tables(conn) == set(), "the database should start empty"

            flask_migrate.upgrade()
            with db.engine.connect() as conn:
                assert _app_tables(conn) == model_tables
                mc = MigrationContext.configure(conn, opts={"compare_type": True})
                diff = compare_metadata(mc, db.metadata)
                assert diff == [], "models and migrations disagree; run `flask db migrate`:\n" + \
                    "\n".join(map(str, diff))
                heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
                assert mc.get_current_heads() == tuple(heads)

            # The migrated schema takes the app's own writes (defaults and constraints line up).
            from tests import factories
            from workflows.roles import Role
            factories.user(Role.bureau_reviewer)
            from review_app.audit.trail import verify
            assert verify() is None
            db.session.remove()

            flask_migrate.downgrade(revision="base")
            with db.engine.connect() as conn:
                assert _app_tables(conn) == set()

            # And up again: the downgrade left nothing behind that would trip a second upgrade.
            flask_migrate.upgrade()
            with db.engine.connect() as conn:
                assert _app_tables(conn) == model_tables
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg
