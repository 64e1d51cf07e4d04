"""Reconsideration cases decided by the district government (Administrative Reconsideration Law, 2023
revision, in force 2024-01-01): deadlines, the one extension, outcomes, and the opinion letter's correction
report.

Art. 88: the Law's periods of 3, 5, 7 and 10 days are working days; other periods follow the Civil Procedure
Law (event day not counted, a rest-day end rolls over). `workflows.periods.days(n)` applies exactly that rule.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from workflows.calendar import WorkingCalendar
from workflows.due import Due
from workflows.message import Message, Refusal
from workflows.periods import Period, Unit, days, period_end, years
from workflows.text import N_
from workflows.time_limits import TimeLimit

RECONSIDERATION_LIMITS: dict[str, TimeLimit] = {
    # Art. 20: apply within 60 days of knowing the act; when not told of the right or the period, 60 days from
    # knowing them, but never more than one year from knowing the act.
    "application": TimeLimit(days(60, N_("行政复议法第二十条第一款")), N_("申请行政复议")),
    "application_not_told": TimeLimit(years(1, N_("行政复议法第二十条第三款")),
                                      N_("未告知复议权利时申请行政复议的最长期限")),
    # Art. 30: examine the application within 5 (working) days, accept it or refuse it.
    "acceptance": TimeLimit(days(5, N_("行政复议法第三十条、第八十八条")), N_("审查决定是否受理")),
    # Art. 48: send the copy to the respondent within 7 days of acceptance; it replies with its evidence
    # within 10 days of receiving the copy. Art. 54 (simplified procedure): 3 and 5 days (verify the article
    # number).
    "copy": TimeLimit(days(7, N_("行政复议法第四十八条")), N_("向被申请人发送申请书副本")),
    "reply": TimeLimit(days(10, N_("行政复议法第四十八条")), N_("被申请人书面答复并提交证据")),
    "copy_simplified": TimeLimit(days(3, N_("行政复议法第五十四条")), N_("简易程序发送申请书副本")),
    "reply_simplified": TimeLimit(days(5, N_("行政复议法第五十四条")), N_("简易程序被申请人答复")),
    # Art. 62: decide within 60 days of acceptance (30 in the simplified procedure); in complex cases one
    # extension of at most 30 days, approved by the head of the reconsideration body's office and notified.
    "decision": TimeLimit(days(60, N_("行政复议法第六十二条第一款")), N_("作出行政复议决定")),
    "decision_simplified": TimeLimit(days(30, N_("行政复议法第六十二条第二款")), N_("简易程序作出行政复议决定")),
    "extension_max": TimeLimit(Period(30, Unit.days, N_("行政复议法第六十二条第一款")), N_("审理期限延长上限")),
    # Art. 76: the body reports its correction within 60 days of receiving the opinion letter.
    "correction_report": TimeLimit(days(60, N_("行政复议法第七十六条")), N_("报送行政复议意见书纠正情况")),
}


class Procedure(str, Enum):
    ordinary = "ordinary"
    simplified = "simplified"  # Art. 53-55


PROCEDURE_LABELS = {Procedure.ordinary: N_("普通程序"), Procedure.simplified: N_("简易程序")}


class Outcome(str, Enum):
    change = "change"
    quash = "quash"
    confirm_illegal = "confirm_illegal"
    order_performance = "order_performance"
    confirm_void = "confirm_void"
    uphold = "uphold"
    dismiss = "dismiss"
    mediated = "mediated"
    settled = "settled"
    withdrawn = "withdrawn"
    terminated = "terminated"


@dataclass(frozen=True)
class OutcomeRule:
    label: str
    article: str
    corrected: bool  # counts in the correction rate (纠错率)
    resolved: bool   # settled or mediated: counts in the resolution rate (化解率)


# DESIGN.md §3: the correction rate counts change, quash, confirm illegal, order performance and confirm void;
# the resolution rate counts settlement and mediation. A settlement ends with the applicant withdrawing
# (Art. 74), so `settled` is that withdrawal; `withdrawn` is a withdrawal without a recorded settlement.
OUTCOMES: dict[Outcome, OutcomeRule] = {
    Outcome.change: OutcomeRule(N_("决定变更"), N_("行政复议法第六十三条"), True, False),
    Outcome.quash: OutcomeRule(N_("决定撤销或者部分撤销"), N_("行政复议法第六十四条"), True, False),
    Outcome.confirm_illegal: OutcomeRule(N_("决定确认违法"), N_("行政复议法第六十五条"), True, False),
    Outcome.order_performance: OutcomeRule(N_("决定限期履行法定职责"), N_("行政复议法第六十六条"), True, False),
    Outcome.confirm_void: OutcomeRule(N_("决定确认无效"), N_("行政复议法第六十七条"), True, False),
    Outcome.uphold: OutcomeRule(N_("决定维持"), N_("行政复议法第六十八条"), False, False),
    Outcome.dismiss: OutcomeRule(N_("决定驳回行政复议请求"), N_("行政复议法第六十九条"), False, False),
    Outcome.mediated: OutcomeRule(N_("调解结案"), N_("行政复议法第七十三条"), False, True),
    Outcome.settled: OutcomeRule(N_("和解后撤回申请"), N_("行政复议法第七十四条"), False, True),
    # Art. 41 (verify the number): termination, on withdrawal or for other reasons.
    Outcome.withdrawn: OutcomeRule(N_("撤回申请终止"), N_("行政复议法第四十一条"), False, False),
    Outcome.terminated: OutcomeRule(N_("其他情形终止"), N_("行政复议法第四十一条"), False, False),
}


@dataclass(frozen=True)
class Extension:
    days: int
    approved_on: date
    reason: str


@dataclass(frozen=True)
class OpinionLetter:
    """A reconsideration opinion letter (行政复议意见书, Art. 76) to a body found at fault."""
    number: str
    sent_on: date
    received_on: date | None = None   # the period runs from receipt; until it is known, from sending
    report_received: date | None = None


@dataclass(frozen=True)
class ReconsiderationCase:
    case_no: str
    respondent: str           # the body whose act is challenged: the unit its figures belong to
    received: date            # the application (or its last supplement, Art. 31) reached the government
    procedure: Procedure = Procedure.ordinary
    accepted: date | None = None
    refused: date | None = None       # not accepted (不予受理, Art. 30)
    copy_sent: date | None = None
    copy_received: date | None = None  # by the respondent: its reply period runs from here
    reply_received: date | None = None
    extension: Extension | None = None
    outcome: Outcome | None = None
    concluded_on: date | None = None
    performance_due: date | None = None  # set by a decision ordering performance (Art. 66)
    performed_on: date | None = None
    opinion_letters: tuple[OpinionLetter, ...] = ()

    def __post_init__(self):
        if (self.outcome is None) != (self.concluded_on is None):
            raise ValueError("复议结果与结案日期须同时填写")
        if self.outcome is not None and self.accepted is None:
            raise ValueError("未受理的申请没有复议结果")

    @property
    def concluded(self) -> bool:
        """审结: accepted and ended by a decision, mediation, settlement, withdrawal or termination. An
        application refused at intake is not a concluded case."""
        return self.outcome is not None

    @property
    def corrected(self) -> bool:
        return self.outcome is not None and OUTCOMES[self.outcome].corrected

    @property
    def resolved(self) -> bool:
        return self.outcome is not None and OUTCOMES[self.outcome].resolved


def application_deadline(knew_act: date, cal: WorkingCalendar, told_of_right: bool = True,
                         knew_right: date | None = None,
                         limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> date:
    """Art. 20: the last day to apply. Not told of the right: 60 days from learning of it (`knew_right`, None
    while the party still does not know), but at most one year from knowing the act."""
    if told_of_right:
        return period_end(cal, knew_act, limits["application"].period)
    outer = period_end(cal, knew_act, limits["application_not_told"].period)
    if knew_right is None:
        return outer
    return min(period_end(cal, knew_right, limits["application"].period), outer)


def acceptance_due(case: ReconsiderationCase, cal: WorkingCalendar,
                   limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> date:
    """Art. 30: the last day to accept or refuse. An application not refused by then is deemed accepted on it
    (Art. 30 third paragraph), so this is also the acceptance date when none is recorded."""
    return period_end(cal, case.received, limits["acceptance"].period)


def accepted_on(case: ReconsiderationCase, cal: WorkingCalendar,
                limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> date | None:
    """The recorded acceptance, or the deemed one; None for a refused application."""
    if case.refused is not None:
        return None
    return case.accepted or acceptance_due(case, cal, limits)


def decision_due(case: ReconsiderationCase, cal: WorkingCalendar,
                 limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> date | None:
    """Art. 62: 60 days from acceptance (30 in the simplified procedure), plus the extension counted from the
    end of the original period (the rolled-over end, which is that period's legal end; verify). The extension
    counts calendar days whatever its length: Art. 88's working days apply to the Law's own 3/5/7/10-day
    periods, not to an extension the body chooses."""
    start = accepted_on(case, cal, limits)
    if start is None:
        return None
    key = "decision_simplified" if case.procedure is Procedure.simplified else "decision"
    end = period_end(cal, start, limits[key].period)
    if case.extension is not None:
        extension = Period(case.extension.days, Unit.days, limits["extension_max"].period.article)
        end = period_end(cal, end, extension)
    return end


def extension_refusal(case: ReconsiderationCase, extension: Extension, cal: WorkingCalendar,
                      limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> Refusal | None:
    """Art. 62: one extension, of at most 30 days, in a complex case under the ordinary procedure, approved
    with a reason before the decision period has run. None when the extension may be recorded."""
    basis = limits["extension_max"].period.article
    most = limits["extension_max"].period.n
    if case.outcome is not None:
        return Refusal(Message(N_("案件已审结，不能延长审理期限")), basis)
    if case.procedure is Procedure.simplified:
        # Art. 55 (verify): a case unfit for the simplified procedure moves to the ordinary one, which may be
        # extended.
        return Refusal(Message(N_("简易程序案件不能延长审理期限；确需延长的，应先转为普通程序审理")),
                       N_("行政复议法第五十五条、第六十二条"))
    if case.extension is not None:
        earlier = case.extension
        return Refusal(Message(N_("审理期限只能延长一次，本案已于%(day)s延长%(days)s日"),
                               {"day": earlier.approved_on.isoformat(), "days": earlier.days}), basis)
    if not 0 < extension.days <= most:
        return Refusal(Message(N_("延长期限最多不得超过%(most)s日"), {"most": most}), basis)
    if not extension.reason.strip():
        return Refusal(Message(N_("延长审理期限须写明案情复杂的理由")), basis)
    due = decision_due(case, cal, limits)
    if due is not None and extension.approved_on > due:
        return Refusal(Message(N_("审理期限已于%(due)s届满，不能再批准延长"), {"due": due.isoformat()}), basis)
    return None


def correction_report_due(letter: OpinionLetter, cal: WorkingCalendar,
                          limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> date:
    """Art. 76: 60 days from the body's receipt of the opinion letter; from the day it was sent while receipt
    is not recorded (never later than the true date)."""
    return period_end(cal, letter.received_on or letter.sent_on, limits["correction_report"].period)


def deadlines(case: ReconsiderationCase, cal: WorkingCalendar,
              limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> tuple[Due, ...]:
    """Every deadline the facts so far start, with what was done and when. Before an acceptance is recorded
    the later deadlines run from the deemed acceptance (Art. 30), the latest the case can start."""
    def due(key: str, last_day: date, done: date | None) -> Due:
        return Due(key, limits[key].label, last_day, done, limits[key].period.article)

    items = [due("acceptance", acceptance_due(case, cal, limits), case.accepted or case.refused)]
    start = accepted_on(case, cal, limits)
    if start is None:
        return tuple(items)
    simplified = case.procedure is Procedure.simplified
    copy_key, reply_key = ("copy_simplified", "reply_simplified") if simplified else ("copy", "reply")
    items.append(due(copy_key, period_end(cal, start, limits[copy_key].period), case.copy_sent))
    if case.copy_received is not None:
        items.append(due(reply_key, period_end(cal, case.copy_received, limits[reply_key].period),
                         case.reply_received))
    decision_key = "decision_simplified" if simplified else "decision"
    items.append(due(decision_key, decision_due(case, cal, limits), case.concluded_on))
    if case.performance_due is not None:
        items.append(Due("performance", N_("履行行政复议决定"), case.performance_due, case.performed_on,
                         N_("行政复议法第六十六条、第七十七条")))
    for letter in case.opinion_letters:
        items.append(due("correction_report", correction_report_due(letter, cal, limits),
                         letter.report_received))
    return tuple(items)


def overdue(case: ReconsiderationCase, today: date, cal: WorkingCalendar,
            limits: Mapping[str, TimeLimit] = RECONSIDERATION_LIMITS) -> tuple[Due, ...]:
    return tuple(d for d in deadlines(case, cal, limits) if d.is_late(today))
