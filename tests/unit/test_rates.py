"""The figures of "two down, one kept" (workflows.rates): each rate on a known data set, the report's
rounding, and the property that a rate lies in [0, 1] and is None exactly when nothing was concluded."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflows import rates
from workflows.dispute_centre import DisputeCase, Outcome as DisputeOutcome, Stage
from workflows.litigation import Appearance, Area, Hearing, Lawsuit, Outcome as LawsuitOutcome
from workflows.rates import MEASURES, Measure, Rate, points_change
from workflows.reconsideration import Outcome as ReconOutcome, ReconsiderationCase

DAY = date(2026, 6, 30)


def lawsuit(n, outcome=None, hearings=(), resolved=False) -> Lawsuit:
    return Lawsuit(f"（2026）黔0111行初{n}号", "区自然资源局", Area.expropriation, date(2026, 3, 2),
                   hearings=tuple(Hearing(DAY, a, "公务") for a in hearings),
                   outcome=outcome, outcome_on=DAY if outcome else None, resolved_in_suit=resolved)


def recon(n, outcome=None, accepted=True) -> ReconsiderationCase:
    return ReconsiderationCase(f"观府复〔2026〕{n}号", "区市场监督管理局", date(2026, 3, 2),
                               accepted=date(2026, 3, 5) if accepted else None,
                               refused=None if accepted else date(2026, 3, 5),
                               outcome=outcome, concluded_on=DAY if outcome else None)


def dispute(n, stage, outcome=None) -> DisputeCase:
    return DisputeCase(f"化解〔2026〕{n}号", "区自然资源局", stage, date(2026, 3, 2),
                       outcome=outcome, concluded_on=DAY if outcome else None)


HEAD, DEPUTY, STAFF = Appearance.principal_head, Appearance.deputy_head, Appearance.staff
LAWSUITS = [
    lawsuit(1, LawsuitOutcome.quash, [HEAD]),
    lawsuit(2, LawsuitOutcome.confirm_illegal, [STAFF, DEPUTY]),
    lawsuit(3, LawsuitOutcome.order_performance, [STAFF]),       # the head never appeared
    lawsuit(4, LawsuitOutcome.dismiss_claims, [HEAD]),
    lawsuit(5, LawsuitOutcome.dismiss_claims, [DEPUTY]),
    lawsuit(6, LawsuitOutcome.dismiss_claims, [HEAD]),
    lawsuit(7, LawsuitOutcome.dismiss_claims, [HEAD, STAFF]),
    lawsuit(8, LawsuitOutcome.withdrawal_allowed, resolved=True),  # no hearing
    lawsuit(9, LawsuitOutcome.withdrawal_allowed, resolved=True),  # no hearing
    lawsuit(10, LawsuitOutcome.mediated, [HEAD], resolved=True),
    lawsuit(11, None, [STAFF]),                                      # pending: in no rate
    lawsuit(12),
]
RECONSIDERATIONS = [
    recon(1, ReconOutcome.change), recon(2, ReconOutcome.quash), recon(3, ReconOutcome.uphold),
    recon(4, ReconOutcome.dismiss), recon(5, ReconOutcome.mediated), recon(6, ReconOutcome.settled),
    recon(7, ReconOutcome.withdrawn), recon(8), recon(9, accepted=False),
]
DISPUTES = [
    dispute(1, Stage.before_suit, DisputeOutcome.resolved),
    dispute(2, Stage.before_suit, DisputeOutcome.resolved),
    dispute(3, Stage.in_suit, DisputeOutcome.resolved),
    dispute(4, Stage.before_suit, DisputeOutcome.not_resolved),
    dispute(5, Stage.before_suit),
]


def test_loss_rate_is_losses_over_concluded_lawsuits():
    r = rates.loss_rate(LAWSUITS)
    assert (r.numerator, r.denominator, r.text) == (3, 10, "30%")


def test_head_appearance_rate_counts_concluded_lawsuits_with_a_hearing_deputies_included():
    r = rates.head_appearance_rate(LAWSUITS)
    assert (r.numerator, r.denominator, r.text) == (7, 8, "87.5%")


def test_in_suit_resolution_rate():
    r = rates.in_suit_resolution_rate(LAWSUITS)
    assert (r.numerator, r.denominator, r.text) == (3, 10, "30%")


def test_correction_and_resolution_rates_leave_out_pending_and_refused_applications():
    c, s = rates.correction_rate(RECONSIDERATIONS), rates.resolution_rate(RECONSIDERATIONS)
    assert (c.numerator, c.denominator, c.text) == (2, 7, "28.6%")
    assert (s.numerator, s.denominator, s.text) == (2, 7, "28.6%")


def test_centre_resolutions():
    r = rates.centre_resolution_rate(DISPUTES)
    assert (r.numerator, r.denominator, r.text) == (3, 4, "75%")
    assert rates.pre_suit_resolutions(DISPUTES) == 2


@pytest.mark.parametrize("num, den, text", [
    (42, 140, "30%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 8, "12.5%"), (1, 400, "0.3%"), (0, 5, "0%"),
    (5, 5, "100%"), (0, 0, "—"),
])
def test_percent_text_rounds_half_up_to_one_decimal_and_drops_a_trailing_zero(num, den, text):
    assert Rate(Measure.loss_rate, num, den).text == text


def test_each_measure_has_its_formula_once():
    assert Rate(Measure.resolution_rate, 42, 140).formula == \
        "化解率 = 通过和解、调解方式实质性化解的行政复议案件数 ÷ 审结的行政复议案件数 × 100%"
    assert set(MEASURES) == set(Measure)
    assert len({m.formula for m in MEASURES.values()}) == len(MEASURES)


def test_points_change_from_exact_values():
    assert points_change(Rate(Measure.loss_rate, 6, 60), Rate(Measure.loss_rate, 59, 200)) == Decimal("-19.5")
    assert points_change(Rate(Measure.loss_rate, 6, 60), Rate(Measure.loss_rate, 0, 0)) is None


def test_a_numerator_outside_0_to_denominator_is_refused():
    with pytest.raises(ValueError):
        Rate(Measure.loss_rate, 3, 2)
    with pytest.raises(ValueError):
        Rate(Measure.loss_rate, -1, 2)


_lawsuits = st.lists(st.builds(
    lambda i, outcome, hearings, resolved: lawsuit(
        i, outcome, hearings,
        resolved and outcome in (LawsuitOutcome.withdrawal_allowed, LawsuitOutcome.mediated)),
    st.integers(1, 999), st.none() | st.sampled_from(LawsuitOutcome),
    st.lists(st.sampled_from(Appearance), max_size=3), st.booleans()), max_size=30)
_recons = st.lists(st.builds(lambda i, outcome: recon(i, outcome), st.integers(1, 999),
                             st.none() | st.sampled_from(ReconOutcome)), max_size=30)
_disputes = st.lists(st.builds(lambda i, stage, outcome: dispute(i, stage, outcome), st.integers(1, 999),
                               st.sampled_from(Stage), st.none() | st.sampled_from(DisputeOutcome)),
                     max_size=30)


@settings(max_examples=200, deadline=None)
@given(_lawsuits, _recons, _disputes)
def test_every_rate_lies_in_0_1_and_is_none_exactly_when_its_denominator_is_0(lawsuits, recons, disputes):
    for r in (rates.loss_rate(lawsuits), rates.head_appearance_rate(lawsuits),
              rates.in_suit_resolution_rate(lawsuits), rates.correction_rate(recons),
              rates.resolution_rate(recons), rates.centre_resolution_rate(disputes)):
        assert (r.value is None) == (r.denominator == 0)
        assert r.value is None or 0 <= r.value <= 1
        assert (r.text == "—") == (r.denominator == 0)


@settings(max_examples=300)
@given(st.integers(0, 10_000).flatmap(lambda den: st.tuples(st.integers(0, den), st.just(den))))
def test_the_printed_percent_is_within_half_a_tenth_of_the_exact_value(pair):
    num, den = pair
    r = Rate(Measure.loss_rate, num, den)
    if den == 0:
        assert r.percent is None
    else:
        assert Decimal(0) <= r.percent <= Decimal(100)
        assert abs(r.percent - Decimal(num * 100) / Decimal(den)) <= Decimal("0.05")
