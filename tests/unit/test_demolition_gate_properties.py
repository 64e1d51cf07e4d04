"""Property tests: the gate never says ready early, whatever is recorded, in any order, with any dates.

The oracle below is written from the law directly (periods.py and the numbers of the statutes), not from the
gate's code: whenever the gate says ready, every step the track requires is recorded, every deadline and every
period has run, and no challenge is pending. A second property checks the gate is not simply always closed: a
procedure done lawfully opens exactly on its earliest lawful date.
"""
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from workflows.demolition.facts import CaseFacts, Challenge, ChallengeKind, ChallengeOutcome, RecordedStep
from workflows.demolition.gate import evaluate
from workflows.demolition.rules import RULES
from workflows.demolition.timing import DAY, latest_steps, ready_from, remedy_periods
from workflows.demolition.tracks import COMPUTED, TRACKS, StepKind as K, Track
from workflows.periods import Period, Unit, days, months, period_end, years

from tests.unit.demolition_cases import CAL

START, END = date(2025, 1, 1), date(2026, 12, 31)
dates = st.dates(START, END)


@st.composite
def recorded_steps(draw, kinds=tuple(K)):
    on = draw(dates)
    deadline = draw(st.none() | st.integers(-5, 40).map(lambda n: on + timedelta(days=n)))
    return RecordedStep(draw(st.sampled_from(kinds)), on, "", deadline, draw(st.booleans()))


@st.composite
def challenges(draw):
    filed = draw(dates)
    ended = draw(st.none() | st.integers(0, 200).map(lambda n: filed + timedelta(days=n)))
    outcome = draw(st.none() | st.sampled_from(ChallengeOutcome))
    return Challenge(draw(st.sampled_from(ChallengeKind)), draw(st.sampled_from(K)), filed, ended, outcome)


def _must_hold_when_ready(case: CaseFacts, today: date, answer) -> None:
    """What the law requires before demolition, checked independently of the gate's code."""
    spec = TRACKS[case.track]
    latest = {}
    for s in case.steps:
        if s.on <= today and (s.kind not in latest or s.on >= latest[s.kind].on):
            latest[s.kind] = s
    # Every required step recorded, dated before today, its stated deadline passed.
    for s in spec.steps:
        if s.kind in COMPUTED:
            continue
        rec = latest.get(s.kind)
        assert rec is not None, f"ready without {s.kind}"
        assert rec.on < today
        if s.needs_deadline:
            assert rec.deadline is not None and rec.on <= rec.deadline < today
        if s.needs_remedies_notice:
            assert rec.told_of_remedies
        # Not dated before what it depends on, nor before the wait after it.
        for dep in s.after:
            if dep.kind in COMPUTED:
                continue
            prior = latest[dep.kind]
            assert rec.on >= prior.on
            if dep.after_deadline:
                assert rec.on > prior.deadline
            if dep.period is not None:
                assert rec.on > period_end(CAL, prior.on, RULES[dep.period].value)
    # No reconsideration or lawsuit pending today (Coercion Law Art. 44, 53), none with an unknown outcome.
    for c in case.challenges:
        if c.filed_on <= today:
            assert c.ended_on is not None and c.ended_on <= today and c.outcome is not None
    # The party's periods: 60 days or one year to apply for reconsideration (Reconsideration Law Art. 20);
    # six months, 15 days for a land-occupation order (土地管理法 Art. 83), or one year to sue (法释〔2018〕1号
    # Art. 64); 15 days after a reconsideration decision (Litigation Law Art. 45).
    for kind in spec.challengeable:
        decision = latest[kind]
        against = [c for c in case.challenges if c.against is kind and c.filed_on >= decision.on
                   and c.filed_on <= today]
        if not against:
            told = decision.told_of_remedies
            reconsideration = days(60) if told else years(1)
            litigation = (days(15) if spec.track is Track.illegal_land_occupation else months(6)) if told \
                else years(1)
            assert today > period_end(CAL, decision.on, reconsideration)
            assert today > period_end(CAL, decision.on, litigation)
        for c in against:
            assert c.outcome in (ChallengeOutcome.upheld, ChallengeOutcome.withdrawn)
            if c.kind is ChallengeKind.reconsideration:
                assert today > period_end(CAL, c.ended_on, Period(15, Unit.days))
    # The court tracks: ten working days after the demand before applying (Coercion Law Art. 54, 69), and
    # the court's ruling.
    if not spec.self_enforcement:
        assert latest[K.court_application].on > CAL.add_working_days(latest[K.demand].on, 10)
        assert latest[K.court_ruling].on >= latest[K.court_application].on
    else:
        assert today > latest[K.public_notice].deadline  # Coercion Law Art. 44
    assert answer.earliest_lawful_date is not None and answer.earliest_lawful_date <= today
    assert CAL.is_workday(answer.earliest_lawful_date)  # Art. 43
    assert answer.closed_by is None and answer.missing == ()


def _check(case: CaseFacts, today: date) -> None:
    answer = evaluate(case, CAL, today)
    if answer.ready:
        _must_hold_when_ready(case, today, answer)
    else:
        assert answer.missing, "a closed gate says why"
    # Exactly one of the two dates; the lower bound is never in the past.
    assert (answer.earliest_lawful_date is None) != (answer.lower_bound is None)
    if answer.lower_bound is not None:
        assert answer.lower_bound > today


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(Track), st.lists(recorded_steps(), max_size=14), st.lists(challenges(), max_size=2),
       dates)
def test_no_random_record_makes_a_case_ready_early(track, steps, recorded_challenges, today):
    _check(CaseFacts(track, tuple(steps), tuple(recorded_challenges)), today)


@st.composite
def lawful_procedures(draw, track):
    """A procedure done in order: each step some days after the first day the law allows it."""
    spec = TRACKS[track]
    day: dict[K, date] = {}
    steps: list[RecordedStep] = []
    start = draw(st.dates(date(2025, 1, 1), date(2025, 6, 30)))
    for s in spec.steps:
        if s.kind in COMPUTED:
            recorded = latest_steps(CaseFacts(track, tuple(steps)), END)
            decisions = {d: (recorded[d].on, recorded[d].told_of_remedies) for d in spec.challengeable}
            day[s.kind] = remedy_periods(spec, decisions, (), CAL, RULES).last_day(s.kind)[0] + DAY
            continue
        deadlines = {st_.kind: st_.deadline for st_ in steps}
        opens = max([ready_from(d, day[d.kind], deadlines.get(d.kind), CAL, RULES) for d in s.after],
                    default=start)
        on = opens + timedelta(days=draw(st.integers(0, 3)))
        deadline = on + timedelta(days=draw(st.integers(0, 20))) if s.needs_deadline else None
        steps.append(RecordedStep(s.kind, on, "", deadline, draw(st.booleans()) or s.needs_remedies_notice))
        day[s.kind] = on
    return CaseFacts(track, tuple(steps))


@st.composite
def lawful_cases(draw):
    return draw(lawful_procedures(draw(st.sampled_from(Track))))


@settings(max_examples=150, deadline=None)
@given(lawful_cases())
def test_a_lawful_procedure_opens_on_its_earliest_date_and_not_before(case):
    last = max(s.on for s in case.steps)
    answer = evaluate(case, CAL, last)
    earliest = answer.earliest_lawful_date
    assert earliest is not None and earliest > last and CAL.is_workday(earliest)
    assert not evaluate(case, CAL, earliest - DAY).ready
    opened = evaluate(case, CAL, earliest)
    assert opened.ready
    _must_hold_when_ready(case, earliest, opened)


@st.composite
def challenges_near(draw, case: CaseFacts):
    """A challenge against one of the case's challengeable decisions, filed around its periods."""
    decisions = [s for s in case.steps if s.kind in TRACKS[case.track].challengeable]
    decision = draw(st.sampled_from(decisions))
    filed = decision.on + timedelta(days=draw(st.integers(-5, 200)))
    ended = draw(st.none() | st.integers(0, 120).map(lambda n: filed + timedelta(days=n)))
    outcome = draw(st.none() | st.sampled_from(ChallengeOutcome))
    return Challenge(draw(st.sampled_from(ChallengeKind)), decision.kind, filed, ended, outcome)


@settings(max_examples=300, deadline=None)
@given(st.data(), lawful_cases(), st.lists(recorded_steps(), max_size=3), st.integers(-30, 400),
       st.randoms(use_true_random=False))
def test_perturbing_a_lawful_procedure_never_opens_the_gate_early(data, case, extra, shift, rnd):
    # Drop, redate or add steps, add challenges, and ask on any day around the procedure.
    steps = list(case.steps)
    rnd.shuffle(steps)
    if steps and rnd.random() < 0.3:
        steps.pop()
    if steps and rnd.random() < 0.3:
        i = rnd.randrange(len(steps))
        steps[i] = RecordedStep(steps[i].kind, steps[i].on - timedelta(days=rnd.randint(1, 60)), "",
                                steps[i].deadline, steps[i].told_of_remedies)
    recorded_challenges = data.draw(st.lists(challenges_near(case), max_size=2)
                                    | st.lists(challenges(), max_size=1))
    today = max(s.on for s in case.steps) + timedelta(days=shift)
    _check(CaseFacts(case.track, tuple(steps + extra), tuple(recorded_challenges)), today)
