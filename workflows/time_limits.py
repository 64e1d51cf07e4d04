"""Tables of time limits (期限) that the app shows as settings.

Each rule module (litigation, reconsideration, the dispute-resolution centre) keeps its numbers in one table
of `TimeLimit`s, with the article or local rule beside each. The app stores only the number an administrator
changes (an integer setting under "<module>.<key>") and passes it back through `with_values`; the unit and the
source stay with the rule, because the law, not the administrator, decides whether days are working days.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from workflows.periods import Period, Unit
from workflows.text import N_

UNIT_LABELS = {
    Unit.working_days: N_("工作日"),
    Unit.days: N_("日"),
    Unit.months: N_("个月"),
    Unit.years: N_("年"),
}


@dataclass(frozen=True)
class TimeLimit:
    period: Period  # n, unit and the article that sets it
    label: str      # what the limit is for, shown on the settings page and beside each date computed from it
    statutory: bool = True  # False: a local rule (verify against the district's own document)


def with_values(table: Mapping[str, TimeLimit], values: Mapping[str, int]) -> dict[str, TimeLimit]:
    """`table` with the administrator's numbers; a key the table does not know is an error, not ignored."""
    unknown = set(values) - set(table)
    if unknown:
        raise KeyError(f"未知的期限设置：{'、'.join(sorted(unknown))}")
    return {key: replace(limit, period=replace(limit.period, n=values[key])) if key in values else limit
            for key, limit in table.items()}
