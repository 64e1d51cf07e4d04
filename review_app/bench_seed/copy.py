"""Rows gathered per table and written with PostgreSQL's COPY: a million matters take minutes, not hours.

A `Batch` collects tuples per table and column list (a family may write a table's rows with other columns than
another, e.g. advisers' accounts with their expert_id) and `flush` copies them in the order the schema's
foreign keys need; psycopg's C extension formats the rows. JSON values are passed as text.
"""
from ..extensions import db


def _table_order() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(db.metadata.sorted_tables)}


class Batch:
    """Rows waiting to be copied, per table."""

    def __init__(self):
        self.rows: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}

    def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
        self.rows.setdefault((table, columns), []).append(row)

    def flush(self, conn) -> int:
        """COPY every table's rows (parents first) on the raw psycopg connection; returns the rows written."""
        order = _table_order()
        written = 0
        for table, columns in sorted(self.rows, key=lambda k: order.get(k[0], len(order))):
            rows = self.rows[(table, columns)]
            if not rows:
                continue
            cols = ", ".join(f'"{c}"' for c in columns)
            with conn.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            written += len(rows)
        self.rows = {}
        return written
