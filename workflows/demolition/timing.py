"""Dates shared by the gate and the step checks: when a dependency lets the next step happen, and when the
party's reconsideration and litigation periods are over.

Every period comes from the rules table and goes through workflows.periods, so the day of service is not
counted, ten days or less are working days (Coercion Law Art. 69) and a longer period ending on a rest day
runs to the next working day. A deadline a document gives the party is treated the same way: when it falls on
a rest day the party still has the next working day (a conservative reading, so the gate never opens early).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from workflows.calendar import WorkingCalendar
from workflows.demolition.facts import CaseFacts, Challenge, ChallengeKind, ChallengeOutcome, RecordedStep
from workflows.demolition.rules import Rule, RuleKey
from workflows.demolition.tracks import Dependency, StepKind, TrackSpec
from workflows.periods import period_end, roll_over_rest_days

DAY = timedelta(days=1)
# The decision stands after these; any other outcome means it cannot be executed as it was.
STANDS = frozenset({ChallengeOutcome.upheld, ChallengeOutcome.withdrawn})


def latest_steps(case: CaseFacts, as_of: date) -> dict[StepKind, RecordedStep]:
    """The latest step of each kind dated on or before `as_of`: a re-issued document replaces the earlier one,
    and a step dated later had not happened yet on that day."""
    latest: dict[StepKind, RecordedStep] = {}
    for step in case.steps:
        if step.on <= as_of and (step.kind not in latest or step.on >= latest[step.kind].on):
            latest[step.kind] = step
    return latest


def rule_end(cal: WorkingCalendar, start: date, rules: Mapping[RuleKey, Rule], key: RuleKey) -> date:
    return period_end(cal, start, rules[key].value)


def deadline_end(cal: WorkingCalendar, deadline: date) -> date:
    return roll_over_rest_days(cal, deadline)


def ready_from(dep: Dependency, prior_on: date, prior_deadline: date | None, cal: WorkingCalendar,
               rules: Mapping[RuleKey, Rule]) -> date:
    """The first day the dependent step may be taken, given the step it depends on (same day allowed)."""
    if dep.period is not None:
        return rule_end(cal, prior_on, rules, dep.period) + DAY
    if dep.after_deadline and prior_deadline is not None:
        return max(prior_on, deadline_end(cal, prior_deadline) + DAY)
    return prior_on


def reconsideration_end(cal: WorkingCalendar, served: date, told: bool,
                        rules: Mapping[RuleKey, Rule]) -> tuple[date, RuleKey]:
    key = RuleKey.reconsideration if told else RuleKey.reconsideration_not_told
    return rule_end(cal, served, rules, key), key


def litigation_end(cal: WorkingCalendar, served: date, told: bool, spec: TrackSpec,
                   rules: Mapping[RuleKey, Rule]) -> tuple[date, RuleKey]:
    key = spec.litigation_rule if told else RuleKey.litigation_not_told
    return rule_end(cal, served, rules, key), key


def _after_challenge(c: Challenge, original_litigation: tuple[date, RuleKey] | None, cal: WorkingCalendar,
                     rules: Mapping[RuleKey, Rule]) -> tuple[date, RuleKey]:
    """The last day the party may still go to court once challenge `c` has ended with the decision standing.

    After a reconsideration decision the party has 15 days to sue (Litigation Law Art. 45); a lawsuit that
    has ended leaves nothing. After a withdrawal the original litigation period also still counts: refiling
    rules are unsettled for reconsideration, so the later of the two is taken (conservative)."""
    ended = c.ended_on  # set: only ended challenges come here
    if c.kind is ChallengeKind.reconsideration:
        end = (rule_end(cal, ended, rules, RuleKey.litigation_after_reconsideration),
               RuleKey.litigation_after_reconsideration)
    else:
        end = (ended, RuleKey.litigation)
    if c.outcome is ChallengeOutcome.withdrawn and original_litigation is not None:
        end = max(end, original_litigation)
    return end


@dataclass(frozen=True)
class RemedyPeriods:
    """The last day of the party's reconsideration and of its litigation period, over every challengeable
    decision, with the rule that sets each (for the label and article shown)."""

    reconsideration: tuple[date, RuleKey]
    litigation: tuple[date, RuleKey]

    def last_day(self, kind: StepKind) -> tuple[date, RuleKey]:
        return self.reconsideration if kind is StepKind.reconsideration_lapsed else self.litigation

    @property
    def lapse(self) -> date:
        """The last day of the later period; Coercion Law Art. 53's three months count from it."""
        return max(self.reconsideration[0], self.litigation[0])


def remedy_periods(spec: TrackSpec, decisions: Mapping[StepKind, tuple[date, bool]],
                   ended: Iterable[Challenge], cal: WorkingCalendar,
                   rules: Mapping[RuleKey, Rule]) -> RemedyPeriods:
    """`decisions`: each challengeable decision's day of service and whether the party was told of its
    remedies. `ended`: challenges over by the day asked about. A challenge counts against the decision it
    names if it was filed on or after that decision's service (one filed earlier was against a document since
    re-issued). A decision not challenged keeps its full periods; a challenged one leaves only what follows
    the challenge. A reconsideration against any other document also gives the party 15 days to sue."""
    ended = [c for c in ended if c.outcome in STANDS]
    reconsideration: list[tuple[date, RuleKey]] = []
    litigation: list[tuple[date, RuleKey]] = []
    for kind, (served, told) in decisions.items():
        original = litigation_end(cal, served, told, spec, rules)
        against = [c for c in ended if c.against is kind and c.filed_on >= served]
        if against:
            reconsideration.append((served, RuleKey.reconsideration))
            litigation.extend(_after_challenge(c, original, cal, rules) for c in against)
        else:
            reconsideration.append(reconsideration_end(cal, served, told, rules))
            litigation.append(original)
    litigation.extend(_after_challenge(c, None, cal, rules) for c in ended
                      if c.against not in decisions and c.kind is ChallengeKind.reconsideration)
    return RemedyPeriods(max(reconsideration), max(litigation))


def filed_in_time(challenge: Challenge, case: CaseFacts, spec: TrackSpec, cal: WorkingCalendar,
                  rules: Mapping[RuleKey, Rule]) -> bool | None:
    """Whether the challenge was brought within its period (the last day counts); None when the decision it
    names is not recorded. A lawsuit after a reconsideration decision has the 15 days of Art. 45."""
    decision = latest_steps(case, challenge.filed_on).get(challenge.against)
    if decision is None:
        return None
    if challenge.kind is ChallengeKind.reconsideration:
        last, _ = reconsideration_end(cal, decision.on, decision.told_of_remedies, rules)
    else:
        original = litigation_end(cal, decision.on, decision.told_of_remedies, spec, rules)
        before = [c for c in case.challenges if c.kind is ChallengeKind.reconsideration
                  and c.against is challenge.against and c.filed_on >= decision.on
                  and c.ended_on is not None and c.ended_on <= challenge.filed_on]
        if before:
            last, _ = _after_challenge(max(before, key=lambda c: c.ended_on), original, cal, rules)
        else:
            last, _ = original
    return challenge.filed_on <= last
