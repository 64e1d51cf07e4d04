"""The board's sections in the order the page shows them; each is one query module (KEY, TITLE, TEMPLATE,
`build`, `tables`, optionally `chart`) and one template partial. A section from another capability is added
here and nowhere else."""
from dataclasses import dataclass

from . import adoption, coverage, demolition, timing, volumes, workload
from .filters import BoardFilter
from .tables import Table

SECTIONS = (coverage, volumes, timing, workload, adoption, demolition)

# The drill-down lists behind the figures: /board/list/<figure>.
DRILLS = {"decisions": coverage.drill, "reviewed": volumes.drill, "stage": timing.drill,
          "open": workload.drill, "points": adoption.drill}


@dataclass(frozen=True)
class Shown:
    key: str
    title: str
    template: str
    data: object
    tables: list[Table]
    chart: str | None


def build(user, f: BoardFilter, today, charts: bool = True) -> list[Shown]:
    shown = []
    for s in SECTIONS:
        data = s.build(user, f, today)
        draw = getattr(s, "chart", None) if charts else None
        shown.append(Shown(s.KEY, str(s.TITLE), s.TEMPLATE, data, s.tables(data, f),
                           draw(data) if draw else None))
    return shown


def table(user, f: BoardFilter, today, key: str) -> Table | None:
    """One of the board's tables by its export name."""
    for s in SECTIONS:
        for t in s.tables(s.build(user, f, today), f):
            if t.key == key:
                return t
    return None
