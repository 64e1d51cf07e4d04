"""Rows as the rule modules read them: a Lawsuit row as workflows.litigation.Lawsuit, and so on."""
from workflows import dispute_centre, litigation, reconsideration

from ..models import DisputeCase, Lawsuit, ReconsiderationCase


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


def reconsideration_facts(c: ReconsiderationCase) -> reconsideration.ReconsiderationCase:
    extension = (reconsideration.Extension(c.extension_days, c.extension_approved_on, c.extension_reason)
                 if c.extension_days is not None else None)
    letters = tuple(reconsideration.OpinionLetter(str(x.number), x.sent_on, x.received_on, x.report_received)
                    for x in c.letters)
    return reconsideration.ReconsiderationCase(
        case_no=c.case_no, respondent=c.respondent.name, received=c.received, procedure=c.procedure,
        accepted=c.accepted, refused=c.refused, copy_sent=c.copy_sent, copy_received=c.copy_received,
        reply_received=c.reply_received, extension=extension, outcome=c.outcome, concluded_on=c.concluded_on,
        performance_due=c.performance_due, performed_on=c.performed_on, opinion_letters=letters)


def dispute_facts(d: DisputeCase) -> dispute_centre.DisputeCase:
    return dispute_centre.DisputeCase(
        case_no=d.case_no, body=d.body.name, stage=d.stage, entrusted=d.entrusted, registered=d.registered,
        body_told=d.body_told, proposal_received=d.proposal_received, outcome=d.outcome,
        concluded_on=d.concluded_on, court_case_no=d.lawsuit.case_no if d.lawsuit else "")
