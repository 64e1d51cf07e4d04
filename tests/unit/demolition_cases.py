"""Complete demolition procedures on real 2025-2026 dates, one per track, for the demolition tests.

Each is lawful as recorded; the dates in the comments are the ones the tests assert, worked out by hand on the
official calendar (2026: Labour Day 05-01..05-05, Mid-Autumn 09-25..09-27, National Day 10-01..10-07,
swapped workdays Sunday 09-20 and Saturday 10-10; Spring Festival 02-15..02-23).
"""
from dataclasses import replace
from datetime import date

from workflows.calendar import WorkingCalendar
from workflows.demolition.facts import CaseFacts, RecordedStep
from workflows.demolition.tracks import StepKind as K, Track

CAL = WorkingCalendar()


def step(kind: K, on: date, deadline: date | None = None, told: bool = True, no: str = "") -> RecordedStep:
    return RecordedStep(kind, on, no or f"{kind.value}-{on.isoformat()}", deadline, told)


# Planning violation, self-enforced (城乡规划法 Art. 68; Coercion Law Art. 35-38, 44).
# Reconsideration: 60 days from 2026-03-02 is 05-01, Labour Day, so the period ends 05-06.
# Litigation: six months from 03-02 end 09-02 (a Wednesday). Earliest lawful date: 09-03.
PLANNING = CaseFacts(Track.planning_violation, (
    step(K.demolition_order, date(2026, 3, 2), deadline=date(2026, 3, 16)),
    step(K.demand, date(2026, 3, 17), deadline=date(2026, 3, 27)),
    step(K.statement_heard, date(2026, 3, 25)),
    step(K.enforcement_decision, date(2026, 3, 30)),
    step(K.enforcement_decision_served, date(2026, 3, 31)),
    step(K.public_notice, date(2026, 4, 1), deadline=date(2026, 4, 15)),
))

# Illegal occupation of land, court-enforced (土地管理法 Art. 77, 83; Coercion Law Art. 53-58).
# Litigation: 15 days from 06-01 (Art. 83) end 06-16; reconsideration: 60 days end 07-31 (a Friday).
# Demand served 09-28: ten working days (Art. 54, 69) skip National Day and end 10-16, so the court may be
# asked from 10-17. Art. 53: three months from 07-31 end 10-31, a Saturday, so 11-02.
# Ruling served 10-26; earliest lawful date 10-27.
LAND = CaseFacts(Track.illegal_land_occupation, (
    step(K.demolition_order, date(2026, 6, 1), deadline=date(2026, 6, 15)),
    step(K.demand, date(2026, 9, 28), deadline=date(2026, 10, 9)),
    step(K.statement_heard, date(2026, 10, 9)),
    step(K.court_application, date(2026, 10, 19)),
    step(K.court_ruling, date(2026, 10, 26)),
))

# State-land expropriation (征收条例 Art. 12-14, 25-28), court-enforced.
# Periods: expropriation decision 2025-12-01: 60 days 2026-01-30, six months 2026-06-01; compensation decision
# 2026-01-05: 60 days 03-06, six months 07-05 (a Sunday) so 07-06. Demand served 07-06: ten working days end
# 07-20. Application 07-21, ruling served 08-04; earliest lawful date 08-05.
STATE_LAND = CaseFacts(Track.state_land_expropriation, (
    step(K.stability_assessment, date(2025, 11, 3)),
    step(K.expropriation_decision, date(2025, 12, 1)),
    step(K.compensation_decision, date(2026, 1, 5), deadline=date(2026, 1, 20)),
    step(K.compensation_secured, date(2026, 1, 10)),
    step(K.demand, date(2026, 7, 6), deadline=date(2026, 7, 13)),
    step(K.statement_heard, date(2026, 7, 10)),
    step(K.court_application, date(2026, 7, 21)),
    step(K.court_ruling, date(2026, 8, 4)),
))

# Collective-land expropriation (土地管理法实施条例 Art. 26, 28, 31, 62), court-enforced.
# Pre-announcement 01-05: ten working days end 01-19, plan posted 01-20; thirty days end 02-19, inside the
# Spring Festival, so 02-24. Periods: compensation decision 03-09 (60 days 05-08, six months 09-09); hand-over
# order 03-23 (60 days 05-22, six months 09-23). Application 09-24, ruling served 10-09 (a Friday); the next
# day, Saturday 10-10, is a swapped workday and the earliest lawful date.
COLLECTIVE = CaseFacts(Track.collective_land_expropriation, (
    step(K.pre_announcement, date(2026, 1, 5)),
    step(K.stability_assessment, date(2026, 1, 12)),
    step(K.compensation_plan_posted, date(2026, 1, 20)),
    step(K.land_expropriation_announcement, date(2026, 3, 2)),
    step(K.compensation_decision, date(2026, 3, 9)),
    step(K.compensation_secured, date(2026, 3, 16)),
    step(K.handover_order, date(2026, 3, 23), deadline=date(2026, 4, 3)),
    step(K.demand, date(2026, 4, 7), deadline=date(2026, 4, 14)),
    step(K.statement_heard, date(2026, 4, 13)),
    step(K.court_application, date(2026, 9, 24)),
    step(K.court_ruling, date(2026, 10, 9)),
))

COMPLETE = {Track.planning_violation: (PLANNING, date(2026, 9, 3)),
            Track.illegal_land_occupation: (LAND, date(2026, 10, 27)),
            Track.state_land_expropriation: (STATE_LAND, date(2026, 8, 5)),
            Track.collective_land_expropriation: (COLLECTIVE, date(2026, 10, 10))}


def without(case: CaseFacts, kind: K) -> CaseFacts:
    return replace(case, steps=tuple(s for s in case.steps if s.kind is not kind))


def with_step(case: CaseFacts, new: RecordedStep) -> CaseFacts:
    return replace(case, steps=tuple(s for s in case.steps if s.kind is not new.kind) + (new,))


def recorded(case: CaseFacts, kind: K) -> RecordedStep:
    return next(s for s in case.steps if s.kind is kind)
