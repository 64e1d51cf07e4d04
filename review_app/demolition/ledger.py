"""What the law makes of a case's rows: its facts for workflows.demolition, the gate's answer, the alerts and
the ledger status, with every message in the reader's language.

The gate is asked afresh on each request (time passing opens it; a change to the holiday calendar moves it),
with the district's numbers from its settings (review_app.rules) and the administrators' calendar.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from workflows.demolition import (Alert, CaseFacts, Challenge, GateAnswer, Message, RecordedStep, Rule,
                                  RuleKey, alerts, evaluate, with_overrides)

from .. import rules
from ..models import DemolitionCase


class LedgerStatus(str, Enum):
    ready = "ready"                            # the gate is open: demolition is lawful from today
    waiting = "waiting"                        # only periods still running: the earliest lawful date is known
    incomplete = "incomplete"                  # a step must still be taken (or taken again)
    challenged = "challenged"                  # a reconsideration or lawsuit is pending
    executed_lawfully = "executed_lawfully"
    executed_unlawfully = "executed_unlawfully"


STATUS_LABELS = {
    LedgerStatus.ready: _l("可依法实施"),
    LedgerStatus.waiting: _l("等待法定期限届满"),
    LedgerStatus.incomplete: _l("程序未完备"),
    LedgerStatus.challenged: _l("复议或诉讼未终结"),
    LedgerStatus.executed_lawfully: _l("已依法实施"),
    LedgerStatus.executed_unlawfully: _l("违法实施"),
}
STATUS_BADGES = {
    LedgerStatus.ready: "text-bg-success", LedgerStatus.waiting: "text-bg-info",
    LedgerStatus.incomplete: "text-bg-warning", LedgerStatus.challenged: "text-bg-secondary",
    LedgerStatus.executed_lawfully: "text-bg-dark", LedgerStatus.executed_unlawfully: "text-bg-danger",
}


def say(message: Message) -> str:
    """A rule module's message in the reader's language: the template translated, then filled with its
    params, each translated too (labels are their N_-marked source; dates and numbers come back as they
    are)."""
    params = {k: gettext(v) if isinstance(v, str) and v else v for k, v in message.params.items()}
    return gettext(message.template, **params) if params else gettext(message.template)


def rule_table(district_id: int) -> Mapping[RuleKey, Rule]:
    """The statutory numbers of workflows.demolition.rules, with the district's local ones (its settings)."""
    quiet = rules.setting("demolition.no_progress_days", district_id)
    return with_overrides({RuleKey.no_progress_days: quiet})


def facts(case: DemolitionCase) -> CaseFacts:
    executed = None
    if case.executed_on is not None:
        executed = (datetime.combine(case.executed_on, case.executed_time) if case.executed_time is not None
                    else case.executed_on)
    return CaseFacts(
        track=case.track,
        steps=tuple(RecordedStep(s.kind, s.done_on, s.document_no, s.deadline, s.told_of_remedies)
                    for s in case.steps),
        challenges=tuple(Challenge(c.kind, c.against, c.filed_on, c.ended_on, c.outcome)
                         for c in case.challenges),
        planned_on=case.planned_on, executed_on=executed)


@dataclass(frozen=True)
class CaseAnswer:
    """The case as the ledger shows it today."""
    gate: GateAnswer
    alerts: tuple[Alert, ...]
    status: LedgerStatus

    @property
    def earliest(self) -> date | None:
        return self.gate.earliest_lawful_date


def status_of(case: DemolitionCase, gate: GateAnswer) -> LedgerStatus:
    if case.executed_on is not None:
        return LedgerStatus.executed_lawfully if case.executed_lawfully else LedgerStatus.executed_unlawfully
    if gate.closed_by is not None:
        return LedgerStatus.challenged
    if gate.action_needed:
        return LedgerStatus.incomplete
    return LedgerStatus.ready if gate.ready else LedgerStatus.waiting


def answer(case: DemolitionCase, today: date | None = None) -> CaseAnswer:
    today = today or rules.today()
    cal, table = rules.calendar(), rule_table(case.district_id)
    case_facts = facts(case)
    # An executed case is judged as the ledger stood on its day of execution (the gate then); afterwards
    # it shows what it was missing then, not what time has since brought.
    gate = evaluate(case_facts, cal, case.executed_on or today, table)
    found = alerts(case_facts, gate, cal, today, case.last_progress_on, table)
    return CaseAnswer(gate, tuple(found), status_of(case, gate))
