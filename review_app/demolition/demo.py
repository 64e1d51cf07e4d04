"""The demo's ledger (`make run`): 青山镇 with a case on each track, dated relative to the day the demo is loaded
so that it shows the same on any day:
- planning violation: every step done long ago, ready, planned for next week;
- state-land expropriation: the compensation decision served three weeks ago, demolition planned in two weeks,
  far too early (the party may still sue for months), with a supervision letter outstanding;
- illegal occupation of land: the party sued against the order within its 15 days; the lawsuit is pending;
- collective-land expropriation: only the pre-announcement and the stability assessment so far.
The gaps between steps are wide enough that a holiday rolling a deadline over never makes a step early.
"""
from datetime import date, timedelta

from workflows.demolition import ChallengeKind, StepKind as K, Track

from .. import rules
from ..demo import PDF
from . import operations as ops

TOWN_BODY = "青山镇人民政府"


def _next_workday(day: date) -> date:
    cal = rules.calendar()
    while not cal.is_workday(day):
        day += timedelta(days=1)
    return day


def _steps(town, case, today: date, *steps) -> None:
    """(kind, days ago, document number, deadline in days ago or None, told of remedies)."""
    for kind, ago, number, deadline_ago, told in steps:
        deadline = today - timedelta(days=deadline_ago) if deadline_ago is not None else None
        ops.record_step(town, case, ops.StepFields(kind, today - timedelta(days=ago), number, deadline, told),
                        [(f"{number or kind.value}.pdf", PDF)])


def load_ledger(users: dict) -> None:
    town, reviewer = users["town"], users["reviewer"]
    today = rules.today()
    year = today.year

    ready = ops.create_case(town, ops.CaseFields(
        project="青山村违法建设整治", track=Track.planning_violation, address="青山镇青山村三组12号",
        parties=["张某某"], building_area=None, enforcing_body=TOWN_BODY,
        planned_on=_next_workday(today + timedelta(days=7)), note="占用村道违法搭建砖混结构房屋"))
    _steps(town, ready, today,
           (K.demolition_order, 300, f"青违拆字〔{year - 1}〕3号", 285, True),
           (K.demand, 260, f"青催字〔{year - 1}〕3号", 250, True),
           (K.statement_heard, 255, "陈述申辩笔录及复核意见", None, False),
           (K.enforcement_decision, 230, f"青强执决〔{year - 1}〕3号", None, True),
           (K.enforcement_decision_served, 228, "送达回证", None, False),
           (K.public_notice, 220, f"青拆告〔{year - 1}〕3号", 200, False))

    early = ops.create_case(town, ops.CaseFields(
        project="青山片区棚户区改造", track=Track.state_land_expropriation, address="青山镇新街8号",
        parties=["李某某", "王某某"], building_area=None, enforcing_body="示范区人民政府",
        planned_on=_next_workday(today + timedelta(days=14)), note="被征收人未签订补偿协议"))
    _steps(town, early, today,
           (K.stability_assessment, 90, "社会稳定风险评估报告", None, False),
           (K.expropriation_decision, 70, f"示府征字〔{year}〕2号", None, True),
           (K.compensation_decision, 21, f"示府补决〔{year}〕5号", 6, True),
           (K.compensation_secured, 18, "补偿款专户存储凭证", None, False))
    ops.issue_letter(reviewer, early, ops.LetterFields(
        ops.default_reply_due(early.district_id, today),
        "一、拟拆除时间早于最早合法拆除日期：被征收人申请行政复议、提起行政诉讼的期限尚未届满。\n"
        "二、尚未催告、听取陈述申辩，也未申请人民法院强制执行。",
        "依照《国有土地上房屋征收与补偿条例》第二十八条和《中华人民共和国行政强制法》第五十三条至第五十八条，"
        "依法催告、听取陈述申辩并申请人民法院强制执行；在取得准予执行裁定前不得实施强制拆除。",
        "示范区人民政府办公室"))

    sued = ops.create_case(town, ops.CaseFields(
        project="违法占用耕地建房整治", track=Track.illegal_land_occupation, address="青山镇柳塘村二组",
        parties=["赵某某"], building_area=None, enforcing_body="示范区自然资源局", planned_on=None, note=""))
    _steps(town, sued, today, (K.demolition_order, 40, f"示自然资拆字〔{year}〕7号", 25, True))
    ops.record_challenge(town, sued, ChallengeKind.lawsuit, K.demolition_order, today - timedelta(days=30),
                         f"（{year}）黔0111行初21号")

    started = ops.create_case(town, ops.CaseFields(
        project="青山产业园征地", track=Track.collective_land_expropriation, address="青山镇青山村五组",
        parties=["钱某某", "孙某某"], building_area=None, enforcing_body="示范区人民政府", planned_on=None, note=""))
    _steps(town, started, today,
           (K.pre_announcement, 40, f"示府征预告〔{year}〕1号", None, False),
           (K.stability_assessment, 20, "社会稳定风险评估报告", None, False))
