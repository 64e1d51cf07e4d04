"""SQLite as the demo's database, made safe for several processes writing at once.

In WAL mode readers never block writers. A request that changes data (POST …) begins with
`BEGIN IMMEDIATE`, taking the write lock before it reads, so concurrent changes queue (up to the busy
timeout) and always read fresh rows (the audit chain's head, opinion numbers). Reading requests, tests and
jobs keep SQLite's lazy transactions so they never wait for a writer. Foreign keys are enforced, as in
PostgreSQL.
"""
import sqlite3

import sqlalchemy as sa
from flask import has_request_context, request

BUSY_TIMEOUT_MS = 30_000
READING = ("GET", "HEAD", "OPTIONS")


@sa.event.listens_for(sa.engine.Engine, "connect")
def _configure(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below issues BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


@sa.event.listens_for(sa.engine.Engine, "begin")
def _begin(connection):
    if connection.dialect.name != "sqlite":
        return
    writing = has_request_context() and request.method not in READING
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
