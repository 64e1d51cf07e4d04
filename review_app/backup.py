"""`flask backup DIR` and `flask restore DIR`: a consistent copy of the database, the file store and the audit
checkpoints, and its restoration on an empty machine.

Consistency comes from the order and from what each part is:
1. the audit checkpoints are copied first: each one names a head the database already had, so every copied
   checkpoint is at or before the database copy taken next (a checkpoint written meanwhile is simply not in
   this backup);
2. the database in one snapshot: PostgreSQL by `pg_dump` (one REPEATABLE READ transaction, the sequences
   included, so numbering continues after a restore), SQLite by its online backup API;
3. the file store last: it is content-addressed and written before the row that names a file commits, so
   every file the database copy names is already there (files of later rows come along and are harmless).
A manifest records each file's SHA-256; `flask restore` checks them before it writes anything, and refuses a
database or file store that is not empty. The audit MAC key is not in the backup: keep it apart (README).
"""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from .audit import checkpoints
from .extensions import db

MANIFEST = "manifest.json"
FILES = "files"
CHECKPOINTS = "audit-checkpoints"
PG_DUMP, SQLITE_COPY = "database.dump", "database.sqlite3"


class BackupError(RuntimeError):
    pass


def _libpq_url(url: sa.engine.URL) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} 失败：{done.stderr.strip()[:500]}")


def backup(target: Path) -> dict:
    """Write a backup into the empty or new directory `target`; returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录不是空的：{target}")
    target.mkdir(parents=True, exist_ok=True)
    # 1. audit checkpoints
    (target / CHECKPOINTS).mkdir()
    source = Path(checkpoints.path())
    if source.is_file():
        shutil.copy2(source, target / CHECKPOINTS / source.name)
    # 2. the database, in one snapshot
    url = db.engine.url
    if url.get_backend_name() == "postgresql":
        database = target / PG_DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(database),
              _libpq_url(url)])
    elif url.get_backend_name() == "sqlite":
        database = target / SQLITE_COPY
        with closing(sqlite3.connect(url.database)) as live, closing(sqlite3.connect(database)) as copy:
            live.backup(copy)
    else:
        raise BackupError(f"不支持的数据库：{url.get_backend_name()}")
    # 3. the file store
    store = Path(current_app.config["UPLOAD_DIR"])
    files = target / FILES
    if store.is_dir():
        shutil.copytree(store, files, ignore=shutil.ignore_patterns(".tmp-*"))
    else:
        files.mkdir()
    manifest = {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "database": {"backend": url.get_backend_name(), "file": database.name},
        "files": {str(p.relative_to(target)): _sha256(p) for p in sorted(target.rglob("*"))
                  if p.is_file() and p.name != MANIFEST},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _check(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BackupError(f"备份清单无法读取：{e}") from None
    for name, sha in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != sha:
            raise BackupError(f"备份文件缺失或已损坏：{name}")
    return manifest


def _database_is_empty() -> bool:
    names = sa.inspect(db.engine).get_table_names()
    return all(db.session.scalar(sa.text(f'SELECT count(*) FROM "{name}"')) == 0 for name in names)


def restore(source: Path) -> dict:
    """Restore a backup into an empty database (no tables, or only empty ones) and an empty file store."""
    source = Path(source)
    manifest = _check(source)
    url = db.engine.url
    if manifest["database"]["backend"] != url.get_backend_name():
        raise BackupError(f"备份来自 {manifest['database']['backend']} 数据库，不能恢复到 {url.get_backend_name()}")
    if not _database_is_empty():
        raise BackupError("目标数据库不是空的，未恢复")
    store = Path(current_app.config["UPLOAD_DIR"])
    if store.is_dir() and any(store.iterdir()):
        raise BackupError(f"目标文件存储不是空的：{store}，未恢复")
    checkpoint_file = Path(checkpoints.path())
    if checkpoint_file.is_file() and checkpoint_file.stat().st_size:
        raise BackupError(f"目标检查点文件已存在：{checkpoint_file}，未恢复")
    db.session.remove()
    database = source / manifest["database"]["file"]
    if url.get_backend_name() == "postgresql":
        db.engine.dispose()
        # Tables made by `flask db upgrade` (empty) are replaced by the backup's own.
        _run(["pg_restore", "--no-owner", "--no-acl", "--clean", "--if-exists", "--single-transaction",
              "--exit-on-error", "--dbname", _libpq_url(url), str(database)])
    else:
        db.engine.dispose()
        with closing(sqlite3.connect(database)) as copy, closing(sqlite3.connect(url.database)) as live:
            copy.backup(live)
    shutil.copytree(source / FILES, store, dirs_exist_ok=True)
    if (source / CHECKPOINTS).is_dir():
        checkpoint_file.parent.mkdir(parents=True, exist_ok=True)
        for f in (source / CHECKPOINTS).iterdir():
            shutil.copy2(f, checkpoint_file.parent / f.name)
    os.sync()
    return manifest
