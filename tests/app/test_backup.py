"""`flask backup` taken while requests keep writing, `flask restore` into an empty database and file store of
its own: the rows and files as they were at the snapshot, both verify commands pass, numbering continues."""
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from review_app import create_app
from review_app.extensions import db
from review_app.models import AuditEvent, Matter, Opinion, User
from tests import pipeline
from tests import conftest
from workflows.review import Status

pytestmark = pytest.mark.commits


def snapshot(app) -> dict[str, dict]:
    """Every row of every table, by primary key."""
    with app.app_context():
        rows = {}
        for table in db.metadata.sorted_tables:
            key = [c.name for c in table.primary_key.columns]
            rows[table.name] = {tuple(r[k] for k in key): dict(r)
                                for r in db.session.execute(sa.select(table)).mappings()}
        db.session.remove()
        return rows


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def empty_target(backend, tmp_path):
    """An empty database of the restore's own (and its URL)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path}/restored.sqlite3"
        return
    name = f"review_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(conftest.PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield sa.engine.make_url(conftest.PG_ADMIN_URL).set(drivername="postgresql+psycopg", database=name) \
        .render_as_string(hide_password=False)
    with psycopg.connect(conftest.PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_under_load_restores_identical_rows_and_files(app, runner, empty_target, tmp_path):
    with app.test_request_context():
        c = pipeline.cast()
        issued = pipeline.drive(c, Status.issued)  # opinion number 1
        ids = (c.submitter.id, c.head.id, c.officer.id, c.reviewer.id, c.director.id, issued.id)
    assert runner.invoke(args=["audit", "checkpoint"]).exit_code == 0
    before = snapshot(app)

    stop, written, errors = threading.Event(), [], []

    def stream():
        """Requests keep coming: departments create matters with their materials (rows, files, audit)."""
        while not stop.is_set():
            try:
                with app.test_request_context():
                    written.append(pipeline.drive(pipeline.Cast(*[db.session.get(User, i)
                                                                  for i in ids[:5]], None), Status.draft).id)
            except Exception as e:  # noqa: BLE001
                errors.append(e)
                return

    writer = threading.Thread(target=stream)
    writer.start()
    try:
        while len(written) < 2 and not errors:
            stop.wait(0.1)
        result = runner.invoke(args=["backup", str(tmp_path / "backup")])
        during = len(written)
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors and result.exit_code == 0, result.output
    assert len(written) > 2  # requests were still writing while the backup was taken (and after)
    source, source_files = snapshot(app), files(Path(app.config["UPLOAD_DIR"]))

    restored_dir = tmp_path / "restored"
    restored_app = create_app({**conftest.test_config(empty_target, restored_dir), "REDIS_URL": None})
    restored_runner = restored_app.test_cli_runner()
    result = restored_runner.invoke(args=["restore", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    restored = snapshot(restored_app)

    # Every row is identical to the source's; the source only has rows written after the snapshot (and the
    # audit chain's head has moved on: `flask audit verify` below checks the restored one).
    moved = {"audit_head"}
    for table, rows in restored.items():
        if table not in moved:
            assert all(source[table].get(pk) == row for pk, row in rows.items()), table
    for table in source:
        if source[table] == before[table]:  # not written by the stream: all of it
            assert restored[table] == source[table], table
    matters = {pk[0] for pk in restored["matters"]}
    assert issued.id in matters and 2 <= len(matters & set(written)) <= during + 1
    # Every file is identical, and every file a restored row names is there.
    restored_files = files(Path(restored_app.config["UPLOAD_DIR"]))
    assert all(source_files[name] == data for name, data in restored_files.items())
    assert restored_runner.invoke(args=["files", "verify"]).exit_code == 0
    verified = restored_runner.invoke(args=["audit", "verify"])
    assert verified.exit_code == 0 and "核对检查点 1 个" in verified.output, verified.output

    # Numbering continues: the next opinion issued after the restore is number 2.
    with restored_app.test_request_context():
        c2 = pipeline.Cast(*[db.session.get(User, i) for i in ids[:5]], None)
        following = pipeline.drive(c2, Status.issued)
        numbers = sorted(db.session.scalars(sa.select(Opinion.number).where(Opinion.number.is_not(None))))
        assert numbers == [1, 2] and following.opinion.number == 2
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Matter)) == len(matters) + 1
        last_restored = max(pk[0] for pk in restored["audit_events"])
        assert db.session.scalar(sa.select(sa.func.max(AuditEvent.id))) > last_restored
        db.session.remove()


def test_restore_refuses_a_database_that_is_not_empty(app, runner, tmp_path):
    with app.test_request_context():
        pipeline.drive(pipeline.cast(), Status.draft)
    assert runner.invoke(args=["backup", str(tmp_path / "backup")]).exit_code == 0
    result = runner.invoke(args=["restore", str(tmp_path / "backup")])
    assert result.exit_code == 1 and "目标数据库不是空的，未恢复" in result.output


def test_a_damaged_backup_is_refused_before_anything_is_written(app, runner, tmp_path, empty_target):
    with app.test_request_context():
        pipeline.drive(pipeline.cast(), Status.draft)
    assert runner.invoke(args=["backup", str(tmp_path / "backup")]).exit_code == 0
    some_file = next(p for p in (tmp_path / "backup" / "files").rglob("*") if p.is_file())
    some_file.write_bytes(b"damaged")
    config = conftest.test_config(empty_target, tmp_path / "restored")
    restored_app = create_app({**config, "REDIS_URL": None})
    result = restored_app.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
    assert result.exit_code == 1 and "备份文件缺失或已损坏" in result.output
    assert not (tmp_path / "restored" / "files").exists()


def test_files_verify_also_checks_the_demolition_ledger_s_files(app, runner, monkeypatch):
    from review_app.documents.service import blob_store
    from review_app.models import DemolitionDocument
    from tests import ledger
    from datetime import date
    for w in ledger.world(app, monkeypatch, date(2026, 9, 10)):
        ledger.case(w.town, steps=1)
        db.session.commit()
        sha = db.session.scalar(sa.select(DemolitionDocument.sha256))
        blob_store().path(sha).unlink()
    result = runner.invoke(args=["files", "verify"])
    assert result.exit_code == 1 and f"文件缺失：{sha}" in result.output
