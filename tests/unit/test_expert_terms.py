"""Terms of engagement of legal advisers: 1 to 3 years (中办发〔2016〕30号)."""
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from experts.terms import add_years, in_term, term_is_valid


def test_one_to_three_years_counted_to_the_last_day():
    start = date(2025, 1, 1)
    assert term_is_valid(start, date(2025, 12, 31))      # exactly one year
    assert term_is_valid(start, date(2027, 12, 31))      # exactly three years
    assert not term_is_valid(start, date(2025, 12, 30))  # a day short of a year
    assert not term_is_valid(start, date(2028, 1, 1))    # a day over three years
    assert not term_is_valid(start, start)


def test_leap_day_start():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert term_is_valid(date(2024, 2, 29), date(2025, 2, 27))


def test_in_term_includes_both_ends():
    assert in_term(date(2025, 1, 1), date(2027, 12, 31), date(2027, 12, 31))
    assert not in_term(date(2025, 1, 1), date(2027, 12, 31), date(2028, 1, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_boundaries_hold_for_every_start_date(start):
    day = timedelta(days=1)
    one, three = add_years(start, 1) - day, add_years(start, 3) - day  # last days of 1- and 3-year terms
    assert term_is_valid(start, one) and term_is_valid(start, three)
    assert not term_is_valid(start, one - day) and not term_is_valid(start, three + day)
