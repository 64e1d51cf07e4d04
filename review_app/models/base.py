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


def timestamp(**kw) -> sa.Column:
    return sa.Column(sa.DateTime(timezone=True), default=utcnow, **kw)
