"""Litigation-risk scoring (workflows.risk): the catalogue follows Administrative Litigation Law Art. 70, 74,
75 and NDRC 发改投资〔2012〕2492号; likelihood × impact on 1-5 gives the level; the district's history of losses
raises it."""
from datetime import date

import pytest

from workflows.risk.factors import FACTORS, Group, Level, RiskRules
from workflows.risk.history import Dimension, PastCase, history_lines
from workflows.risk.scoring import FactorScore, RiskError, assess

ALL_LOW = {f.code: FactorScore(f.code, 1, 1, "不适用") for f in FACTORS}


def scores(**changed: tuple[int, int]) -> list[FactorScore]:
    return list({**ALL_LOW, **{code: FactorScore(code, l, i, "见评估报告") for code, (l, i) in changed.items()}}
                .values())


def test_the_catalogue_covers_art70_grounds_art74_art75_and_the_ndrc_stability_factors():
    assert [f.code for f in FACTORS if f.group is Group.legality] == [
        "evidence", "legal_basis", "procedure", "authority", "abuse", "impropriety", "confirm_illegal",
        "void"]
    assert [f.code for f in FACTORS if f.group is Group.stability] == [
        "stability_lawfulness", "public_support", "timing", "chain_reaction", "group_incident",
        "mitigation_plans"]
    # History is computed from the records, never scored by hand (no double counting with the raise).
    assert [f.code for f in FACTORS if f.group is Group.history] == []
    assert next(f for f in FACTORS if f.code == "procedure").basis == "行政诉讼法第七十条第（三）项"


def test_every_factor_below_8_is_low():
    a = assess(scores(procedure=(2, 3), public_support=(3, 2)))
    assert a.level is Level.low
    assert [str(r.message) for r in a.reasons] == ["各项因素分值均低于中风险分值8"]


def test_a_factor_of_8_or_more_is_medium_and_named_as_the_reason():
    a = assess(scores(procedure=(3, 3), evidence=(2, 4), timing=(2, 3)))
    assert a.level is Level.medium
    assert [(r.source, str(r.message)) for r in a.reasons] == [
        ("evidence", "可能性2 × 影响程度4 = 8，达到中风险分值8"),
        ("procedure", "可能性3 × 影响程度3 = 9，达到中风险分值8"),
    ]


def test_a_factor_of_15_or_more_is_high_and_only_high_factors_are_the_reasons():
    a = assess(scores(group_incident=(3, 5), procedure=(3, 3)))
    assert a.level is Level.high
    assert [(r.source, str(r.message)) for r in a.reasons] == [
        ("group_incident", "可能性3 × 影响程度5 = 15，达到高风险分值15")]


def test_scores_come_back_in_catalogue_order():
    a = assess(reversed(scores(timing=(2, 2))))
    assert [s.code for s in a.scores] == [f.code for f in FACTORS]


@pytest.mark.parametrize("entered, message", [
    ([FactorScore("evidence", 1, 1)], "以下风险因素尚未评分（不适用的按1×1评分并注明）：适用法律、法规错误、"),
    (scores() + [FactorScore("luck", 1, 1)], "未知的风险因素：luck"),
    (scores() + [FactorScore("evidence", 1, 1)], "风险因素“主要证据不足”重复评分"),
    (scores(evidence=(6, 1)), "“主要证据不足”的可能性和影响程度须为1至5的整数"),
    (scores(evidence=(0, 3)), "“主要证据不足”的可能性和影响程度须为1至5的整数"),
    ([*scores()[1:], FactorScore("evidence", 3, 3, "  ")], "“主要证据不足”评分达到中风险以上，须说明理由"),
])
def test_an_assessment_that_cannot_be_scored_is_refused(entered, message):
    with pytest.raises(RiskError) as e:
        assess(entered)
    assert str(e.value.message).startswith(message)


PAST = [
    # The department: 4 concluded in the last three years, 2 lost (50%); one typical case.
    PastCase(date(2024, 5, 1), True, "demolition", "区城市管理局", "行政强制执行", "违法建筑强拆未催告案"),
    PastCase(date(2025, 2, 1), True, "demolition", "区城市管理局", "行政强制执行"),
    PastCase(date(2025, 8, 1), False, "penalty", "区城市管理局", "行政处罚"),
    PastCase(date(2026, 1, 1), False, "penalty", "区城市管理局", "行政处罚"),
    # Older than three years: left out.
    PastCase(date(2023, 6, 30), True, "demolition", "区城市管理局", "行政强制执行"),
    # Another department, same area.
    PastCase(date(2026, 3, 1), False, "demolition", "某镇人民政府", "行政强制执行"),
]


def test_history_lines_count_the_last_three_years_by_area_department_and_kind_of_act():
    lines = history_lines(PAST, "demolition", "区城市管理局", "行政强制执行", today=date(2026, 7, 1))
    assert [(l.dimension, l.loss_rate.numerator, l.loss_rate.denominator, l.raises) for l in lines] == [
        (Dimension.area, 2, 3, True),
        (Dimension.department, 2, 4, True),
        (Dimension.act_kind, 2, 3, True),
    ]
    assert lines[1].typical_cases == ("违法建筑强拆未催告案",)


def test_history_needs_enough_cases_and_a_loss_rate_at_the_threshold():
    few = [PastCase(date(2026, 1, 1), True, department="区卫生健康局")] * 2
    assert not history_lines(few, "", "区卫生健康局", "", date(2026, 7, 1))[0].raises
    under = [PastCase(date(2026, 1, 1), i < 2, department="区卫生健康局") for i in range(7)]  # 2/7 = 28.6%
    assert not history_lines(under, "", "区卫生健康局", "", date(2026, 7, 1))[0].raises
    at = [PastCase(date(2026, 1, 1), i < 3, department="区卫生健康局") for i in range(10)]  # 3/10 = 30%
    assert history_lines(at, "", "区卫生健康局", "", date(2026, 7, 1))[0].raises


def test_a_losing_history_raises_the_level_one_step_with_its_reason():
    lines = history_lines(PAST, "", "区城市管理局", "", today=date(2026, 7, 1))
    low = assess(scores(), lines)
    assert low.level is Level.medium
    assert [(r.source, str(r.message)) for r in low.reasons][-1] == (
        "history.department", "近3年同一部门的案件审结4件，败诉或被纠错2件（50%），不低于30%，风险等级上调一级")
    assert assess(scores(procedure=(3, 3)), lines).level is Level.high
    assert assess(scores(procedure=(5, 5)), lines).level is Level.high


def test_the_rule_numbers_are_settings():
    stricter = RiskRules(medium_score=6)
    assert assess(scores(procedure=(2, 3)), rules=stricter).level is Level.medium
