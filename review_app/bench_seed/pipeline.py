"""The review pipeline's data: matters at every stage and what each stage leaves behind.

`plan_matters` decides every matter's facts (status, dates, people) in memory, newest last, so ids grow with
time as they do in use. Each `*_family` function then writes one family of tables for a slice of matters.
The mix follows a bureau's year: most matters closed, a few per cent at each open stage, so every task group
of every role holds work; open bureau matters started up to five weeks ago, so some are overdue and some due
in the coming days.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

from workflows.calendar import WorkingCalendar
from workflows.clock import DEFAULT_REVIEW_DAYS, Pause, ReviewClock

from .copy import Batch
from .province import Context, DistrictPlan

STATUS_MIX = [  # per cent of all matters
    ("draft", 3.0), ("department_review", 1.5), ("decision_pending", 1.5), ("decision_accepted", 1.0),
    ("bureau_intake", 1.5), ("bureau_review", 3.0), ("awaiting_supplement", 0.8), ("consulting", 0.7),
    ("opinion_drafted", 0.8), ("signed", 0.5), ("issued", 2.5), ("answered", 2.0), ("closed", 80.0),
    ("withdrawn", 1.2)]
CATEGORY_MIX = [("agreement", 45), ("opinion_request", 30), ("normative_document", 15),
                ("major_decision", 10)]
BUREAU_OPEN = {"bureau_intake", "bureau_review", "awaiting_supplement", "consulting", "opinion_drafted",
               "signed"}
OPINION_STATUSES = {"opinion_drafted", "signed", "issued", "answered", "closed"}
SENT = BUREAU_OPEN | {"decision_pending", "decision_accepted", "issued", "answered", "closed"}
PLACES = [a + b for a in "青龙白马金桥南湖北山东湾西岭花溪云岩观澜新港长坡石门桃源" for b in
          ("湾", "坝", "片区", "新区", "园区", "村", "社区", "路", "河", "港")]
PROJECTS = ["棚户区改造", "污水处理厂建设", "产业园区开发", "城市更新", "道路提升改造", "安置房建设",
            "学校新建", "医院扩建", "供水管网改造", "停车场建设", "农贸市场升级", "老旧小区改造",
            "公共文化中心建设", "智慧城市", "光伏发电", "物流园建设", "文旅综合体开发", "垃圾焚烧发电"]
TOPICS = ["城市管理", "农村宅基地", "政府投资项目", "物业服务", "殡葬", "养犬", "燃气安全", "建筑垃圾",
          "城市绿化", "停车收费", "公共资源交易", "政府购买服务", "历史文化街区保护", "招商引资优惠"]
CALENDAR = WorkingCalendar({})
SUPPLEMENT_FRACTION = 0.12


def _day_time(rng, d: date) -> datetime:
    """A moment in office hours (Beijing 08:30-17:30) on day d, in UTC."""
    return datetime.combine(d, time(0, 30), timezone.utc) + timedelta(seconds=rng.randrange(9 * 3600))


@dataclass(slots=True)
class MatterPlan:
    district: DistrictPlan
    department: int
    created_by: int
    category: str
    status: str
    created: date
    title: str
    id: int = 0
    submitted_on: date | None = None
    sent_on: date | None = None
    clock_started_on: date | None = None
    due_on: date | None = None
    reviewer: int | None = None
    pauses: list = field(default_factory=list)  # (kind, start, end or None)
    extension: int = 0
    issued_on: date | None = None
    conclusion: str | None = None
    draft_documents: list = field(default_factory=list)  # ids of the draft's versions
    events: int = 0


def _weighted(rng, mix):
    total = sum(w for _v, w in mix)
    x = rng.random() * total
    for value, w in mix:
        x -= w
        if x < 0:
            return value
    return mix[-1][0]


def _title(rng, category: str, district: str) -> str:
    place, project, topic = rng.choice(PLACES), rng.choice(PROJECTS), rng.choice(TOPICS)
    if category == "agreement":
        return f"{place}{project}项目{rng.choice(('投资合作', '特许经营', '征收补偿', 'PPP', '委托建设'))}协议"
    if category == "normative_document":
        return f"关于印发《{district}{topic}管理办法》的通知" if rng.random() < .5 else \
            f"{district}{topic}实施细则（{rng.randrange(2019, 2027)}年修订）"
    if category == "major_decision":
        return f"关于{place}{project}的决策方案"
    return f"关于{place}{project}有关{topic}法律问题的征询函"


@lru_cache(maxsize=100_000)
def _due(started: date, days: int) -> date:
    return CALENDAR.add_working_days(started, days)


def _dates(rng, m: MatterPlan, today: date) -> None:
    """Dates in order (created ≤ submitted ≤ sent ≤ clock start ≤ issue), placed by status."""
    s = m.status
    if s == "draft":
        m.created = today - timedelta(days=rng.randrange(30))
        return
    if s in BUREAU_OPEN:
        start = today - timedelta(days=rng.randrange(36))
    elif s in ("issued", "answered"):
        start = today - timedelta(days=rng.randrange(25, 100))
    elif s in ("closed", "withdrawn"):
        start = today - timedelta(days=rng.randrange(45, 2200))
    else:  # still with the department or the decision body
        start = today + timedelta(days=5)
    sent = start - timedelta(days=rng.randrange(1, 4))
    submitted = sent - timedelta(days=rng.randrange(1, 8))
    m.created = min(submitted - timedelta(days=rng.randrange(0, 10)), today)
    m.submitted_on = min(submitted, today)
    if s in SENT or (s == "withdrawn" and rng.random() < .5):
        m.sent_on = min(sent, today)
    if s in BUREAU_OPEN or s in ("issued", "answered", "closed"):
        m.clock_started_on = start
        _clock(rng, m, today)


def _clock(rng, m: MatterPlan, today: date) -> None:
    period = DEFAULT_REVIEW_DAYS[m.category]
    start = m.clock_started_on
    if m.status == "awaiting_supplement":
        m.pauses.append(("supplement", min(start + timedelta(days=rng.randrange(1, 4)), today), None))
    elif rng.random() < SUPPLEMENT_FRACTION and (today - start).days > 12:
        begin = start + timedelta(days=rng.randrange(1, 4))
        m.pauses.append(("supplement", begin, begin + timedelta(days=rng.randrange(2, 9))))
    elif m.category == "agreement" and rng.random() < .1 and (today - start).days > 12:
        begin = start + timedelta(days=rng.randrange(1, 3))
        m.pauses.append(("advisers", begin, begin + timedelta(days=rng.randrange(2, 6))))
    if rng.random() < .02:
        m.extension = 5
    if m.status == "awaiting_supplement":
        return  # a stopped clock has no due date
    if not m.pauses:
        m.due_on = _due(start, period + m.extension)
    else:
        clock = ReviewClock(start, period + m.extension, tuple(Pause(b, e) for _k, b, e in m.pauses))
        m.due_on = clock.due_date(CALENDAR)
    if m.status in ("issued", "answered", "closed"):
        m.issued_on = min(m.due_on - timedelta(days=rng.randrange(0, 4)), today)
        m.issued_on = max(m.issued_on, start + timedelta(days=1))


def plan_matters(ctx: Context, total: int) -> list[MatterPlan]:
    rng, today = ctx.rng, ctx.today
    plans = []
    for k in range(total):
        d = ctx.districts[k % len(ctx.districts)]
        status = _weighted(rng, STATUS_MIX)
        category = _weighted(rng, CATEGORY_MIX)
        dept = rng.choice(d.departments)
        creator = rng.choice(d.clerks[dept])
        m = MatterPlan(d, dept, creator, category, status, today, _title(rng, category, f"示范{d.number + 1}区"))
        _dates(rng, m, today)
        # Six in ten matters just received already have their reviewer; every later one has.
        if (status == "bureau_intake" and rng.random() < .6) or status in (
                OPINION_STATUSES | BUREAU_OPEN) - {"bureau_intake"}:
            m.reviewer = rng.choice(d.reviewers)
        plans.append(m)
    plans.sort(key=lambda m: m.created)
    first = ctx.ids("matters", len(plans))
    for i, m in enumerate(plans):
        m.id = first + i
    return plans


MATTER_COLS = ("id", "district_id", "category", "title", "summary", "legal_basis", "planned_date",
               "counterparties", "contact_name", "contact_phone", "department_id", "created_by_id",
               "reviewer_id", "status",
               "resume_status", "conclusion", "signed_off", "submitted_on", "sent_on", "too_close",
               "clock_started_on", "period_days", "due_on", "signed_on", "filing_due_on", "filed_on",
               "created_at", "updated_at", "version")
CONCLUSIONS = [("lawful", 50), ("lawful_if_amended", 40), ("unlawful", 5), ("risk_stated", 5)]


def matters_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """matters, clock_pauses, clock_extensions."""
    rng = ctx.rng
    for m in plans:
        if m.status in OPINION_STATUSES:
            m.conclusion = _weighted(rng, CONCLUSIONS)
        issued = m.status in ("issued", "answered", "closed")
        signed_on = filing_due = filed = None
        if m.category == "agreement" and m.status == "closed" and m.issued_on:
            signed_on = m.issued_on + timedelta(days=rng.randrange(5, 20))
            if signed_on < ctx.today:
                filing_due = _due(signed_on, 5)
                late = rng.random()
                filed = None if late < .04 else \
                    signed_on + timedelta(days=rng.randrange(1, 12 if late < .1 else 6))
        created_at = _day_time(rng, m.created)
        batch.add("matters", MATTER_COLS, (
            m.id, m.district.id, m.category, m.title, "本事项涉及" + m.title + "，现报请合法性审核。",
            "《中华人民共和国行政许可法》等", m.sent_on and m.sent_on + timedelta(days=20),
            "某某建设投资有限公司" if m.category == "agreement" else "", m.district.names[m.created_by],
            f"0851-{86000000 + m.id % 1000000}", m.department, m.created_by, m.reviewer, m.status,
            "bureau_review" if m.status == "awaiting_supplement" else None, m.conclusion if issued else None,
            m.status in ("signed", "issued", "answered", "closed"), m.submitted_on, m.sent_on, False,
            m.clock_started_on, DEFAULT_REVIEW_DAYS[m.category] if m.clock_started_on else None, m.due_on,
            signed_on, filing_due, filed, created_at, created_at, 1 + m.events))
        for kind, begin, end in m.pauses:
            batch.add("clock_pauses", ("id", "matter_id", "kind", "start", "end", "reason"),
                      (ctx.ids("clock_pauses"), m.id, kind, begin, end,
                       "请补充提交合法性论证材料" if kind == "supplement" else "征求法律顾问意见"))
        if m.extension:
            batch.add("clock_extensions",
                      ("id", "matter_id", "days", "reason", "granted_by_id", "granted_at"),
                      (ctx.ids("clock_extensions"), m.id, m.extension, "案情复杂，需进一步研究",
                       m.district.director, _day_time(rng, m.clock_started_on + timedelta(days=2))))


DOC_COLS = ("id", "matter_id", "material_kind_id", "version_no", "sha256", "display_name", "kind", "mime",
            "size",
            "uploaded_by_id", "uploaded_at")
MIMES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}


def documents_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """documents: the draft in one to three versions (a later one sometimes the bureau's marked-up copy)
    and up to two other required materials."""
    rng, kinds = ctx.rng, ctx.material_kinds
    for m in plans:
        if m.status == "draft" and rng.random() < .5:
            continue
        draft_kind, others = kinds[m.category]
        revised = m.status in ("answered", "closed") and rng.random() < .6
        versions = 1 + (m.clock_started_on is not None) + revised
        day = m.submitted_on or m.created
        for v in range(1, versions + 1):
            doc_id = ctx.ids("documents")
            by = m.reviewer if v == 2 and m.reviewer and rng.random() < .3 else m.created_by
            batch.add("documents", DOC_COLS, (
                doc_id, m.id, draft_kind, v, f"{doc_id:064x}", f"{m.title[:60]}（第{v}稿）.docx", "docx",
                MIMES["docx"], 20000 + rng.randrange(200000), by,
                _day_time(rng, day + timedelta(days=2 * v))))
            m.draft_documents.append(doc_id)
        for kind_id in others[:2]:
            doc_id = ctx.ids("documents")
            batch.add("documents", DOC_COLS, (
                doc_id, m.id, kind_id, 1, f"{doc_id:064x}", f"材料{kind_id}.pdf", "pdf", MIMES["pdf"],
                50000 + rng.randrange(900000), m.created_by, _day_time(rng, day)))


OPINION_COLS = ("id", "matter_id", "district_id", "conclusion", "reasons", "authority_finding",
                "authority_note",
                "procedure_finding", "procedure_note", "content_finding", "content_note", "drafted_by_id",
                "signed_by_id", "signed_at", "year", "number", "issued_on", "issued_at", "docx_sha256",
                "version")
POINTS = ["第五条关于补偿标准的表述与上位法不一致，建议修改", "第八条违约责任约定不对等，建议增加对方违约责任",
          "第十二条争议解决条款约定不明，建议明确管辖法院", "第三条设定的审批事项缺乏法律依据，建议删除",
          "建议补充公平竞争审查意见"]


def opinions_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """opinions (numbered per district and year in issue order), opinion_points, adoptions."""
    rng, counters = ctx.rng, ctx.opinion_counters
    for m in plans:
        if m.status not in OPINION_STATUSES or m.clock_started_on is None:
            continue
        oid = ctx.ids("opinions")
        signed = m.status != "opinion_drafted"
        number = year = None
        if m.issued_on:
            year = m.issued_on.year
            counters[(m.district.id, year)] = number = counters.get((m.district.id, year), 0) + 1
        sign_day = m.issued_on or min(m.clock_started_on + timedelta(days=3), ctx.today)
        findings = ("met", "", "met", "", "met" if m.conclusion != "lawful_if_amended" else "partly_met",
                    "" if m.conclusion == "lawful" else "部分条款需修改")
        batch.add("opinions", OPINION_COLS, (
            oid, m.id, m.district.id, m.conclusion, "经审核，" + m.title + "的主体、程序和内容总体合法。", *findings,
            m.reviewer or m.district.director, m.district.director if signed else None,
            _day_time(rng, sign_day) if signed else None, year, number, m.issued_on,
            _day_time(rng, m.issued_on) if m.issued_on else None, f"{oid:064x}" if m.issued_on else None,
            2 + signed + bool(m.issued_on)))
        if m.conclusion != "lawful_if_amended":
            continue
        for n in range(1, rng.randrange(2, 5)):
            pid = ctx.ids("opinion_points")
            batch.add("opinion_points", ("id", "opinion_id", "number", "clause", "text"),
                      (pid, oid, n, f"第{n * 3}条", rng.choice(POINTS)))
            if m.status in ("answered", "closed"):
                adopted = rng.random() < .85
                batch.add("adoptions", ("point_id", "adopted", "reason", "revised_document_id",
                                        "answered_by_id", "answered_at"),
                          (pid, adopted, "" if adopted else "该条款系上级政策明确要求，暂不修改",
                           m.draft_documents[-1] if adopted and m.draft_documents else None, m.created_by,
                           _day_time(rng, m.issued_on + timedelta(days=3))))


DECISION_COLS = ("id", "district_id", "meeting_name", "meeting_date", "title", "category", "department_id",
                 "matter_id", "outcome", "unreviewed_reason", "recorded_by_id", "recorded_at")
OUTCOMES = [("passed", 85), ("passed_amended", 10), ("rejected", 3), ("deferred", 2)]


def decisions_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """decisions: the closed matters that went to a meeting, and, one in thirty, a decision taken with no
    review (a coverage gap, with its reason)."""
    rng = ctx.rng
    for m in plans:
        if m.status != "closed" or m.category == "opinion_request" or not m.issued_on:
            continue
        day = min(m.issued_on + timedelta(days=rng.randrange(3, 20)), ctx.today)
        officer = rng.choice(m.district.officers)
        batch.add("decisions", DECISION_COLS, (
            ctx.ids("decisions"), m.district.id, f"区政府第{day.timetuple().tm_yday // 7 + 1}次常务会议", day, m.title,
            m.category, m.department, m.id, _weighted(rng, OUTCOMES), "", officer, _day_time(rng, day)))
        if rng.random() < 1 / 30:
            batch.add("decisions", DECISION_COLS, (
                ctx.ids("decisions"), m.district.id, f"区政府第{day.timetuple().tm_yday // 7 + 1}次常务会议", day,
                "关于" + rng.choice(TOPICS) + "有关事项的决定", "major_decision", m.department, None, "passed",
                "会议临时动议，未及送审", officer, _day_time(rng, day)))


NOTIFICATION_COLS = ("id", "user_id", "kind", "subject_type", "subject_id", "link", "dedup_key", "title",
                     "body", "created_at", "read_at")


def notifications_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """notifications: who was told at each step (read a day later, except the last few days' ones). No
    delivery rows: the outbox has nothing left to send."""
    rng = ctx.rng
    for m in plans:
        told = []
        if m.sent_on:
            told.append((rng.choice(m.district.officers), "matter.approve", "事项已报送决策机关", m.sent_on))
        if m.reviewer and m.clock_started_on:
            told.append((m.reviewer, "matter.assign_reviewer", "您有新的审核任务", m.clock_started_on))
        if m.issued_on:
            told.append((m.created_by, "matter.issue", "审核意见书已出具", m.issued_on))
        for user, kind, title, day in told:
            nid = ctx.ids("notifications")
            at = _day_time(rng, day)
            batch.add("notifications", NOTIFICATION_COLS, (
                nid, user, kind, "matter", m.id, f"/matters/{m.id}", f"bench:{nid}",
                f"{title}：{m.title[:80]}", "", at,
                at + timedelta(days=1) if (ctx.today - day).days > 3 else None))


STEPS = [("create", "matter.create", "draft", "created_by"), ("submit", "matter.submit", "department_review",
                                                                 "created_by"),
         ("approve", "matter.approve", "decision_pending", "head"),
         ("forward", "matter.forward", "bureau_intake", "officer"),
         ("assign", "matter.assign_reviewer", "bureau_review", "director"),
         ("issue", "opinion.issue", "issued", "reviewer"),
         ("decide", "matter.record_decision", "closed", "officer")]


def audit_family(ctx: Context, plans: list[MatterPlan], batch: Batch) -> None:
    """audit_events of the pipeline, gathered into ctx.audit: written last, in time order (ids grow with
    time)."""
    rng = ctx.rng
    for m in plans:
        d = m.district
        days = {"create": m.created, "submit": m.submitted_on, "approve": m.sent_on,
                "forward": m.clock_started_on,
                "assign": m.clock_started_on and m.reviewer and m.clock_started_on,
                "issue": m.issued_on, "decide": m.status == "closed" and m.issued_on}
        actors = {"created_by": m.created_by, "head": d.heads.get(m.department, m.created_by),
                  "officer": d.officers[0], "director": d.director, "reviewer": m.reviewer or d.director}
        version = 0
        for step, action, status, who in STEPS:
            day = days[step]
            if not day:
                continue
            version += 1
            actor = actors[who]
            ctx.audit.append((_day_time(rng, day), actor, d.names[actor], d.id, action, "matter", str(m.id),
                              f'{{"status": "{status}", "version": {version}}}'))
        m.events = version
