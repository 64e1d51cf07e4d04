"""Statutory periods (期间): when a period that begins on an event ends.

One rule for every law the service applies:
- the day of the triggering event is not counted (Civil Procedure Law Art. 85, 2023 revision (verify the number
  in the current text): 期间开始的时和日，不计算在期间内);
- short periods written as 3, 5, 7 or 10 days, and any period of ten days or less, are working days excluding
  statutory holidays (Administrative Coercion Law Art. 69; Administrative Reconsideration Law Art. 88);
- a longer period counts calendar days, months or years; a month ends on the same date of the later month (the
  last day of that month when it has no such date);
- when the last day of a longer period is a rest day (a statutory holiday or a weekend that is not a swapped
  workday), the period ends on the first working day after it (Civil Procedure Law Art. 85, applied to
  litigation by Administrative Litigation Law Art. 101 and to reconsideration by Reconsideration Law Art. 88).
"""
from __future__ import annotations

import calendar as _month_lengths
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from workflows.calendar import WorkingCalendar

SHORT_PERIOD_MAX_DAYS = 10  # Coercion Law Art. 69, Reconsideration Law Art. 88


class Unit(str, Enum):
    working_days = "working_days"
    days = "days"
    months = "months"
    years = "years"


@dataclass(frozen=True)
class Period:
    n: int
    unit: Unit
    article: str = ""  # the provision that sets the period, shown beside every date computed from it

    def __post_init__(self):
        if self.n < 0:
            raise ValueError("期间不能为负数")

    def end(self, cal: WorkingCalendar, start: date) -> date:
        return period_end(cal, start, self)


def days(n: int, article: str = "") -> Period:
    """A period the law writes as "n 日": working days up to ten days, calendar days beyond."""
    return Period(n, Unit.working_days if n <= SHORT_PERIOD_MAX_DAYS else Unit.days, article)


def months(n: int, article: str = "") -> Period:
    return Period(n, Unit.months, article)


def years(n: int, article: str = "") -> Period:
    return Period(n, Unit.years, article)


def add_months(start: date, n: int) -> date:
    """The same date n months later, or the last day of that month when it is shorter."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _month_lengths.monthrange(year, month)[1]))


def roll_over_rest_days(cal: WorkingCalendar, last: date) -> date:
    """A longer period whose last day is a rest day ends on the first working day after it."""
    while not cal.is_workday(last):
        last += timedelta(days=1)
    return last


def period_end(cal: WorkingCalendar, start: date, period: Period) -> date:
    """The last day of `period` beginning with the event on `start` (that day itself not counted)."""
    if period.unit is Unit.working_days:
        return cal.add_working_days(start, period.n)
    if period.unit is Unit.days:
        last = start + timedelta(days=period.n)
    elif period.unit is Unit.months:
        last = add_months(start, period.n)
    else:
        last = add_months(start, 12 * period.n)
    return roll_over_rest_days(cal, last)


def has_run(cal: WorkingCalendar, start: date, period: Period, today: date) -> bool:
    """True once the whole period has passed: from the day after its last day."""
    return today > period_end(cal, start, period)
