"""Rows gathered per table and written with PostgreSQL's COPY: a million matters take minutes, not hours.

A `Batch` collects tuples per table (columns named once per table) and `flush` copies them in the order the
schema's foreign keys need; psycopg's C extension formats the rows. JSON values are passed as text.
"""
from ..extensions import db


def _table_order() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(db.metadata.sorted_tables)}


class Batch:
    """Rows waiting to be copied, per table."""

    def __init__(self):
        self.columns: dict[str, tuple[str, ...]] = {}
        self.rows: dict[str, list[tuple]] = {}

    def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
        if table not in self.columns:
            self.columns[table] = columns
            self.rows[table] = []
        self.rows[table].append(row)

    def flush(self, conn) -> int:
        """COPY every table's rows (parents first) on the raw psycopg connection; returns the rows written."""
        order = _table_order()
        written = 0
        for table in sorted(self.rows, key=lambda t: order.get(t, len(order))):
            rows = self.rows[table]
            if not rows:
                continue
            cols = ", ".join(f'"{c}"' for c in self.columns[table])
            with conn.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            written += len(rows)
        self.rows = {t: [] for t in self.rows}
        return written
