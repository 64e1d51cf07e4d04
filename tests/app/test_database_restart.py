"""A PostgreSQL restart under a stream of requests: no 500, every failure a 503 with Retry-After, every success
committed and every 503 not, and the service back within seconds.

The test runs a PostgreSQL cluster of its own (initdb in a temporary directory, on a free port), so the shared
server is never touched."""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from review_app import create_app
from review_app.auth.operations import create_api_token
from review_app.extensions import db
from review_app.matters.materials import seed_materials
from review_app.models import Matter
from tests import factories
from tests.conftest import test_config as make_config
from workflows.roles import Role

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
RECOVERY_SECONDS = 10


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*args: str) -> subprocess.CompletedProcess:
    """pg_ctl and initdb refuse to run as root; the machine's postgres user runs them."""
    command = list(args)
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--"] + command
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def own_cluster():
    if not BIN or not shutil.which("runuser"):
        pytest.skip("PostgreSQL server binaries are not installed")
    bin_dir = BIN[-1]
    # Directly under /tmp: pytest's own temporary directories are closed to the postgres user.
    data = Path(tempfile.mkdtemp(prefix="review-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    done = _as_postgres(f"{bin_dir}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
    assert done.returncode == 0, done.stderr
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(data / "server.log")

    def ctl(*args):
        result = _as_postgres(f"{bin_dir}/pg_ctl", "-D", str(data), "-l", log, "-o", options, "-w", *args)
        assert result.returncode == 0, result.stdout + result.stderr
    ctl("start")
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE review")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/review", ctl
    finally:
        _as_postgres(f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)


def test_a_database_restart_under_load_answers_503_and_loses_nothing(own_cluster, tmp_path):
    url, ctl = own_cluster
    app = create_app(make_config(url, tmp_path))
    with app.app_context():
        db.create_all()
        seed_materials(db.session)
        user = factories.user(Role.submitter)
        headers = {"Authorization": f"Bearer {create_api_token(user, 'load')[1]}"}
        db.session.commit()

    results, stop = [], threading.Event()

    def stream():
        client = app.test_client()
        while not stop.is_set():
            title = f"重启测试{uuid.uuid4().hex[:8]}"
            r = client.post("/api/v1/matters", headers=headers, json={"category": "normative_document",
                                                                      "title": title})
            results.append((time.monotonic(), title, r.status_code, r.headers.get("Retry-After"),
                            (r.get_json(silent=True) or {}).get("error", {}).get("message", "")))

    worker = threading.Thread(target=stream)
    worker.start()
    try:
        time.sleep(1.5)
        ctl("stop", "-m", "fast")
        time.sleep(2)
        restarted = time.monotonic()
        ctl("start")
        time.sleep(RECOVERY_SECONDS)
    finally:
        stop.set()
        worker.join(timeout=60)

    statuses = {r[2] for r in results}
    assert 500 not in statuses, [r for r in results if r[2] == 500][:3]
    assert statuses <= {201, 503}, statuses
    failures = [r for r in results if r[2] == 503]
    assert failures, "the stream should have met the database while it was down"
    assert all(r[3] and "数据库暂时无法连接" in r[4] for r in failures)
    recovered = [r for r in results if r[2] == 201 and r[0] > restarted]
    assert recovered, "no request succeeded after the restart"
    assert recovered[0][0] - restarted < RECOVERY_SECONDS
    with app.app_context():
        stored = set(db.session.scalars(sa.select(Matter.title)))
        db.session.remove()
        db.engine.dispose()
    assert {r[1] for r in results if r[2] == 201} <= stored
    assert not ({r[1] for r in failures} & stored)
