"""The demolition tracks and the one table of numbers (DESIGN.md §3 "Forced demolition")."""
import ast
import inspect
from datetime import date, time
from pathlib import Path

import pytest

import workflows.demolition as demolition
from workflows.demolition.rules import RULES, RuleKey, with_overrides
from workflows.demolition.tracks import COMPUTED, STEP_LABELS, TRACK_LABELS, TRACKS, StepKind, Track
from workflows.demolition.gate import evaluate
from workflows.periods import Period, Unit

from tests.unit.demolition_cases import CAL, PLANNING


def test_track_labels_are_the_ledger_column_values():
    # DESIGN.md §7, column 拆除类型.
    assert [TRACK_LABELS[t] for t in Track] == ["国有土地征收", "集体土地征收", "违法建设", "违法占用耕地"]


def test_every_step_kind_has_a_label_and_every_track_step_an_article():
    assert set(STEP_LABELS) == set(StepKind) and all(STEP_LABELS.values())
    for spec in TRACKS.values():
        assert spec.enforcement_article
        for s in spec.steps:
            assert s.article, (spec.track, s.kind)


@pytest.mark.parametrize("track", list(Track))
def test_each_dependency_points_to_an_earlier_step_of_the_same_track(track):
    spec = TRACKS[track]
    seen = set()
    for s in spec.steps:
        assert s.kind not in seen, "a kind appears once per track"
        for dep in s.after:
            assert dep.kind in seen, (s.kind, dep.kind)
        seen.add(s.kind)
    assert {d.kind for d in spec.execute_after} <= seen
    # The periods to challenge are computed from decisions the track records before them.
    first_computed = spec.kinds.index(StepKind.reconsideration_lapsed)
    assert all(spec.kinds.index(d) < first_computed for d in spec.challengeable)
    assert spec.enforced in spec.challengeable
    assert COMPUTED <= set(spec.kinds)


def test_only_planning_violations_are_self_enforced_the_others_need_a_court():
    # 城乡规划法 Art. 65, 68: self-enforcement; 土地管理法 Art. 83, 征收条例 Art. 28, 实施条例 Art. 62: a court.
    assert {t for t, s in TRACKS.items() if s.self_enforcement} == {Track.planning_violation}
    for track, spec in TRACKS.items():
        court = StepKind.court_ruling in spec.kinds
        assert court is not spec.self_enforcement, track
        assert (StepKind.enforcement_decision in spec.kinds) is spec.self_enforcement


def test_expropriation_tracks_need_compensation_first_and_a_stability_assessment():
    for track in (Track.state_land_expropriation, Track.collective_land_expropriation):
        kinds = TRACKS[track].kinds
        assert StepKind.stability_assessment in kinds and StepKind.compensation_secured in kinds
        assert StepKind.compensation_decision in TRACKS[track].challengeable


def test_the_table_holds_the_statutory_numbers_each_with_its_article():
    expected = {
        RuleKey.reconsideration: (Period(60, Unit.days), "第二十条第一款"),
        RuleKey.reconsideration_not_told: (Period(1, Unit.years), "第二十条第三款"),
        RuleKey.litigation: (Period(6, Unit.months), "第四十六条"),
        RuleKey.litigation_not_told: (Period(1, Unit.years), "第六十四条"),
        RuleKey.litigation_after_reconsideration: (Period(15, Unit.days), "第四十五条"),
        RuleKey.litigation_land_occupation: (Period(15, Unit.days), "《土地管理法》第八十三条"),
        RuleKey.demand_before_court: (Period(10, Unit.working_days), "第五十四条"),
        RuleKey.court_application_window: (Period(3, Unit.months), "第五十三条"),
        RuleKey.court_acceptance: (Period(5, Unit.working_days), "第五十六条"),
        RuleKey.court_ruling: (Period(7, Unit.working_days), "第五十七条"),
        RuleKey.court_ruling_with_hearing: (Period(30, Unit.days), "第五十八条"),
        RuleKey.pre_announcement: (Period(10, Unit.working_days), "实施条例》第二十六条"),
        RuleKey.plan_posting: (Period(30, Unit.days), "实施条例》第二十八条"),
        RuleKey.night_start: (time(22, 0), "第四十三条"),
        RuleKey.night_end: (time(6, 0), "第四十三条"),
        RuleKey.no_progress_days: (30, "本地设置"),
    }
    assert set(RULES) == set(RuleKey) == set(expected)
    for key, (value, article) in expected.items():
        rule = RULES[key]
        value_of = (rule.value.n, rule.value.unit) if isinstance(rule.value, Period) else rule.value
        assert value_of == ((value.n, value.unit) if isinstance(value, Period) else value), key
        assert article in rule.article and rule.label, key


def _number_literals(module) -> list[tuple[int, object]]:
    tree = ast.parse(Path(inspect.getsourcefile(module)).read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) in (int, float)
            and node.value not in (0, 1)]


def test_no_number_lives_outside_the_rules_table():
    # Every module but rules.py: the gate, the checks, the alerts and the tracks read numbers from the table.
    from workflows.demolition import alerts, checks, facts, gate, timing, tracks
    for module in (alerts, checks, facts, gate, timing, tracks, demolition):
        assert _number_literals(module) == [], module.__name__


def test_changing_the_tables_reconsideration_period_changes_the_gates_date():
    # 240 days from 2026-03-02 end 2026-10-28, later than the six-month litigation period (09-02).
    assert evaluate(PLANNING, CAL, date(2026, 9, 3)).earliest_lawful_date == date(2026, 9, 3)
    longer = with_overrides({RuleKey.reconsideration: 240})
    answer = evaluate(PLANNING, CAL, date(2026, 9, 3), longer)
    assert answer.earliest_lawful_date == date(2026, 10, 29) and not answer.ready
    assert [m.until for m in answer.missing] == [date(2026, 10, 28)]


def test_changing_the_litigation_period_or_the_night_moves_the_answers_too():
    seven_months = with_overrides({"litigation": 7})
    assert evaluate(PLANNING, CAL, date(2026, 9, 3), seven_months).earliest_lawful_date == date(2026, 10, 9)
    from workflows.demolition.checks import check_execution
    from datetime import datetime
    later_night = with_overrides({RuleKey.night_start: time(23, 0)})
    assert check_execution(datetime(2026, 9, 3, 22, 30), CAL) != ()
    assert check_execution(datetime(2026, 9, 3, 22, 30), CAL, later_night) == ()


def test_an_override_keeps_unit_label_and_article_and_refuses_a_wrong_type():
    table = with_overrides({RuleKey.demand_before_court: 15})
    assert table[RuleKey.demand_before_court].value == Period(15, Unit.working_days)
    assert table[RuleKey.demand_before_court].article == RULES[RuleKey.demand_before_court].article
    assert RULES[RuleKey.demand_before_court].value.n == 10  # the default table is untouched
    with pytest.raises(ValueError):
        with_overrides({RuleKey.night_start: 22})
    with pytest.raises(ValueError):
        with_overrides({"no_such_rule": 1})
