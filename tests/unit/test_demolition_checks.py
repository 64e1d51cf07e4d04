"""Checks on a step before it is recorded, and on the moment of execution (Coercion Law Art. 43)."""
from dataclasses import replace
from datetime import date, datetime

from workflows.demolition.checks import check_execution, check_step, executed_unlawfully, execution_problems
from workflows.demolition.facts import CaseFacts, Challenge, ChallengeKind as CK
from workflows.demolition.tracks import StepKind as K, Track

from tests.unit.demolition_cases import CAL, LAND, PLANNING, step, without

TODAY = date(2026, 11, 30)


def texts(problems):
    return [p.text for p in problems]


def test_a_step_in_order_on_time_is_accepted():
    case = without(PLANNING, K.public_notice)
    assert check_step(case, step(K.public_notice, date(2026, 4, 1), date(2026, 4, 15)), CAL, TODAY) == ()


def test_a_kind_the_track_does_not_have_is_refused():
    problems = check_step(LAND, step(K.public_notice, date(2026, 10, 20), date(2026, 10, 30)), CAL, TODAY)
    assert texts(problems) == ["违法占用耕地案件没有“强制拆除公告”程序"] and problems[0].field == "kind"


def test_a_computed_step_is_never_typed_in():
    problems = check_step(LAND, step(K.litigation_lapsed, date(2026, 10, 20)), CAL, TODAY)
    assert problems[0].field == "kind" and "无需录入" in problems[0].text


def test_a_step_whose_prerequisite_is_not_recorded_is_refused():
    case = CaseFacts(Track.planning_violation)
    problems = check_step(case, step(K.demand, date(2026, 3, 17), date(2026, 3, 27)), CAL, TODAY)
    assert texts(problems) == ["须先记录责令限期拆除决定送达，再记录催告书送达"]
    assert problems[0].article == "《行政强制法》第三十五条"


def test_a_step_dated_before_the_step_it_depends_on_is_refused():
    case = without(without(PLANNING, K.statement_heard), K.enforcement_decision)
    problems = check_step(case, step(K.statement_heard, date(2026, 3, 16)), CAL, TODAY)
    assert texts(problems) == ["听取陈述申辩并复核日期2026-03-16早于2026-03-17（须在催告书送达之后）"]
    assert problems[0].field == "on"


def test_a_demand_before_the_orders_deadline_is_refused():
    # Coercion Law Art. 35: the demand follows the party's failure to act by the order's deadline (03-16).
    case = CaseFacts(Track.planning_violation, PLANNING.steps[:1])
    problems = check_step(case, step(K.demand, date(2026, 3, 16), date(2026, 3, 27)), CAL, TODAY)
    assert texts(problems) == ["催告书送达日期2026-03-16早于2026-03-17（须在责令限期拆除决定送达载明的期限届满之后）"]


def test_court_application_ten_working_days_after_the_demand():
    # Coercion Law Art. 54, 69: demand served 2026-09-28, ten working days end 10-16.
    case = without(without(LAND, K.court_application), K.court_ruling)
    refused = check_step(case, step(K.court_application, date(2026, 10, 16)), CAL, TODAY)
    assert texts(refused) == ["申请人民法院强制执行日期2026-10-16早于2026-10-17（须待催告书送达后十日届满）"]
    assert check_step(case, step(K.court_application, date(2026, 10, 17)), CAL, TODAY) == ()


def test_court_application_before_the_periods_lapse_or_during_a_challenge_is_refused():
    # The reconsideration period of the order served 2026-06-01 ends 07-31 (Coercion Law Art. 53).
    case = without(without(LAND, K.court_application), K.court_ruling)
    case = replace(case, steps=tuple(s for s in case.steps if s.kind is K.demolition_order) + (
        step(K.demand, date(2026, 7, 1), date(2026, 7, 3)), step(K.statement_heard, date(2026, 7, 3))))
    early = check_step(case, step(K.court_application, date(2026, 7, 31)), CAL, TODAY)
    assert "不得早于2026-08-01" in texts(early)[0]
    assert check_step(case, step(K.court_application, date(2026, 8, 3)), CAL, TODAY) == ()
    challenged = replace(case, challenges=(Challenge(CK.lawsuit, K.demolition_order, date(2026, 6, 10)),))
    assert "复议或诉讼尚未终结" in texts(check_step(challenged, step(K.court_application, date(2026, 8, 3)),
                                               CAL, TODAY))[0]


def test_future_dates_and_missing_or_impossible_deadlines_are_refused():
    case = CaseFacts(Track.illegal_land_occupation)
    problems = check_step(case, step(K.demolition_order, date(2026, 12, 1)), CAL, TODAY)
    assert [p.field for p in problems] == ["on", "deadline"]
    assert texts(problems)[0] == "责令限期拆除决定送达日期2026-12-01晚于今日，不能记录尚未发生的程序"
    backwards = check_step(case, step(K.demolition_order, date(2026, 6, 1), date(2026, 5, 31)), CAL, TODAY)
    assert texts(backwards) == ["履行期限2026-05-31不得早于责令限期拆除决定送达日期2026-06-01"]


# --- execution: Coercion Law Art. 43 ---------------------------------------------------------------------

def test_execution_on_a_public_holiday_or_weekend_is_refused():
    problems = check_execution(date(2026, 10, 3), CAL)
    assert texts(problems) == ["2026-10-03为休息日或法定节假日，不得实施强制执行"]
    assert problems[0].article == "《行政强制法》第四十三条"
    assert check_execution(date(2026, 10, 17), CAL) != ()  # a plain Saturday
    assert check_execution(date(2026, 10, 8), CAL) == ()


def test_execution_on_a_swapped_workday_saturday_is_allowed():
    # 2026-10-10 is a Saturday worked in lieu of the National Day holiday (调休).
    assert check_execution(datetime(2026, 10, 10, 9, 0), CAL) == ()


def test_night_is_from_22_00_to_06_00():
    assert check_execution(datetime(2026, 10, 9, 6, 0), CAL) == ()
    assert check_execution(datetime(2026, 10, 9, 21, 59), CAL) == ()
    night = check_execution(datetime(2026, 10, 9, 22, 0), CAL)
    assert texts(night) == ["2026-10-09 22:00属夜间（22:00至次日06:00），不得实施强制执行"]
    assert "第四十三条" in night[0].article
    assert check_execution(datetime(2026, 10, 9, 5, 59), CAL) != ()


def test_executed_while_the_gate_was_closed_is_unlawful():
    assert not executed_unlawfully(PLANNING, CAL)  # not executed at all
    assert not executed_unlawfully(replace(PLANNING, executed_on=datetime(2026, 9, 3, 9, 30)), CAL)
    early = replace(PLANNING, executed_on=date(2026, 8, 3))
    assert executed_unlawfully(early, CAL)
    problem = execution_problems(early, CAL)[0]
    assert problem.text.startswith("2026-08-03实施强制拆除时程序未完备：行政诉讼期限届满未起诉")


def test_executed_at_night_or_on_a_holiday_is_unlawful_even_with_the_gate_open():
    assert executed_unlawfully(replace(PLANNING, executed_on=date(2026, 10, 5)), CAL)
    assert executed_unlawfully(replace(PLANNING, executed_on=datetime(2026, 9, 3, 23, 0)), CAL)


def test_execution_is_judged_on_the_facts_of_its_day_not_on_steps_recorded_later():
    # A lawsuit filed after the demolition does not make it unlawful; one pending on the day does.
    executed = replace(PLANNING, executed_on=date(2026, 9, 3))
    after = replace(executed, challenges=(Challenge(CK.lawsuit, K.demolition_order, date(2026, 9, 4)),))
    assert not executed_unlawfully(after, CAL)
    during = replace(executed, challenges=(Challenge(CK.lawsuit, K.demolition_order, date(2026, 9, 2)),))
    assert executed_unlawfully(during, CAL)
