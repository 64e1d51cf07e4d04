"""The official working-day calendar used by every statutory deadline.

Deadlines count working days on the State Council's calendar, swapped workdays (调休) included. Three sources
answer "is this a working day", in order: the administrator's override table, the `chinese_calendar` package
(which knows 2004-2026 and raises NotImplementedError for other years), and a Monday-Friday guess that the UI
must flag as unconfirmed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache

import chinese_calendar

FALLBACK_WARNING = "该年度节假日安排未录入，按周一至周五计算"


class DaySource(str, Enum):
    override = "override"
    official = "official"
    fallback = "fallback"


def _officially_known(year: int) -> bool:
    return _official_year(year) is not None


@lru_cache(maxsize=None)
def _official_year(year: int) -> tuple[bool, ...] | None:
    """Each day of the year (by ordinal from 1 January) as chinese_calendar answers it, or None for a year it
    does not know. Asked once per year: the package checks its arguments on every call, about 60 µs each."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))  # it publishes whole years: one day tells
    except NotImplementedError:
        return None
    first = date(year, 1, 1)
    return tuple(chinese_calendar.is_workday(first + timedelta(days=i))
                 for i in range((date(year + 1, 1, 1) - first).days))


@lru_cache(maxsize=None)
def _base_cumulative(year: int) -> tuple[int, ...]:
    """Working days of the year without overrides, counted from 1 January through each day (inclusive)."""
    days = _official_year(year)
    first = date(year, 1, 1)
    if days is None:
        days = [(first + timedelta(days=i)).weekday() < 5 for i in range((date(year + 1, 1, 1) - first).days)]
    total, out = 0, []
    for workday in days:
        total += workday
        out.append(total)
    return tuple(out)


def _base_through(d: date) -> int:
    """Working days (no overrides) from 1 January of d's year through d."""
    return _base_cumulative(d.year)[d.timetuple().tm_yday - 1]


def _base_is_workday(d: date) -> bool:
    days = _official_year(d.year)
    return days[d.timetuple().tm_yday - 1] if days is not None else d.weekday() < 5


@dataclass(frozen=True)
class WorkingCalendar:
    """`overrides` maps a day to True (working day) or False (holiday); it fills years the package does not
    know yet and may correct years it does."""

    overrides: Mapping[date, bool] = field(default_factory=dict)

    def __post_init__(self):
        # The override days in order: a range's corrections are found by bisection (working_days_between).
        object.__setattr__(self, "_override_days", sorted(self.overrides))

    def day(self, d: date) -> tuple[bool, DaySource]:
        if d in self.overrides:
            return self.overrides[d], DaySource.override
        days = _official_year(d.year)
        if days is None:
            return d.weekday() < 5, DaySource.fallback
        return days[d.timetuple().tm_yday - 1], DaySource.official

    def is_workday(self, d: date) -> bool:
        return self.day(d)[0]

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start`: the day a period of "n working days" ends.

        The start day itself is never counted, as with every statutory period that begins on an event.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数")
        d = start
        while n:
            d += timedelta(days=1)
            if self.is_workday(d):
                n -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 when end is not after start).

        Counted arithmetically, not day by day: per-year running totals of the official (or Monday-Friday)
        calendar, corrected for the override days in the range. A matter page counts years of days so."""
        if end <= start:
            return 0
        total = _base_through(end) - _base_through(start)
        for year in range(start.year, end.year):
            total += _base_cumulative(year)[-1]
        days = self._override_days
        for d in days[bisect_right(days, start):bisect_right(days, end)]:
            total += self.overrides[d] - _base_is_workday(d)
        return total

    def fallback_years(self, start: date, end: date) -> list[int]:
        """Years in [start, end] answered by the Monday-Friday guess and not entered by the administrator.

        Any override in a year counts as "entered": the administrator types only the holidays and swapped
        workdays, every other day of that year is then correctly Monday-Friday.
        """
        entered = {d.year for d in self.overrides}
        return [y for y in range(start.year, end.year + 1) if y not in entered and not _officially_known(y)]

