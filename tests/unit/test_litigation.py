"""Lawsuits against district bodies (workflows.litigation): Administrative Litigation Law periods are calendar
days with a rest-day end rolled over (Art. 101 → Civil Procedure Law), the defence is due 15 days after
receipt of the complaint copy (Art. 67), appeals run 15 days from a judgment and 10 from a ruling (Art. 85),
the head appears or sends staff with a written reason (Art. 3; 法释〔2020〕3号 Art. 2)."""
from datetime import date

import pytest

from workflows.calendar import WorkingCalendar
from workflows.litigation import (
    LITIGATION_LIMITS, Appearance, Area, Hearing, Instance, LateKind, Lawsuit, Outcome, appeal_deadline,
    deadlines, late_items, reminder_day,
)
from workflows.time_limits import with_values

CAL = WorkingCalendar()


def case(**kw) -> Lawsuit:
    return Lawsuit(**{"case_no": "（2026）黔0111行初1号", "defendant": "区自然资源局", "area": Area.demolition,
                      "complaint_received": date(2026, 9, 16), **kw})


def due_of(c: Lawsuit, kind: str) -> date:
    return next(d.due for d in deadlines(c, CAL) if d.kind == kind)


def test_art67_defence_due_15_calendar_days_after_receipt_rolling_over_the_2026_national_day_holiday():
    # 2026-09-16 + 15 days = 2026-10-01, inside the 1-7 October holiday: due the first working day after it.
    assert due_of(case(), "defence") == date(2026, 10, 8)


def test_art67_defence_due_on_an_ordinary_working_day():
    assert due_of(case(complaint_received=date(2026, 11, 2)), "defence") == date(2026, 11, 17)


def test_art85_appeal_against_a_judgment_15_days_from_service():
    assert appeal_deadline(Outcome.quash, Instance.first, date(2026, 9, 16), CAL) == date(2026, 10, 8)


def test_art85_appeal_against_a_ruling_10_calendar_days_not_working_days():
    # 2026-09-21 + 10 calendar days = 10-01 (holiday) → 10-08. Ten working days would end on 10-12.
    assert appeal_deadline(Outcome.dismiss_suit, Instance.first, date(2026, 9, 21), CAL) == date(2026, 10, 8)


def test_no_appeal_from_a_second_instance_judgment_or_a_withdrawal_ruling():
    assert appeal_deadline(Outcome.quash, Instance.second, date(2026, 9, 16), CAL) is None
    assert appeal_deadline(Outcome.withdrawal_allowed, Instance.first, date(2026, 9, 16), CAL) is None
    assert appeal_deadline(Outcome.mediated, Instance.first, date(2026, 9, 16), CAL) is None


def test_filing_with_the_bureau_within_3_working_days_counts_the_swapped_sunday_workday():
    # 2026-09-16 (Wed): 17 (Thu), 18 (Fri), 20 (Sunday worked in lieu of National Day).
    assert due_of(case(), "filing") == date(2026, 9, 20)


def test_filing_period_is_a_setting():
    limits = with_values(LITIGATION_LIMITS, {"filing": 5})
    c = case()
    assert next(d.due for d in deadlines(c, CAL, limits) if d.kind == "filing") == date(2026, 9, 22)
    with pytest.raises(KeyError):
        with_values(LITIGATION_LIMITS, {"no_such_limit": 1})


def test_loss_report_due_15_days_after_service_of_the_losing_judgment_rolled_over_the_dragon_boat_weekend():
    c = case(outcome=Outcome.confirm_illegal, outcome_on=date(2026, 6, 3), outcome_served=date(2026, 6, 5))
    # 06-05 + 15 = 06-20, a Saturday after the 19 June holiday: due Monday 06-22.
    assert due_of(c, "loss_report") == date(2026, 6, 22)
    won = case(outcome=Outcome.dismiss_claims, outcome_on=date(2026, 6, 3), outcome_served=date(2026, 6, 5))
    assert [d.kind for d in deadlines(won, CAL)] == ["filing", "defence", "appeal_judgment"]


def test_an_appeal_is_a_right_never_listed_as_late():
    c = case(outcome=Outcome.dismiss_claims, outcome_on=date(2026, 6, 3), outcome_served=date(2026, 6, 5),
             filed_with_bureau=date(2026, 9, 17), defence_submitted=date(2026, 9, 30))
    appeal = next(d for d in deadlines(c, CAL) if d.kind == "appeal_judgment")
    assert not appeal.is_late(date(2027, 1, 1))
    assert late_items(c, date(2027, 1, 1), CAL) == ()


@pytest.mark.parametrize("outcome, lost", [
    (Outcome.dismiss_claims, False), (Outcome.quash, True), (Outcome.order_performance, True),
    (Outcome.order_payment, True), (Outcome.confirm_illegal, True), (Outcome.confirm_void, True),
    (Outcome.change, True), (Outcome.agreement_remedy, True), (Outcome.mediated, False),
    (Outcome.not_accepted, False), (Outcome.dismiss_suit, False), (Outcome.withdrawal_allowed, False),
    (Outcome.terminated, False),
])
def test_judgments_against_the_body_art70_to_art78_are_losses_and_nothing_else_is(outcome, lost):
    assert case(outcome=outcome, outcome_on=date(2026, 12, 1)).lost is lost


def test_a_case_resolved_in_suit_ends_by_withdrawal_or_mediation_only():
    withdrawn = case(outcome=Outcome.withdrawal_allowed, outcome_on=date(2026, 12, 1), resolved_in_suit=True)
    assert withdrawn.concluded
    with pytest.raises(ValueError):
        case(outcome=Outcome.dismiss_claims, outcome_on=date(2026, 12, 1), resolved_in_suit=True)
    with pytest.raises(ValueError):
        case(outcome=Outcome.quash)  # an outcome needs its date


def test_hearing_eve_reminder_is_the_calendar_day_before_even_a_sunday():
    assert reminder_day(date(2026, 10, 12), scheduled_on=date(2026, 9, 30)) == date(2026, 10, 11)


def test_a_hearing_entered_on_its_eve_or_day_is_reminded_at_once_and_a_past_one_never():
    assert reminder_day(date(2026, 10, 12), scheduled_on=date(2026, 10, 11)) == date(2026, 10, 11)
    assert reminder_day(date(2026, 10, 12), scheduled_on=date(2026, 10, 12)) == date(2026, 10, 12)
    assert reminder_day(date(2026, 10, 12), scheduled_on=date(2026, 10, 13)) is None


@pytest.mark.parametrize("appearance, reason, head, missed", [
    (Appearance.principal_head, "", True, False),
    # 法释〔2020〕3号 Art. 2: a deputy head is a "head" for Art. 3.
    (Appearance.deputy_head, "", True, False),
    (Appearance.staff, "需要履行他人不能代替的公务（出席防汛调度会）", False, False),
    (Appearance.staff, "  ", False, True),
    # A lawyer alone or nobody from the body is missed whatever the reason.
    (Appearance.lawyer_only, "负责人出差", False, True),
    (Appearance.nobody, "", False, True),
])
def test_art3_head_appearance(appearance, reason, head, missed):
    h = Hearing(date(2026, 11, 10), appearance, reason)
    assert (h.head_appeared, h.missed_appearance) == (head, missed)


def test_late_items_list_late_filing_late_defence_and_a_missed_appearance_with_exact_messages():
    c = case(filed_with_bureau=date(2026, 9, 23), defence_submitted=date(2026, 10, 9),
             hearings=(Hearing(date(2026, 11, 10), Appearance.staff),
                       Hearing(date(2026, 12, 1), Appearance.deputy_head),
                       Hearing(date(2026, 12, 15), Appearance.nobody)))  # after `today`: not yet missed
    items = late_items(c, date(2026, 12, 10), CAL)
    assert [(i.kind, i.day, i.done, str(i.message)) for i in items] == [
        (LateKind.late_filing, date(2026, 9, 20), date(2026, 9, 23), "期限2026-09-20，实际2026-09-23完成，逾期3日"),
        (LateKind.late_defence, date(2026, 10, 8), date(2026, 10, 9), "期限2026-10-08，实际2026-10-09完成，逾期1日"),
        (LateKind.missed_appearance, date(2026, 11, 10), None,
         "2026-11-10开庭，负责人未出庭，委托工作人员出庭但未书面说明负责人不能出庭的理由"),
    ]
    assert items[1].basis == "行政诉讼法第六十七条"
    assert {i.unit for i in items} == {"区自然资源局"}


def test_outstanding_steps_are_late_from_the_day_after_their_last_day():
    c = case()
    assert late_items(c, date(2026, 9, 20), CAL) == ()
    items = late_items(c, date(2026, 10, 9), CAL)
    assert [(i.kind, str(i.message)) for i in items] == [
        (LateKind.late_filing, "期限2026-09-20，至今未完成，已逾期19日"),
        (LateKind.late_defence, "期限2026-10-08，至今未完成，已逾期1日"),
    ]


def test_a_loss_not_reported_in_time_is_listed():
    c = case(filed_with_bureau=date(2026, 9, 17), defence_submitted=date(2026, 9, 30),
             outcome=Outcome.quash, outcome_on=date(2026, 12, 1), outcome_served=date(2026, 12, 3))
    assert [(i.kind, i.day) for i in late_items(c, date(2026, 12, 21), CAL)] == [
        (LateKind.late_loss_report, date(2026, 12, 18))]
