"""Numbered letters: gap-free numbers per district and year, and the GB/T 9704 document number text.

The opinion (合法性审核意见书, counter OpinionCounter) and the supervision letter (法治督察函, counter
NumberCounter series "supervision") are numbered the same way.
"""
import sqlalchemy as sa

from .extensions import db
from .models.base import insert_if_missing


def next_number(counter, **key) -> int:
    """The next number of the series the counter row `key` names (e.g. district_id=1, year=2026), unique and
    gap-free: the row is created when missing, then locked until this transaction ends, and a rolled-back
    issue rolls its number back with it."""
    insert_if_missing(db.session, counter, list(key), **key, last=0)
    row = db.session.execute(sa.select(counter).filter_by(**key).with_for_update()).scalar_one()
    row.last += 1
    db.session.flush()
    return row.last


def number_text(prefix: str, year: int, number: int | None) -> str:
    """e.g. 示司审〔2026〕12号 (GB/T 9704 document number with the body's prefix); a blank number while
    the letter is still a draft."""
    return f"{prefix}〔{year}〕{number if number is not None else '　'}号"
