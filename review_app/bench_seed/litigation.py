"""Risk assessments of matters at the bureau, and each district's litigation records: lawsuits with their
hearings and, when lost, the loss report with its rectification items; reconsideration cases with their
opinion letters; disputes entrusted to the dispute-resolution centre.

Proportions (per matter of the district, over the seven years the seed covers): about one lawsuit in 60
matters, one reconsideration case in 40, one centre case in 120; most suits dismissed, about one in seven
lost.
"""
from datetime import timedelta

from workflows.risk.factors import FACTORS

from .copy import Batch
from .pipeline import PLACES, MatterPlan, _day_time, _weighted
from .province import Context, DistrictPlan

ASSESSED = {"bureau_review", "awaiting_supplement", "consulting", "opinion_drafted", "signed", "issued",
            "answered", "closed"}
LEVELS = [("low", 60), ("medium", 30), ("high", 10)]
AREAS = [("expropriation", 20), ("demolition", 15), ("enforcement", 12), ("licensing", 10), ("penalty", 15),
         ("information_disclosure", 10), ("agreement", 8), ("inaction", 5), ("other", 5)]
AREA_OF_CATEGORY = {"agreement": "agreement", "major_decision": "expropriation",
                    "normative_document": "other", "opinion_request": "other"}
RISK_COLS = ("id", "district_id", "matter_id", "area", "level", "reasons", "mitigation",
             "mitigation_signed_by_id", "mitigation_signed_at", "assessed_by_id", "assessed_at", "version")


def risk_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """risk_assessments and risk_factor_scores: four in ten agreements and major decisions at or past bureau
    review, one in ten of the rest; also notes the closed matters a lawsuit may later challenge. `reasons`
    is left empty (the rules' reasons are not recomputed for seeded scores)."""
    rng = ctx.rng
    for m in plans:
        if m.status == "closed" and m.category != "opinion_request":
            ctx.litigable.setdefault(m.district.id, []).append(m.id)
        if m.status not in ASSESSED or m.clock_started_on is None:
            continue
        if rng.random() > (.4 if m.category in ("agreement", "major_decision") else .1):
            continue
        rid = ctx.ids("risk_assessments")
        level = _weighted(rng, LEVELS)
        at = _day_time(rng, min(m.clock_started_on + timedelta(days=2), ctx.today))
        signed = level != "low" and m.status not in ("bureau_review", "awaiting_supplement", "consulting")
        batch.add("risk_assessments", RISK_COLS, (
            rid, m.district.id, m.id, AREA_OF_CATEGORY[m.category], level, "[]",
            "" if level == "low" else "开展社会稳定风险评估，公开征求意见，制定应急处置预案",
            m.district.director if signed else None, at + timedelta(days=1) if signed else None,
            m.reviewer or m.district.director, at, 1 + signed))
        for position, factor in enumerate(rng.sample(FACTORS, 4)):
            batch.add("risk_factor_scores",
                      ("assessment_id", "code", "position", "likelihood", "impact", "note"),
                      (rid, factor.code, position, rng.randrange(1, 6), rng.randrange(1, 6), ""))


LAWSUIT_COLS = ("id", "district_id", "defendant_id", "co_defendants", "court", "instance", "case_no",
                "plaintiff", "act", "area", "matter_id", "complaint_received", "filed_with_bureau",
                "defence_submitted", "outcome", "outcome_on", "outcome_served", "resolved_in_suit",
                "loss_grounds", "appealed_on", "executed_on", "loss_report_submitted", "task_force_member_id",
                "at_risk", "risk_plan", "created_by_id", "created_at", "version")
HEARING_COLS = ("id", "lawsuit_id", "day", "court_room", "scheduled_on", "appearance", "appeared_names",
                "written_reason", "recorded_by_id", "version")
OUTCOMES = [("dismiss_claims", 50), ("withdrawal_allowed", 15), ("dismiss_suit", 10), ("mediated", 3),
            ("quash", 8), ("confirm_illegal", 6), ("order_performance", 4), ("order_payment", 2),
            ("not_accepted", 2)]
LOST = {"quash", "confirm_illegal", "order_performance", "order_payment"}
APPEARANCES = [("principal_head", 25), ("deputy_head", 50), ("staff", 15), ("lawyer_only", 7), ("nobody", 3)]
SURNAMES = "王李张刘陈杨黄赵吴周"
ACTS = ["房屋征收补偿决定", "限期拆除决定", "行政处罚决定", "政府信息公开答复", "不履行法定职责",
        "行政协议解除通知", "强制拆除行为", "行政许可决定"]


def litigation_family(ctx: Context, d: DistrictPlan, batch: Batch, matters_in_district: int) -> None:
    """lawsuits, hearings, loss_reports, rectification_items, reconsideration_cases, reconsideration_letters,
    dispute_cases."""
    rng, today, n = ctx.rng, ctx.today, d.number + 1
    bodies = d.departments + d.towns
    matters = ctx.litigable.get(d.id, [])
    for k in range(max(matters_in_district // 60, 3)):
        received = today - timedelta(days=rng.randrange(5, 2000))
        body = rng.choice(bodies)
        concluded = (today - received).days > 120 and rng.random() < .9
        outcome = _weighted(rng, OUTCOMES) if concluded else None
        outcome_on = received + timedelta(days=rng.randrange(60, 115)) if concluded else None
        lost = outcome in LOST
        reviewer = rng.choice(d.reviewers)
        lid = ctx.ids("lawsuits")
        batch.add("lawsuits", LAWSUIT_COLS, (
            lid, d.id, body, "", f"示范{n}区人民法院", "second" if rng.random() < .1 else "first",
            f"({received.year})黔{n:04d}行初{k + 1}号", rng.choice(SURNAMES) + "某" + str(k % 9 + 1),
            rng.choice(ACTS), _weighted(rng, AREAS),
            rng.choice(matters) if matters and rng.random() < .3 else None, received,
            received + timedelta(days=rng.randrange(1, 8 if rng.random() < .9 else 20)),
            received + timedelta(days=rng.randrange(5, 16)), outcome, outcome_on,
            min(outcome_on + timedelta(days=rng.randrange(1, 10)), today) if concluded else None,
            outcome in ("withdrawal_allowed", "mediated") and rng.random() < .7,
            '["procedure"]' if lost else "[]", None,
            outcome_on + timedelta(days=rng.randrange(20, 60)) if lost and rng.random() < .7 else None,
            outcome_on + timedelta(days=rng.randrange(10, 30)) if lost else None, reviewer,
            not concluded and rng.random() < .1, "", reviewer, _day_time(rng, received), 2 + concluded))
        day = received + timedelta(days=rng.randrange(30, 55))
        for _ in range(1 + (rng.random() < .25)):
            held = day < today
            appearance = _weighted(rng, APPEARANCES) if held else None
            batch.add("hearings", HEARING_COLS, (
                ctx.ids("hearings"), lid, day, f"第{rng.randrange(1, 9)}审判庭", day - timedelta(days=20),
                appearance, d.names[d.heads.get(body, reviewer)] if appearance in ("principal_head",
                                                                                     "deputy_head") else "",
                "当日另有重要公务，委托工作人员出庭" if appearance in ("staff", "lawyer_only", "nobody") else "",
                reviewer, 1 + held))
            day += timedelta(days=rng.randrange(20, 40))
        if lost:
            _loss_report(ctx, d, batch, lid, body, outcome_on)
    _reconsideration(ctx, d, batch, matters_in_district, bodies)
    _dispute_centre(ctx, d, batch, matters_in_district, bodies)


def _loss_report(ctx: Context, d: DistrictPlan, batch: Batch, lid: int, body: int, outcome_on) -> None:
    rng, today = ctx.rng, ctx.today
    submitted = outcome_on + timedelta(days=rng.randrange(10, 30))
    if submitted > today:
        return
    rid = ctx.ids("loss_reports")
    by = d.heads.get(body) or d.clerks[body][0]
    batch.add("loss_reports",
              ("id", "lawsuit_id", "causes", "responsibility", "submitted_on", "submitted_by_id"),
              (rid, lid, "未依法履行告知程序，证据收集不完整", "承办科室负主要责任", submitted, by))
    for position in (1, 2):
        due = submitted + timedelta(days=30 * position)
        done = due < today and rng.random() < .8
        batch.add("rectification_items", ("id", "report_id", "position", "text", "due_on", "done_on",
                                          "done_note", "version"),
                  (ctx.ids("rectification_items"), rid, position,
                   "完善执法程序告知文书" if position == 1 else "组织执法人员专题培训", due,
                   due - timedelta(days=3) if done else None, "已完成并报送整改报告" if done else "",
                   1 + done))


RECON_COLS = ("id", "district_id", "case_no", "applicant", "respondent_id", "act", "area", "procedure",
              "received", "accepted", "refused", "copy_sent", "reply_received", "extension_reason", "outcome",
              "concluded_on",
              "performance_due", "created_by_id", "created_at", "version")
RECON_OUTCOMES = [("uphold", 45), ("dismiss", 15), ("withdrawn", 12), ("quash", 10), ("confirm_illegal", 6),
                  ("change", 3), ("order_performance", 4), ("mediated", 3), ("settled", 2)]
LETTER_COLS = ("id", "district_id", "case_id", "organisation_id", "year", "number", "sent_on", "received_on",
               "report_received", "report_text", "findings", "requirements", "docx_sha256", "issued_by_id",
               "issued_at", "version")


def _reconsideration(ctx: Context, d: DistrictPlan, batch: Batch, matters_in_district: int, bodies) -> None:
    """reconsideration_cases (one in twenty refused at intake) and, for one in three found at fault, an
    opinion letter (行政复议意见书) numbered per year."""
    rng, today, n = ctx.rng, ctx.today, d.number + 1
    letters: dict[int, int] = {}
    for k in range(max(matters_in_district // 40, 3)):
        received = today - timedelta(days=rng.randrange(3, 2000))
        refused = rng.random() < .05
        concluded = not refused and (today - received).days > 70 and rng.random() < .95
        outcome = _weighted(rng, RECON_OUTCOMES) if concluded else None
        concluded_on = received + timedelta(days=rng.randrange(30, 65)) if concluded else None
        cid = ctx.ids("reconsideration_cases")
        accepted = None if refused else received + timedelta(days=rng.randrange(1, 5))
        batch.add("reconsideration_cases", RECON_COLS, (
            cid, d.id, f"示{n}府复〔{received.year}〕{k + 1}号", rng.choice(SURNAMES) + "某某",
            rng.choice(bodies), rng.choice(ACTS), _weighted(rng, AREAS),
            "simplified" if rng.random() < .2 else "ordinary", received, accepted,
            received + timedelta(days=4) if refused else None,
            accepted and accepted + timedelta(days=rng.randrange(1, 7)),
            accepted and min(accepted + timedelta(days=rng.randrange(10, 17)), today), "", outcome,
            concluded_on,
            concluded_on + timedelta(days=60) if outcome == "order_performance" else None, d.director,
            _day_time(rng, received), 1 + concluded))
        if outcome in ("quash", "confirm_illegal", "change") and rng.random() < .35:
            year = concluded_on.year
            letters[year] = number = letters.get(year, 0) + 1
            sent = concluded_on + timedelta(days=3)
            got = sent + timedelta(days=2)
            reported = got + timedelta(days=rng.randrange(30, 60)) < today
            batch.add("reconsideration_letters", LETTER_COLS, (
                ctx.ids("reconsideration_letters"), d.id, cid, rng.choice(bodies), year, number, sent, got,
                got + timedelta(days=55) if reported else None, "已完成整改" if reported else "",
                "作出行政行为前未听取陈述申辩", "规范执法程序，六十日内报送整改情况", f"{cid:064x}", d.director,
                _day_time(rng, sent), 1 + reported))


DISPUTE_COLS = ("id", "district_id", "case_no", "applicant", "body_id", "subject", "stage", "entrusted",
                "registered", "body_told", "proposal_received", "outcome", "concluded_on", "created_by_id",
                "created_at", "version")


def _dispute_centre(ctx: Context, d: DistrictPlan, batch: Batch, matters_in_district: int, bodies) -> None:
    """dispute_cases: six in ten resolved; the unresolved ones name no suit (the seed does not pair them)."""
    rng, today, n = ctx.rng, ctx.today, d.number + 1
    for k in range(max(matters_in_district // 120, 2)):
        entrusted = today - timedelta(days=rng.randrange(3, 1500))
        concluded = (today - entrusted).days > 45 and rng.random() < .9
        batch.add("dispute_cases", DISPUTE_COLS, (
            ctx.ids("dispute_cases"), d.id, f"示{n}调〔{entrusted.year}〕{k + 1}号", rng.choice(SURNAMES) + "某某",
            rng.choice(bodies), f"{rng.choice(PLACES)}{rng.choice(ACTS)}争议",
            "in_suit" if rng.random() < .4 else "before_suit", entrusted, entrusted + timedelta(days=1),
            entrusted + timedelta(days=3), entrusted + timedelta(days=20) if concluded else None,
            ("resolved" if rng.random() < .6 else "not_resolved") if concluded else None,
            entrusted + timedelta(days=rng.randrange(25, 45)) if concluded else None, d.director,
            _day_time(rng, entrusted), 1 + concluded))
