"""Statutory periods (workflows.periods): the event day is not counted, ten days or less are working days,
longer periods roll over a rest-day end, months end on the same date (Civil Procedure Law Art. 85; Coercion Law
Art. 69; Reconsideration Law Art. 88; Administrative Litigation Law Art. 101)."""
from datetime import date, timedelta

from hypothesis import given, strategies as st

from workflows.calendar import WorkingCalendar
from workflows.periods import Period, Unit, add_months, days, has_run, months, period_end, years

CAL = WorkingCalendar()


def test_fifteen_days_ending_in_the_2026_national_day_holiday_roll_over_to_the_first_working_day():
    # 15 days from 2026-09-16 fall on 2026-10-01, inside the 1-7 October holiday: the period ends on 10-08.
    assert date(2026, 9, 16) + timedelta(days=15) == date(2026, 10, 1)
    assert period_end(CAL, date(2026, 9, 16), days(15)) == date(2026, 10, 8)


def test_a_longer_period_ending_on_a_swapped_workday_does_not_roll_over():
    # 2025-10-11 was a Saturday worked in lieu of the holiday (调休).
    assert period_end(CAL, date(2025, 9, 26), days(15)) == date(2025, 10, 11)


def test_a_longer_period_ending_on_a_plain_weekend_ends_on_monday():
    # 2026-11-07 is a Saturday.
    assert period_end(CAL, date(2026, 10, 23), days(15)) == date(2026, 11, 9)


def test_ten_days_or_less_are_working_days():
    # Coercion Law Art. 69 / Reconsideration Law Art. 88: 10 days from 2026-09-28 skip the National Day week.
    assert days(10).unit is Unit.working_days and days(11).unit is Unit.days
    assert period_end(CAL, date(2026, 9, 28), days(10)) == date(2026, 10, 16)
    assert period_end(CAL, date(2026, 9, 28), days(5)) == date(2026, 10, 10)  # a swapped Saturday workday


def test_sixty_days_and_six_months():
    assert period_end(CAL, date(2026, 1, 5), days(60)) == date(2026, 3, 6)
    # Six months from 2026-03-31 end on 2026-09-30 (September has no 31st), a Wednesday and a working day.
    assert period_end(CAL, date(2026, 3, 31), months(6)) == date(2026, 9, 30)
    # Six months from 2026-04-01: 2026-10-01 is National Day, so the period ends on 2026-10-08.
    assert period_end(CAL, date(2026, 4, 1), months(6)) == date(2026, 10, 8)


def test_one_year_from_a_leap_day():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert period_end(CAL, date(2025, 3, 3), years(1)) == date(2026, 3, 3)


def test_has_run_only_after_the_last_day():
    end = period_end(CAL, date(2026, 9, 16), days(15))
    assert not has_run(CAL, date(2026, 9, 16), days(15), end)
    assert has_run(CAL, date(2026, 9, 16), days(15), end + timedelta(days=1))


def test_a_negative_period_is_refused():
    try:
        Period(-1, Unit.days)
    except ValueError:
        return
    raise AssertionError("a negative period was accepted")


@given(st.dates(date(2005, 1, 1), date(2026, 12, 1)), st.integers(11, 400))
def test_a_longer_period_always_ends_on_a_working_day_no_earlier_than_the_calendar_count(start, n):
    end = period_end(CAL, start, days(n))
    assert CAL.is_workday(end)
    assert end >= start + timedelta(days=n)
    # Every day skipped past the calendar count was a rest day.
    d = start + timedelta(days=n)
    while d < end:
        assert not CAL.is_workday(d)
        d += timedelta(days=1)


@given(st.dates(date(2005, 1, 1), date(2026, 11, 1)), st.integers(0, 10))
def test_a_short_period_counts_exactly_n_working_days(start, n):
    end = period_end(CAL, start, days(n))
    assert CAL.working_days_between(start, end) == n
