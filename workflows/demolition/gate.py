"""The gate: from a case's recorded steps and challenges alone, is forced demolition lawful yet, what is
missing, and from which day.

How it answers (as of `today`; steps dated later and challenges filed later are not yet facts):
- Each required step, in the track's order, is *done* when its latest record is complete (deadline stated,
  remedies named where the law asks), every step it depends on is done, it is not dated before any of them nor
  before the waiting period that follows them, and no challenge against it ended with the decision
  overturned or settled. Otherwise it is missing, with the reason.
- The two computed steps are done once the party's reconsideration and litigation periods have lapsed
  (timing.remedy_periods); until then they are missing with the last day of the period.
- A reconsideration or lawsuit pending on `today` closes the gate until it ends (Coercion Law Art. 44, 53).
- Execution comes after the track's last waits and never on the day of the last recorded step; the earliest
  lawful date is the first working day from then (Art. 43: no execution on a rest day).

`earliest_lawful_date` is exact when only waiting periods remain. When a step must still be taken, or a
challenge is pending, it is None and `lower_bound` says the earliest the date could possibly be: every missing
step taken on the first day the law allows it but not before today (a missing document's deadline assumed to
be that same day), and every pending challenge ended today with the decision upheld. The real date can only
be later. Exactly one of the two is set.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.demolition.facts import CHALLENGE_LABELS, CaseFacts, Challenge, ChallengeOutcome, Message, iso
from workflows.demolition.rules import RULES, Rule, RuleKey
from workflows.demolition.timing import (DAY, STANDS, RemedyPeriods, filed_in_time, latest_steps,
                                         ready_from, remedy_periods, rule_end)
from workflows.demolition.tracks import (ART_43, COMPUTED, STEP_LABELS, TRACKS, Dependency, StepKind,
                                         StepSpec, TrackSpec)
from workflows.periods import roll_over_rest_days
from workflows.text import N_


class MissingReason(str, Enum):
    not_recorded = "not_recorded"
    out_of_order = "out_of_order"  # recorded, but a step it depends on is not done
    too_early = "too_early"  # recorded, but dated before a step it depends on or before the wait after it
    incomplete = "incomplete"  # recorded, but the document lacks what the law requires in it
    overturned = "overturned"  # quashed, changed or settled on reconsideration or in court: to be done anew
    not_started = "not_started"  # a period that starts only once the decision it follows is served
    waiting = "waiting"  # a period running until `until`
    closed_by_challenge = "closed_by_challenge"


MISSING_REASON_LABELS = {
    MissingReason.not_recorded: N_("未记录"),
    MissingReason.out_of_order: N_("顺序不当"),
    MissingReason.too_early: N_("日期早于法定时间"),
    MissingReason.incomplete: N_("文书内容不全"),
    MissingReason.overturned: N_("已被撤销或变更"),
    MissingReason.not_started: N_("期限尚未起算"),
    MissingReason.waiting: N_("期限未届满"),
    MissingReason.closed_by_challenge: N_("复议或诉讼未终结"),
}
# Reasons that need someone to act, as opposed to time passing or a challenge ending.
ACTION_REASONS = frozenset({MissingReason.not_recorded, MissingReason.out_of_order, MissingReason.too_early,
                            MissingReason.incomplete, MissingReason.overturned, MissingReason.not_started})


@dataclass(frozen=True, kw_only=True)
class Missing(Message):
    """One thing between the case and lawful execution: `label` names the step or period, `until` is the last
    day of a running period (the gate opens no earlier than the next day)."""

    label: str
    reason: MissingReason
    step: StepKind | None = None
    until: date | None = None


@dataclass(frozen=True)
class GateAnswer:
    ready: bool
    missing: tuple[Missing, ...]
    done: tuple[StepKind, ...]  # in the track's order: the ledger's 已完成程序
    earliest_lawful_date: date | None
    lower_bound: date | None
    closed_by: Challenge | None  # the first pending challenge

    @property
    def action_needed(self) -> bool:
        return any(m.reason in ACTION_REASONS for m in self.missing)


def _labels(kinds) -> str:
    return "、".join(STEP_LABELS[k] for k in kinds)


class _Walk:
    """One pass over the track: the day each step was (or, missing, could at the earliest be) done."""

    def __init__(self, case: CaseFacts, spec: TrackSpec, cal: WorkingCalendar, today: date,
                 rules: Mapping[RuleKey, Rule]):
        self.case, self.spec, self.cal, self.today, self.rules = case, spec, cal, today, rules
        self.recorded = latest_steps(case, today)
        self.pending = sorted((c for c in case.challenges if c.pending_on(today) or
                               (c.filed_on <= today and c.ended_on is not None and c.outcome is None)),
                              key=lambda c: c.filed_on)
        ended = [c for c in case.challenges if c.ended_on is not None and c.ended_on <= today
                 and c.outcome is not None]
        # For the lower bound, a pending challenge ends today with the decision upheld.
        self.ended = ended + [Challenge(c.kind, c.against, c.filed_on, today, ChallengeOutcome.upheld)
                              for c in self.pending]
        self.day: dict[StepKind, date] = {}
        self.deadline: dict[StepKind, date] = {}
        self.done: list[StepKind] = []
        self.missing: list[Missing] = []
        self._waits: set[Dependency] = set()
        self.remedies: RemedyPeriods | None = None

    # -- dependencies -------------------------------------------------------------------------------------
    def _ready_from(self, dep: Dependency) -> date:
        return ready_from(dep, self.day[dep.kind], self.deadline.get(dep.kind), self.cal, self.rules)

    def _note_waits(self, deps: tuple[Dependency, ...]) -> None:
        """A period still running after a done step, before a step (or execution) that must wait for it."""
        for dep in deps:
            waits = dep.period is not None or dep.after_deadline
            if dep.kind not in self.done or dep.kind in COMPUTED or not waits:
                continue
            opens = self._ready_from(dep)
            if opens <= self.today or dep in self._waits:
                continue
            self._waits.add(dep)
            params = {"step": STEP_LABELS[dep.kind], "until": iso(opens - DAY)}
            if dep.period is not None:
                rule = self.rules[dep.period]
                label, article, params["period"] = rule.label, rule.article, rule.label
                template = N_("%(period)s（自%(step)s起算）至%(until)s届满")
            else:
                label, article = N_("文书载明的履行期限"), self.spec.spec(dep.kind).article
                template = N_("%(step)s载明的履行期限至%(until)s届满")
            self.missing.append(Missing(template, params, article, label=label, reason=MissingReason.waiting,
                                        until=opens - DAY))

    # -- steps --------------------------------------------------------------------------------------------
    def walk(self) -> None:
        for step_spec in self.spec.steps:
            if step_spec.kind in COMPUTED:
                self._computed(step_spec)
            else:
                self._step(step_spec)

    def _step(self, s: StepSpec) -> None:
        kind, rec = s.kind, self.recorded.get(s.kind)
        opens = max([self._ready_from(d) for d in s.after], default=None)
        problem = self._problem(s, rec, opens) if rec is not None else None
        if rec is not None and problem is None:
            self.done.append(kind)
            self.day[kind], self.deadline[kind] = rec.on, rec.deadline
            return
        self.day[kind] = max(self.today, opens) if opens else self.today
        self.deadline[kind] = self.day[kind]
        self._note_waits(s.after)
        if problem is None:
            problem = self._not_recorded(s, opens)
        self.missing.append(problem)

    def _problem(self, s: StepSpec, rec, opens: date | None) -> Missing | None:
        label = STEP_LABELS[s.kind]

        def missing(template: str, params: dict[str, str], reason: MissingReason) -> Missing:
            return Missing(template, {"step": label, "no": rec.document_no or N_("无文号"), **params}, s.article,
                           label=label, reason=reason, step=s.kind)

        undone = [d.kind for d in s.after if d.kind not in self.done]
        if any(c.against is s.kind and c.filed_on >= rec.on and c.outcome not in STANDS for c in self.ended):
            return missing(N_("%(step)s（%(no)s）已经复议或诉讼撤销、变更或调解结案，须依法重新作出"),
                           {}, MissingReason.overturned)
        if undone:
            return missing(N_("%(step)s已记录，但须先完成：%(prior)s"), {"prior": _labels(undone)},
                           MissingReason.out_of_order)
        if s.needs_deadline and rec.deadline is None:
            return missing(N_("%(step)s（%(no)s）未载明履行期限"), {}, MissingReason.incomplete)
        if rec.deadline is not None and rec.deadline < rec.on:
            return missing(N_("%(step)s（%(no)s）载明的期限%(deadline)s早于送达日期%(on)s"),
                           {"deadline": iso(rec.deadline), "on": iso(rec.on)},
                           MissingReason.incomplete)
        if s.needs_remedies_notice and not rec.told_of_remedies:
            return missing(N_("%(step)s（%(no)s）未载明申请行政复议或者提起行政诉讼的途径和期限"),
                           {}, MissingReason.incomplete)
        if opens is not None and rec.on < opens:
            return missing(N_("%(step)s日期%(on)s早于法定最早日期%(opens)s，应重新办理"),
                           {"on": iso(rec.on), "opens": iso(opens)}, MissingReason.too_early)
        return None

    def _not_recorded(self, s: StepSpec, opens: date | None) -> Missing:
        label = STEP_LABELS[s.kind]
        params = {"step": label}
        template = N_("%(step)s：未记录")
        if all(d.kind in self.done for d in s.after):
            if opens is not None and opens > self.today:
                params["opens"] = iso(opens)
                template = N_("%(step)s：未记录，%(opens)s起可以办理")
            if s.kind is StepKind.court_application and self.remedies is not None:
                window_end = rule_end(self.cal, self.remedies.lapse, self.rules,
                                      RuleKey.court_application_window)
                params.update(opens=iso(max(opens, self.today)), end=iso(window_end))
                template = (N_("%(step)s：未记录，%(opens)s起可以申请，最迟%(end)s") if window_end >= self.today
                            else N_("%(step)s：未记录；申请期限已于%(end)s届满，逾期申请除有正当理由外人民法院不予受理"))
            if s.kind is StepKind.court_ruling:
                # Accepted within Art. 56's days; ruled within Art. 57's on the papers, Art. 58's if heard.
                def ruling_by(key: RuleKey) -> str:
                    applied = self.day[StepKind.court_application]
                    accepted = rule_end(self.cal, applied, self.rules, RuleKey.court_acceptance)
                    return iso(rule_end(self.cal, accepted, self.rules, key))
                params.update(written=ruling_by(RuleKey.court_ruling),
                              heard=ruling_by(RuleKey.court_ruling_with_hearing))
                template = N_("%(step)s：未记录；人民法院书面审查的应于约%(written)s前作出裁定，"
                              "听取意见的应于约%(heard)s前作出裁定")
        return Missing(template, params, s.article, label=label, reason=MissingReason.not_recorded,
                       step=s.kind)

    def _computed(self, s: StepSpec) -> None:
        kind, label = s.kind, STEP_LABELS[s.kind]
        if self.remedies is None:
            decisions = {d: (self.day[d], self.recorded[d].told_of_remedies if d in self.done else True)
                         for d in self.spec.challengeable}
            self.remedies = remedy_periods(self.spec, decisions, self.ended, self.cal, self.rules)
        last, key = self.remedies.last_day(kind)
        self.day[kind] = last + DAY
        undone = [d for d in self.spec.challengeable if d not in self.done]
        if undone:
            self.missing.append(Missing(N_("%(step)s：%(decision)s尚未依法送达，期限未起算"),
                                        {"step": label, "decision": _labels(undone)}, s.article, label=label,
                                        reason=MissingReason.not_started, step=kind))
        elif last >= self.today and not self.pending:
            rule = self.rules[key]
            self.missing.append(Missing(N_("%(step)s：%(period)s至%(until)s届满"),
                                        {"step": label, "period": rule.label, "until": iso(last)},
                                        rule.article, label=label, reason=MissingReason.waiting, step=kind,
                                        until=last))
        elif last < self.today and not self.pending:
            self.done.append(kind)

    # -- execution ----------------------------------------------------------------------------------------
    def challenges(self) -> None:
        for c in self.pending:
            label = CHALLENGE_LABELS[c.kind]
            params = {"challenge": label, "decision": STEP_LABELS[c.against], "filed": iso(c.filed_on)}
            if c.ended_on is not None and c.ended_on <= self.today:
                params["ended"] = iso(c.ended_on)
                template = N_("%(challenge)s（针对%(decision)s，%(filed)s提出）已于%(ended)s结案，但未记录结果，"
                              "记录前不得强制执行")
            else:
                in_time = filed_in_time(c, self.case, self.spec, self.cal, self.rules)
                template = {True: N_("%(challenge)s（针对%(decision)s，%(filed)s在法定期限内提出）尚未终结，"
                                     "终结前不得强制执行"),
                            False: N_("%(challenge)s（针对%(decision)s，%(filed)s提出，已超过法定期限，仍待依法处理）"
                                      "尚未终结，终结前不得强制执行"),
                            None: N_("%(challenge)s（针对%(decision)s，%(filed)s提出）尚未终结，终结前不得强制执行"),
                            }[in_time]
            self.missing.append(Missing(template, params, self.spec.enforcement_article, label=label,
                                        reason=MissingReason.closed_by_challenge))

    def execution_opens(self) -> date:
        self._note_waits(self.spec.execute_after)
        last_step = max(self.day[k] for k in self.spec.kinds if k not in COMPUTED)
        return max([last_step + DAY] + [self._ready_from(d) for d in self.spec.execute_after])


def evaluate(case: CaseFacts, cal: WorkingCalendar, today: date,
             rules: Mapping[RuleKey, Rule] = RULES) -> GateAnswer:
    spec = TRACKS[case.track]
    walk = _Walk(case, spec, cal, today, rules)
    walk.walk()
    opens = walk.execution_opens()
    walk.challenges()
    first_day = roll_over_rest_days(cal, opens)  # Coercion Law Art. 43: never on a rest day
    exact = not walk.pending and not any(m.reason in ACTION_REASONS for m in walk.missing)
    earliest = first_day if exact else None
    ready = earliest is not None and today >= earliest
    if exact and not ready and not walk.missing:
        shifted = first_day != opens
        walk.missing.append(Missing(
            N_("%(day)s为休息日或法定节假日，不得实施强制执行；最早%(earliest)s") if shifted
            else N_("最后一项程序办理当日不实施强制执行；最早%(earliest)s"),
            {"day": iso(opens), "earliest": iso(first_day)},
            ART_43 if shifted else spec.enforcement_article,
            label=N_("实施日期"), reason=MissingReason.waiting, until=first_day - DAY))
    # Not ready for a step or a challenge still open: the day after today at the soonest, whatever the steps say.
    bound = roll_over_rest_days(cal, max(opens, today + DAY))
    return GateAnswer(ready=ready, missing=tuple(walk.missing), done=tuple(walk.done),
                      earliest_lawful_date=earliest, lower_bound=None if exact else bound,
                      closed_by=walk.pending[0] if walk.pending else None)
