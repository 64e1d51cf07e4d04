"""The demo's litigation records (`make run`): a year of lawsuits, reconsideration cases and centre cases
across the district's departments and towns, dated back from the day the demo is loaded, so that every rate,
the bulletin, the ledger and the late lists have numbers; one assessed matter challenged in court; a hearing
tomorrow whose head is reminded; a loss with its analysis and rectification; a typical case."""
from datetime import date, time, timedelta

import sqlalchemy as sa

from workflows.dispute_centre import Outcome as CentreOutcome, Stage
from workflows.litigation import Appearance, Area, Outcome
from workflows.reconsideration import Outcome as R
from workflows.review import Status
from workflows.risk.factors import FACTORS
from workflows.risk.scoring import FactorScore, assess

from .. import rules
from ..extensions import db
from ..models import Matter, Organisation, RiskAssessment, RiskFactorScore
from . import losses
from . import operations as ops
from . import reconsideration as rops
from ..risk.operations import reasons_json
from .reminders import remind_hearings

AREAS = [Area.expropriation, Area.penalty, Area.licensing, Area.information_disclosure, Area.enforcement,
         Area.demolition, Area.inaction, Area.agreement]
# The act challenged, as a complaint names it, for each area above.
ACTS = {Area.expropriation: "房屋征收补偿决定", Area.penalty: "行政处罚决定书", Area.licensing: "不予行政许可决定",
        Area.information_disclosure: "政府信息公开答复", Area.enforcement: "限期拆除决定", Area.demolition: "强制拆除行为",
        Area.inaction: "不履行法定职责", Area.agreement: "单方解除行政协议的通知"}
# (department short name, lawsuits) spread over the year
BODIES = [("区住建局", 6), ("区自然资源局", 5), ("区综合执法局", 5), ("区市场监管局", 3), ("青山镇", 4), ("城关街道", 3)]
LAWSUIT_OUTCOMES = [Outcome.dismiss_claims, Outcome.quash, Outcome.dismiss_claims, Outcome.withdrawal_allowed,
                    Outcome.dismiss_suit, Outcome.confirm_illegal, Outcome.mediated, None]
RECON_OUTCOMES = [R.uphold, R.settled, R.dismiss, R.mediated, R.quash, R.uphold, R.settled, R.confirm_illegal,
                  R.uphold, R.withdrawn]


def _org(short: str) -> Organisation:
    return db.session.scalar(sa.select(Organisation).where(Organisation.short_name == short))


def load_disputes(users: dict) -> None:
    reviewer = users["reviewer"]
    today = rules.today()
    n = 0
    for short, count in BODIES:
        body = _org(short)
        for i in range(count):
            n += 1
            received = today - timedelta(days=340 - 25 * i - 3 * n % 20)
            case = ops.file_lawsuit(reviewer, ops.LawsuitFields(
                body.id, "示范区人民法院", f"（{received.year}）黔0111行初{n}号", f"原告{n}",
                ACTS[AREAS[n % len(AREAS)]], AREAS[n % len(AREAS)], received,
                filed_on=received + timedelta(days=1 + n % 5)))
            ops.record_defence(reviewer, case, case.version, received + timedelta(days=8 + n % 10))
            outcome = LAWSUIT_OUTCOMES[n % len(LAWSUIT_OUTCOMES)]
            if received + timedelta(days=120) > today:
                outcome = None
            heard = received + timedelta(days=45)
            if heard < today:
                h = ops.schedule_hearing(reviewer, case, heard, time(9, 30), "第二法庭")
                appearance = Appearance.principal_head if n % 6 else Appearance.staff
                ops.record_appearance(reviewer, h, h.version, appearance, "负责人" if n % 6 else "法规科工作人员",
                                      "" if n % 12 else "负责人因公出差，委托法规科负责人出庭")
            if outcome is not None:
                decided = received + timedelta(days=90)
                served = decided + timedelta(days=3)
                ops.record_outcome(reviewer, case, case.version, outcome, decided, served,
                                   outcome in (Outcome.withdrawal_allowed, Outcome.mediated) and n % 2 == 0)
    for i in range(30):
        body = _org(BODIES[i % len(BODIES)][0])
        received = today - timedelta(days=330 - 10 * i)
        c = rops.register_application(reviewer, rops.ApplicationFields(
            body.id, f"示府复〔{received.year}〕{i + 1}号", f"申请人{i + 1}", "行政处罚决定", AREAS[i % 8], received))
        rops.record_step(reviewer, c, c.version, "accepted", received + timedelta(days=3))
        if received + timedelta(days=50) < today:
            rops.decide(reviewer, c, c.version, RECON_OUTCOMES[i % len(RECON_OUTCOMES)],
                        received + timedelta(days=50))
    for i in range(8):
        body = _org(BODIES[i % len(BODIES)][0])
        entrusted = today - timedelta(days=300 - 30 * i)
        d = rops.register_dispute(reviewer, rops.DisputeFields(
            body.id, f"示调〔{entrusted.year}〕{i + 1}号", f"当事人{i + 1}", "征收补偿争议",
            Stage.before_suit if i % 3 else Stage.in_suit, entrusted))
        rops.record_centre_step(reviewer, d, d.version, "registered", entrusted + timedelta(days=1))
        rops.record_centre_step(reviewer, d, d.version, "body_told", entrusted + timedelta(days=3))
        if i < 7:
            rops.conclude_dispute(reviewer, d, d.version,
                                  CentreOutcome.resolved if i % 4 else CentreOutcome.not_resolved,
                                  entrusted + timedelta(days=20))
    _the_story(users, today)


def _the_story(users: dict, today: date) -> None:
    """区住建局's issued notice challenged in court: a loss analysed and rectified, a typical case, and a new
    case whose hearing is tomorrow (its head reminded, by SMS too)."""
    reviewer, clerk = users["reviewer"], users["clerk"]
    issued = [Status.issued, Status.answered, Status.closed]
    matter = db.session.scalar(sa.select(Matter).where(Matter.status.in_(issued)).order_by(Matter.id))
    dept = _org("区住建局")
    if matter is not None and matter.risk is None:
        _assessed_at_review(matter, reviewer)
    lost = ops.file_lawsuit(reviewer, ops.LawsuitFields(
        dept.id, "示范区人民法院", f"（{today.year}）黔0111行初101号", "某某商贸有限公司", "临时占道经营许可",
        Area.licensing, today - timedelta(days=100), matter_id=matter.id if matter else None,
        filed_on=today - timedelta(days=99)))
    ops.record_defence(clerk, lost, lost.version, today - timedelta(days=90))
    ops.record_outcome(reviewer, lost, lost.version, Outcome.quash, today - timedelta(days=20),
                       today - timedelta(days=18), False, ["procedure"])
    report = losses.submit_loss_report(clerk, lost, "作出决定前未告知陈述申辩权利", "法规科审核把关不严",
                                       [losses.ItemInput("修订行政许可办理程序", today + timedelta(days=30)),
                                        losses.ItemInput("开展执法人员程序培训", today + timedelta(days=10))])
    losses.complete_item(clerk, report.items[1], report.items[1].version, today, "已培训执法人员40人次")
    losses.write_typical_case(reviewer, "未告知陈述申辩权利被撤销案", "作出不利决定前必须告知并听取陈述申辩", lawsuit=lost)
    users["depthead"].phone = "13800000000"  # the demo head's mobile, for the hearing reminder by SMS
    coming = ops.file_lawsuit(clerk, ops.LawsuitFields(
        dept.id, "示范区人民法院", f"（{today.year}）黔0111行初102号", "钱某某", "房屋征收补偿决定",
        Area.expropriation, today - timedelta(days=10)))
    ops.schedule_hearing(clerk, coming, today + timedelta(days=1), time(9, 30), "第一法庭")
    losses.mark_at_risk(reviewer, coming, coming.version, "补偿标准依据不足，拟协调化解并补强证据", today)
    remind_hearings(today)


def _assessed_at_review(matter: Matter, reviewer) -> None:
    """What the reviewer assessed before the opinion was issued (the demo's matters are issued before this
    loader runs, so the row is written as it stood then): low risk, the procedure factor under-rated."""
    scores = [FactorScore(f.code, 1, 1, "不适用") for f in FACTORS]
    result = assess(scores)
    db.session.add(RiskAssessment(
        district_id=matter.district_id, matter=matter, area=Area.licensing, level=result.level,
        reasons=reasons_json(result), mitigation="", assessed_by_id=reviewer.id,
        scores=[RiskFactorScore(code=s.code, position=i, likelihood=1, impact=1, note=s.note)
                for i, s in enumerate(result.scores)]))
    db.session.flush()
