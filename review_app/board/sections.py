"""The board's sections in the order the page shows them; each is one query module (KEY, TITLE, TEMPLATE,
`build`, `tables`, optionally `chart` and `applies(user)`) and one template partial. A section from another
capability is added here and nowhere else."""
from dataclasses import dataclass

from . import adoption, advisers, coverage, demolition, litigation, risk, timing, volumes, workload
from .filters import BoardFilter
from .tables import Table

SECTIONS = (coverage, volumes, timing, workload, advisers, adoption, risk, demolition, litigation)

# The drill-down lists behind the figures: /board/list/<figure>.
DRILLS = {"decisions": coverage.drill, "reviewed": volumes.drill, "stage": timing.drill,
          "open": workload.drill, "points": adoption.drill, "assignments": advisers.drill,
          "risk": risk.drill}
# Sections shown to some users only (`applies(user)`); the others are everyone's.
DRILL_SECTIONS = {"assignments": advisers}


@dataclass(frozen=True)
class Shown:
    key: str
    title: str
    template: str
    data: object
    tables: list[Table]
    chart: str | None


def shown_to(user) -> list:
    return [s for s in SECTIONS if getattr(s, "applies", lambda _user: True)(user)]


def drill_for(user, figure: str):
    """The drill-down list `figure`, or None when there is none for this user."""
    section = DRILL_SECTIONS.get(figure)
    if section is not None and section not in shown_to(user):
        return None
    return DRILLS.get(figure)


def build(user, f: BoardFilter, today, charts: bool = True) -> list[Shown]:
    shown = []
    for s in shown_to(user):
        data = s.build(user, f, today)
        draw = getattr(s, "chart", None) if charts else None
        shown.append(Shown(s.KEY, str(s.TITLE), s.TEMPLATE, data, s.tables(data, f),
                           draw(data) if draw else None))
    return shown


def table(user, f: BoardFilter, today, key: str) -> Table | None:
    """One of the board's tables by its export name."""
    for s in shown_to(user):
        for t in s.tables(s.build(user, f, today), f):
            if t.key == key:
                return t
    return None
