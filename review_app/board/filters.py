"""The board's filters (year, quarter, category, department), read the same way by the page, the drill-down
lists, the Excel exports, the summary and the API, and written back into every link."""
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa

from workflows.figures import PeriodKey
from workflows.review import Category

from ..web import enum_or_none, row_id_or_none

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class BoardFilter:
    year: int | None = None        # None: every year
    quarter: int | None = None     # 1-4, only with a year
    category: Category | None = None
    department_id: int | None = None  # the bureau's choice; a department's or town's own is forced (policy)

    @property
    def period(self) -> PeriodKey | None:
        return None if self.year is None else PeriodKey(self.year, self.quarter)

    def within(self, column):
        """`column` (a date) in the chosen period; no condition for every year."""
        p = self.period
        return sa.true() if p is None else column.between(p.first_day, p.last_day)

    def contains(self, d: date | None) -> bool:
        p = self.period
        return d is not None and (p is None or p.contains(d))

    def args(self, **changes) -> dict:
        """The filters as query-string arguments (for links), with `changes` applied."""
        f = replace(self, **changes)
        values = {"year": f.year, "quarter": f.quarter, "category": f.category.value if f.category else None,
                  "department_id": f.department_id}
        return {k: v for k, v in values.items() if v is not None}


def _year(text) -> int | None:
    try:
        year = int(text)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def parse(args) -> BoardFilter:
    """The filters from a query string; a malformed value is ignored rather than an error (the page shows
    what it applied), a quarter without a year means nothing."""
    year = _year(args.get("year"))
    quarter = args.get("quarter", type=int) if year is not None else None
    return BoardFilter(year=year, quarter=quarter if quarter in (1, 2, 3, 4) else None,
                       category=enum_or_none(Category, args.get("category")),
                       department_id=row_id_or_none(args.get("department_id")))
