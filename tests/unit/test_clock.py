"""The review clock: due dates on the official calendar, 补正 pauses, extensions, Decree 713 Art. 26 notice."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from workflows.calendar import WorkingCalendar
from workflows.clock import (DEFAULT_REVIEW_DAYS, MIN_NOTICE_DAYS_MAJOR_DECISION, NORMATIVE_MIN_DAYS,
                             ClockError, Extension, Pause, ReviewClock, too_close_to_decision)
from workflows.review import Category

CAL = WorkingCalendar()
# Decree 713 Art. 26: a major decision gets 7 working days; started on Monday 2025-09-22.
MAJOR = ReviewClock(started=date(2025, 9, 22), period_days=DEFAULT_REVIEW_DAYS["major_decision"])


def test_defaults_cover_every_category_and_respect_the_rules():
    assert set(DEFAULT_REVIEW_DAYS) == {c.value for c in Category}
    assert DEFAULT_REVIEW_DAYS["major_decision"] >= MIN_NOTICE_DAYS_MAJOR_DECISION == 7
    assert NORMATIVE_MIN_DAYS <= DEFAULT_REVIEW_DAYS["normative_document"] <= 15


def test_due_date_counts_the_swapped_sunday():
    # 09-23, 24, 25, 26, 28 (swapped Sunday), 29, 30
    assert MAJOR.due_date(CAL) == date(2025, 9, 30)


def test_supplement_pause_across_national_day_moves_the_due_date():
    # Counted: 09-23, 09-24, 09-25 (the request day still counts). Frozen: 09-26 .. 10-09 (arrival day).
    # Then 10-10, 10-11 (swapped Saturday), 10-13, 10-14.
    clock = MAJOR.pause(date(2025, 9, 25)).resume(date(2025, 10, 9))
    assert clock.pauses == (Pause(date(2025, 9, 25), date(2025, 10, 9)),)
    assert clock.due_date(CAL) == date(2025, 10, 14)
    assert clock.elapsed_working_days(CAL, date(2025, 10, 9)) == 3
    assert clock.remaining(CAL, date(2025, 10, 11)) == 2
    assert clock.remaining(CAL, date(2025, 10, 14)) == 0
    assert not clock.is_overdue(CAL, date(2025, 10, 14))
    assert clock.remaining(CAL, date(2025, 10, 15)) == -1
    assert clock.is_overdue(CAL, date(2025, 10, 15))


def test_paused_clock_has_no_due_date_is_never_overdue_and_does_not_run():
    paused = MAJOR.pause(date(2025, 9, 25))
    assert paused.is_paused and not MAJOR.is_paused
    assert paused.due_date(CAL) is None
    assert paused.remaining(CAL, date(2026, 9, 25)) is None
    assert not paused.is_overdue(CAL, date(2026, 9, 25))
    assert paused.elapsed_working_days(CAL, date(2025, 9, 25)) == 3
    assert paused.elapsed_working_days(CAL, date(2025, 10, 20)) == 3


def test_same_day_supplement_freezes_nothing():
    day = date(2025, 9, 25)
    assert MAJOR.pause(day).resume(day).due_date(CAL) == MAJOR.due_date(CAL)


def test_two_pauses_both_count():
    clock = (MAJOR.pause(date(2025, 9, 23)).resume(date(2025, 9, 25))     # freezes 09-24, 09-25
             .pause(date(2025, 9, 29)).resume(date(2025, 9, 30)))         # freezes 09-30
    # Counted: 09-23, 09-26, 09-28, 09-29, then 10-09, 10-10, 10-11.
    assert clock.due_date(CAL) == date(2025, 10, 11)


def test_pause_and_resume_errors():
    paused = MAJOR.pause(date(2025, 9, 25))
    with pytest.raises(ClockError, match="已在补正中"):
        paused.pause(date(2025, 9, 26))
    with pytest.raises(ClockError, match="未处于补正状态"):
        MAJOR.resume(date(2025, 9, 26))
    with pytest.raises(ClockError, match="恢复计时日期不能早于补正开始日期"):
        paused.resume(date(2025, 9, 24))
    with pytest.raises(ClockError, match="不能早于开始计时日期"):
        MAJOR.pause(date(2025, 9, 21))
    with pytest.raises(ClockError, match="不能早于上一次补正结束日期"):
        paused.resume(date(2025, 9, 29)).pause(date(2025, 9, 28))
    assert issubclass(ClockError, ValueError)


def test_extension_adds_working_days_and_needs_a_reason():
    extended = ReviewClock(MAJOR.started, MAJOR.period_days, extensions=(Extension(3, "需组织法律顾问论证"),))
    assert extended.due_date(CAL) == date(2025, 10, 11)  # 09-30 + 10-09, 10-10, 10-11
    for reason in ("", "   "):
        with pytest.raises(ValueError, match="延期必须说明理由"):
            Extension(3, reason)
    with pytest.raises(ValueError):
        Extension(0, "理由")


def test_overdue_from_the_day_after_a_friday_due_date():
    clock = ReviewClock(date(2025, 11, 7), 5)  # due Friday 2025-11-14
    assert clock.due_date(CAL) == date(2025, 11, 14)
    saturday = date(2025, 11, 15)
    assert clock.remaining(CAL, saturday) == 0
    assert clock.is_overdue(CAL, saturday)


def test_too_close_to_decision_across_2026_spring_festival():
    # Decree 713 Art. 26. From 02-11: 02-12, 02-13, 02-14 (swapped Saturday), 02-24, 02-25, 02-26, 02-27.
    submitted = date(2026, 2, 11)
    assert too_close_to_decision(CAL, submitted, date(2026, 2, 26))  # 15 calendar days, only 6 working days
    assert not too_close_to_decision(CAL, submitted, date(2026, 2, 27))


def test_too_close_to_decision_across_2026_national_day():
    # From 09-24: 09-28, 09-29, 09-30, 10-08, 10-09, 10-10 (swapped Saturday), 10-12.
    submitted = date(2026, 9, 24)
    assert too_close_to_decision(CAL, submitted, date(2026, 10, 9))
    assert too_close_to_decision(CAL, submitted, date(2026, 10, 10))
    assert not too_close_to_decision(CAL, submitted, date(2026, 10, 12))
    assert not too_close_to_decision(CAL, submitted, None)
    assert not too_close_to_decision(CAL, submitted, date(2026, 10, 9), minimum=5)


@given(started=st.dates(date(2025, 1, 1), date(2026, 12, 31)), period=st.integers(0, 20),
       pause_after=st.integers(0, 30), pause_days=st.integers(0, 30))
def test_due_date_is_where_remaining_reaches_zero(started, period, pause_after, pause_days):
    plain = ReviewClock(started, period)
    pause_start = date.fromordinal(started.toordinal() + pause_after)
    clock = plain.pause(pause_start).resume(date.fromordinal(pause_start.toordinal() + pause_days))
    due = clock.due_date(CAL)
    assert due >= plain.due_date(CAL)
    assert clock.remaining(CAL, due) == 0
    assert not clock.is_overdue(CAL, due)


def _walked_elapsed(clock: ReviewClock, cal: WorkingCalendar, today: date) -> int:
    from datetime import timedelta
    return sum(cal.is_workday(d) and not any(p.freezes(d) for p in clock.pauses)
               for d in (clock.started + timedelta(days=i)
                         for i in range(1, (today - clock.started).days + 1)))


@given(started=st.dates(date(2024, 1, 1), date(2027, 6, 30)), days=st.integers(0, 900),
       pauses=st.lists(st.tuples(st.integers(-5, 400), st.one_of(st.none(), st.integers(0, 60))), max_size=4))
def test_elapsed_days_counted_by_ranges_equal_the_day_by_day_count(started, days, pauses):
    """Pauses of any kind, overlapping, open, starting before the clock or after today: the counted days are
    the working days no pause freezes, whatever way they are counted."""
    from datetime import timedelta
    clock = ReviewClock(started, 7, tuple(
        Pause(started + timedelta(days=a), None if n is None else started + timedelta(days=a + n))
        for a, n in pauses))
    today = started + timedelta(days=days)
    assert clock.elapsed_working_days(CAL, today) == _walked_elapsed(clock, CAL, today)


@given(started=st.dates(date(2024, 1, 1), date(2027, 6, 30)), period=st.integers(0, 20),
       extra=st.lists(st.integers(1, 5), max_size=2), days=st.integers(-3, 120),
       pauses=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=3), still_paused=st.booleans())
def test_in_time_answers_as_the_due_date_does(started, period, extra, days, pauses, still_paused):
    """Around weekends, holidays, pauses (one after another, the last perhaps still open, as pause() and
    resume() make them) and extensions: a day is in time exactly when it is not after the due date, and
    never while the clock is paused."""
    from datetime import timedelta
    from workflows.clock import Extension
    clock, cursor = ReviewClock(started, period, (), tuple(Extension(e, "延期理由") for e in extra)), started
    for gap, length in pauses:
        clock = clock.pause(cursor + timedelta(days=gap))
        cursor = cursor + timedelta(days=gap + length)
        clock = clock.resume(cursor)
    if still_paused:
        clock = clock.pause(cursor + timedelta(days=1))
    day = started + timedelta(days=days)
    due = clock.due_date(CAL)
    assert clock.in_time(CAL, day) == (due is not None and day <= due)


def test_issued_on_the_saturday_after_a_friday_due_date_is_late():
    clock = ReviewClock(date(2026, 11, 20), 5)  # a Friday; five working days end on Friday the 27th
    assert clock.due_date(CAL) == date(2026, 11, 27)
    assert clock.in_time(CAL, date(2026, 11, 27)) and not clock.in_time(CAL, date(2026, 11, 28))
