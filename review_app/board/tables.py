"""A board table as data: the page draws it with a link in every figure, the Excel export writes the same
rows (review_app.spreadsheets), so the two never disagree."""
from dataclasses import dataclass
from datetime import date

from workflows.rates import Rate


@dataclass(frozen=True)
class Cell:
    value: object  # text, a number, a Rate, a date or None
    href: str | None = None  # the list behind the figure

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if isinstance(self.value, Rate):
            r = self.value
            return r.text if not r.denominator else f"{r.text}（{r.numerator}/{r.denominator}）"
        if isinstance(self.value, date):
            return self.value.isoformat()
        return str(self.value)

    @property
    def sheet_value(self):
        """What the Excel cell holds: numbers stay numbers, a rate its printed text."""
        return self.value if isinstance(self.value, (int, date)) else self.text


@dataclass(frozen=True)
class Table:
    key: str  # the export's name: /board/export/<key>.xlsx
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()
