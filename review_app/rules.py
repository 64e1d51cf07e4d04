"""The rule numbers and the working calendar as this installation configures them.

Defaults come from workflows (with their articles); a district administrator's Setting row wins for that
district, and the administrators' CalendarDay rows (the national calendar) win everywhere.
"""
from datetime import date, datetime, time, timezone

import sqlalchemy as sa
from flask import g

from workflows.calendar import WorkingCalendar
from workflows.clock import DEFAULT_REVIEW_DAYS, MIN_NOTICE_DAYS_MAJOR_DECISION, NORMATIVE_MIN_DAYS
from workflows.review import Category
from workflows.text import N_

from .extensions import db
from .i18n import service_zone
from .models import CalendarDay, Setting

DEFAULTS = {
    **{f"review_days.{c}": days for c, days in DEFAULT_REVIEW_DAYS.items()},
    "min_notice_days.major_decision": MIN_NOTICE_DAYS_MAJOR_DECISION,  # Decree 713 Art. 26
    "min_review_days.normative_document": NORMATIVE_MIN_DAYS,          # 国办发〔2018〕115号 (verify)
    "max_review_days.normative_document": 15,                          # 国办发〔2018〕115号 (verify)
    "rating_days": 2,                                                  # rate an opinion within 2 working days
    "agreement_filing_days": 5,                                        # file a signed agreement (local, verify)
    # Demolition ledger (issue 9): local practice of the ledger, not statute (verify with the bureau).
    "demolition.reply_days": 10,          # a supervision letter's reply is due so many working days on
    "demolition.no_progress_days": 30,    # a case with nothing recorded this many days is raised on the board
    # Expert pool (issue 8): local practice (verify with the bureau).
    "adviser_acceptance_days": 2,         # an invited adviser accepts or declines within so many working days
    "adviser_opinion_days": 5,            # an accepted adviser submits its opinion within so many working days
    # Litigation-risk assessment (issue 10): workflows.risk.factors.RiskRules, district practice (verify).
    "risk.medium_score": 8,
    "risk.high_score": 15,
    "risk.history_years": 3,
    "risk.history_min_cases": 3,
    "risk.history_loss_percent": 30,
    # Litigation records (issue 10): local rules of workflows.litigation (verify with the bureau).
    "litigation.filing_days": 3,          # the body files a new case with the bureau (working days)
    "litigation.loss_report_days": 15,    # the loss analysis and rectification plan after a losing judgment
    "centre.register_days": 2,            # the dispute centre registers an entrusted case (working days)
    "centre.notify_days": 5,              # … tells the body concerned (working days)
    "centre.proposal_days": 5,            # … the body answers with its resolution proposal (working days)
}

SETTING_LABELS = {
    "review_days.major_decision": "重大行政决策审核期限（工作日）",
    "review_days.normative_document": "行政规范性文件审核期限（工作日）",
    "review_days.agreement": "重点项目协议审核期限（工作日）",
    "review_days.opinion_request": "法律意见征询函办理期限（工作日）",
    "min_notice_days.major_decision": "重大行政决策最迟提前送审（工作日，第713号令第26条）",
    "min_review_days.normative_document": "规范性文件审核期限下限（工作日）",
    "max_review_days.normative_document": "规范性文件审核期限上限（工作日）",
    "rating_days": "法律顾问意见评分期限（工作日）",
    "agreement_filing_days": "协议签署后报送备案期限（工作日）",
    # Demolition ledger (issue 9)
    "demolition.reply_days": N_("法治督察函书面回复期限（工作日）"),
    "demolition.no_progress_days": N_("拆除台账案件无进展提醒天数（自然日）"),
    # Expert pool (issue 8)
    "adviser_acceptance_days": N_("法律顾问确认是否接受邀请的期限（工作日）"),
    "adviser_opinion_days": N_("法律顾问接受邀请后提交意见的期限（工作日）"),
    # Litigation-risk assessment (issue 10)
    "risk.medium_score": N_("诉讼风险评估：中风险分值（可能性×影响程度）"),
    "risk.high_score": N_("诉讼风险评估：高风险分值（可能性×影响程度）"),
    "risk.history_years": N_("诉讼风险评估：统计同类案件的年数"),
    "risk.history_min_cases": N_("诉讼风险评估：同类案件最少件数"),
    "risk.history_loss_percent": N_("诉讼风险评估：同类案件败诉率达到此百分比时上调风险等级"),
    "litigation.filing_days": N_("行政应诉案件向司法局备案期限（工作日）"),
    "litigation.loss_report_days": N_("败诉案件报送分析及整改方案期限（日）"),
    "centre.register_days": N_("协调化解中心登记受托案件期限（工作日）"),
    "centre.notify_days": N_("协调化解中心通知相关行政机关期限（工作日）"),
    "centre.proposal_days": N_("行政机关反馈化解方案期限（工作日）"),
}


def setting(key: str, district_id: int) -> int:
    row = db.session.get(Setting, (district_id, key))
    return row.value if row is not None else DEFAULTS[key]


def review_days(category: Category, district_id: int) -> int:
    return setting(f"review_days.{category.value}", district_id)


def calendar() -> WorkingCalendar:
    """The calendar with the administrator's overrides, loaded once per request."""
    if "working_calendar" not in g:
        rows = db.session.execute(sa.select(CalendarDay.day, CalendarDay.is_workday)).all()
        g.working_calendar = WorkingCalendar({day: workday for day, workday in rows})
    return g.working_calendar


def forget_calendar() -> None:
    """After the administrator changed the calendar: the next deadline computed in this request reads it anew."""
    g.pop("working_calendar", None)


def today() -> date:
    """The date in the district's time zone (deadlines are counted in local working days)."""
    return datetime.now(service_zone()).date()


def day_start(day: date) -> datetime:
    """The first moment of `day` in the service's time zone, in UTC as times are stored: a period of local days
    (a filter's "from" and "to") runs from day_start(first) to day_start(last + 1 day). In UTC because SQLite
    compares the stored text and would drop the offset of a local time."""
    return datetime.combine(day, time(), service_zone()).astimezone(timezone.utc)
