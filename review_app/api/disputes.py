"""API: the litigation-risk assessment, lawsuits (hearings, outcomes, loss reports), reconsideration cases,
the dispute centre's cases and the figures, under the same policies as the pages (review_app.disputes.policy,
review_app.risk.policy): a body sees its own cases, the bureau its whole district, other districts nothing."""
from datetime import date, time as TimeOfDay
from typing import Literal

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext
from flask_login import current_user
from pydantic import Field

from workflows.figures import PeriodKey, unit_figures, units
from workflows.litigation import Appearance, Area, Instance, Outcome, deadlines, late_items
from workflows.reconsideration import Outcome as ReconsiderationOutcome, Procedure
from workflows.risk.factors import FACTORS, Level
from workflows.text import N_

from .. import labels, limits, rules
from ..demolition.ledger import say
from ..disputes import losses, operations as ops, policy
from ..disputes.facts import lawsuit_facts
from ..disputes.figures import records
from ..extensions import db
from ..matters import policy as matter_policy
from ..models import Hearing, Lawsuit, Matter, ReconsiderationCase, User
from ..risk import operations as risk_ops
from ..risk import policy as risk_policy
from . import api_route
from .schemas import INT32, Id, Query, Request, Resource, Version, bounded

FactorCode = Literal[tuple(f.code for f in FACTORS)]
# Text with the web form's limits; the title names the field in a refusal.
Note = bounded(limits.REASON, title=N_("说明"))
Mitigation = bounded(limits.REASON, title=N_("风险防范化解措施"))
Court = bounded(limits.COURT, 1, title=N_("受理法院"))
CaseNo = bounded(limits.CASE_NO, 1, title=N_("案号"))
Plaintiff = bounded(limits.PARTY, 1, title=N_("原告"))
Act = bounded(limits.ACT, 1, title=N_("被诉行政行为"))
CoDefendants = bounded(limits.CO_DEFENDANTS, title=N_("共同被告"))
CourtRoom = bounded(limits.COURT_ROOM, title=N_("法庭"))
Names = bounded(limits.PARTY, title=N_("出庭人员"))
Reason = bounded(limits.REASON, title=N_("负责人不能出庭的理由"))
ItemText = bounded(limits.REASON, 1, title=N_("整改措施"))
Causes = bounded(limits.REASON, 1, title=N_("败诉原因"))
Responsibility = bounded(limits.REASON, 1, title=N_("责任分析"))


def _user() -> User:
    return current_user._get_current_object()


def _row(model, row_id: int):
    return db.session.get(model, row_id) if 1 <= row_id <= INT32 else None


def _lawsuit(case_id: int) -> Lawsuit:
    case = _row(Lawsuit, case_id)
    if case is None or not policy.can_view(_user(), case):
        abort(404)
    return case


# --- the risk assessment ------------------------------------------------------------------------------------

class FactorScoreIn(Request):
    code: FactorCode
    likelihood: int = Field(ge=1, le=5)
    impact: int = Field(ge=1, le=5)
    note: Note = ""


class AssessmentIn(Request):
    version: Version | None = None
    area: Area
    scores: list[FactorScoreIn] = Field(max_length=len(FACTORS))
    mitigation: Mitigation = ""


class AssessmentOut(Resource):
    matter_id: int
    version: int
    area: Area
    level: Level
    level_label: str
    reasons: list[str]
    mitigation: str
    mitigation_signed: bool
    gate: str | None = Field(description="出具合法、修改后合法结论前尚缺的条件；null 表示不受限制")

    @classmethod
    def of(cls, matter: Matter) -> "AssessmentOut":
        a = matter.risk
        gate = risk_ops.gate_refusal(matter)
        return cls(matter_id=matter.id, version=a.version, area=a.area, level=a.level,
                   level_label=labels.RISK_LEVEL[a.level],
                   reasons=[say(m) for _s, m in risk_ops.reasons_of(a)],
                   mitigation=a.mitigation, mitigation_signed=a.mitigation_signed,
                   gate=say(gate.message) if gate else None)


def _assessed(matter_id: int) -> Matter:
    matter = _row(Matter, matter_id)
    if matter is None or not matter_policy.can_view(_user(), matter):
        abort(404)
    return matter


@api_route("/matters/<int:matter_id>/risk", "GET", "诉讼风险评估（等级、理由、防范化解措施）", AssessmentOut)
def get_risk_assessment(matter_id: int):
    matter = _assessed(matter_id)
    if matter.risk is None or not risk_policy.can_view(_user(), matter.risk):
        abort(404)
    return AssessmentOut.of(matter)


@api_route("/matters/<int:matter_id>/risk", "PUT", "进行或修改诉讼风险评估（司法局）", AssessmentOut, body=AssessmentIn)
def put_risk_assessment(matter_id: int, body: AssessmentIn):
    matter = _assessed(matter_id)
    risk_ops.assess_matter(_user(), matter, body.version, body.area,
                           [risk_ops.ScoreInput(s.code, s.likelihood, s.impact, s.note) for s in body.scores],
                           body.mitigation)
    return AssessmentOut.of(matter)


# --- lawsuits -----------------------------------------------------------------------------------------------

class HearingOut(Resource):
    id: int
    version: int
    day: date
    time: TimeOfDay | None
    court_room: str
    appearance: Appearance | None
    appeared_names: str
    written_reason: str


class DeadlineOut(Resource):
    kind: str
    label: str
    due: date
    done: date | None
    late: bool


class LawsuitOut(Resource):
    id: int
    version: int
    case_no: str
    court: str
    instance: Instance
    plaintiff: str
    defendant: str
    co_defendants: str
    act: str
    area: Area
    matter_id: int | None
    demolition_case_id: int | None
    complaint_received: date
    filed_with_bureau: date | None
    defence_submitted: date | None
    outcome: Outcome | None
    outcome_on: date | None
    lost: bool
    at_risk: bool
    hearings: list[HearingOut]
    deadlines: list[DeadlineOut]
    late: list[str] = Field(description="列入专项通报的事项")

    @classmethod
    def of(cls, c: Lawsuit) -> "LawsuitOut":
        today, cal, limits_ = rules.today(), rules.calendar(), ops.litigation_limits(c.district_id)
        facts = lawsuit_facts(c)
        return cls(
            id=c.id, version=c.version, case_no=c.case_no, court=c.court, instance=c.instance,
            plaintiff=c.plaintiff, defendant=c.defendant.name, co_defendants=c.co_defendants, act=c.act,
            area=c.area, matter_id=c.matter_id, demolition_case_id=c.demolition_case_id,
            complaint_received=c.complaint_received, filed_with_bureau=c.filed_with_bureau,
            defence_submitted=c.defence_submitted, outcome=c.outcome, outcome_on=c.outcome_on,
            lost=facts.lost,
            at_risk=c.at_risk, hearings=[HearingOut.model_validate(h) for h in c.hearings],
            deadlines=[DeadlineOut(kind=d.kind, label=gettext(d.label), due=d.due, done=d.done,
                                   late=d.is_late(today)) for d in deadlines(facts, cal, limits_)],
            late=[say(i.message) for i in late_items(facts, today, cal, limits_)])


class LawsuitQuery(Query):
    state: Literal["open", "concluded"] | None = None


class NewLawsuit(Request):
    defendant_id: Id
    court: Court
    case_no: CaseNo
    plaintiff: Plaintiff
    act: Act
    area: Area
    complaint_received: date
    instance: Instance = Instance.first
    co_defendants: CoDefendants = ""
    matter_id: Id | None = None
    demolition_case_id: Id | None = None


class NewHearing(Request):
    day: date
    time: TimeOfDay | None = None
    court_room: CourtRoom = ""


class AppearanceIn(Request):
    version: Version
    appearance: Appearance
    names: Names = ""
    reason: Reason = ""


class OutcomeIn(Request):
    version: Version
    outcome: Outcome
    outcome_on: date
    served: date | None = None
    resolved_in_suit: bool = False
    loss_grounds: list[FactorCode] = []


class ItemIn(Request):
    text: ItemText
    due_on: date


class LossReportIn(Request):
    causes: Causes
    responsibility: Responsibility
    items: list[ItemIn] = Field(min_length=1, max_length=losses.MAX_ITEMS)


@api_route("/lawsuits", "GET", "行政应诉案件（被诉单位本单位的，司法局全区的）", list[LawsuitOut], query=LawsuitQuery)
def list_lawsuits(query: LawsuitQuery):
    rows = db.session.scalars(sa.select(Lawsuit).where(policy.visible(_user())).order_by(Lawsuit.id)).all()
    rows = [c for c in rows if query.state is None or (c.outcome is None) == (query.state == "open")]
    return [LawsuitOut.of(c) for c in rows]


@api_route("/lawsuits", "POST", "备案行政应诉案件", LawsuitOut, body=NewLawsuit, status=201)
def create_lawsuit(body: NewLawsuit):
    case = ops.file_lawsuit(_user(), ops.LawsuitFields(
        body.defendant_id, body.court, body.case_no, body.plaintiff, body.act, body.area,
        body.complaint_received, body.instance, body.co_defendants, body.matter_id, body.demolition_case_id))
    return LawsuitOut.of(case)


@api_route("/lawsuits/<int:case_id>", "GET", "行政应诉案件（期限、开庭、专项通报事项）", LawsuitOut)
def get_lawsuit(case_id: int):
    return LawsuitOut.of(_lawsuit(case_id))


@api_route("/lawsuits/<int:case_id>/hearings", "POST", "登记开庭（开庭前一日提醒负责人）", LawsuitOut, body=NewHearing,
           status=201)
def schedule_lawsuit_hearing(case_id: int, body: NewHearing):
    case = _lawsuit(case_id)
    ops.schedule_hearing(_user(), case, body.day, body.time, body.court_room)
    return LawsuitOut.of(case)


@api_route("/lawsuits/<int:case_id>/hearings/<int:hearing_id>/appearance", "POST", "登记出庭应诉情况",
           LawsuitOut, body=AppearanceIn)
def record_lawsuit_appearance(case_id: int, hearing_id: int, body: AppearanceIn):
    case = _lawsuit(case_id)
    hearing = _row(Hearing, hearing_id)
    if hearing is None or hearing.lawsuit_id != case.id:
        abort(404)
    ops.record_appearance(_user(), hearing, body.version, body.appearance, body.names, body.reason)
    return LawsuitOut.of(case)


@api_route("/lawsuits/<int:case_id>/outcome", "POST", "登记裁判结果", LawsuitOut, body=OutcomeIn)
def record_lawsuit_outcome(case_id: int, body: OutcomeIn):
    case = _lawsuit(case_id)
    ops.record_outcome(_user(), case, body.version, body.outcome, body.outcome_on, body.served,
                       body.resolved_in_suit, list(body.loss_grounds))
    return LawsuitOut.of(case)


@api_route("/lawsuits/<int:case_id>/loss-report", "POST", "报送败诉分析及整改方案（凡败必报）", LawsuitOut,
           body=LossReportIn, status=201)
def submit_lawsuit_loss_report(case_id: int, body: LossReportIn):
    case = _lawsuit(case_id)
    losses.submit_loss_report(_user(), case, body.causes, body.responsibility,
                              [losses.ItemInput(i.text, i.due_on) for i in body.items])
    return LawsuitOut.of(case)


# --- reconsideration and figures ----------------------------------------------------------------------------

class ReconsiderationOut(Resource):
    id: int
    case_no: str
    applicant: str
    respondent: str
    act: str
    area: Area
    procedure: Procedure
    received: date
    accepted: date | None
    outcome: ReconsiderationOutcome | None
    concluded_on: date | None

    @classmethod
    def of(cls, c: ReconsiderationCase) -> "ReconsiderationOut":
        return cls(id=c.id, case_no=c.case_no, applicant=c.applicant, respondent=c.respondent.name, act=c.act,
                   area=c.area, procedure=c.procedure, received=c.received, accepted=c.accepted,
                   outcome=c.outcome, concluded_on=c.concluded_on)


@api_route("/reconsiderations", "GET", "行政复议案件（被申请人本单位的，司法局全区的）", list[ReconsiderationOut])
def list_reconsiderations():
    rows = db.session.scalars(sa.select(ReconsiderationCase).where(policy.reconsiderations_visible(_user()))
                              .order_by(ReconsiderationCase.id)).all()
    return [ReconsiderationOut.of(c) for c in rows]


class RateOut(Resource):
    numerator: int
    denominator: int
    text: str = Field(description="如 30%；无分母时为 —")


class UnitFiguresOut(Resource):
    unit: str | None = Field(description="单位；null 为合计")
    lawsuits_received: int
    loss_rate: RateOut
    head_appearance_rate: RateOut
    in_suit_resolution_rate: RateOut
    correction_rate: RateOut
    resolution_rate: RateOut
    centre_resolution_rate: RateOut
    pre_suit_resolutions: int


class FiguresQuery(Query):
    year: int = Field(ge=2000, le=2100)
    quarter: int | None = Field(default=None, ge=1, le=4)


def _rate(r) -> RateOut:
    return RateOut(numerator=r.numerator, denominator=r.denominator, text=r.text)


@api_route("/dispute-figures", "GET", "两降一保数据（按单位、年度或季度）", list[UnitFiguresOut], query=FiguresQuery)
def get_dispute_figures(query: FiguresQuery):
    r = records(_user())
    period = PeriodKey(query.year, query.quarter)
    out = []
    for u in [*units(r.lawsuits, r.reconsiderations, r.disputes), None]:
        f = unit_figures(period, u, r.lawsuits, r.reconsiderations, r.disputes)
        rates = {name: _rate(getattr(f, name)) for name in (
            "loss_rate", "head_appearance_rate", "in_suit_resolution_rate", "correction_rate",
            "resolution_rate", "centre_resolution_rate")}
        out.append(UnitFiguresOut(unit=f.unit, lawsuits_received=f.lawsuits_received,
                                  pre_suit_resolutions=f.pre_suit_resolutions, **rates))
    return out
