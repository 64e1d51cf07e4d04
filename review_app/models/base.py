"""Column helpers shared by every model."""
from datetime import datetime, timezone
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def aware(at: datetime) -> datetime:
    """A stored timestamp with its time zone: SQLite hands back naive UTC datetimes, PostgreSQL aware ones."""
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def enum_column(enum_cls: type[Enum], name: str, **kw) -> sa.Column:
    """A string column restricted to the enum's values by a named CHECK constraint."""
    return sa.Column(
        sa.Enum(enum_cls, name=name, native_enum=False, create_constraint=True, length=32,
                values_callable=lambda e: [m.value for m in e], validate_strings=True),
        **kw,
    )


def insert_if_missing(session, model, key: str | list[str], **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on `key`: when several transactions create the same row at once,
    one inserts it and the others wait for its commit instead of failing (PostgreSQL and SQLite). True when
    this call inserted the row."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    keys = [key] if isinstance(key, str) else key
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)
    # RETURNING tells whether a row went in (psycopg reports no rowcount for this statement).
    return session.execute(statement.returning(*model.__table__.primary_key.columns)).first() is not None


def insert_missing(session, model, key: list[str], rows: list[dict], *returning) -> list:
    """`insert_if_missing` for many rows with the same columns (a sweep's thousands); returns `returning` of
    the rows that went in. On PostgreSQL the rows are COPYed into a temporary table and inserted from there
    with one statement, those whose `key` is already stored left out; elsewhere one statement, executed for
    each row."""
    if not rows:
        return []
    table = model.__table__
    if session.get_bind().dialect.name != "postgresql":
        statement = sqlite_insert(table).on_conflict_do_nothing(index_elements=key).returning(*returning)
        return session.connection().execute(statement, rows).all()
    columns = ", ".join(rows[0])
    staged = f"staged_{table.name}"
    session.execute(sa.text(f"DROP TABLE IF EXISTS {staged}"))
    session.execute(sa.text(f"CREATE TEMP TABLE {staged} ON COMMIT DROP AS SELECT {columns} FROM {table.name} "
                            f"WITH NO DATA"))
    with session.connection().connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {staged} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([v.value if isinstance(v, Enum) else v for v in row.values()])
    stored = " AND ".join(f"t.{k} = s.{k}" for k in key)
    return session.execute(sa.text(
        f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {staged} s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table.name} t WHERE {stored}) "
        f"ON CONFLICT ({', '.join(key)}) DO NOTHING RETURNING {', '.join(c.name for c in returning)}")).all()


def timestamp(**kw) -> sa.Column:
    return sa.Column(sa.DateTime(timezone=True), default=utcnow, **kw)
