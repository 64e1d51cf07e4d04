"""The demolition gate on real dates, track by track (DESIGN.md §3 "Forced demolition"; issue 9).

Dates are worked out by hand in demolition_cases.py on the official 2025-2026 calendar.
"""
from dataclasses import replace
from datetime import date, timedelta

import pytest

from workflows.demolition.facts import (CaseFacts, Challenge, ChallengeKind as CK, ChallengeOutcome as CO,
                                        RecordedStep)
from workflows.demolition.gate import MissingReason as R, evaluate
from workflows.demolition.tracks import TRACKS, StepKind as K, Track

from tests.unit.demolition_cases import (CAL, COLLECTIVE, COMPLETE, LAND, PLANNING, STATE_LAND, recorded,
                                         step, with_step, without)


def missing_of(answer, kind):
    return next(m for m in answer.missing if m.step is kind)


@pytest.mark.parametrize("track", list(Track))
def test_a_complete_procedure_opens_on_its_earliest_lawful_date_and_not_a_day_before(track):
    case, earliest = COMPLETE[track]
    before = evaluate(case, CAL, earliest - timedelta(days=1))
    assert not before.ready and before.earliest_lawful_date == earliest and before.lower_bound is None
    assert before.missing, "a closed gate always says why"
    on = evaluate(case, CAL, earliest)
    assert on.ready and on.missing == () and on.earliest_lawful_date == earliest and on.closed_by is None
    assert on.done == TRACKS[track].kinds


# --- planning violation: self-enforcement, 60 days and six months ----------------------------------------

def test_planning_60_day_reconsideration_period_rolls_over_labour_day_and_six_months_follow():
    # Reconsideration Law Art. 20: 60 days from 2026-03-02 is 05-01 (Labour Day 05-01..05-05) -> 05-06.
    # Litigation Law Art. 46: six months end 2026-09-02.
    answer = evaluate(PLANNING, CAL, date(2026, 4, 10))
    assert not answer.ready and answer.earliest_lawful_date == date(2026, 9, 3)
    recon, lit = missing_of(answer, K.reconsideration_lapsed), missing_of(answer, K.litigation_lapsed)
    assert (recon.reason, recon.until, recon.article) == (R.waiting, date(2026, 5, 6), "《行政复议法》第二十条第一款")
    assert (lit.reason, lit.until, lit.article) == (R.waiting, date(2026, 9, 2), "《行政诉讼法》第四十六条第一款")
    assert lit.text == "行政诉讼期限届满未起诉：行政诉讼起诉期限至2026-09-02届满"
    # The public notice's own period (Art. 44) is still running until 04-15 too.
    notice = next(m for m in answer.missing if m.label == "文书载明的履行期限")
    assert notice.until == date(2026, 4, 15) and notice.article == "《行政强制法》第四十四条"
    after_recon = evaluate(PLANNING, CAL, date(2026, 5, 7))
    assert K.reconsideration_lapsed in after_recon.done and K.litigation_lapsed not in after_recon.done


def test_planning_party_not_told_of_remedies_has_one_year():
    # Reconsideration Law Art. 20 para. 3; 法释〔2018〕1号 Art. 64: at most one year from 2025-03-03.
    case = CaseFacts(Track.planning_violation, (
        step(K.demolition_order, date(2025, 3, 3), deadline=date(2025, 3, 17), told=False),
        step(K.demand, date(2025, 3, 18), deadline=date(2025, 3, 28)),
        step(K.statement_heard, date(2025, 3, 26)),
        step(K.enforcement_decision, date(2025, 3, 31)),
        step(K.enforcement_decision_served, date(2025, 4, 1)),
        step(K.public_notice, date(2025, 4, 2), deadline=date(2025, 4, 16)),
    ))
    answer = evaluate(case, CAL, date(2025, 9, 4))  # six months would have run by now
    assert not answer.ready and answer.earliest_lawful_date == date(2026, 3, 4)
    assert missing_of(answer, K.reconsideration_lapsed).until == date(2026, 3, 3)
    assert missing_of(answer, K.litigation_lapsed).article == "法释〔2018〕1号第六十四条"
    assert evaluate(case, CAL, date(2026, 3, 4)).ready


def test_planning_enforcement_decision_without_remedies_is_incomplete():
    # Coercion Law Art. 37: the decision names the ways and periods to challenge it.
    case = with_step(PLANNING, step(K.enforcement_decision, date(2026, 3, 30), told=False))
    answer = evaluate(case, CAL, date(2026, 9, 10))
    assert not answer.ready and answer.earliest_lawful_date is None
    m = missing_of(answer, K.enforcement_decision)
    assert m.reason is R.incomplete and m.article == "《行政强制法》第三十七条；《城乡规划法》第六十八条"


def test_planning_enforcement_decision_before_the_demands_deadline_is_too_early():
    # Art. 37: only once the demand's deadline (03-27, a Friday) has passed unheeded.
    case = with_step(PLANNING, step(K.enforcement_decision, date(2026, 3, 27)))
    m = missing_of(evaluate(case, CAL, date(2026, 9, 10)), K.enforcement_decision)
    assert m.reason is R.too_early and "2026-03-28" in m.text


def test_planning_missing_notice_gives_a_lower_bound_not_an_earliest_date():
    # The notice is assumed posted today with a same-day deadline: execution no earlier than the next
    # working day after today, nor before the periods lapse.
    case = without(PLANNING, K.public_notice)
    answer = evaluate(case, CAL, date(2026, 4, 20))
    assert answer.earliest_lawful_date is None and answer.lower_bound == date(2026, 9, 3)
    assert missing_of(answer, K.public_notice).text == "强制拆除公告：未记录"
    late = evaluate(case, CAL, date(2026, 9, 30))  # Wednesday; the next working day is 10-08
    assert late.lower_bound == date(2026, 10, 8) and not late.ready


def test_a_step_recorded_before_its_prerequisite_is_out_of_order_and_its_dependents_too():
    case = without(PLANNING, K.demand)
    answer = evaluate(case, CAL, date(2026, 9, 10))
    assert missing_of(answer, K.demand).reason is R.not_recorded
    assert missing_of(answer, K.statement_heard).reason is R.out_of_order
    assert "须先完成：催告书送达" in missing_of(answer, K.statement_heard).text
    assert not answer.ready and answer.earliest_lawful_date is None


def test_steps_dated_after_today_are_not_yet_facts():
    answer = evaluate(PLANNING, CAL, date(2026, 3, 20))
    assert answer.done == (K.demolition_order, K.demand)
    assert missing_of(answer, K.statement_heard).reason is R.not_recorded


# --- challenges -------------------------------------------------------------------------------------------

def test_reconsideration_filed_on_the_last_day_is_in_time_and_closes_the_gate():
    # 60 days from 03-02 end 05-06 after the Labour Day roll-over: filing that day is in time.
    challenge = Challenge(CK.reconsideration, K.demolition_order, date(2026, 5, 6))
    case = replace(PLANNING, challenges=(challenge,))
    answer = evaluate(case, CAL, date(2026, 9, 10))
    assert not answer.ready and answer.closed_by == challenge and answer.earliest_lawful_date is None
    closed = [m for m in answer.missing if m.reason is R.closed_by_challenge]
    assert [m.text for m in closed] == [
        "行政复议（针对责令限期拆除决定送达，2026-05-06在法定期限内提出）尚未终结，终结前不得强制执行"]
    assert closed[0].article == "《行政强制法》第四十四条；《城乡规划法》第六十五条、第六十八条"
    late = replace(PLANNING, challenges=(replace(challenge, filed_on=date(2026, 5, 7)),))
    late_answer = evaluate(late, CAL, date(2026, 9, 10))
    assert not late_answer.ready and "已超过法定期限" in late_answer.missing[-1].text


def test_after_a_reconsideration_decision_15_days_to_sue_ending_in_national_day_roll_over_to_10_08():
    # Litigation Law Art. 45: 15 days from the decision served 2026-09-16 fall on 10-01 -> 10-08. The
    # six months of Art. 46 no longer apply once the party chose reconsideration.
    decided = Challenge(CK.reconsideration, K.demolition_order, date(2026, 5, 6), date(2026, 9, 16),
                        CO.upheld)
    case = replace(PLANNING, challenges=(decided,))
    answer = evaluate(case, CAL, date(2026, 9, 20))
    lit = missing_of(answer, K.litigation_lapsed)
    assert (lit.until, lit.article) == (date(2026, 10, 8), "《行政诉讼法》第四十五条")
    assert answer.earliest_lawful_date == date(2026, 10, 9) and not answer.ready
    assert evaluate(case, CAL, date(2026, 10, 9)).ready
    assert not evaluate(case, CAL, date(2026, 10, 8)).ready


def test_a_pending_lawsuit_closes_the_gate_until_it_ends():
    suit = Challenge(CK.lawsuit, K.demolition_order, date(2026, 6, 10))
    case = replace(LAND, challenges=(suit,))
    answer = evaluate(case, CAL, date(2026, 11, 10))
    assert not answer.ready and answer.closed_by == suit and answer.earliest_lawful_date is None
    assert answer.lower_bound is not None
    # Ended with the order upheld before the demand: the procedure that followed is lawful.
    ended = replace(case, challenges=(replace(suit, ended_on=date(2026, 8, 3), outcome=CO.upheld),))
    assert evaluate(ended, CAL, date(2026, 10, 27)).ready
    # A judgment taking effect on a day the gate is asked about: still pending that day.
    assert not evaluate(ended, CAL, date(2026, 8, 2)).ready


def test_an_ended_challenge_without_its_outcome_keeps_the_gate_closed():
    suit = Challenge(CK.lawsuit, K.demolition_order, date(2026, 6, 10), date(2026, 8, 3))
    answer = evaluate(replace(LAND, challenges=(suit,)), CAL, date(2026, 10, 27))
    assert not answer.ready and answer.closed_by == suit and "未记录结果" in answer.missing[-1].text


def test_a_quashed_order_must_be_made_anew_and_its_periods_start_again():
    quashed = Challenge(CK.reconsideration, K.demolition_order, date(2026, 3, 20), date(2026, 5, 20),
                        CO.overturned)
    case = replace(PLANNING, challenges=(quashed,))
    answer = evaluate(case, CAL, date(2026, 9, 10))
    assert missing_of(answer, K.demolition_order).reason is R.overturned
    assert not answer.ready and answer.earliest_lawful_date is None
    # A new order served 2026-06-01 supersedes the quashed one; the later steps follow it again.
    renewed = replace(case, steps=(
        step(K.demolition_order, date(2026, 6, 1), deadline=date(2026, 6, 15)),
        step(K.demand, date(2026, 6, 16), deadline=date(2026, 6, 26)),
        step(K.statement_heard, date(2026, 6, 26)),
        step(K.enforcement_decision, date(2026, 6, 29)),
        step(K.enforcement_decision_served, date(2026, 6, 30)),
        step(K.public_notice, date(2026, 7, 1), deadline=date(2026, 7, 15)),
    ) + PLANNING.steps)
    # Six months from 06-01 end 12-01 (a Tuesday).
    assert evaluate(renewed, CAL, date(2026, 12, 2)).ready
    assert evaluate(renewed, CAL, date(2026, 12, 1)).earliest_lawful_date == date(2026, 12, 2)


# --- illegal occupation of land: 15 days to sue, a court ---------------------------------------------------

def test_land_occupation_15_day_litigation_period_ending_in_national_day_rolls_over_to_10_08():
    # 土地管理法 Art. 83: 15 days from the order received 2026-09-16 fall on 10-01 -> 10-08.
    case = CaseFacts(Track.illegal_land_occupation,
                     (step(K.demolition_order, date(2026, 9, 16), deadline=date(2026, 9, 18)),))
    answer = evaluate(case, CAL, date(2026, 9, 30))
    lit = missing_of(answer, K.litigation_lapsed)
    assert (lit.until, lit.article) == (date(2026, 10, 8), "《土地管理法》第八十三条")
    assert lit.text == "行政诉讼期限届满未起诉：责令限期拆除决定的起诉期限至2026-10-08届满"
    # Reconsideration keeps its 60 days (to 11-15, a Sunday -> 11-16).
    assert missing_of(answer, K.reconsideration_lapsed).until == date(2026, 11, 16)


def test_land_occupation_court_application_waits_ten_working_days_after_the_demand():
    # Coercion Law Art. 54, 69: the demand served 2026-09-28; ten working days skip National Day and end on
    # 10-16. An application on 10-16 is too early; one on 10-19 is in time.
    early = with_step(LAND, step(K.court_application, date(2026, 10, 16)))
    answer = evaluate(early, CAL, date(2026, 10, 27))
    m = missing_of(answer, K.court_application)
    assert m.reason is R.too_early and "2026-10-17" in m.text and not answer.ready
    before = evaluate(without(without(LAND, K.court_application), K.court_ruling), CAL, date(2026, 10, 12))
    wait = next(m for m in before.missing if m.label == "催告书送达后十日")
    assert (wait.until, wait.article) == (date(2026, 10, 16), "《行政强制法》第五十四条、第六十九条")


def test_land_occupation_needs_the_courts_ruling():
    case = without(LAND, K.court_ruling)
    answer = evaluate(case, CAL, date(2026, 12, 1))
    m = missing_of(answer, K.court_ruling)
    assert m.reason is R.not_recorded and not answer.ready and answer.earliest_lawful_date is None
    # Accepted within 5 working days of 10-19 (10-26); ruled within 7 working days of that (11-04) on the
    # papers, within 30 days (11-25) after hearing the parties (Coercion Law Art. 56-58, 69).
    assert m.text == ("人民法院准予执行裁定送达：未记录；人民法院书面审查的应于约2026-11-04前作出裁定，"
                      "听取意见的应于约2026-11-25前作出裁定")
    assert answer.lower_bound == date(2026, 12, 2)


def test_land_occupation_court_application_window_of_three_months():
    # Coercion Law Art. 53: from 07-31 (the last day of the periods), three months end 10-31, a Saturday
    # -> 11-02.
    case = without(without(LAND, K.court_application), K.court_ruling)
    assert missing_of(evaluate(case, CAL, date(2026, 10, 12)), K.court_application).text == \
        "申请人民法院强制执行：未记录，2026-10-17起可以申请，最迟2026-11-02"
    expired = missing_of(evaluate(case, CAL, date(2026, 11, 3)), K.court_application)
    assert "申请期限已于2026-11-02届满" in expired.text


# --- state-land expropriation ------------------------------------------------------------------------------

def test_state_land_needs_compensation_first():
    # 征收条例 Art. 27: compensation before removal; the demand and the application depend on it.
    case = without(STATE_LAND, K.compensation_secured)
    answer = evaluate(case, CAL, date(2026, 9, 1))
    assert missing_of(answer, K.compensation_secured).article == "《国有土地上房屋征收与补偿条例》第二十七条、第二十八条"
    assert missing_of(answer, K.demand).reason is R.out_of_order
    assert not answer.ready


def test_state_land_expropriation_decision_needs_the_stability_assessment_before_it():
    # 征收条例 Art. 12: the assessment comes before the decision.
    case = with_step(STATE_LAND, step(K.stability_assessment, date(2025, 12, 2)))
    m = missing_of(evaluate(case, CAL, date(2026, 9, 1)), K.expropriation_decision)
    assert m.reason is R.too_early


def test_state_land_waits_for_both_decisions_periods():
    # The compensation decision's six months (07-05, a Sunday -> 07-06) are the last to lapse.
    case = without(without(without(STATE_LAND, K.court_application), K.court_ruling), K.demand)
    answer = evaluate(case, CAL, date(2026, 6, 2))
    assert missing_of(answer, K.litigation_lapsed).until == date(2026, 7, 6)
    assert K.reconsideration_lapsed in answer.done  # 60 days from both decisions lapsed by 03-06
    application = missing_of(evaluate(case, CAL, date(2026, 7, 7)), K.court_application)
    assert application.text == "申请人民法院强制执行：未记录"  # no date: the demand is still to be made


# --- collective-land expropriation ------------------------------------------------------------------------

def test_collective_plan_posted_before_the_ten_working_day_pre_announcement_ran_is_too_early():
    # 实施条例 Art. 26: at least 10 working days from 01-05, ending 01-19.
    case = with_step(COLLECTIVE, step(K.compensation_plan_posted, date(2026, 1, 19)))
    m = missing_of(evaluate(case, CAL, date(2026, 10, 12)), K.compensation_plan_posted)
    assert m.reason is R.too_early and "2026-01-20" in m.text


def test_collective_thirty_day_plan_posting_ending_in_spring_festival_rolls_over():
    # 实施条例 Art. 28: 30 days from 01-20 end 02-19, inside the Spring Festival (02-15..02-23) -> 02-24.
    case = with_step(COLLECTIVE, step(K.land_expropriation_announcement, date(2026, 2, 24)))
    assert missing_of(evaluate(case, CAL, date(2026, 10, 12)), K.land_expropriation_announcement).reason \
        is R.too_early
    fine = with_step(COLLECTIVE, step(K.land_expropriation_announcement, date(2026, 2, 25)))
    assert evaluate(fine, CAL, date(2026, 10, 12)).ready


def test_collective_earliest_date_may_be_a_swapped_saturday_workday():
    answer = evaluate(COLLECTIVE, CAL, date(2026, 10, 10))
    assert answer.ready and answer.earliest_lawful_date == date(2026, 10, 10)


def test_collective_hand_over_order_needs_a_deadline():
    case = with_step(COLLECTIVE, step(K.handover_order, date(2026, 3, 23)))
    m = missing_of(evaluate(case, CAL, date(2026, 10, 12)), K.handover_order)
    assert m.reason is R.incomplete and m.text.endswith("未载明履行期限")


def test_gate_ignores_recorded_steps_of_kinds_the_track_does_not_have():
    case = replace(LAND, steps=LAND.steps + (step(K.public_notice, date(2026, 10, 1), date(2026, 10, 2)),))
    assert evaluate(case, CAL, date(2026, 10, 27)).ready


def test_ready_on_a_day_after_a_rest_day_earliest_not_on_it():
    # The periods end 09-02; if the last wait ended on a Friday the earliest date is the Monday after.
    case = with_step(PLANNING, step(K.public_notice, date(2026, 4, 1), deadline=date(2026, 9, 4)))
    answer = evaluate(case, CAL, date(2026, 9, 5))
    assert answer.earliest_lawful_date == date(2026, 9, 7) and not answer.ready
    last = answer.missing[-1]
    assert last.article == "《行政强制法》第四十三条" and last.until == date(2026, 9, 6)
    assert recorded(case, K.public_notice).deadline == date(2026, 9, 4)


@pytest.mark.parametrize("track", [t for t in Track if t is not Track.planning_violation])
def test_every_court_track_needs_the_courts_ruling(track):
    # Coercion Law Art. 53-58: without the power to enforce, only a court's ruling opens the gate.
    case, earliest = COMPLETE[track]
    answer = evaluate(without(case, K.court_ruling), CAL, earliest + timedelta(days=60))
    assert not answer.ready and missing_of(answer, K.court_ruling).reason is R.not_recorded


def test_facts_built_from_stored_strings_and_lists_are_the_same_facts():
    rows = CaseFacts("planning_violation",
                     [RecordedStep(s.kind.value, s.on, "", s.deadline, True) for s in PLANNING.steps],
                     [Challenge("reconsideration", "demolition_order", date(2026, 5, 6), date(2026, 9, 16),
                                "upheld")])
    assert rows.track is Track.planning_violation and rows.challenges[0].outcome is CO.upheld
    assert evaluate(rows, CAL, date(2026, 10, 9)).ready and not evaluate(rows, CAL, date(2026, 10, 8)).ready


def test_a_withdrawn_reconsideration_does_not_shorten_the_six_months_to_sue():
    # Withdrawn 2026-04-10: the 15 days of Art. 45 would end 04-25, but the original six months (to 09-02)
    # still count (conservative reading).
    withdrawn = Challenge(CK.reconsideration, K.demolition_order, date(2026, 3, 20), date(2026, 4, 10),
                          CO.withdrawn)
    answer = evaluate(replace(PLANNING, challenges=(withdrawn,)), CAL, date(2026, 5, 1))
    assert answer.earliest_lawful_date == date(2026, 9, 3)
    assert K.reconsideration_lapsed in answer.done  # the party has used that route
