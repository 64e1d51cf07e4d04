"""Rows as the rule modules read them: a Lawsuit row as workflows.litigation.Lawsuit, and so on."""
from workflows import litigation

from ..models import Lawsuit


def hearing_facts(h) -> litigation.Hearing | None:
    if h.appearance is None:
        return None
    return litigation.Hearing(h.day, h.appearance, h.written_reason, h.court_room)


def lawsuit_facts(c: Lawsuit) -> litigation.Lawsuit:
    return litigation.Lawsuit(
        case_no=c.case_no, defendant=c.defendant.name, area=c.area, complaint_received=c.complaint_received,
        instance=c.instance, filed_with_bureau=c.filed_with_bureau, defence_submitted=c.defence_submitted,
        hearings=tuple(h for h in map(hearing_facts, c.hearings) if h is not None), outcome=c.outcome,
        outcome_on=c.outcome_on, outcome_served=c.outcome_served, resolved_in_suit=c.resolved_in_suit,
        appealed_on=c.appealed_on, loss_report_submitted=c.loss_report_submitted)
