"""The working-day calendar, pinned to the State Council's published holiday schedules."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from workflows.calendar import DaySource, WorkingCalendar
from workflows.periods import days, period_end

CAL = WorkingCalendar()


def test_2025_national_day_and_mid_autumn_are_official_holidays():
    # State Council 2025 holiday notice: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are swapped
    # workdays.
    for day in range(1, 9):
        assert CAL.day(date(2025, 10, day)) == (False, DaySource.official)
    assert CAL.day(date(2025, 9, 28)) == (True, DaySource.official)
    assert CAL.day(date(2025, 10, 11)) == (True, DaySource.official)
    assert CAL.is_workday(date(2025, 10, 9))
    assert not CAL.is_workday(date(2025, 10, 12))


def test_2026_national_day_and_spring_festival_as_published():
    # 2026 schedule: Mid-Autumn 09-25..09-27, National Day 10-01..10-07, swapped workdays Sunday 09-20 and
    # Saturday 10-10; Spring Festival 02-15..02-23, swapped workdays Saturdays 02-14 and 02-28.
    september = [CAL.is_workday(date(2026, 9, d)) for d in (20, 25, 26, 27, 28)]
    assert september == [True, False, False, False, True]
    assert not any(CAL.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_workday(date(2026, 10, 8))
    assert CAL.is_workday(date(2026, 10, 10))
    assert not any(CAL.is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert CAL.is_workday(date(2026, 2, 14)) and CAL.is_workday(date(2026, 2, 28))


@pytest.mark.parametrize("start, n, expected", [
    (date(2025, 9, 26), 0, date(2025, 9, 26)),
    (date(2025, 9, 26), 1, date(2025, 9, 28)),   # Saturday off, swapped Sunday counts
    (date(2025, 9, 26), 3, date(2025, 9, 30)),
    (date(2025, 9, 26), 4, date(2025, 10, 9)),   # 10-01..10-08 skipped
    (date(2025, 9, 26), 6, date(2025, 10, 11)),  # the swapped Saturday is a working day
    (date(2025, 9, 26), 7, date(2025, 10, 13)),
    (date(2025, 9, 30), 1, date(2025, 10, 9)),
    (date(2026, 9, 24), 4, date(2026, 10, 8)),   # Mid-Autumn and National Day both skipped
    (date(2026, 9, 24), 6, date(2026, 10, 10)),
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 14), 1, date(2026, 2, 24)),
])
def test_add_working_days_follows_the_official_schedule(start, n, expected):
    assert CAL.add_working_days(start, n) == expected


def test_add_working_days_rejects_negative_counts():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 1, 1), -1)


def test_working_days_between_counts_after_start_up_to_end():
    # 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13
    assert CAL.working_days_between(date(2025, 9, 26), date(2025, 10, 13)) == 7
    assert CAL.working_days_between(date(2025, 10, 1), date(2025, 10, 8)) == 0
    assert CAL.working_days_between(date(2025, 10, 13), date(2025, 10, 13)) == 0
    assert CAL.working_days_between(date(2025, 10, 13), date(2025, 9, 26)) == 0


def test_overrides_beat_official_data():
    cal = WorkingCalendar({date(2025, 10, 8): True, date(2025, 10, 9): False})
    assert cal.day(date(2025, 10, 8)) == (True, DaySource.override)
    assert cal.day(date(2025, 10, 9)) == (False, DaySource.override)
    assert cal.day(date(2025, 10, 10)) == (True, DaySource.official)
    assert cal.add_working_days(date(2025, 9, 30), 2) == date(2025, 10, 10)


def test_unknown_year_falls_back_to_monday_to_friday_with_a_warning():
    assert CAL.day(date(2031, 10, 1)) == (True, DaySource.fallback)  # a Wednesday; really a holiday
    assert CAL.day(date(2031, 10, 4)) == (False, DaySource.fallback)  # a Saturday
    assert CAL.add_working_days(date(2031, 9, 30), 1) == date(2031, 10, 1)
    assert CAL.fallback_years(date(2031, 12, 1), date(2032, 1, 31)) == [2031, 2032]
    assert CAL.fallback_years(date(2025, 1, 1), date(2026, 12, 31)) == []


def test_an_override_for_the_year_removes_the_warning():
    national_day = {date(2031, 10, d): False for d in range(1, 8)}
    cal = WorkingCalendar(national_day)
    assert cal.fallback_years(date(2031, 12, 1), date(2032, 1, 31)) == [2032]
    assert cal.add_working_days(date(2031, 9, 30), 1) == date(2031, 10, 8)
    assert cal.day(date(2031, 10, 8)) == (True, DaySource.fallback)  # unlisted days stay Monday-Friday


@given(start=st.dates(date(2004, 1, 1), date(2033, 12, 31)), n=st.integers(0, 40),
       overrides=st.dictionaries(st.dates(date(2025, 9, 1), date(2025, 11, 30)), st.booleans(), max_size=10))
def test_add_working_days_lands_on_the_nth_working_day(start, n, overrides):
    cal = WorkingCalendar(overrides)
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    if n:
        assert cal.is_workday(end)
        assert cal.working_days_between(start, end - timedelta(days=1)) == n - 1


def test_coercion_law_art_69_short_periods_are_working_days():
    # Art. 69: ten days or less are working days, so 10 days from 2025-09-26 skip the National Day holiday.
    assert period_end(CAL, date(2025, 9, 26), days(10)) == date(2025, 10, 16)
    assert period_end(CAL, date(2025, 9, 26), days(10)) == CAL.add_working_days(date(2025, 9, 26), 10)


def test_coercion_law_art_69_longer_periods_are_calendar_days():
    assert period_end(CAL, date(2025, 9, 26), days(15)) == date(2025, 10, 11)
    assert period_end(CAL, date(2025, 9, 26), days(60)) == date(2025, 11, 25)


def _walk(cal: WorkingCalendar, start: date, end: date) -> int:
    return sum(cal.is_workday(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


@given(start=st.dates(date(2023, 1, 1), date(2029, 12, 31)), span=st.integers(-10, 1500),
       overrides=st.dictionaries(st.dates(date(2023, 1, 1), date(2030, 12, 31)), st.booleans(), max_size=12))
def test_working_days_counted_arithmetically_equal_the_day_by_day_count(start, span, overrides):
    """Across known and unknown (Monday-Friday) years, with overrides either way inside and at the ends."""
    cal = WorkingCalendar(overrides)
    end = start + timedelta(days=span)
    assert cal.working_days_between(start, end) == _walk(cal, start, end)
    for d in list(overrides)[:3]:
        assert cal.working_days_between(d - timedelta(days=1), d) == int(cal.is_workday(d))
