"""Ratings and the annual assessment (DESIGN.md §3; 浙江省政府采购评审专家管理办法 Art. 37-38 (verify)): rated within
2 working days, average under 60 → review for exit, 10 or more opinions all rated 90+ → senior, four grades
with a one-vote veto, renewal following the grade."""
from datetime import date
from decimal import Decimal

import pytest

from experts.ratings import (Grade, Opinion, Rating, Veto, assess_firm, assess_year, rating_due, rating_overdue,
                             renewal_allowed)
from workflows.calendar import WorkingCalendar

CAL = WorkingCalendar()
DUE = date(2026, 6, 10)


def opinion(score, member_id=1, submitted=DUE, made=0, adopted=0):
    """An opinion whose three components are all `score`, so its overall score is `score`."""
    rating = None if score is None else Rating(score, score, score)
    return Opinion(member_id, DUE, submitted, rating, made, adopted)


def test_overall_score_weights_30_50_20():
    assert Rating(80, 90, 70).overall() == Decimal("83")
    assert Rating(85, 86, 91).overall() == Decimal("86.7")
    assert Rating(0, 100, 0).overall({"timeliness": 1, "quality": 1, "adoption": 2}) == Decimal(25)
    with pytest.raises(ValueError):
        Rating(101, 90, 90)


def test_rating_is_due_two_working_days_after_submission_across_national_day_2026():
    # Submitted on Wednesday 2026-09-30; 1-7 October is the holiday: due Friday 10-09, overdue from 10-10.
    assert rating_due(date(2026, 9, 30), CAL) == date(2026, 10, 9)
    assert not rating_overdue(date(2026, 9, 30), date(2026, 10, 9), CAL)
    assert rating_overdue(date(2026, 9, 30), date(2026, 10, 10), CAL)
    assert rating_due(date(2026, 9, 30), CAL, days=3) == date(2026, 10, 10)  # a swapped Saturday workday


def test_a_known_year():
    opinions = [
        Opinion(1, DUE, date(2026, 6, 9), Rating(80, 90, 70), points_made=4, points_adopted=3),  # 83
        Opinion(1, DUE, DUE, Rating(90, 95, 85), points_made=2, points_adopted=2),               # 91.5
        Opinion(1, DUE, date(2026, 6, 12), Rating(50, 70, 60), points_made=4, points_adopted=1),  # 62
        Opinion(1, DUE, date(2026, 6, 15), None, points_made=0),                                  # not rated yet
        Opinion(1, date(2025, 3, 1), date(2025, 3, 1), Rating(10, 10, 10)),                       # another year
    ]
    year = assess_year(2026, opinions)
    assert (year.count, year.on_time, year.rated) == (4, 2, 3)
    assert year.on_time_rate == Decimal("0.5")
    assert year.average == Decimal("236.5") / 3
    assert (year.points_made, year.points_adopted, year.adoption_rate) == (10, 6, Decimal("0.6"))
    assert (year.review_for_exit, year.senior, year.vetoes, year.grade) == (False, False, (), Grade.competent)


def test_grade_thresholds_and_the_review_flag_at_60():
    assert assess_year(2026, [opinion(90)]).grade is Grade.excellent
    assert assess_year(2026, [opinion(89)]).grade is Grade.competent
    assert assess_year(2026, [opinion(75)]).grade is Grade.competent
    assert assess_year(2026, [opinion(74)]).grade is Grade.basically_competent
    at_60 = assess_year(2026, [opinion(60)])
    assert (at_60.grade, at_60.review_for_exit) == (Grade.basically_competent, False)
    below = assess_year(2026, [opinion(60), opinion(59)])  # average 59.5
    assert (below.grade, below.review_for_exit) == (Grade.incompetent, True)


def test_a_year_without_ratings_has_no_grade_and_no_flags():
    year = assess_year(2026, [opinion(None)])
    assert (year.count, year.average, year.grade) == (1, None, None)
    assert not year.review_for_exit and not year.senior
    assert assess_year(2026, []).on_time_rate is None


def test_senior_needs_ten_opinions_all_rated_90_or_more():
    assert assess_year(2026, [opinion(90)] * 10).senior
    assert not assess_year(2026, [opinion(95)] * 9).senior
    assert not assess_year(2026, [opinion(100)] * 10 + [opinion(89)]).senior


def test_one_vote_veto_makes_an_excellent_year_incompetent():
    year = assess_year(2026, [opinion(95)] * 10, vetoes={Veto.confidentiality_breach, Veto.undeclared_conflict})
    assert (year.grade, year.senior, year.review_for_exit) == (Grade.incompetent, False, False)
    assert year.vetoes == (Veto.undeclared_conflict, Veto.confidentiality_breach)
    assert assess_year(2026, [], vetoes={Veto.undeclared_conflict}).grade is Grade.incompetent


def test_a_firms_figures_include_its_lawyers_but_not_their_vetoes():
    opinions = [opinion(90, member_id=1), opinion(70, member_id=2), opinion(20, member_id=3)]
    firm = assess_firm(2026, 1, {2}, opinions)
    assert (firm.count, firm.average, firm.grade) == (2, Decimal(80), Grade.competent)
    assert assess_year(2026, [o for o in opinions if o.member_id == 2], {Veto.undeclared_conflict}).grade \
        is Grade.incompetent
    assert assess_firm(2026, 1, {2}, opinions, vetoes={Veto.undeclared_conflict}).grade is Grade.incompetent


def test_renewal_follows_the_grade():
    assert not renewal_allowed(Grade.incompetent)
    assert all(renewal_allowed(g) for g in (Grade.excellent, Grade.competent, Grade.basically_competent, None))
