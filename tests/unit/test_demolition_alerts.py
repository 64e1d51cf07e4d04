"""Alerts on the bureau's ledger board (issue 9, item 4)."""
from dataclasses import replace
from datetime import date

from workflows.demolition.alerts import ALERT_LABELS, AlertKind as A, alerts
from workflows.demolition.facts import Challenge, ChallengeKind as CK
from workflows.demolition.gate import evaluate
from workflows.demolition.rules import RuleKey, with_overrides
from workflows.demolition.tracks import StepKind as K

from tests.unit.demolition_cases import CAL, LAND, PLANNING, without


def board(case, today, last_progress_on=None, rules=None):
    kw = {"rules": rules} if rules else {}
    gate = evaluate(case, CAL, today, **kw)
    return alerts(case, gate, CAL, today, last_progress_on or today, **kw)


def test_every_alert_kind_has_a_label():
    assert set(ALERT_LABELS) == set(A) and all(ALERT_LABELS.values())


def test_planned_before_the_earliest_lawful_date():
    case = replace(PLANNING, planned_on=date(2026, 8, 20))
    found = board(case, date(2026, 5, 10))
    assert [(a.kind, a.text) for a in found] == [
        (A.planned_too_early, "拟拆除时间2026-08-20早于最早合法拆除日期2026-09-03")]
    assert found[0].article == "《行政强制法》第四十四条；《城乡规划法》第六十五条、第六十八条"
    assert board(replace(case, planned_on=date(2026, 9, 3)), date(2026, 5, 10)) == []


def test_planned_before_even_the_lower_bound_while_steps_are_missing():
    # Without the court's ruling, no execution before tomorrow at the earliest.
    case = replace(without(LAND, K.court_ruling), planned_on=date(2026, 11, 2))
    found = board(case, date(2026, 11, 2))
    assert [a.kind for a in found] == [A.planned_too_early]
    assert found[0].text.startswith("拟拆除时间2026-11-02早于2026-11-03：即使今日起依法补齐程序")
    assert found[0].text.endswith("尚缺：人民法院准予执行裁定送达")


def test_planned_while_not_ready_and_no_date_can_be_given():
    case = replace(without(LAND, K.court_ruling), planned_on=date(2026, 11, 20))
    found = board(case, date(2026, 11, 2))
    assert [a.kind for a in found] == [A.planned_not_ready]
    assert "2026-11-20" in found[0].text and "人民法院准予执行裁定送达" in found[0].text
    pending = replace(LAND, planned_on=date(2026, 11, 20),
                      challenges=(Challenge(CK.lawsuit, K.demolition_order, date(2026, 6, 10)),))
    assert [a.kind for a in board(pending, date(2026, 11, 2))] == [A.planned_not_ready]


def test_planned_on_a_holiday():
    case = replace(PLANNING, planned_on=date(2026, 10, 5))
    found = board(case, date(2026, 9, 10))
    assert [(a.kind, a.article) for a in found] == [(A.planned_on_rest_day, "《行政强制法》第四十三条")]


def test_no_progress_for_30_days_while_steps_are_missing():
    case = without(PLANNING, K.public_notice)
    assert board(case, date(2026, 5, 30), last_progress_on=date(2026, 5, 1)) == []  # 29 days
    found = board(case, date(2026, 5, 31), last_progress_on=date(2026, 5, 1))
    assert [(a.kind, a.text) for a in found] == [(A.no_progress, "自2026-05-01起已30日无进展")]
    # A setting of 60 days moves it.
    sixty = with_overrides({RuleKey.no_progress_days: 60})
    assert board(case, date(2026, 5, 31), date(2026, 5, 1), sixty) == []


def test_no_progress_is_not_raised_when_only_time_must_pass_or_a_challenge_is_pending():
    assert board(PLANNING, date(2026, 6, 1), last_progress_on=date(2026, 4, 1)) == []
    pending = replace(without(PLANNING, K.public_notice),
                      challenges=(Challenge(CK.reconsideration, K.demolition_order, date(2026, 4, 1)),))
    assert board(pending, date(2026, 6, 1), last_progress_on=date(2026, 4, 1)) == []


def test_executed_while_closed_stays_on_the_board():
    case = replace(PLANNING, planned_on=date(2026, 8, 3), executed_on=date(2026, 8, 3))
    for today in (date(2026, 8, 3), date(2027, 1, 4)):
        found = board(case, today, last_progress_on=date(2026, 8, 3))
        assert [a.kind for a in found] == [A.executed_unlawfully]  # planned alerts stop once executed
        assert found[0].text.startswith("已于2026-08-03实施拆除，但不合法：2026-08-03实施强制拆除时程序未完备")
    assert board(replace(case, executed_on=date(2026, 9, 3)), date(2026, 9, 10)) == []
