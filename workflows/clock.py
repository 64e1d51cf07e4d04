"""The review clock: when a matter is due, how much time is left, and the pauses that stop it.

Counting rule (one rule for due dates, elapsed and remaining days):
- the day the clock starts is not counted; each later working day is;
- a pause for supplementary materials (补正) from `start` to `end` freezes the working days d with
  start < d <= end. The day the request goes out still counts (the bureau worked on the matter that day);
  the day the materials arrive does not, so counting resumes the next working day, exactly as if the clock
  had started afresh on the arrival day. A pause still open freezes every day after its start.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from workflows.calendar import WorkingCalendar

# Review periods in working days, per matter category; the app keeps them as settings with these defaults.
DEFAULT_REVIEW_DAYS = {
    # Decree 713 Art. 26: the review time is generally not less than 7 working days.
    "major_decision": 7,
    # 国办发〔2018〕115号: generally at least 5, at most 15 working days (verify).
    "normative_document": 15,
    # Local practice: agreements are reviewed within 5 working days (verify).
    "agreement": 5,
    # Local practice, as for agreements (verify).
    "opinion_request": 5,
}
NORMATIVE_MIN_DAYS = 5  # 国办发〔2018〕115号 (verify)
MIN_NOTICE_DAYS_MAJOR_DECISION = 7  # Decree 713 Art. 26


class ClockError(ValueError):
    """A pause or resume that contradicts the clock's history; the message is shown to the user."""


@dataclass(frozen=True)
class Pause:
    """Waiting for supplementary materials (补正); `end` is the day they arrived, None while still waiting."""

    start: date
    end: date | None = None

    def __post_init__(self):
        if self.end is not None and self.end < self.start:
            raise ClockError("补正结束日期不能早于补正开始日期")

    def freezes(self, d: date) -> bool:
        return self.start < d and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class Extension:
    days: int
    reason: str

    def __post_init__(self):
        # DESIGN.md §3 clock rules: an extension needs a reason and is recorded.
        if not self.reason.strip():
            raise ValueError("延期必须说明理由")
        if self.days <= 0:
            raise ValueError("延期天数必须为正整数")


@dataclass(frozen=True)
class ReviewClock:
    started: date
    period_days: int
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def total_days(self) -> int:
        return self.period_days + sum(e.days for e in self.extensions)

    def _counts(self, cal: WorkingCalendar, d: date) -> bool:
        return cal.is_workday(d) and not any(p.freezes(d) for p in self.pauses)

    def due_date(self, cal: WorkingCalendar) -> date | None:
        """The last day of the period; None while paused, because a stopped clock has no due date."""
        if self.is_paused:
            return None
        d, left = self.started, self.total_days
        while left:
            d += timedelta(days=1)
            left -= self._counts(cal, d)
        return d

    def elapsed_working_days(self, cal: WorkingCalendar, today: date) -> int:
        """Counted days in (started, today]: the working days less those inside a pause, each range counted
        arithmetically by the calendar (a clock started years ago costs no more than one started today)."""
        total = cal.working_days_between(self.started, today)
        for start, end in self._frozen(today):
            total -= cal.working_days_between(start, end)
        return total

    def _frozen(self, today: date) -> list[tuple[date, date]]:
        """The pauses as ranges (start, end] within (started, today], overlapping ones merged."""
        spans = sorted((max(p.start, self.started), min(p.end or today, today)) for p in self.pauses)
        merged: list[tuple[date, date]] = []
        for start, end in spans:
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def remaining(self, cal: WorkingCalendar, today: date) -> int | None:
        """Counted days left until the due date (0 on it), negative once counted days pass beyond it."""
        if self.is_paused:
            return None
        return self.total_days - self.elapsed_working_days(cal, today)

    def in_time(self, cal: WorkingCalendar, day: date) -> bool:
        """`day` is on or before the due date (a stage finished in time); never while paused. The same answer
        as comparing with due_date(), counted arithmetically instead of walking to the due date day by day
        (the board asks it of thousands of matters): before the due date fewer days have counted than the
        period; on it exactly the period, and the day itself counts; after it the count is past the period,
        or equal to it on a rest or frozen day that follows the due date."""
        if self.is_paused:
            return False
        elapsed = self.elapsed_working_days(cal, day)
        if elapsed != self.total_days:
            return elapsed < self.total_days
        return day <= self.started or self._counts(cal, day)

    def is_overdue(self, cal: WorkingCalendar, today: date) -> bool:
        """True from the day after the due date, rest days included; never while paused."""
        due = self.due_date(cal)
        return due is not None and today > due

    def pause(self, day: date) -> ReviewClock:
        if self.is_paused:
            raise ClockError("已在补正中，计时已暂停")
        if day < self.started:
            raise ClockError("补正开始日期不能早于开始计时日期")
        if self.pauses and day < self.pauses[-1].end:
            raise ClockError("补正开始日期不能早于上一次补正结束日期")
        return replace(self, pauses=self.pauses + (Pause(day),))

    def resume(self, day: date) -> ReviewClock:
        if not self.is_paused:
            raise ClockError("未处于补正状态，无需恢复计时")
        if day < self.pauses[-1].start:
            raise ClockError("恢复计时日期不能早于补正开始日期")
        return replace(self, pauses=self.pauses[:-1] + (Pause(self.pauses[-1].start, day),))


def too_close_to_decision(cal: WorkingCalendar, submitted: date, planned: date | None,
                          minimum: int = MIN_NOTICE_DAYS_MAJOR_DECISION) -> bool:
    """Decree 713 Art. 26: the bureau must have generally not less than 7 working days for review, so a major
    decision submitted fewer than `minimum` working days before its planned decision date is flagged."""
    return planned is not None and cal.working_days_between(submitted, planned) < minimum
