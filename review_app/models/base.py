"""Column helpers shared by every model."""
from datetime import datetime, timezone
from enum import Enum

import sqlalchemy as sa


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def enum_column(enum_cls: type[Enum], name: str, **kw) -> sa.Column:
    """A string column restricted to the enum's values by a named CHECK constraint."""
    return sa.Column(
        sa.Enum(enum_cls, name=name, native_enum=False, create_constraint=True, length=32,
                values_callable=lambda e: [m.value for m in e], validate_strings=True),
        **kw,
    )


def insert_if_missing(session, model, key: str, **values) -> None:
    """INSERT … ON CONFLICT DO NOTHING on `key`: when several transactions create the same row at once,
    one inserts it and the others wait for its commit instead of failing (PostgreSQL and SQLite)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=[key]))


def timestamp(**kw) -> sa.Column:
    return sa.Column(sa.DateTime(timezone=True), default=utcnow, **kw)
