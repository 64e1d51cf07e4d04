"""The history factor from the district's records: how its concluded lawsuits and reconsideration cases in
the same area, against the same department and on the same kind of act ended (workflows.risk.history), with
the typical cases written up from them."""
from datetime import date

import sqlalchemy as sa

from workflows.litigation import Area
from workflows.risk.factors import RiskRules
from workflows.risk.history import HistoryLine, PastCase, history_lines

from ..disputes.facts import lawsuit_facts, reconsideration_facts
from ..extensions import db
from ..models import Lawsuit, Matter, ReconsiderationCase, TypicalCase


def _act_kind(matter: Matter | None) -> str:
    """The kind of act is the category of the reviewed matter behind the case, when there is one."""
    return matter.category.value if matter is not None else ""


def past_cases(district_id: int) -> list[PastCase]:
    """Every concluded lawsuit and reconsideration case of the district, as the history rule reads them: a
    lawsuit lost or a reconsideration decision that corrected the act counts as a loss."""
    typical = {}
    for t in db.session.scalars(sa.select(TypicalCase).where(TypicalCase.district_id == district_id)):
        source = ("lawsuit", t.lawsuit_id) if t.lawsuit_id else ("reconsideration", t.reconsideration_id)
        typical[source] = t.title
    out = []
    for c in db.session.scalars(sa.select(Lawsuit).where(Lawsuit.district_id == district_id,
                                                         Lawsuit.outcome.is_not(None))):
        out.append(PastCase(c.outcome_on, lawsuit_facts(c).lost, c.area.value, str(c.defendant_id),
                            _act_kind(c.matter), typical.get(("lawsuit", c.id), "")))
    for c in db.session.scalars(sa.select(ReconsiderationCase).where(
            ReconsiderationCase.district_id == district_id, ReconsiderationCase.outcome.is_not(None))):
        out.append(PastCase(c.concluded_on, reconsideration_facts(c).corrected, c.area.value,
                            str(c.respondent_id), _act_kind(c.matter),
                            typical.get(("reconsideration", c.id), "")))
    return out


def lines(matter: Matter, area: Area, today: date, rules: RiskRules) -> tuple[HistoryLine, ...]:
    return history_lines(past_cases(matter.district_id), area.value, str(matter.department_id),
                         matter.category.value, today, rules)
