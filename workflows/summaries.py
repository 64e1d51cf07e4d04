"""The bureau's own sentences and reports, from the case rows alone.

The annual sentences follow the wording of the bureau's 2023 report, punctuation included: the issue quotes
"2023年行政复议案件审结140件,通过和解、调解方式实质性化解行政争议42件,化解率为30%。" with ASCII commas and a
full stop "。", so every sentence here separates its clauses with `CLAUSE_SEPARATOR` (one place to change if
the bureau prefers the full-width "，"). A clause whose figure has no denominator is left out rather than
printed as 0%.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from workflows import rates
from workflows.calendar import WorkingCalendar
from workflows.dispute_centre import DisputeCase
from workflows.figures import QUARTER_NAMES, PeriodKey, UnitFigures, unit_figures, units
from workflows.litigation import LITIGATION_LIMITS, LateItem, LateKind, Lawsuit, late_items
from workflows.message import Message
from workflows.reconsideration import ReconsiderationCase
from workflows.text import N_
from workflows.time_limits import TimeLimit

CLAUSE_SEPARATOR = ","


@dataclass(frozen=True)
class Sentence:
    """Clauses kept apart so each can be translated; `str()` gives the bureau's Chinese sentence."""
    clauses: tuple[Message, ...]

    def __str__(self) -> str:
        return CLAUSE_SEPARATOR.join(map(str, self.clauses)) + "。"


def reconsideration_sentence(year: int, cases: Iterable[ReconsiderationCase]) -> Sentence:
    """e.g. "2023年行政复议案件审结140件,通过和解、调解方式实质性化解行政争议42件,化解率为30%。" """
    year_key = PeriodKey(year)
    rate = rates.resolution_rate(c for c in cases if year_key.contains(c.concluded_on))
    clauses = [Message(N_("%(year)s年行政复议案件审结%(concluded)s件"), {"year": year, "concluded": rate.denominator})]
    if rate.denominator:
        clauses += [Message(N_("通过和解、调解方式实质性化解行政争议%(resolved)s件"), {"resolved": rate.numerator}),
                    Message(N_("化解率为%(rate)s"), {"rate": rate.text})]
    return Sentence(tuple(clauses))


def litigation_sentence(year: int, lawsuits: Iterable[Lawsuit], disputes: Iterable[DisputeCase]) -> Sentence:
    """e.g. "2023年行政诉讼案件审结60件,诉前化解行政争议8件、诉中化解17件,败诉率为10%,较上年下降19.5个百分点,
    行政机关负责人出庭应诉率为100%。" The change is against the lawsuits concluded the year before, taken from the
    same rows; it is left out when that year has none."""
    lawsuits = list(lawsuits)
    this_year, last_year = PeriodKey(year), PeriodKey(year - 1)
    concluded = [c for c in lawsuits if this_year.contains(c.outcome_on)]
    loss = rates.loss_rate(concluded)
    clauses = [Message(N_("%(year)s年行政诉讼案件审结%(concluded)s件"), {"year": year, "concluded": loss.denominator})]
    before = rates.pre_suit_resolutions(d for d in disputes if this_year.contains(d.concluded_on))
    during = rates.in_suit_resolution_rate(concluded).numerator
    if before or during:
        clauses.append(Message(N_("诉前化解行政争议%(before)s件、诉中化解%(during)s件"),
                               {"before": before, "during": during}))
    if loss.denominator:
        clauses.append(Message(N_("败诉率为%(rate)s"), {"rate": loss.text}))
        previous = rates.loss_rate(c for c in lawsuits if last_year.contains(c.outcome_on))
        change = rates.points_change(loss, previous)
        if change == 0:
            clauses.append(Message(N_("与上年持平")))
        elif change is not None:
            template = N_("较上年下降%(points)s个百分点") if change < 0 else N_("较上年上升%(points)s个百分点")
            clauses.append(Message(template, {"points": rates.points_text(change)}))
    appearance = rates.head_appearance_rate(concluded)
    if appearance.denominator:
        clauses.append(Message(N_("行政机关负责人出庭应诉率为%(rate)s"), {"rate": appearance.text}))
    return Sentence(tuple(clauses))


@dataclass(frozen=True)
class Bulletin:
    """The quarterly bulletin (季度通报) as data; the adapter lays it out as .docx and .xlsx."""
    title: Message
    period: PeriodKey
    as_of: date
    rows: tuple[UnitFigures, ...]  # one per unit, sorted
    total: UnitFigures
    late_filings: tuple[LateItem, ...]
    late_defences: tuple[LateItem, ...]
    missed_appearances: tuple[LateItem, ...]
    late_loss_reports: tuple[LateItem, ...]


def _belongs(item: LateItem, period: PeriodKey) -> bool:
    """A late item is noticed in the quarter its day falls in; a missed deadline still outstanding, or made
    good only in this quarter, is noticed again. A missed appearance belongs to its hearing's quarter only."""
    if item.day > period.last_day:
        return False
    if item.day >= period.first_day:
        return True
    if item.kind is LateKind.missed_appearance:
        return False
    return item.done is None or item.done >= period.first_day


def quarterly_bulletin(year: int, quarter: int, lawsuits: Iterable[Lawsuit],
                       reconsiderations: Iterable[ReconsiderationCase], disputes: Iterable[DisputeCase],
                       as_of: date, cal: WorkingCalendar,
                       limits: Mapping[str, TimeLimit] = LITIGATION_LIMITS) -> Bulletin:
    """Per-unit figures for the quarter and the special notice of late filings, late defences, missed
    appearances and late loss reports, judged as of `as_of` (the day the bulletin is drawn up)."""
    lawsuits, reconsiderations, disputes = list(lawsuits), list(reconsiderations), list(disputes)
    period = PeriodKey(year, quarter)
    rows = tuple(unit_figures(period, u, lawsuits, reconsiderations, disputes)
                 for u in units(lawsuits, reconsiderations, disputes))
    items = [i for c in lawsuits for i in late_items(c, as_of, cal, limits) if _belongs(i, period)]
    items.sort(key=lambda i: (i.unit, i.day, i.case_no))

    def of(kind: LateKind) -> tuple[LateItem, ...]:
        return tuple(i for i in items if i.kind is kind)

    return Bulletin(Message(N_("%(year)s年%(quarter)s行政应诉工作情况通报"),
                            {"year": year, "quarter": QUARTER_NAMES[quarter]}), period, as_of,
                    rows, unit_figures(period, None, lawsuits, reconsiderations, disputes),
                    of(LateKind.late_filing), of(LateKind.late_defence), of(LateKind.missed_appearance),
                    of(LateKind.late_loss_report))


@dataclass(frozen=True)
class LedgerRow:
    """One unit's lawsuits from 1 January to the month's end (累计), and those still open at the month's end."""
    unit: str | None  # None: the total
    received: int
    loss_rate: rates.Rate   # its denominator is the lawsuits concluded
    head_appearance_rate: rates.Rate
    pending: int      # received by the month's end (in any year) and not concluded by then


def month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def month_end_ledger(lawsuits: Iterable[Lawsuit], year: int, month: int) -> tuple[LedgerRow, ...]:
    """The month-end ledger (月末累计台账): one row per defendant unit, sorted, then the total."""
    lawsuits = list(lawsuits)
    first, last = date(year, 1, 1), month_end(year, month)

    def row(unit: str | None) -> LedgerRow:
        mine = [c for c in lawsuits if unit is None or c.defendant == unit]
        concluded = [c for c in mine if c.outcome_on is not None and first <= c.outcome_on <= last]
        return LedgerRow(unit, sum(first <= c.complaint_received <= last for c in mine),
                         rates.loss_rate(concluded), rates.head_appearance_rate(concluded),
                         sum(c.complaint_received <= last and (c.outcome_on is None or c.outcome_on > last)
                             for c in mine))

    return tuple(row(u) for u in [*sorted({c.defendant for c in lawsuits}), None])
