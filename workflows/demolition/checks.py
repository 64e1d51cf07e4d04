"""Checks before a fact is recorded, separate from the gate: a new step, and the moment of execution.

`check_step` refuses a step the ledger should not take as typed: a kind the track does not have (or one the
gate computes), a date in the future, a document without the deadline it must state, a step whose
prerequisites are not recorded, or one dated before a step it depends on or before the wait after it. The gate
never relies on these checks: it re-examines every recorded step itself.

`check_execution` applies Coercion Law Art. 43: no execution at night or on a rest day. Rest days are the
official calendar's: weekends and statutory holidays are refused, and a swapped Saturday or Sunday worked in
lieu of a holiday (调休) is a working day, so execution on it is allowed (it is a working day for the party
and for every deadline alike; verify with the bureau). Night is the table's 22:00 to 06:00, the start
included and the end not (so 06:00 is day and 22:00 is night). Art. 43's exception for emergencies is not
taken: a house demolition planned in a ledger is never one. A date without a time is checked for the day only.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from workflows.calendar import WorkingCalendar
from workflows.demolition.facts import CaseFacts, Message, RecordedStep, day_of, iso
from workflows.demolition.gate import evaluate
from workflows.demolition.rules import RULES, Rule, RuleKey
from workflows.demolition.timing import DAY, latest_steps, ready_from, remedy_periods
from workflows.demolition.tracks import (ART_43, COMPUTED, STEP_LABELS, TRACK_LABELS, TRACKS, StepSpec,
                                         TrackSpec)
from workflows.text import N_


@dataclass(frozen=True, kw_only=True)
class Problem(Message):
    field: str | None = None  # the input it is about: "kind", "on" or "deadline"; None for the whole step


def _prerequisite_problems(case: CaseFacts, spec: TrackSpec, s: StepSpec, new: RecordedStep,
                           cal: WorkingCalendar, rules: Mapping[RuleKey, Rule]) -> list[Problem]:
    problems = []
    label = STEP_LABELS[s.kind]
    for dep in s.after:
        prior_label = STEP_LABELS[dep.kind]
        if dep.kind in COMPUTED:
            opens = _remedies_lapse(case, spec, new.on, cal, rules)
            if opens is None:
                problems.append(Problem(N_("%(step)s须在%(prior)s之后办理：复议或诉讼尚未终结，或被申请的决定尚未记录"),
                                        {"step": label, "prior": prior_label}, s.article))
            elif new.on < opens:
                problems.append(Problem(N_("%(step)s不得早于%(opens)s（%(prior)s）"),
                                        {"step": label, "opens": iso(opens), "prior": prior_label},
                                        s.article, field="on"))
            continue
        priors = sorted((p for p in case.steps if p.kind is dep.kind), key=lambda p: p.on)
        if not priors:
            problems.append(Problem(N_("须先记录%(prior)s，再记录%(step)s"), {"prior": prior_label, "step": label},
                                    s.article))
            continue
        # The version of the earlier document in force on the new step's day.
        prior = next((p for p in reversed(priors) if p.on <= new.on), priors[0])
        opens = ready_from(dep, prior.on, prior.deadline, cal, rules)
        if new.on < opens:
            params = {"step": label, "on": iso(new.on), "opens": iso(opens), "prior": prior_label}
            if dep.period is not None:
                params["period"] = rules[dep.period].label
                template = N_("%(step)s日期%(on)s早于%(opens)s（须待%(period)s届满）")
            elif dep.after_deadline:
                template = N_("%(step)s日期%(on)s早于%(opens)s（须在%(prior)s载明的期限届满之后）")
            else:
                template = N_("%(step)s日期%(on)s早于%(opens)s（须在%(prior)s之后）")
            problems.append(Problem(template, params, s.article, field="on"))
    return problems


def _remedies_lapse(case: CaseFacts, spec: TrackSpec, on: date, cal: WorkingCalendar,
                    rules: Mapping[RuleKey, Rule]) -> date | None:
    """The first day after the party's periods, as the facts stood on `on`; None while a challenge is
    pending or a challengeable decision is not recorded."""
    recorded = latest_steps(case, on)
    if any(c.pending_on(on) for c in case.challenges) or any(d not in recorded for d in spec.challengeable):
        return None
    decisions = {d: (recorded[d].on, recorded[d].told_of_remedies) for d in spec.challengeable}
    ended = [c for c in case.challenges if c.ended_on is not None and c.ended_on <= on]
    return remedy_periods(spec, decisions, ended, cal, rules).lapse + DAY


def check_step(case: CaseFacts, new: RecordedStep, cal: WorkingCalendar, today: date,
               rules: Mapping[RuleKey, Rule] = RULES) -> tuple[Problem, ...]:
    """Why `new` may not be recorded on `case` as it stands; empty when it may."""
    spec = TRACKS[case.track]
    s = spec.spec(new.kind)
    label = STEP_LABELS[new.kind]
    if s is None:
        return (Problem(N_("%(track)s案件没有“%(step)s”程序"), {"track": TRACK_LABELS[case.track], "step": label},
                        spec.enforcement_article, field="kind"),)
    if new.kind in COMPUTED:
        return (Problem(N_("“%(step)s”由系统根据送达日期和复议、诉讼记录计算，无需录入"), {"step": label},
                        s.article, field="kind"),)
    problems = []
    if new.on > today:
        problems.append(Problem(N_("%(step)s日期%(on)s晚于今日，不能记录尚未发生的程序"),
                                {"step": label, "on": iso(new.on)}, s.article, field="on"))
    if s.needs_deadline and new.deadline is None:
        problems.append(Problem(N_("请填写%(step)s载明的履行期限"), {"step": label}, s.article, field="deadline"))
    if new.deadline is not None and new.deadline < new.on:
        problems.append(Problem(N_("履行期限%(deadline)s不得早于%(step)s日期%(on)s"),
                                {"deadline": iso(new.deadline), "step": label, "on": iso(new.on)},
                                s.article, field="deadline"))
    return tuple(problems + _prerequisite_problems(case, spec, s, new, cal, rules))


def check_execution(when: date | datetime, cal: WorkingCalendar,
                    rules: Mapping[RuleKey, Rule] = RULES) -> tuple[Problem, ...]:
    """Coercion Law Art. 43: not on a rest day, not at night."""
    problems = []
    day = day_of(when)
    if not cal.is_workday(day):
        problems.append(Problem(N_("%(day)s为休息日或法定节假日，不得实施强制执行"), {"day": iso(day)}, ART_43,
                                field="on"))
    if isinstance(when, datetime):
        start, end = rules[RuleKey.night_start], rules[RuleKey.night_end]
        clock = when.time().replace(tzinfo=None)
        if clock >= start.value or clock < end.value:
            problems.append(Problem(N_("%(time)s属夜间（%(start)s至次日%(end)s），不得实施强制执行"),
                                    {"time": when.strftime("%Y-%m-%d %H:%M"),
                                     "start": start.value.strftime("%H:%M"),
                                     "end": end.value.strftime("%H:%M")},
                                    start.article, field="on"))
    return tuple(problems)


def execution_problems(case: CaseFacts, cal: WorkingCalendar,
                       rules: Mapping[RuleKey, Rule] = RULES) -> tuple[Problem, ...]:
    """What made the recorded execution unlawful: the gate closed on that day (as the facts recorded then
    stood), or Art. 43. Empty when the case is not executed or was executed lawfully."""
    if case.executed_on is None:
        return ()
    day = day_of(case.executed_on)
    gate = evaluate(case, cal, day, rules)
    problems = list(check_execution(case.executed_on, cal, rules))
    if not gate.ready:
        problems.insert(0, Problem(N_("%(day)s实施强制拆除时程序未完备：%(missing)s"),
                                   {"day": iso(day), "missing": "；".join(m.text for m in gate.missing)},
                                   TRACKS[case.track].enforcement_article))
    return tuple(problems)


def executed_unlawfully(case: CaseFacts, cal: WorkingCalendar, rules: Mapping[RuleKey, Rule] = RULES) -> bool:
    return bool(execution_problems(case, cal, rules))
