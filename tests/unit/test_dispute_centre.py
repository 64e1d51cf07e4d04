"""The dispute-resolution centre (workflows.dispute_centre), local rules: register within 2 working days of
being entrusted, tell the body within 5 working days of registration, the body answers within 5 working
days."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.dispute_centre import DISPUTE_LIMITS, DisputeCase, Outcome, Stage, deadlines, overdue
from workflows.time_limits import with_values

CAL = WorkingCalendar()


def case(**kw) -> DisputeCase:
    return DisputeCase(**{"case_no": "化解〔2026〕15号", "body": "区住房和城乡建设局", "stage": Stage.before_suit,
                          "entrusted": date(2026, 9, 29), **kw})


def test_each_step_runs_from_the_one_before_in_working_days_across_national_day():
    c = case(registered=date(2026, 10, 9), body_told=date(2026, 10, 15), proposal_received=date(2026, 10, 21))
    assert [(d.kind, d.due, d.done) for d in deadlines(c, CAL)] == [
        ("register", date(2026, 10, 8), date(2026, 10, 9)),    # 09-30, 10-08
        ("notify", date(2026, 10, 15), date(2026, 10, 15)),    # 10-10 (swapped Saturday), 12, 13, 14, 15
        ("proposal", date(2026, 10, 22), date(2026, 10, 21)),  # 16, 19, 20, 21, 22
    ]
    assert [d.kind for d in overdue(c, date(2026, 11, 1), CAL)] == ["register"]


def test_a_step_appears_once_the_step_before_it_is_done():
    assert [d.kind for d in deadlines(case(), CAL)] == ["register"]
    assert [d.kind for d in overdue(case(), date(2026, 10, 9), CAL)] == ["register"]


def test_the_local_numbers_are_settings():
    limits = with_values(DISPUTE_LIMITS, {"register": 3})
    assert deadlines(case(), CAL, limits)[0].due == date(2026, 10, 9)
    assert not DISPUTE_LIMITS["register"].statutory


def test_outcomes_resolved_or_not_resolved_and_filed_in_court():
    assert case(outcome=Outcome.resolved, concluded_on=date(2026, 10, 30)).resolved
    sued = case(outcome=Outcome.not_resolved, concluded_on=date(2026, 10, 30),
                court_case_no="（2026）黔0111行初9号")
    assert sued.concluded and not sued.resolved
    with pytest.raises(ValueError):
        case(outcome=Outcome.resolved, concluded_on=date(2026, 10, 30), court_case_no="（2026）黔0111行初9号")
    with pytest.raises(ValueError):
        case(outcome=Outcome.resolved)
