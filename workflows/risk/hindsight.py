"""Predicted against actual: the level assessed at review set against how the later challenge ended.

For matters whose acts were later challenged (a lawsuit or a reconsideration application), a table by year of
the assessment, area and department of level × outcome, with the loss rate per level among the challenges that
have ended. "Factors that mislead" are read from the cases the review assessed as low risk and that were then
lost: the grounds the court or the reconsideration body gave (as factor codes of the legality catalogue) are
the factors the assessment under-rated; the most frequent come first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from workflows.litigation import Lawsuit, Outcome as LawsuitOutcome
from workflows.rates import Measure, Rate
from workflows.reconsideration import Outcome as ReconsiderationOutcome, ReconsiderationCase
from workflows.risk.factors import FACTOR_BY_CODE, Group, Level
from workflows.text import N_


class ChallengeOutcome(str, Enum):
    won = "won"
    lost = "lost"
    settled = "settled"
    withdrawn = "withdrawn"
    pending = "pending"


CHALLENGE_OUTCOME_LABELS = {
    ChallengeOutcome.won: N_("胜诉或维持"),
    ChallengeOutcome.lost: N_("败诉或被纠错"),
    ChallengeOutcome.settled: N_("和解、调解"),
    ChallengeOutcome.withdrawn: N_("撤回、终止"),
    ChallengeOutcome.pending: N_("未结"),
}
_LEVELS_HIGH_FIRST = (Level.high, Level.medium, Level.low)


def outcome_of_lawsuit(case: Lawsuit) -> ChallengeOutcome:
    if not case.concluded:
        return ChallengeOutcome.pending
    if case.lost:
        return ChallengeOutcome.lost
    if case.resolved_in_suit or case.outcome is LawsuitOutcome.mediated:
        return ChallengeOutcome.settled
    if case.outcome is LawsuitOutcome.withdrawal_allowed:
        return ChallengeOutcome.withdrawn
    return ChallengeOutcome.won


def outcome_of_reconsideration(case: ReconsiderationCase) -> ChallengeOutcome:
    if not case.concluded:
        return ChallengeOutcome.pending
    if case.corrected:
        return ChallengeOutcome.lost
    if case.resolved:
        return ChallengeOutcome.settled
    if case.outcome in (ReconsiderationOutcome.withdrawn, ReconsiderationOutcome.terminated):
        return ChallengeOutcome.withdrawn
    return ChallengeOutcome.won


@dataclass(frozen=True)
class ChallengeRow:
    matter_id: int | str
    level: Level          # as assessed at review
    year: int             # the year of the assessment
    area: str
    department: str
    outcome: ChallengeOutcome
    loss_grounds: tuple[str, ...] = ()  # legality factor codes of the grounds of a loss

    def __post_init__(self):
        for code in self.loss_grounds:
            if code not in FACTOR_BY_CODE or FACTOR_BY_CODE[code].group is not Group.legality:
                raise ValueError(f"败诉理由须为合法性风险因素：{code}")


@dataclass(frozen=True)
class HindsightRow:
    year: int | None        # None in the totals per level
    area: str | None
    department: str | None
    level: Level
    counts: Mapping[ChallengeOutcome, int]  # every outcome, zeros included
    loss_rate: Rate         # lost ÷ ended (pending left out)


@dataclass(frozen=True)
class MisleadingFactor:
    code: str
    label: str
    cases: int  # lost cases assessed low in which this was a ground of the loss


@dataclass(frozen=True)
class Hindsight:
    rows: tuple[HindsightRow, ...]      # by year, area, department, then level high to low
    by_level: tuple[HindsightRow, ...]  # one per level, high to low, over all rows
    lost_assessed_low: tuple[int | str, ...]  # matter ids
    misleading: tuple[MisleadingFactor, ...]


def _row(key: tuple, level: Level, rows: list[ChallengeRow]) -> HindsightRow:
    counts = Counter(r.outcome for r in rows)
    ended = sum(n for outcome, n in counts.items() if outcome is not ChallengeOutcome.pending)
    return HindsightRow(*key, level, {o: counts.get(o, 0) for o in ChallengeOutcome},
                        Rate(Measure.challenge_loss_rate, counts.get(ChallengeOutcome.lost, 0), ended))


def predicted_vs_actual(rows: Iterable[ChallengeRow]) -> Hindsight:
    rows = list(rows)
    groups: dict[tuple, list[ChallengeRow]] = {}
    for r in rows:
        groups.setdefault((r.year, r.area, r.department, r.level), []).append(r)
    table = tuple(_row(key[:3], key[3], members) for key, members in sorted(
        groups.items(), key=lambda kv: (kv[0][:3], _LEVELS_HIGH_FIRST.index(kv[0][3]))))
    by_level = tuple(_row((None, None, None), level, [r for r in rows if r.level is level])
                     for level in _LEVELS_HIGH_FIRST)
    lost_low = [r for r in rows if r.level is Level.low and r.outcome is ChallengeOutcome.lost]
    grounds = Counter(code for r in lost_low for code in dict.fromkeys(r.loss_grounds))
    catalogue_order = list(FACTOR_BY_CODE)
    misleading = tuple(MisleadingFactor(code, FACTOR_BY_CODE[code].label, n) for code, n in
                       sorted(grounds.items(), key=lambda kv: (-kv[1], catalogue_order.index(kv[0]))))
    return Hindsight(table, by_level, tuple(r.matter_id for r in lost_low), misleading)
