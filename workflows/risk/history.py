"""The history factor: how the district's cases of the same kind ended, from its own records.

The adapter passes the concluded lawsuits and reconsideration cases as `PastCase`s: `lost` is a lawsuit lost
(workflows.litigation) or a reconsideration decision that corrected the act (workflows.reconsideration), since
either means the act did not stand.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.periods import add_months
from workflows.rates import Measure, Rate
from workflows.risk.factors import RISK_RULES, RiskRules
from workflows.text import N_


class Dimension(str, Enum):
    """Each value is also the name of the `PastCase` field compared."""
    area = "area"
    department = "department"
    act_kind = "act_kind"


DIMENSION_LABELS = {
    Dimension.area: N_("同一领域"),
    Dimension.department: N_("同一部门"),
    Dimension.act_kind: N_("同类行政行为"),
}


@dataclass(frozen=True)
class PastCase:
    concluded_on: date
    lost: bool
    area: str = ""
    department: str = ""
    act_kind: str = ""
    typical_case: str = ""  # the title of the typical case (典型案例) written up from it, if any


@dataclass(frozen=True)
class HistoryLine:
    dimension: Dimension
    value: str
    loss_rate: Rate
    typical_cases: tuple[str, ...]
    raises: bool  # enough cases and a loss rate at or above the threshold: the level goes up one step


def history_lines(past: Iterable[PastCase], area: str, department: str, act_kind: str, today: date,
                  rules: RiskRules = RISK_RULES) -> tuple[HistoryLine, ...]:
    """One line per dimension the matter has a value for, over cases concluded in the last `history_years`
    years up to `today`."""
    since = add_months(today, -12 * rules.history_years)
    recent = [c for c in past if since < c.concluded_on <= today]
    lines = []
    for dimension, value in ((Dimension.area, area), (Dimension.department, department),
                             (Dimension.act_kind, act_kind)):
        if not value:
            continue
        same = [c for c in recent if getattr(c, dimension.value) == value]
        rate = Rate(Measure.history_loss_rate, sum(c.lost for c in same), len(same))
        raises = (rate.denominator >= rules.history_min_cases
                  and rate.numerator * 100 >= rules.history_loss_percent * rate.denominator)
        typical = tuple(dict.fromkeys(c.typical_case for c in same if c.typical_case))
        lines.append(HistoryLine(dimension, value, rate, typical, raises))
    return tuple(lines)
