"""Lawsuits against district bodies (行政应诉): deadlines, the head's appearance, outcomes and the late lists.

Administrative Litigation Law periods are calendar days: the law has no working-day rule of its own, and its
Art. 101 applies the Civil Procedure Law on periods (event day not counted, a rest-day end rolls over). So
every statutory period here is `Period(n, Unit.days)`, including the 10-day appeal against a ruling; only the
district's own filing rule counts working days.

One `Lawsuit` is one case number at one instance, as the court counts cases (审结 per case number): a first
instance lost and reversed on appeal is one loss and one win (verify against the district's own statistics).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.due import Due
from workflows.message import Message
from workflows.periods import Period, Unit, period_end
from workflows.text import N_
from workflows.time_limits import TimeLimit

LITIGATION_LIMITS: dict[str, TimeLimit] = {
    # Art. 67: the defendant files its evidence, the normative documents relied on and its defence within 15
    # days of receiving the complaint copy.
    "defence": TimeLimit(Period(15, Unit.days, N_("行政诉讼法第六十七条")), N_("提交答辩状及证据")),
    # Art. 85: appeal within 15 days of service of a first-instance judgment, 10 days of a ruling.
    "appeal_judgment": TimeLimit(Period(15, Unit.days, N_("行政诉讼法第八十五条")), N_("不服判决上诉")),
    "appeal_ruling": TimeLimit(Period(10, Unit.days, N_("行政诉讼法第八十五条")), N_("不服裁定上诉")),
    # Local rule (全过程备案): the body files the case with the justice bureau within 3 working days of receiving
    # the complaint copy (verify the district's number).
    "filing": TimeLimit(Period(3, Unit.working_days, N_("本区行政应诉案件全过程备案规定")),
                        N_("向司法局备案"), statutory=False),
    # Local rule (凡败必报): the loss analysis and rectification plan within 15 days of service of the losing
    # judgment (verify the district's number).
    "loss_report": TimeLimit(Period(15, Unit.days, N_("本区行政诉讼败诉案件报告制度")),
                             N_("报送败诉分析及整改方案"), statutory=False),
}


class Instance(str, Enum):
    first = "first"
    second = "second"
    retrial = "retrial"


INSTANCE_LABELS = {Instance.first: N_("一审"), Instance.second: N_("二审"), Instance.retrial: N_("再审")}


class Area(str, Enum):
    """The field of the act challenged, as the district's ledgers group it."""
    expropriation = "expropriation"
    demolition = "demolition"
    enforcement = "enforcement"
    licensing = "licensing"
    penalty = "penalty"
    information_disclosure = "information_disclosure"
    agreement = "agreement"
    inaction = "inaction"
    other = "other"


AREA_LABELS = {
    Area.expropriation: N_("征收补偿"),
    Area.demolition: N_("房屋拆除"),
    Area.enforcement: N_("行政强制"),
    Area.licensing: N_("行政许可"),
    Area.penalty: N_("行政处罚"),
    Area.information_disclosure: N_("政府信息公开"),
    Area.agreement: N_("行政协议"),
    Area.inaction: N_("不履行法定职责"),
    Area.other: N_("其他"),
}


class Form(str, Enum):
    judgment = "judgment"    # 判决
    ruling = "ruling"        # 裁定
    mediation = "mediation"  # 调解书 (Art. 60)


class Outcome(str, Enum):
    dismiss_claims = "dismiss_claims"
    quash = "quash"
    order_performance = "order_performance"
    order_payment = "order_payment"
    confirm_illegal = "confirm_illegal"
    confirm_void = "confirm_void"
    change = "change"
    agreement_remedy = "agreement_remedy"
    mediated = "mediated"
    not_accepted = "not_accepted"
    dismiss_suit = "dismiss_suit"
    withdrawal_allowed = "withdrawal_allowed"
    terminated = "terminated"


@dataclass(frozen=True)
class OutcomeRule:
    label: str
    article: str
    form: Form
    loss: bool         # counts as a lost case (败诉) in the loss rate
    appealable: bool   # a first-instance judgment, or a ruling the parties may appeal


# Judgments: Art. 69-78. Rulings: the Supreme People's Court interpretation of the Litigation Law (法释〔2018〕1号)
# Art. 101: rulings not to accept a case, dismissing a suit and on jurisdiction may be appealed; a ruling
# allowing withdrawal (Art. 62) or ending the suit may not; a mediation paper (Art. 60) takes effect when
# signed. Loss (败诉): every judgment against the body, including a partial quash and a confirmation of
# illegality without quashing. A withdrawal, even after the body changed its act (Art. 62), and a mediation
# are not losses; they count as resolved during the suit when the case record says the dispute was resolved.
OUTCOMES: dict[Outcome, OutcomeRule] = {
    Outcome.dismiss_claims: OutcomeRule(N_("判决驳回诉讼请求"), N_("行政诉讼法第六十九条"), Form.judgment, False, True),
    Outcome.quash: OutcomeRule(N_("判决撤销或者部分撤销"), N_("行政诉讼法第七十条"), Form.judgment, True, True),
    Outcome.order_performance: OutcomeRule(N_("判决履行法定职责"), N_("行政诉讼法第七十二条"), Form.judgment, True, True),
    Outcome.order_payment: OutcomeRule(N_("判决履行给付义务"), N_("行政诉讼法第七十三条"), Form.judgment, True, True),
    Outcome.confirm_illegal: OutcomeRule(N_("判决确认违法"), N_("行政诉讼法第七十四条"), Form.judgment, True, True),
    Outcome.confirm_void: OutcomeRule(N_("判决确认无效"), N_("行政诉讼法第七十五条"), Form.judgment, True, True),
    Outcome.change: OutcomeRule(N_("判决变更"), N_("行政诉讼法第七十七条"), Form.judgment, True, True),
    Outcome.agreement_remedy: OutcomeRule(N_("判决继续履行协议、采取补救措施或者赔偿损失"), N_("行政诉讼法第七十八条"),
                                          Form.judgment, True, True),
    Outcome.mediated: OutcomeRule(N_("调解结案"), N_("行政诉讼法第六十条"), Form.mediation, False, False),
    Outcome.not_accepted: OutcomeRule(N_("裁定不予立案"), N_("行政诉讼法第五十一条"), Form.ruling, False, True),
    Outcome.dismiss_suit: OutcomeRule(N_("裁定驳回起诉"), N_("法释〔2018〕1号第六十九条"), Form.ruling, False, True),
    Outcome.withdrawal_allowed: OutcomeRule(N_("裁定准许撤诉"), N_("行政诉讼法第六十二条"), Form.ruling, False, False),
    Outcome.terminated: OutcomeRule(N_("裁定终结诉讼"), N_("法释〔2018〕1号第八十八条"), Form.ruling, False, False),
}


RESOLVING_OUTCOMES = frozenset({Outcome.withdrawal_allowed, Outcome.mediated})


class Appearance(str, Enum):
    """Who stood for the body at one hearing."""
    principal_head = "principal_head"
    deputy_head = "deputy_head"
    staff = "staff"
    lawyer_only = "lawyer_only"
    nobody = "nobody"


APPEARANCE_LABELS = {
    Appearance.principal_head: N_("正职负责人出庭"),
    Appearance.deputy_head: N_("副职或分管负责人出庭"),
    Appearance.staff: N_("委托工作人员出庭"),
    Appearance.lawyer_only: N_("仅委托律师出庭"),
    Appearance.nobody: N_("无人出庭"),
}
# The Supreme People's Court provisions on heads appearing in court (法释〔2020〕3号) Art. 2: the head (负责人) of
# Art. 3 includes the principal head, deputy heads, the deputy-level leader in charge of the act and other
# leaders in charge; the head of an entrusted organisation or a lower body is not the head.
HEAD_APPEARANCES = frozenset({Appearance.principal_head, Appearance.deputy_head})
HEAD_ARTICLE = N_("行政诉讼法第三条第三款；法释〔2020〕3号第二条、第八条、第九条")


@dataclass(frozen=True)
class Hearing:
    day: date
    appearance: Appearance
    written_reason: str = ""  # why the head could not appear (Art. 3; 法释〔2020〕3号 Art. 8-9)
    court_room: str = ""

    @property
    def head_appeared(self) -> bool:
        return self.appearance in HEAD_APPEARANCES

    @property
    def missed_appearance(self) -> bool:
        """Art. 3: a head who cannot appear sends a staff member of the body, with a written reason; a lawyer
        alone or nobody from the body is a missed appearance whatever the reason."""
        if self.head_appeared:
            return False
        return self.appearance is not Appearance.staff or not self.written_reason.strip()


@dataclass(frozen=True)
class Lawsuit:
    """One case number, as the adapter reads it from the filing records."""
    case_no: str
    defendant: str           # the body sued: the unit its figures belong to
    area: Area
    complaint_received: date  # the body received the complaint copy (起诉状副本); on appeal, the appeal copy
                              # (the same 15 days, Civil Procedure Law via Art. 101; verify)
    instance: Instance = Instance.first
    filed_with_bureau: date | None = None
    defence_submitted: date | None = None
    hearings: tuple[Hearing, ...] = ()
    outcome: Outcome | None = None
    outcome_on: date | None = None      # date of the judgment or ruling: the case is concluded (审结) then
    outcome_served: date | None = None  # served on the body: appeal and loss-report periods run from it
    resolved_in_suit: bool = False      # resolved during the suit (诉中化解): withdrawn or mediated
    appealed_on: date | None = None     # the body lodged an appeal (a right, never "late")
    loss_report_submitted: date | None = None

    def __post_init__(self):
        if (self.outcome is None) != (self.outcome_on is None):
            raise ValueError("裁判结果与裁判日期须同时填写")
        if self.resolved_in_suit and self.outcome not in RESOLVING_OUTCOMES:
            raise ValueError("诉中化解的案件须以准许撤诉或调解结案")

    @property
    def concluded(self) -> bool:
        return self.outcome is not None

    @property
    def lost(self) -> bool:
        return self.outcome is not None and OUTCOMES[self.outcome].loss

    @property
    def had_hearing(self) -> bool:
        return bool(self.hearings)

    @property
    def head_appeared(self) -> bool:
        """The head (or a deputy, 法释〔2020〕3号 Art. 2) appeared at one hearing at least (verify: the district
        may require every hearing; missed hearings are listed by `late_items` either way)."""
        return any(h.head_appeared for h in self.hearings)


def deadlines(case: Lawsuit, cal: WorkingCalendar,
              limits: Mapping[str, TimeLimit] = LITIGATION_LIMITS) -> tuple[Due, ...]:
    """Every deadline the facts so far start: filing and defence from receipt; the appeal and, for a loss, the
    loss report from service of the judgment or ruling."""
    def due(key: str, start: date, done: date | None) -> Due:
        limit = limits[key]
        return Due(key, limit.label, period_end(cal, start, limit.period), done, limit.period.article)

    items = [due("filing", case.complaint_received, case.filed_with_bureau),
             due("defence", case.complaint_received, case.defence_submitted)]
    if case.outcome is not None and case.outcome_served is not None:
        key = _appeal_key(case.outcome, case.instance)
        if key is not None:
            items.append(replace(due(key, case.outcome_served, case.appealed_on), duty=False))
        if case.lost:
            items.append(due("loss_report", case.outcome_served, case.loss_report_submitted))
    return tuple(items)


def _appeal_key(outcome: Outcome, instance: Instance) -> str | None:
    rule = OUTCOMES[outcome]
    if instance is not Instance.first or not rule.appealable:
        return None
    return "appeal_judgment" if rule.form is Form.judgment else "appeal_ruling"


def appeal_deadline(outcome: Outcome, instance: Instance, served: date, cal: WorkingCalendar,
                    limits: Mapping[str, TimeLimit] = LITIGATION_LIMITS) -> date | None:
    """Art. 85: the last day to appeal a first-instance judgment or an appealable ruling; None when there is
    no appeal (a second-instance or retrial decision, or a ruling that cannot be appealed)."""
    key = _appeal_key(outcome, instance)
    return None if key is None else period_end(cal, served, limits[key].period)


def reminder_day(hearing_day: date, scheduled_on: date) -> date | None:
    """When to remind the head of a hearing: the day before it (local rule), or at once when the hearing is
    entered on its eve or its day; None for a hearing entered after it took place."""
    if scheduled_on > hearing_day:
        return None
    return max(hearing_day - timedelta(days=1), scheduled_on)


class LateKind(str, Enum):
    late_filing = "late_filing"
    late_defence = "late_defence"
    missed_appearance = "missed_appearance"
    late_loss_report = "late_loss_report"


LATE_LABELS = {
    LateKind.late_filing: N_("备案不及时"),
    LateKind.late_defence: N_("逾期答辩举证"),
    LateKind.missed_appearance: N_("负责人未依法出庭应诉"),
    LateKind.late_loss_report: N_("败诉案件未按时报告"),
}
_MISSED_TEMPLATES = {
    Appearance.staff: N_("%(day)s开庭，负责人未出庭，委托工作人员出庭但未书面说明负责人不能出庭的理由"),
    Appearance.lawyer_only: N_("%(day)s开庭，负责人和工作人员均未出庭，仅委托律师出庭"),
    Appearance.nobody: N_("%(day)s开庭，被告无人出庭"),
}
_LATE_KIND_OF = {"filing": LateKind.late_filing, "defence": LateKind.late_defence,
                 "loss_report": LateKind.late_loss_report}


@dataclass(frozen=True)
class LateItem:
    kind: LateKind
    case_no: str
    unit: str
    day: date          # the last day that was missed, or the hearing day of a missed appearance
    done: date | None  # when it was done after all; None while still outstanding or for an appearance
    message: Message
    basis: str


def late_items(case: Lawsuit, today: date, cal: WorkingCalendar,
               limits: Mapping[str, TimeLimit] = LITIGATION_LIMITS) -> tuple[LateItem, ...]:
    """What the quarterly bulletin's special notice lists for this case as of `today`: a late filing, a late
    defence, a late loss report, and each hearing held without the head and without a written reason."""
    items = []
    for d in deadlines(case, cal, limits):
        if d.kind in _LATE_KIND_OF and d.is_late(today):
            params = {"due": d.due.isoformat(), "days": d.days_late(today)}
            if d.done:
                message = Message(N_("期限%(due)s，实际%(done)s完成，逾期%(days)s日"),
                                  {**params, "done": d.done.isoformat()})
            else:
                message = Message(N_("期限%(due)s，至今未完成，已逾期%(days)s日"), params)
            items.append(LateItem(_LATE_KIND_OF[d.kind], case.case_no, case.defendant, d.due, d.done, message,
                                  d.basis))
    for h in case.hearings:
        if h.day <= today and h.missed_appearance:
            message = Message(_MISSED_TEMPLATES[h.appearance], {"day": h.day.isoformat()})
            items.append(LateItem(LateKind.missed_appearance, case.case_no, case.defendant, h.day, None,
                                  message, HEAD_ARTICLE))
    return tuple(items)
