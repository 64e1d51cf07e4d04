"""The expert pool and its work: each district's roster (15 firms, 8 lawyers, each with specialties, history
and related parties, and an adviser's account), and for every matter that went through `consulting` a draw,
two assignments, the advisers' opinions and the bureau's ratings.

The pool is written with the first slice of matters (the assignments of that slice refer to it), so it is a
matter family that does the per-district work once.
"""
import hashlib
import json
from datetime import timedelta

from experts.verify_draw import RULES_VERSION
from workflows.roles import Role

from .copy import Batch
from .pipeline import PLACES, MatterPlan, _day_time, _due
from .province import Context, DistrictPlan, _name

FIRMS, LAWYERS = 15, 8
SPECIALTIES = ["土地与房屋征收", "政府合同", "行政执法", "国有资产", "城乡规划", "生态环境", "劳动人事",
               "金融与债务"]
EXPERT_COLS = ("id", "district_id", "kind", "name", "firm_id", "firm_name", "licence_no", "term_start",
               "term_end", "status", "load_cap", "contact", "phone", "note", "created_at", "version")
CHANGE_COLS = ("id", "expert_id", "kind", "status", "effective_on", "reason", "term_end", "by_id", "at")
PARTY_COLS = ("id", "expert_id", "kind", "party_name", "start", "end", "entered_by", "entered_by_user_id",
              "created_at")
USER_COLS = ("id", "username", "display_name", "organisation_id", "password_hash", "active", "totp_enabled",
             "expert_id", "created_at", "version")
DRAW_COLS = ("id", "district_id", "matter_id", "record_no", "kind", "reason", "requested_by_id", "drawn_at",
             "seed", "seed_hash", "snapshot_hash", "rules_version", "snapshot", "exclusions", "ranking",
             "picks", "alternates", "shortfall")
ASSIGNMENT_COLS = ("id", "district_id", "matter_id", "expert_id", "draw_id", "state", "invited_on",
                   "accept_due", "answered_at", "no_conflict_declared_at", "answer_reason", "opinion_due",
                   "created_at", "version")
OPINION_COLS = ("id", "assignment_id", "status", "overall", "risk_notes", "legal_basis", "written_by_id",
                "submitted_on", "submitted_at", "updated_at", "version")
RATING_COLS = ("assignment_id", "timeliness", "quality", "adoption", "note", "rated_by_id", "rated_on")
COMPANIES = ["建设投资有限公司", "城市发展集团有限公司", "农业开发有限公司", "置业有限公司", "水务有限公司"]


def _expert_pool(ctx: Context, d: DistrictPlan, batch: Batch) -> None:
    """specialties, experts (firms first: a lawyer may belong to one), expert_specialties, expert_changes,
    expert_related_parties, and one adviser account (users, user_roles) per member."""
    rng, today, n = ctx.rng, ctx.today, d.number + 1
    specialties = []
    for name in SPECIALTIES:
        sid = ctx.ids("specialties")
        specialties.append(sid)
        batch.add("specialties", ("id", "district_id", "name", "active"), (sid, d.id, name, True))
    firms: list[int] = []
    members = []
    for k in range(FIRMS + LAWYERS):
        eid = ctx.ids("experts")
        firm = k < FIRMS
        start = today - timedelta(days=rng.randrange(30, 1000))
        end = start + timedelta(days=365 * rng.choice((1, 2, 3)))
        # Most members serve; one in ten suspended, and those whose term ran out long ago have left.
        status = "exited" if end < today - timedelta(days=60) else ("suspended" if rng.random() < .1
                                                                   else "active")
        if status == "active" and end < today:
            end = end + timedelta(days=365 * 2)  # renewed (the history says so below)
        employer = rng.choice(firms) if not firm and firms and rng.random() < .7 else None
        name = f"贵州{rng.choice(PLACES)}{k + 1}律师事务所" if firm else _name(rng)
        created = _day_time(rng, start)
        batch.add("experts", EXPERT_COLS, (
            eid, d.id, "firm" if firm else "lawyer", name, employer,
            None if firm or employer else f"贵州{rng.choice(PLACES)}律师事务所",
            f"{'3152' if firm else '1520'}{n:04d}{k:06d}", start, end, status, 3,
            _name(rng) if firm else name,
            f"139{n:04d}{k:04d}", "", created, 1))
        if firm:
            firms.append(eid)
        for sid in rng.sample(specialties, rng.randrange(1, 4)):
            batch.add("expert_specialties", ("expert_id", "specialty_id"), (eid, sid))
        history = [("added", "active", start, "", None)]
        if end - start > timedelta(days=365 * 3):
            history.append(("renewed", "active", start + timedelta(days=365), "聘期届满，考核合格续聘", end))
        if status != "active":
            history.append((status, status, min(end, today - timedelta(days=rng.randrange(1, 30))),
                            "年度考核不合格" if status == "exited" else "涉嫌违反执业纪律，暂停接受指派", None))
        for kind, after, day, reason, new_end in history:
            batch.add("expert_changes", CHANGE_COLS, (ctx.ids("expert_changes"), eid, kind, after, day,
                                                      reason, new_end, d.admin, _day_time(rng, day)))
        for _ in range(rng.randrange(1, 4)):
            begin = start - timedelta(days=rng.randrange(0, 1500))
            member = rng.random() < .4
            batch.add("expert_related_parties", PARTY_COLS, (
                ctx.ids("expert_related_parties"), eid,
                rng.choice(("client", "client", "opponent", "ownership")),
                f"{rng.choice(PLACES)}{rng.choice(COMPANIES)}", begin,
                begin + timedelta(days=rng.randrange(90, 900)) if rng.random() < .6 else None,
                "member" if member else "bureau", None if member else d.admin, created))
        uid = ctx.ids("users")
        d.names[uid] = name
        batch.add("users", USER_COLS, (uid, f"d{n:03d}_adviser{k + 1:02d}", name, d.bureau_id,
                                       ctx.password_hash, True, False, eid, created, 1))
        batch.add("user_roles", ("user_id", "role"), (uid, Role.adviser.value))
        members.append((eid, uid, status))
    ctx.pool[d.id] = [(eid, uid) for eid, uid, status in members if status == "active"]


# Past consulting, or back in review after it (a matter just received has not been consulted on yet, though
# the pipeline's clock may have given it an advisers' pause).
AFTER_CONSULTING = {"bureau_review", "opinion_drafted", "signed", "issued", "answered", "closed"}


def _consulted(m: MatterPlan) -> bool:
    return m.status == "consulting" or (m.status in AFTER_CONSULTING
                                        and any(kind == "advisers" for kind, _b, _e in m.pauses))


def advisers_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """matter_parties, draw_records, adviser_assignments, adviser_opinions, adviser_ratings for the matters
    that went through `consulting` (those in it now and those whose clock paused for advisers)."""
    if not ctx.pool:
        for d in ctx.districts:
            _expert_pool(ctx, d, batch)
    rng, today = ctx.rng, ctx.today
    for m in plans:
        if not _consulted(m) or m.clock_started_on is None:
            continue
        d, pool = m.district, ctx.pool[m.district.id]
        day = next((b for kind, b, _e in m.pauses if kind == "advisers"),
                   min(m.clock_started_on + timedelta(days=2), today))
        batch.add("matter_parties", ("id", "matter_id", "name", "role"),
                  (ctx.ids("matter_parties"), m.id, f"{rng.choice(PLACES)}{rng.choice(COMPANIES)}",
                   "counterparty"))
        picks = rng.sample(pool, 2)
        draw_id = ctx.ids("draw_records")
        seed = f"{rng.getrandbits(128):032x}"
        # The snapshot is a stub (the request only): the seed does not rebuild the pool as it stood, so
        # `flask experts replay-draw` cannot verify seeded draws; the pages read picks and ranking only.
        snapshot = json.dumps({"request": {"record_id": f"CQ-{d.id}-{m.id}-1", "matter_id": m.id,
                                           "kind": "draw", "count": 2}, "bench_stub": True})
        ranking = json.dumps([{"rank": r + 1, "member_id": eid, "specialty_match": True, "open_load": 0,
                               "last_assigned": None, "tiebreak": ""} for r, (eid, _u) in enumerate(picks)])
        batch.add("draw_records", DRAW_COLS, (
            draw_id, d.id, m.id, f"CQ-{d.id}-{m.id}-1", "draw", "", m.reviewer, _day_time(rng, day), seed,
            hashlib.sha256(bytes.fromhex(seed)).hexdigest(), hashlib.sha256(snapshot.encode()).hexdigest(),
            RULES_VERSION, snapshot, "[]", ranking, json.dumps([eid for eid, _u in picks]), "[]", None))
        for eid, uid in picks:
            _assignment(ctx, m, batch, draw_id, eid, uid, day)


def _assignment(ctx: Context, m: MatterPlan, batch: Batch, draw_id: int, eid: int, uid: int, day) -> None:
    rng, today = ctx.rng, ctx.today
    answered = day + timedelta(days=rng.randrange(0, 2))
    if m.status != "consulting":
        state = "rated"  # a matter past consulting: opinion in and rated
    else:
        state = rng.choice(("invited", "accepted", "submitted")) if answered <= today else "invited"
    aid = ctx.ids("adviser_assignments")
    work = state != "invited"
    opinion_due = _due(answered, 5) if work else None
    batch.add("adviser_assignments", ASSIGNMENT_COLS, (
        aid, m.district.id, m.id, eid, draw_id, state, day, _due(day, 2),
        _day_time(rng, answered) if work else None, _day_time(rng, answered) if work else None, "",
        opinion_due, _day_time(rng, day), 1 + work + (state in ("submitted", "rated")) + (state == "rated")))
    if state not in ("submitted", "rated"):
        return
    submitted = min(answered + timedelta(days=rng.randrange(1, 6)), today)
    batch.add("adviser_opinions", OPINION_COLS, (
        ctx.ids("adviser_opinions"), aid, "submitted", "原则同意，建议完善违约责任和争议解决条款。",
        "注意补偿标准与上位法的衔接。", "《中华人民共和国民法典》第四百六十四条", uid, submitted,
        _day_time(rng, submitted), _day_time(rng, submitted), 2))
    if state == "rated":
        batch.add("adviser_ratings", RATING_COLS, (
            aid, rng.randrange(70, 101), rng.randrange(60, 101), rng.randrange(40, 101), "",
            m.reviewer or m.district.director, min(submitted + timedelta(days=rng.randrange(1, 10)), today)))
