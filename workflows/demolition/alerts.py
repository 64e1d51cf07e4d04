"""Alerts on the bureau's ledger board, from which it issues supervision letters (法治督察函).

- planned_too_early: the planned date is before the earliest lawful date, or, while steps are still missing,
  before the lower bound (even doing every missing step at once could not make it lawful by then);
- planned_not_ready: a date is planned, steps are missing or a challenge is pending, and no lawful date can be
  given yet (the planned date may still turn out lawful: the alert asks the body to finish the procedure);
- planned_on_rest_day: the planned date is a rest day (Coercion Law Art. 43);
- no_progress: steps are missing and nothing has been recorded on the case for the table's number of
  calendar days (a case only waiting for periods to run, or for a challenge to end, has nothing to do);
- executed_unlawfully: the case was executed while its gate was closed, or at night or on a rest day. It stays
  for good: the facts do not change.
Planned-date alerts stop once the case is executed.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.demolition.checks import execution_problems
from workflows.demolition.facts import CaseFacts, Message, day_of, iso
from workflows.demolition.gate import GateAnswer
from workflows.demolition.rules import RULES, Rule, RuleKey
from workflows.demolition.tracks import ART_43, TRACKS
from workflows.text import N_


class AlertKind(str, Enum):
    planned_too_early = "planned_too_early"
    planned_not_ready = "planned_not_ready"
    planned_on_rest_day = "planned_on_rest_day"
    no_progress = "no_progress"
    executed_unlawfully = "executed_unlawfully"


ALERT_LABELS = {
    AlertKind.planned_too_early: N_("拟拆除时间早于最早合法日期"),
    AlertKind.planned_not_ready: N_("程序未完备即拟定拆除时间"),
    AlertKind.planned_on_rest_day: N_("拟在休息日或法定节假日拆除"),
    AlertKind.no_progress: N_("长期无进展"),
    AlertKind.executed_unlawfully: N_("程序未完备即实施拆除"),
}


@dataclass(frozen=True, kw_only=True)
class Alert(Message):
    kind: AlertKind


def _planned(case: CaseFacts, gate: GateAnswer, cal: WorkingCalendar, article: str) -> list[Alert]:
    planned = case.planned_on
    if planned is None or case.executed_on is not None:
        return []
    alerts = []
    if gate.earliest_lawful_date is not None and planned < gate.earliest_lawful_date:
        alerts.append(Alert(N_("拟拆除时间%(planned)s早于最早合法拆除日期%(earliest)s"),
                            {"planned": iso(planned), "earliest": iso(gate.earliest_lawful_date)}, article,
                            kind=AlertKind.planned_too_early))
    elif gate.lower_bound is not None and planned < gate.lower_bound:
        alerts.append(Alert(N_("拟拆除时间%(planned)s早于%(bound)s：即使今日起依法补齐程序，也不能早于该日拆除。"
                               "尚缺：%(missing)s"),
                            {"planned": iso(planned), "bound": iso(gate.lower_bound),
                             "missing": "、".join(m.label for m in gate.missing)}, article,
                            kind=AlertKind.planned_too_early))
    elif gate.earliest_lawful_date is None:
        alerts.append(Alert(N_("已拟定拆除时间%(planned)s，但程序未完备，尚不能确定最早合法拆除日期。尚缺：%(missing)s"),
                            {"planned": iso(planned), "missing": "、".join(m.label for m in gate.missing)},
                            article, kind=AlertKind.planned_not_ready))
    if not cal.is_workday(planned):
        alerts.append(Alert(N_("拟拆除时间%(planned)s为休息日或法定节假日，不得实施强制执行"), {"planned": iso(planned)},
                            ART_43, kind=AlertKind.planned_on_rest_day))
    return alerts


def alerts(case: CaseFacts, gate: GateAnswer, cal: WorkingCalendar, today: date, last_progress_on: date,
           rules: Mapping[RuleKey, Rule] = RULES) -> list[Alert]:
    """`gate` is evaluate(case, cal, today, rules); `last_progress_on` the day anything was last recorded on
    the case (a step, a reply to a letter), or the day it was entered."""
    article = TRACKS[case.track].enforcement_article
    found = _planned(case, gate, cal, article)
    quiet = rules[RuleKey.no_progress_days]
    idle = (today - last_progress_on).days
    if case.executed_on is None and gate.action_needed and gate.closed_by is None and idle >= quiet.value:
        found.append(Alert(N_("自%(last)s起已%(days)s日无进展"), {"last": iso(last_progress_on), "days": str(idle)},
                           quiet.article, kind=AlertKind.no_progress))
    problems = execution_problems(case, cal, rules)
    if problems:
        found.append(Alert(N_("已于%(day)s实施拆除，但不合法：%(problems)s"),
                           {"day": iso(day_of(case.executed_on)),
                            "problems": "；".join(p.text for p in problems)},
                           "；".join(dict.fromkeys(p.article for p in problems)),
                           kind=AlertKind.executed_unlawfully))
    return found
