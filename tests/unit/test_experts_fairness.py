"""Fairness: assignments received against an even share, Σ wanted/|eligible| over the draws a member was
eligible in."""
from fractions import Fraction

from experts.draw import designate, draw
from experts.fairness import DrawShare, fairness
from experts.verify_draw import MemberStatus, RecordKind
from tests.unit.experts_factories import SEED, member, request


def test_expected_share_and_differences_on_a_known_period():
    draws = [DrawShare(frozenset({1, 2, 3, 4}), 1), DrawShare(frozenset({1, 2}), 1),
             DrawShare(frozenset({2, 3}), 2), None]
    report = fairness(draws, {1: 0, 2: 3, 3: 1, 9: 1})
    rows = {r.member_id: (r.eligible_in, r.received, r.expected, r.difference) for r in report.rows}
    assert rows == {1: (2, 0, Fraction(3, 4), Fraction(-3, 4)),
                    2: (3, 3, Fraction(7, 4), Fraction(5, 4)),
                    3: (2, 1, Fraction(5, 4), Fraction(-1, 4)),
                    4: (1, 0, Fraction(1, 4), Fraction(-1, 4)),
                    9: (0, 1, Fraction(0), Fraction(1))}  # designated only: no share, one assignment
    assert sum(r.expected for r in report.rows) == 4  # every pick is shared out
    assert (report.max_deviation, report.most_over, report.most_under) == (Fraction(5, 4), 2, 1)


def test_an_empty_period():
    report = fairness([], {})
    assert (report.rows, report.max_deviation, report.most_over, report.most_under) == ((), 0, None, None)


def test_shares_come_from_random_draws_that_picked():
    pool = [member(1), member(2), member(3), member(4, status=MemberStatus.suspended)]
    made = draw(request(), pool, [], [], seed=SEED)
    assert DrawShare.of(made) == DrawShare(frozenset({1, 2, 3}), 1)
    assert DrawShare.of(draw(request(wanted=2), pool, [], [], seed=SEED)) is None  # a shortfall
    chosen = designate(request(kind=RecordKind.designation, designated=(1,), reason="专门问题"), pool, [], [])
    assert DrawShare.of(chosen) is None
