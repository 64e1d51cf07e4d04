"""The one table of numbers behind the demolition ledger, each with the provision it comes from.

Nothing else in `workflows.demolition` writes a number the law or local practice gives: the gate, the checks
and the alerts read them from a table shaped like `RULES`. The app keeps them as settings and passes
`with_overrides(RULES, {...})`; the article stays with the number, so every date shown can name its source.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from enum import Enum
from types import MappingProxyType

from workflows.periods import Period, Unit, days, months, years
from workflows.text import N_


class RuleKey(str, Enum):
    reconsideration = "reconsideration"
    reconsideration_not_told = "reconsideration_not_told"
    litigation = "litigation"
    litigation_not_told = "litigation_not_told"
    litigation_after_reconsideration = "litigation_after_reconsideration"
    litigation_land_occupation = "litigation_land_occupation"
    demand_before_court = "demand_before_court"
    court_application_window = "court_application_window"
    court_acceptance = "court_acceptance"
    court_ruling = "court_ruling"
    court_ruling_with_hearing = "court_ruling_with_hearing"
    pre_announcement = "pre_announcement"
    plan_posting = "plan_posting"
    night_start = "night_start"
    night_end = "night_end"
    no_progress_days = "no_progress_days"


@dataclass(frozen=True)
class Rule:
    value: Period | time | int
    label: str  # what the number is, as the ledger names it
    article: str  # the provision it rests on; "(verify)" where the source is secondary


_RULES = {
    # Reconsideration Law (2023) Art. 20 para. 1: within 60 days of knowing the act; calendar days, a rest-day
    # end rolls over (Art. 88 applies the Civil Procedure Law's rule to periods over ten days).
    RuleKey.reconsideration: Rule(days(60), N_("行政复议申请期限"), N_("《行政复议法》第二十条第一款")),
    # Art. 20 para. 3: not told of the right, the body or the period: at most one year from knowing the act.
    RuleKey.reconsideration_not_told: Rule(years(1), N_("行政复议申请期限（未告知复议权利）"),
                                           N_("《行政复议法》第二十条第三款")),
    # Administrative Litigation Law Art. 46 para. 1: six months from knowing the act.
    RuleKey.litigation: Rule(months(6), N_("行政诉讼起诉期限"), N_("《行政诉讼法》第四十六条第一款")),
    # SPC interpretation 法释〔2018〕1号 Art. 64: not told of the period to sue, at most one year (verify).
    RuleKey.litigation_not_told: Rule(years(1), N_("行政诉讼起诉期限（未告知起诉期限）"),
                                      N_("法释〔2018〕1号第六十四条")),
    # Litigation Law Art. 45: 15 days from receiving the reconsideration decision. Calendar days under the
    # Civil Procedure Law (Litigation Law Art. 101), so Period(…, days) even though days() would agree here.
    RuleKey.litigation_after_reconsideration: Rule(Period(15, Unit.days), N_("收到复议决定后的起诉期限"),
                                                   N_("《行政诉讼法》第四十五条")),
    # Land Administration Law Art. 83: suit within 15 days of receiving the order to demolish within a time
    # limit; a special rule that replaces the six months of Litigation Law Art. 46 for this order.
    RuleKey.litigation_land_occupation: Rule(Period(15, Unit.days), N_("责令限期拆除决定的起诉期限"),
                                             N_("《土地管理法》第八十三条")),
    # Coercion Law Art. 54: the court may be asked 10 days after the demand is served; working days (Art. 69).
    RuleKey.demand_before_court: Rule(days(10), N_("催告书送达后十日"), N_("《行政强制法》第五十四条、第六十九条")),
    # Coercion Law Art. 53: apply within three months after the reconsideration and litigation periods lapse;
    # late applications are refused without a proper reason (法释〔2018〕1号 Art. 156, verify).
    RuleKey.court_application_window: Rule(months(3), N_("申请人民法院强制执行的期限"),
                                           N_("《行政强制法》第五十三条")),
    # Coercion Law Art. 56: the court decides within 5 days whether to accept (working days, Art. 69).
    RuleKey.court_acceptance: Rule(days(5), N_("人民法院受理审查期限"), N_("《行政强制法》第五十六条")),
    # Art. 57: ruling within 7 days of acceptance on written review (working days, Art. 69).
    RuleKey.court_ruling: Rule(days(7), N_("受理后作出执行裁定的期限"), N_("《行政强制法》第五十七条")),
    # Art. 58: within 30 days of acceptance where the court hears the party and the body first.
    RuleKey.court_ruling_with_hearing: Rule(days(30), N_("听取意见后作出执行裁定的期限"),
                                            N_("《行政强制法》第五十八条")),
    # Land Administration Law Implementing Regulation (2021) Art. 26: the pre-announcement runs at least
    # 10 working days (the regulation itself says working days).
    RuleKey.pre_announcement: Rule(Period(10, Unit.working_days), N_("征收土地预公告期"),
                                   N_("《土地管理法实施条例》第二十六条")),
    # Art. 28: the compensation and resettlement plan is posted for at least 30 days.
    RuleKey.plan_posting: Rule(days(30), N_("征地补偿安置方案公告期"), N_("《土地管理法实施条例》第二十八条")),
    # Coercion Law Art. 43 forbids execution at night without defining it; the Noise Pollution Prevention Law
    # Art. 88 defines 夜间 as 22:00 to 06:00, borrowed here (verify).
    RuleKey.night_start: Rule(time(22, 0), N_("夜间开始"), N_("《行政强制法》第四十三条；《噪声污染防治法》第八十八条（参照）")),
    RuleKey.night_end: Rule(time(6, 0), N_("夜间结束"), N_("《行政强制法》第四十三条；《噪声污染防治法》第八十八条（参照）")),
    # Local practice of the ledger (issue 9): a case with nothing recorded for 30 calendar days is raised.
    RuleKey.no_progress_days: Rule(30, N_("无进展提醒天数"), N_("本区拆除台账管理要求（本地设置）")),
}
RULES: Mapping[RuleKey, Rule] = MappingProxyType(_RULES)


def with_overrides(overrides: Mapping[RuleKey | str, Period | time | int],
                   base: Mapping[RuleKey, Rule] = RULES) -> Mapping[RuleKey, Rule]:
    """A copy of `base` with some numbers replaced, each keeping its label and article.

    For a period an int replaces the count and keeps the unit (a setting of 15 for a 10-working-day period
    stays in working days: the law that set the unit has not changed); a Period replaces it whole.
    """
    table = dict(base)
    for key, value in overrides.items():
        rule = table[RuleKey(key)]
        if isinstance(rule.value, Period) and isinstance(value, int) and not isinstance(value, bool):
            value = replace(rule.value, n=value)
        if type(value) is not type(rule.value):
            raise ValueError(f"{rule.label}的设置值类型不符")
        table[RuleKey(key)] = replace(rule, value=value)
    return MappingProxyType(table)
