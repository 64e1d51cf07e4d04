"""The figures per unit and period (quarter or year), from the plain case rows.

Which date puts a case in a period: a lawsuit is received (新收) on the day the body received the complaint copy
and concluded (审结) on the date of its judgment, ruling or mediation; a reconsideration case and a centre case
are concluded on their `concluded_on`. Rates count the cases concluded in the period. A case belongs to its
defendant, respondent or body concerned (co-defendants are not counted again).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from workflows import rates
from workflows.dispute_centre import DisputeCase
from workflows.litigation import Lawsuit
from workflows.message import Message
from workflows.rates import Rate
from workflows.reconsideration import ReconsiderationCase
from workflows.text import N_

QUARTER_NAMES = {1: N_("第一季度"), 2: N_("第二季度"), 3: N_("第三季度"), 4: N_("第四季度")}


class Granularity(str, Enum):
    quarter = "quarter"
    year = "year"


@dataclass(frozen=True, order=True)
class PeriodKey:
    year: int
    quarter: int | None = None  # None: the whole year

    def __post_init__(self):
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError("季度须为1至4")

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def contains(self, d: date | None) -> bool:
        return d is not None and self.first_day <= d <= self.last_day

    @property
    def label(self) -> Message:
        if self.quarter is None:
            return Message(N_("%(year)s年"), {"year": self.year})
        return Message(N_("%(year)s年%(quarter)s"),
                       {"year": self.year, "quarter": QUARTER_NAMES[self.quarter]})


def period_of(d: date, granularity: Granularity) -> PeriodKey:
    return PeriodKey(d.year, (d.month - 1) // 3 + 1 if granularity is Granularity.quarter else None)


@dataclass(frozen=True)
class UnitFigures:
    unit: str | None  # None: the district's total
    period: PeriodKey
    lawsuits_received: int
    loss_rate: Rate                 # its denominator is the lawsuits concluded
    head_appearance_rate: Rate
    in_suit_resolution_rate: Rate
    correction_rate: Rate           # its denominator is the reconsideration cases concluded
    resolution_rate: Rate
    centre_resolution_rate: Rate
    pre_suit_resolutions: int


def unit_figures(period: PeriodKey, unit: str | None, lawsuits: Iterable[Lawsuit],
                 reconsiderations: Iterable[ReconsiderationCase],
                 disputes: Iterable[DisputeCase]) -> UnitFigures:
    """One unit's figures in `period` (`unit` None: every unit together)."""
    def mine(owner: str) -> bool:
        return unit is None or owner == unit

    lawsuits = [c for c in lawsuits if mine(c.defendant)]
    concluded = [c for c in lawsuits if period.contains(c.outcome_on)]
    recon = [c for c in reconsiderations if mine(c.respondent) and period.contains(c.concluded_on)]
    centre = [d for d in disputes if mine(d.body) and period.contains(d.concluded_on)]
    return UnitFigures(
        unit, period, sum(period.contains(c.complaint_received) for c in lawsuits),
        rates.loss_rate(concluded), rates.head_appearance_rate(concluded),
        rates.in_suit_resolution_rate(concluded),
        rates.correction_rate(recon), rates.resolution_rate(recon),
        rates.centre_resolution_rate(centre), rates.pre_suit_resolutions(centre))


def units(lawsuits: Sequence[Lawsuit], reconsiderations: Sequence[ReconsiderationCase],
          disputes: Sequence[DisputeCase]) -> list[str]:
    return sorted({c.defendant for c in lawsuits} | {c.respondent for c in reconsiderations}
                  | {d.body for d in disputes})


def figures(lawsuits: Iterable[Lawsuit], reconsiderations: Iterable[ReconsiderationCase],
            disputes: Iterable[DisputeCase], granularity: Granularity) -> tuple[UnitFigures, ...]:
    """Every period any case falls in, in order; within it each unit (sorted), then the total (unit None)."""
    lawsuits, reconsiderations, disputes = list(lawsuits), list(reconsiderations), list(disputes)
    days = ([c.complaint_received for c in lawsuits] + [c.outcome_on for c in lawsuits]
            + [c.concluded_on for c in reconsiderations] + [d.concluded_on for d in disputes])
    periods = sorted({period_of(d, granularity) for d in days if d is not None})
    names = units(lawsuits, reconsiderations, disputes)
    return tuple(unit_figures(p, u, lawsuits, reconsiderations, disputes)
                 for p in periods for u in [*names, None])
