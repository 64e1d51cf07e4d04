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


def timestamp(**kw) -> sa.Column:
    return sa.Column(sa.DateTime(timezone=True), default=utcnow, **kw)
