"""A deadline of a case as the page and the late lists show it: what is due, by when, whether it was done."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Due:
    kind: str          # stable code, e.g. "defence"; the key of the TimeLimit it comes from
    label: str         # Chinese, e.g. "提交答辩状及证据"
    due: date          # the last day
    done: date | None  # when it was done; None while not done
    basis: str         # the article or local rule
    duty: bool = True  # False for a right such as an appeal: its last day closes it, it is never "late"

    def is_late(self, today: date) -> bool:
        """A duty done after its last day, or not done once the last day has passed."""
        return self.duty and (self.done or today) > self.due

    def days_late(self, today: date) -> int:
        """Calendar days past the last day (0 when on time or not a duty)."""
        return max(0, ((self.done or today) - self.due).days) if self.duty else 0
