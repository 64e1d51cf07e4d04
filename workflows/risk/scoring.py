"""The level of a litigation-risk assessment and its reasons (the rule is in `workflows.risk.factors`)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workflows.message import Message
from workflows.risk.factors import FACTOR_BY_CODE, FACTORS, RISK_RULES, Level, RiskRules, raised
from workflows.risk.history import Dimension, HistoryLine
from workflows.text import N_


class RiskError(ValueError):
    """An assessment that cannot be scored as entered; `message` is shown beside the form."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class FactorScore:
    code: str
    likelihood: int
    impact: int
    note: str = ""

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True)
class Reason:
    """One thing that decided the level: a factor (its code) or a history line (its dimension)."""
    source: str
    message: Message


@dataclass(frozen=True)
class Assessment:
    level: Level
    reasons: tuple[Reason, ...]
    scores: tuple[FactorScore, ...]  # in catalogue order
    history: tuple[HistoryLine, ...]


_HISTORY_TEMPLATES = {
    Dimension.area: N_("近%(years)s年同一领域的案件审结%(concluded)s件，败诉或被纠错%(lost)s件（%(rate)s），"
                       "不低于%(threshold)s%%，风险等级上调一级"),
    Dimension.department: N_("近%(years)s年同一部门的案件审结%(concluded)s件，败诉或被纠错%(lost)s件（%(rate)s），"
                             "不低于%(threshold)s%%，风险等级上调一级"),
    Dimension.act_kind: N_("近%(years)s年同类行政行为的案件审结%(concluded)s件，败诉或被纠错%(lost)s件（%(rate)s），"
                           "不低于%(threshold)s%%，风险等级上调一级"),
}


def _checked(scores: Iterable[FactorScore], rules: RiskRules) -> tuple[FactorScore, ...]:
    by_code: dict[str, FactorScore] = {}
    for s in scores:
        if s.code not in FACTOR_BY_CODE:
            raise RiskError(Message(N_("未知的风险因素：%(code)s"), {"code": s.code}))
        if s.code in by_code:
            raise RiskError(Message(N_("风险因素“%(factor)s”重复评分"), {"factor": FACTOR_BY_CODE[s.code].label}))
        for value in (s.likelihood, s.impact):
            if not 1 <= value <= rules.scale_max:
                raise RiskError(Message(N_("“%(factor)s”的可能性和影响程度须为1至%(max)s的整数"),
                                        {"factor": FACTOR_BY_CODE[s.code].label, "max": rules.scale_max}))
        if s.score >= rules.medium_score and not s.note.strip():
            raise RiskError(Message(N_("“%(factor)s”评分达到中风险以上，须说明理由"),
                                    {"factor": FACTOR_BY_CODE[s.code].label}))
        by_code[s.code] = s
    missing = [f.label for f in FACTORS if f.code not in by_code]
    if missing:
        raise RiskError(Message(N_("以下风险因素尚未评分（不适用的按1×1评分并注明）：%(factors)s"),
                                {"factors": "、".join(missing)}))
    return tuple(by_code[f.code] for f in FACTORS)


def assess(scores: Iterable[FactorScore], history: tuple[HistoryLine, ...] = (),
           rules: RiskRules = RISK_RULES) -> Assessment:
    """The level and what drove it: every factor at or above the level's threshold, then each history line
    that raised it. Raises RiskError when a factor is missing, unknown, repeated, off the scale, or scored
    medium or higher without a note."""
    ordered = _checked(scores, rules)
    top = max(s.score for s in ordered)
    if top >= rules.high_score:
        level, threshold, template = Level.high, rules.high_score, N_(
            "可能性%(likelihood)s × 影响程度%(impact)s = %(score)s，达到高风险分值%(threshold)s")
    elif top >= rules.medium_score:
        level, threshold, template = Level.medium, rules.medium_score, N_(
            "可能性%(likelihood)s × 影响程度%(impact)s = %(score)s，达到中风险分值%(threshold)s")
    else:
        level, threshold, template = Level.low, None, None
    reasons = [Reason(s.code, Message(template, {"likelihood": s.likelihood, "impact": s.impact,
                                                 "score": s.score, "threshold": threshold}))
               for s in ordered if threshold is not None and s.score >= threshold]
    if not reasons:
        reasons.append(Reason("", Message(N_("各项因素分值均低于中风险分值%(threshold)s"),
                                          {"threshold": rules.medium_score})))
    raising = [line for line in history if line.raises]
    if raising:
        level = raised(level)
        reasons.extend(Reason(f"history.{line.dimension.value}", Message(_HISTORY_TEMPLATES[line.dimension], {
            "years": rules.history_years, "concluded": line.loss_rate.denominator,
            "lost": line.loss_rate.numerator, "rate": line.loss_rate.text,
            "threshold": rules.history_loss_percent})) for line in raising)
    return Assessment(level, tuple(reasons), ordered, history)
