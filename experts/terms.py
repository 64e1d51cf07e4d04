"""Terms of engagement (聘期) of legal advisers.

中办发〔2016〕30号 and local rules: a term runs 1 to 3 years, and an expert outside its term is never assigned.
`add_years` lives in experts.verify_draw, which must hold every rule a draw applies (the conflict look-back uses
it too).
"""
from datetime import date, timedelta

from experts.verify_draw import add_years

__all__ = ["MAX_TERM_YEARS", "MIN_TERM_YEARS", "add_years", "in_term", "term_is_valid"]

MIN_TERM_YEARS = 1
MAX_TERM_YEARS = 3


def term_is_valid(start: date, end: date) -> bool:
    """One to three years, `end` being the term's last day: 2025-01-01 to 2025-12-31 is one year."""
    after_end = end + timedelta(days=1)
    return add_years(start, MIN_TERM_YEARS) <= after_end <= add_years(start, MAX_TERM_YEARS)


def in_term(start: date, end: date, day: date) -> bool:
    return start <= day <= end
