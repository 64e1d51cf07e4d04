"""The official working-day calendar used by every statutory deadline.

Deadlines count working days on the State Council's calendar, swapped workdays (调休) included. Three sources
answer "is this a working day", in order: the administrator's override table, the `chinese_calendar` package
(which knows 2004-2026 and raises NotImplementedError for other years), and a Monday-Friday guess that the UI
must flag as unconfirmed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

import chinese_calendar

FALLBACK_WARNING = "该年度节假日安排未录入，按周一至周五计算"


class DaySource(str, Enum):
    override = "override"
    official = "official"
    fallback = "fallback"


def _officially_known(year: int) -> bool:
    # chinese_calendar publishes whole years, so probing one day tells whether the year is known.
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class WorkingCalendar:
    """`overrides` maps a day to True (working day) or False (holiday); it fills years the package does not
    know yet and may correct years it does."""

    overrides: Mapping[date, bool] = field(default_factory=dict)

    def day(self, d: date) -> tuple[bool, DaySource]:
        if d in self.overrides:
            return self.overrides[d], DaySource.override
        try:
            return chinese_calendar.is_workday(d), DaySource.official
        except NotImplementedError:
            return d.weekday() < 5, DaySource.fallback

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
        """Working days d with start < d <= end (0 when end is not after start)."""
        return sum(self.is_workday(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))

    def fallback_years(self, start: date, end: date) -> list[int]:
        """Years in [start, end] answered by the Monday-Friday guess and not entered by the administrator.

        Any override in a year counts as "entered": the administrator types only the holidays and swapped
        workdays, every other day of that year is then correctly Monday-Friday.
        """
        entered = {d.year for d in self.overrides}
        return [y for y in range(start.year, end.year + 1) if y not in entered and not _officially_known(y)]

