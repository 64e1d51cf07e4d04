"""Predicted against actual (workflows.risk.hindsight): the level assessed at review against the outcome of
the later challenge, by year, area and department, with the loss rate per level and the factors that
misled."""
from datetime import date

import pytest

from workflows.litigation import Area, Lawsuit, Outcome as LawsuitOutcome
from workflows.reconsideration import Outcome as ReconOutcome, ReconsiderationCase
from workflows.risk.factors import Level
from workflows.risk.hindsight import (
    ChallengeOutcome as C, ChallengeRow, outcome_of_lawsuit, outcome_of_reconsideration, predicted_vs_actual,
)

CG, SJ = "区城市管理局", "区市场监督管理局"
ROWS = [
    ChallengeRow(1, Level.high, 2025, "demolition", CG, C.lost, ("procedure",)),
    ChallengeRow(2, Level.high, 2025, "demolition", CG, C.won),
    ChallengeRow(3, Level.low, 2025, "demolition", CG, C.lost, ("procedure", "evidence")),
    ChallengeRow(4, Level.low, 2025, "demolition", CG, C.lost, ("procedure",)),
    ChallengeRow(5, Level.low, 2025, "demolition", CG, C.won),
    ChallengeRow(6, Level.low, 2025, "demolition", CG, C.pending),
    ChallengeRow(7, Level.medium, 2025, "penalty", SJ, C.settled),
    ChallengeRow(8, Level.low, 2025, "penalty", SJ, C.withdrawn),
    ChallengeRow(9, Level.low, 2026, "demolition", CG, C.lost, ("authority", "procedure")),
    ChallengeRow(10, Level.medium, 2026, "demolition", CG, C.lost),
]


def counts(row) -> tuple[int, ...]:
    return tuple(row.counts[o] for o in (C.won, C.lost, C.settled, C.withdrawn, C.pending))


def test_the_table_by_year_area_and_department_sets_level_against_outcome():
    h = predicted_vs_actual(ROWS)
    assert [(r.year, r.area, r.department, r.level, counts(r), r.loss_rate.text) for r in h.rows] == [
        (2025, "demolition", CG, Level.high, (1, 1, 0, 0, 0), "50%"),
        (2025, "demolition", CG, Level.low, (1, 2, 0, 0, 1), "66.7%"),  # the pending case is left out
        (2025, "penalty", SJ, Level.medium, (0, 0, 1, 0, 0), "0%"),
        (2025, "penalty", SJ, Level.low, (0, 0, 0, 1, 0), "0%"),
        (2026, "demolition", CG, Level.medium, (0, 1, 0, 0, 0), "100%"),
        (2026, "demolition", CG, Level.low, (0, 1, 0, 0, 0), "100%"),
    ]


def test_the_loss_rate_per_level_over_all_rows():
    h = predicted_vs_actual(ROWS)
    assert [(r.level, r.loss_rate.numerator, r.loss_rate.denominator, r.loss_rate.text)
            for r in h.by_level] == [
        (Level.high, 1, 2, "50%"), (Level.medium, 1, 2, "50%"), (Level.low, 3, 5, "60%")]


def test_factors_that_mislead_are_the_grounds_of_losses_assessed_low_most_frequent_first():
    h = predicted_vs_actual(ROWS)
    assert h.lost_assessed_low == (3, 4, 9)
    assert [(m.code, m.label, m.cases) for m in h.misleading] == [
        ("procedure", "违反法定程序", 3), ("evidence", "主要证据不足", 1), ("authority", "超越职权", 1)]


def test_an_empty_level_shows_no_rate_rather_than_zero():
    h = predicted_vs_actual([ChallengeRow(1, Level.low, 2025, "penalty", SJ, C.pending)])
    assert [r.loss_rate.text for r in h.by_level] == ["—", "—", "—"]


def test_a_loss_ground_must_be_a_legality_factor():
    with pytest.raises(ValueError):
        ChallengeRow(1, Level.low, 2025, "penalty", SJ, C.lost, ("public_support",))


@pytest.mark.parametrize("outcome, resolved, expected", [
    (None, False, C.pending), (LawsuitOutcome.quash, False, C.lost),
    (LawsuitOutcome.dismiss_claims, False, C.won),
    (LawsuitOutcome.dismiss_suit, False, C.won), (LawsuitOutcome.withdrawal_allowed, True, C.settled),
    (LawsuitOutcome.withdrawal_allowed, False, C.withdrawn), (LawsuitOutcome.mediated, False, C.settled),
])
def test_a_lawsuit_maps_to_a_challenge_outcome(outcome, resolved, expected):
    case = Lawsuit("（2026）黔0111行初3号", CG, Area.demolition, date(2026, 3, 2), outcome=outcome,
                   outcome_on=date(2026, 6, 1) if outcome else None, resolved_in_suit=resolved)
    assert outcome_of_lawsuit(case) is expected


@pytest.mark.parametrize("outcome, expected", [
    (None, C.pending), (ReconOutcome.confirm_illegal, C.lost), (ReconOutcome.uphold, C.won),
    (ReconOutcome.dismiss, C.won), (ReconOutcome.settled, C.settled), (ReconOutcome.mediated, C.settled),
    (ReconOutcome.withdrawn, C.withdrawn), (ReconOutcome.terminated, C.withdrawn),
])
def test_a_reconsideration_maps_to_a_challenge_outcome(outcome, expected):
    case = ReconsiderationCase("观府复〔2026〕3号", SJ, date(2026, 3, 2), accepted=date(2026, 3, 4),
                               outcome=outcome, concluded_on=date(2026, 5, 1) if outcome else None)
    assert outcome_of_reconsideration(case) is expected
