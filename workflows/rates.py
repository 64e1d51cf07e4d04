"""The figures of "two down, one kept" (两降一保), each defined once, with the formula shown on the page.

A `Rate` keeps its numerator and denominator, so a page can show "42/140" beside "30%" and an empty period
shows "—" instead of a made-up 0%. Percentages are rounded as a Chinese report writes them: half up to one
decimal, a trailing ".0" dropped (42/140 → "30%", 1/3 → "33.3%", 2/3 → "66.7%").
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction

from workflows.dispute_centre import DisputeCase, Stage
from workflows.litigation import Lawsuit
from workflows.reconsideration import ReconsiderationCase
from workflows.text import N_


class Measure(str, Enum):
    loss_rate = "loss_rate"
    head_appearance_rate = "head_appearance_rate"
    in_suit_resolution_rate = "in_suit_resolution_rate"
    correction_rate = "correction_rate"
    resolution_rate = "resolution_rate"
    centre_resolution_rate = "centre_resolution_rate"
    pre_suit_resolutions = "pre_suit_resolutions"
    challenge_loss_rate = "challenge_loss_rate"
    history_loss_rate = "history_loss_rate"


@dataclass(frozen=True)
class MeasureDefinition:
    label: str
    formula: str
    basis: str


_TWO_DOWN = N_("“两降一保”工作要求")
MEASURES: dict[Measure, MeasureDefinition] = {
    Measure.loss_rate: MeasureDefinition(
        N_("败诉率"), N_("败诉率 = 败诉的行政诉讼案件数 ÷ 审结的行政诉讼案件数 × 100%"), _TWO_DOWN),
    Measure.head_appearance_rate: MeasureDefinition(
        N_("负责人出庭应诉率"),
        N_("负责人出庭应诉率 = 负责人出庭应诉的审结案件数 ÷ 开庭审理的审结案件数 × 100%"),
        N_("行政诉讼法第三条第三款；法释〔2020〕3号")),
    Measure.in_suit_resolution_rate: MeasureDefinition(
        N_("诉中化解率"),
        N_("诉中化解率 = 诉讼中以撤诉、调解方式实质性化解的案件数 ÷ 审结的行政诉讼案件数 × 100%"), _TWO_DOWN),
    Measure.correction_rate: MeasureDefinition(
        N_("行政复议纠错率"),
        N_("纠错率 = 决定变更、撤销、确认违法、责令履行、确认无效的行政复议案件数 ÷ 审结的行政复议案件数 × 100%"),
        N_("行政复议法第六十三条至第六十七条")),
    Measure.resolution_rate: MeasureDefinition(
        N_("行政复议化解率"),
        N_("化解率 = 通过和解、调解方式实质性化解的行政复议案件数 ÷ 审结的行政复议案件数 × 100%"),
        N_("行政复议法第七十三条、第七十四条")),
    Measure.centre_resolution_rate: MeasureDefinition(
        N_("协调化解成功率"),
        N_("协调化解成功率 = 化解成功的案件数 ÷ 行政争议协调化解中心办结的案件数 × 100%"),
        N_("本区行政争议协调化解中心工作规则")),
    Measure.pre_suit_resolutions: MeasureDefinition(
        N_("诉前化解数"), N_("诉前化解数 = 行政争议协调化解中心在起诉前化解成功的案件数"),
        N_("本区行政争议协调化解中心工作规则")),
    Measure.challenge_loss_rate: MeasureDefinition(
        N_("评估后败诉率"),
        N_("评估后败诉率 = 经审核事项被诉或被申请复议后败诉（被撤销、确认违法等）的件数 ÷ 已有结果的件数 × 100%"),
        N_("本区诉讼风险评估规则")),
    Measure.history_loss_rate: MeasureDefinition(
        N_("同类案件败诉率"),
        N_("同类案件败诉率 = 近年同类行政诉讼败诉及行政复议被纠错的件数 ÷ 同类案件审结件数 × 100%"),
        N_("本区诉讼风险评估规则")),
}

_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Rate:
    measure: Measure
    numerator: int
    denominator: int

    def __post_init__(self):
        if not 0 <= self.numerator <= self.denominator:
            raise ValueError(f"比率的分子须在0与分母之间：{self.numerator}/{self.denominator}")

    @property
    def value(self) -> Fraction | None:
        """Exact, or None when there is nothing to divide by."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def percent(self) -> Decimal | None:
        """Rounded half up to one decimal, as printed."""
        if self.value is None:
            return None
        return _round(Decimal(self.numerator * 100) / Decimal(self.denominator))

    @property
    def text(self) -> str:
        return "—" if self.percent is None else f"{_plain(self.percent)}%"

    @property
    def label(self) -> str:
        return MEASURES[self.measure].label

    @property
    def formula(self) -> str:
        return MEASURES[self.measure].formula


def _round(d: Decimal) -> Decimal:
    return d.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _plain(d: Decimal) -> str:
    """30.0 → "30", 33.3 → "33.3"."""
    return str(d.to_integral_value()) if d == d.to_integral_value() else str(d)


def points_change(current: Rate, previous: Rate) -> Decimal | None:
    """The change in percentage points, from exact values rounded once (a fall is negative); None when either
    rate has no denominator."""
    if current.value is None or previous.value is None:
        return None
    diff = (current.value - previous.value) * 100
    return _round(Decimal(diff.numerator) / Decimal(diff.denominator))


def points_text(change: Decimal) -> str:
    """The size of a change in points as printed: 19.5, 20."""
    return _plain(abs(change))


def loss_rate(lawsuits: Iterable[Lawsuit]) -> Rate:
    concluded = [c for c in lawsuits if c.concluded]
    return Rate(Measure.loss_rate, sum(c.lost for c in concluded), len(concluded))


def head_appearance_rate(lawsuits: Iterable[Lawsuit]) -> Rate:
    heard = [c for c in lawsuits if c.concluded and c.had_hearing]
    return Rate(Measure.head_appearance_rate, sum(c.head_appeared for c in heard), len(heard))


def in_suit_resolution_rate(lawsuits: Iterable[Lawsuit]) -> Rate:
    concluded = [c for c in lawsuits if c.concluded]
    return Rate(Measure.in_suit_resolution_rate, sum(c.resolved_in_suit for c in concluded), len(concluded))


def correction_rate(cases: Iterable[ReconsiderationCase]) -> Rate:
    concluded = [c for c in cases if c.concluded]
    return Rate(Measure.correction_rate, sum(c.corrected for c in concluded), len(concluded))


def resolution_rate(cases: Iterable[ReconsiderationCase]) -> Rate:
    concluded = [c for c in cases if c.concluded]
    return Rate(Measure.resolution_rate, sum(c.resolved for c in concluded), len(concluded))


def centre_resolution_rate(disputes: Iterable[DisputeCase]) -> Rate:
    concluded = [d for d in disputes if d.concluded]
    return Rate(Measure.centre_resolution_rate, sum(d.resolved for d in concluded), len(concluded))


def pre_suit_resolutions(disputes: Iterable[DisputeCase]) -> int:
    """Disputes the centre resolved before any suit was filed (诉前化解)."""
    return sum(d.resolved and d.stage is Stage.before_suit for d in disputes)
