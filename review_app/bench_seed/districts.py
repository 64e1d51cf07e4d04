"""Families written once per district: the demolition ledger and the administrators' rare actions."""
from datetime import timedelta

from workflows.demolition.tracks import Track

from .copy import Batch
from .pipeline import PLACES, _day_time
from .province import Context, DistrictPlan

CASE_COLS = ("id", "district_id", "organisation_id", "project", "track", "address", "building_area",
             "enforcing_body", "planned_on", "executed_on", "executed_time", "executed_lawfully",
             "execution_problems",
             "note", "last_progress_on", "created_by_id", "created_at", "updated_at", "version")
STEP_COLS = ("id", "case_id", "kind", "done_on", "document_no", "deadline", "told_of_remedies", "note",
             "reply_id",
             "recorded_by_id", "recorded_at")
STEPS = {  # the first steps of each track, in order (workflows.demolition.tracks has the full procedure)
    Track.state_land_expropriation: ["stability_assessment", "expropriation_decision",
                                     "compensation_decision"],
    Track.collective_land_expropriation: ["land_expropriation_announcement", "compensation_plan_posted"],
    Track.planning_violation: ["demand", "statement_heard", "enforcement_decision",
                               "enforcement_decision_served"],
    Track.illegal_land_occupation: ["demand", "statement_heard", "enforcement_decision"],
}
SURNAMES = "王李张刘陈杨黄赵吴周"


def demolition_family(ctx: Context, d: DistrictPlan, batch: Batch, matters_in_district: int) -> None:
    """demolition_cases, demolition_parties, procedure_steps: one case for every fifty matters."""
    rng, today = ctx.rng, ctx.today
    for _ in range(max(matters_in_district // 50, 1)):
        cid = ctx.ids("demolition_cases")
        org = rng.choice(d.towns + d.departments[:4])
        track = rng.choice(list(Track))
        start = today - timedelta(days=rng.randrange(10, 900))
        executed = start + timedelta(days=rng.randrange(60, 200))
        done = executed < today and rng.random() < .6
        clerk = d.clerks[org][0]
        steps = STEPS[track][:rng.randrange(1, len(STEPS[track]) + 1)]
        last = start + timedelta(days=10 * len(steps))
        batch.add("demolition_cases", CASE_COLS, (
            cid, d.id, org, f"{rng.choice(PLACES)}片区改造项目", track.value,
            f"{rng.choice(PLACES)}{rng.randrange(1, 300)}号", f"{rng.randrange(40, 900)}.00", "区综合行政执法局",
            start + timedelta(days=120), executed if done else None, None,
            (rng.random() < .95) if done else None, "", "", min(last, today), clerk,
            _day_time(rng, start), _day_time(rng, min(last, today)), 1 + len(steps)))
        for position in range(1, rng.randrange(2, 4)):
            batch.add("demolition_parties", ("case_id", "position", "name"),
                      (cid, position, rng.choice(SURNAMES) + "某" + "甲乙丙"[position - 1]))
        for n, kind in enumerate(steps):
            day = min(start + timedelta(days=10 * n), today)
            batch.add("procedure_steps", STEP_COLS, (
                ctx.ids("procedure_steps"), cid, kind, day, f"执法〔{day.year}〕{cid % 1000 + n}号",
                day + timedelta(days=15) if kind in ("demand", "enforcement_decision") else None, True, "",
                None, clerk, _day_time(rng, day)))


def administration_family(ctx: Context, d: DistrictPlan, batch: Batch, matters_in_district: int) -> None:
    """audit events an administrator leaves now and then: the rare actions and the rare actor the audit page
    is filtered by (a password reset, a setting changed)."""
    rng = ctx.rng
    for k in range(3):
        day = ctx.today - timedelta(days=rng.randrange(1, 700))
        user = rng.choice(list(d.names))
        ctx.audit.append((_day_time(rng, day), d.admin, d.names[d.admin], d.id, "user.password_reset", "user",
                          str(user), f'{{"user_id": {user}}}'))
    day = ctx.today - timedelta(days=rng.randrange(1, 300))
    ctx.audit.append((_day_time(rng, day), d.admin, d.names[d.admin], d.id, "setting.update", "setting",
                      "review_days.agreement", '{"value": 5}'))
