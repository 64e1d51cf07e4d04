"""Reconsideration cases (workflows.reconsideration), Administrative Reconsideration Law 2023 revision: apply
within 60 days, at most 1 year when not told of the right (Art. 20); accept within 5 working days (Art. 30,
Art. 88); reply within 10 working days of receiving the copy (Art. 48); decide within 60 days of acceptance,
one extension of at most 30 days (Art. 62); correction report 60 days after the opinion letter (Art. 76)."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.reconsideration import (
    Extension, OpinionLetter, Outcome, Procedure, ReconsiderationCase, acceptance_due, accepted_on,
    application_deadline, correction_report_due, deadlines, decision_due, extension_refusal, overdue,
)

CAL = WorkingCalendar()


def case(**kw) -> ReconsiderationCase:
    return ReconsiderationCase(**{"case_no": "观府复〔2026〕7号", "respondent": "区城市管理局",
                                  "received": date(2026, 7, 27), **kw})


def test_art20_application_within_60_days_rolls_over_the_national_day_holiday():
    # 2026-08-02 + 60 days = 10-01.
    assert application_deadline(date(2026, 8, 2), CAL) == date(2026, 10, 8)


def test_art20_not_told_of_the_right_60_days_from_learning_it_but_at_most_one_year_from_the_act():
    # Learned of the right 2025-12-20: + 60 = 2026-02-18, in the Spring Festival holiday → 02-24.
    assert application_deadline(date(2025, 3, 3), CAL, told_of_right=False,
                                knew_right=date(2025, 12, 20)) == date(2026, 2, 24)
    # Learned of it 2026-02-10: 60 days would run to April, but one year from the act ends 2026-03-03.
    assert application_deadline(date(2025, 3, 3), CAL, told_of_right=False,
                                knew_right=date(2026, 2, 10)) == date(2026, 3, 3)
    assert application_deadline(date(2025, 3, 3), CAL, told_of_right=False) == date(2026, 3, 3)


def test_art30_art88_accept_or_refuse_within_5_working_days_across_the_holiday():
    # 2026-09-28 (Mon): 29, 30, 10-08, 10-09, 10-10 (a Saturday worked in lieu).
    c = case(received=date(2026, 9, 28))
    assert acceptance_due(c, CAL) == date(2026, 10, 10)


def test_art30_an_application_not_refused_in_time_is_deemed_accepted_on_the_last_day():
    c = case(received=date(2026, 9, 28))
    assert accepted_on(c, CAL) == date(2026, 10, 10)
    assert accepted_on(case(received=date(2026, 9, 28), refused=date(2026, 9, 30)), CAL) is None
    assert decision_due(case(received=date(2026, 9, 28), refused=date(2026, 9, 30)), CAL) is None


def test_art48_copy_within_7_and_reply_within_10_working_days():
    c = case(received=date(2026, 9, 28), accepted=date(2026, 10, 10), copy_received=date(2026, 9, 24))
    due = {d.kind: d.due for d in deadlines(c, CAL)}
    # From 10-10: 12, 13, 14, 15, 16, 19, 20.
    assert due["copy"] == date(2026, 10, 20)
    # From 09-24: 28, 29, 30, 10-08, 09, 10, 12, 13, 14, 15.
    assert due["reply"] == date(2026, 10, 15)


def test_art62_decision_60_days_after_acceptance_rolled_over_the_holiday():
    # 2026-08-03 + 60 = 10-02, a National Day holiday → 10-08.
    assert decision_due(case(accepted=date(2026, 8, 3)), CAL) == date(2026, 10, 8)


def test_art62_one_extension_of_30_days_runs_from_the_end_of_the_original_period():
    ext = Extension(30, date(2026, 9, 20), "需要现场勘验，案情复杂")
    c = case(accepted=date(2026, 8, 3))
    assert extension_refusal(c, ext, CAL) is None
    # 10-08 + 30 = 11-07, a Saturday → Monday 11-09.
    assert decision_due(case(accepted=date(2026, 8, 3), extension=ext), CAL) == date(2026, 11, 9)


def test_art62_a_second_extension_is_refused():
    first = Extension(30, date(2026, 9, 20), "需要现场勘验")
    refusal = extension_refusal(case(accepted=date(2026, 8, 3), extension=first),
                                Extension(10, date(2026, 10, 30), "仍需鉴定"), CAL)
    assert str(refusal.message) == "审理期限只能延长一次，本案已于2026-09-20延长30日"
    assert refusal.basis == "行政复议法第六十二条第一款"


@pytest.mark.parametrize("ext, message", [
    (Extension(31, date(2026, 9, 20), "案情复杂"), "延长期限最多不得超过30日"),
    (Extension(0, date(2026, 9, 20), "案情复杂"), "延长期限最多不得超过30日"),
    (Extension(20, date(2026, 9, 20), " "), "延长审理期限须写明案情复杂的理由"),
    (Extension(20, date(2026, 10, 9), "案情复杂"), "审理期限已于2026-10-08届满，不能再批准延长"),
])
def test_art62_extension_over_30_days_without_reason_or_after_the_period_is_refused(ext, message):
    assert str(extension_refusal(case(accepted=date(2026, 8, 3)), ext, CAL).message) == message


def test_simplified_procedure_30_days_and_no_extension():
    c = case(accepted=date(2026, 8, 3), procedure=Procedure.simplified)
    assert decision_due(c, CAL) == date(2026, 9, 2)
    refusal = extension_refusal(c, Extension(10, date(2026, 8, 20), "案情复杂"), CAL)
    assert str(refusal.message) == "简易程序案件不能延长审理期限；确需延长的，应先转为普通程序审理"


def test_art76_correction_report_due_60_days_after_receipt_of_the_opinion_letter_or_sending_until_known():
    assert correction_report_due(OpinionLetter("观府复意〔2026〕1号", date(2026, 8, 1), date(2026, 8, 3)), CAL) \
        == date(2026, 10, 8)
    assert correction_report_due(OpinionLetter("观府复意〔2026〕1号", date(2026, 8, 1)), CAL) == date(2026, 9, 30)


@pytest.mark.parametrize("outcome, corrected, resolved", [
    (Outcome.change, True, False), (Outcome.quash, True, False), (Outcome.confirm_illegal, True, False),
    (Outcome.order_performance, True, False), (Outcome.confirm_void, True, False),
    (Outcome.uphold, False, False), (Outcome.dismiss, False, False),
    (Outcome.mediated, False, True), (Outcome.settled, False, True),
    (Outcome.withdrawn, False, False), (Outcome.terminated, False, False),
])
def test_art63_to_69_corrections_and_art73_74_resolutions(outcome, corrected, resolved):
    c = case(accepted=date(2026, 8, 3), outcome=outcome, concluded_on=date(2026, 9, 1))
    assert (c.concluded, c.corrected, c.resolved) == (True, corrected, resolved)


def test_an_outcome_needs_acceptance_and_a_date():
    with pytest.raises(ValueError):
        case(outcome=Outcome.uphold, concluded_on=date(2026, 9, 1))
    with pytest.raises(ValueError):
        case(accepted=date(2026, 8, 3), outcome=Outcome.uphold)


def test_deadlines_and_overdue_follow_the_case():
    c = case(received=date(2026, 7, 27), accepted=date(2026, 7, 30), copy_sent=date(2026, 8, 5),
             copy_received=date(2026, 8, 6), reply_received=date(2026, 8, 25),
             opinion_letters=(OpinionLetter("观府复意〔2026〕2号", date(2026, 8, 1), date(2026, 8, 3)),),
             performance_due=date(2026, 11, 30))
    assert [(d.kind, d.due, d.done) for d in deadlines(c, CAL)] == [
        ("acceptance", date(2026, 8, 3), date(2026, 7, 30)),
        ("copy", date(2026, 8, 10), date(2026, 8, 5)),
        ("reply", date(2026, 8, 20), date(2026, 8, 25)),
        ("decision", date(2026, 9, 28), None),
        ("performance", date(2026, 11, 30), None),
        ("correction_report", date(2026, 10, 8), None),
    ]
    assert [d.kind for d in overdue(c, date(2026, 10, 9), CAL)] == ["reply", "decision", "correction_report"]
