"""What a benchmark that writes needs for itself: a PostgreSQL database created next to TEST_DATABASE_URL's
and dropped after, a redis-server of its own, and a temporary directory (mail, files, checkpoints)."""
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import psycopg
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the app, imported by the benchmark that runs in this process
ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_PORT = 6400 + os.getpid() % 1000
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"


@contextmanager
def scratch_database(keep: bool = False):
    """Yields the URL of a new database, dropped after (unless `keep`, to look at it)."""
    name = f"review_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(ADMIN_URL).set(drivername="postgresql+psycopg", database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        if not keep:
            with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch():
    """Yields (database URL, temporary directory) with REDIS_URL's server running; removes all three after."""
    redis = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        with scratch_database() as url, TemporaryDirectory() as tmp:
            yield url, tmp
    finally:
        redis.terminate()
