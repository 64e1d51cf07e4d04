"""Demo data for `make run`: a fictional district with its offices, people, expert pool, and matters at
every stage, all made through the same operations the pages use."""
import io
from datetime import date, timedelta

import docx
import sqlalchemy as sa

from workflows.opinion import Content, Finding
from workflows.review import Action, Category, Conclusion, DecisionOutcome, Status
from workflows.roles import ROLE_LABELS, Role

from flask import current_app

from .admin.operations import create_district, create_organisation, create_user
from .experts_admin.operations import add_expert
from .extensions import db
from .models import District, ExpertKind, OrgKind

DEMO_PASSWORD = "Shifan#Demo-2026"

ORGANISATIONS = [
    ("示范区人民政府办公室", "区政府办", OrgKind.government_office),
    ("示范区司法局", "区司法局", OrgKind.justice_bureau),
    ("示范区发展和改革局", "区发改局", OrgKind.department),
    ("示范区财政局", "区财政局", OrgKind.department),
    ("示范区自然资源局", "区自然资源局", OrgKind.department),
    ("示范区住房和城乡建设局", "区住建局", OrgKind.department),
    ("示范区生态环境局", "区生态环境局", OrgKind.department),
    ("示范区市场监督管理局", "区市场监管局", OrgKind.department),
    ("示范区教育局", "区教育局", OrgKind.department),
    ("示范区农业农村局", "区农业农村局", OrgKind.department),
    ("示范区交通运输局", "区交通运输局", OrgKind.department),
    ("示范区卫生健康局", "区卫健局", OrgKind.department),
    ("示范区综合行政执法局", "区综合执法局", OrgKind.department),
    ("城关街道办事处", "城关街道", OrgKind.town),
    ("东湖街道办事处", "东湖街道", OrgKind.town),
    ("青山镇人民政府", "青山镇", OrgKind.town),
    ("柳溪镇人民政府", "柳溪镇", OrgKind.town),
]

FIRMS = ["明法", "正衡", "信达", "黔宁", "观澜", "中衡正道", "山水", "弘德", "致远", "同心", "金石",
         "立信", "博雅", "嘉禾", "恒泰"]
LAWYERS = [("王立新", "明法"), ("李晓梅", "正衡"), ("张建国", "信达"), ("刘芳", "观澜"),
           ("陈志远", "弘德"), ("杨静", "致远"), ("赵宏伟", "金石"), ("周敏", "博雅")]
SPECIALTIES = ["行政法", "土地与房屋征收", "政府合同", "规范性文件审查", "行政诉讼", "城乡规划",
               "生态环境", "金融与财税"]

USERS = [
    ("clerk", "张承办", "区住建局", [Role.submitter]),
    ("depthead", "李科长", "区住建局", [Role.department_head]),
    ("office", "王审查", "区政府办", [Role.decision_officer]),
    ("reviewer", "赵审核", "区司法局", [Role.bureau_reviewer]),
    ("director", "钱局长", "区司法局", [Role.bureau_director]),
    ("adviser", "王立新", "区司法局", [Role.adviser]),
    ("admin", "系统管理员", "区司法局", [Role.admin]),
    ("town", "孙专干", "青山镇", [Role.submitter, Role.department_head]),
]


def load() -> bool:
    """Load once; returns False when a district already exists. The district takes its name and document
    prefixes from the configuration (DISTRICT_NAME, OPINION_PREFIX, SUPERVISION_PREFIX)."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(District)):
        return False
    cfg = current_app.config
    district = create_district(None, cfg["DISTRICT_CODE"], cfg["DISTRICT_NAME"], cfg["OPINION_PREFIX"],
                               cfg["SUPERVISION_PREFIX"])
    orgs = {short: create_organisation(None, district, name, short, kind) for name, short, kind in ORGANISATIONS}
    term = (date(2025, 1, 1), date(2027, 12, 31))
    experts = {}
    for i, firm in enumerate(FIRMS, start=1):
        experts[firm] = add_expert(None, district.id, ExpertKind.firm, f"贵州{firm}律师事务所",
                                   f"91520100MA6DEMO{i:03d}", SPECIALTIES[i % 8:i % 8 + 2], *term,
                                   contact="主任")
    for i, (name, firm) in enumerate(LAWYERS, start=1):
        experts[name] = add_expert(None, district.id, ExpertKind.lawyer, name, f"1520120{i:02d}1010{i:05d}",
                                   [SPECIALTIES[i % 8]], *term, firm_id=experts[firm].id)
    users = {}
    for username, display, org, roles in USERS:
        expert_id = experts[display].id if Role.adviser in roles else None
        users[username] = create_user(None, username, display, orgs[org].id, set(roles), DEMO_PASSWORD,
                                      expert_id=expert_id)
    # Expert pool (issue 8): related parties and the firms' adviser accounts, before the matters draw advisers.
    from .experts_pool.demo import load_registers
    load_registers(users, DEMO_PASSWORD)
    load_matters(users)
    # Demolition ledger (issue 9): 青山镇's cases on each track, one with a supervision letter outstanding.
    from .demolition.demo import load_ledger
    load_ledger(users)
    # Litigation, reconsideration and dispute records (issue 10): a year of cases across the district.
    from .disputes.demo import load_disputes
    load_disputes(users)
    return True


def docx_bytes(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# The smallest well-formed one-page PDF, standing in for scanned attachments.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

DRAFT = ("第一条 为规范城区临时占道经营行为，维护市容秩序，根据《城市道路管理条例》，制定本办法。",
         "第二条 本办法适用于本区城区范围内的临时占道经营活动。",
         "第三条 申请人应当提交营业执照、经营场地示意图等材料。",
         "第四条 违反本办法的，由综合行政执法部门依法处理。")

# Clause flags (#12): drafts that the rules catch, per matter title (the others use DRAFT).
DRAFTS = {
    "关于规范城区临时占道经营管理的通知": (
        "关于规范城区临时占道经营管理的通知",
        "第一条 为规范城区临时占道经营行为，维护市容秩序，根据《城市道路管理条例》，制定本办法。",
        "第二条 本办法适用于本区城区范围内的临时占道经营活动。",
        "第三条 申请临时占道经营的，应当提交营业执照、经营场地示意图和无违法犯罪记录证明。",
        "第四条 临时占道经营者应当按照区城市管理部门核定的标准缴纳占道费。",
        "第五条 违反本办法规定擅自占道经营的，由综合行政执法部门责令改正，处二百元以上二千元以下罚款；情节严重的，没收其经营工具。",
        "第六条 本办法自发布之日起施行。"),
    "关于加强城区餐厨垃圾管理的办法": (
        "关于加强城区餐厨垃圾管理的办法",
        "第一章 总则",
        "第一条 为加强城区餐厨垃圾管理，维护市容环境卫生，根据《城市市容和环境卫生管理条例》，制定本办法。",
        "第二条 本办法适用于本区城区范围内餐厨垃圾的产生、收集、运输和处置活动。",
        "第二章 收集和运输",
        "第三条 餐厨垃圾产生单位应当履行下列义务：",
        "（一）设置符合标准的餐厨垃圾收集容器；",
        "（二）将餐厨垃圾交由区城市管理部门指定的收运企业收运。",
        "第四条 从事餐厨垃圾收运的单位，须经区城市管理部门审批后方可从事收运活动。",
        "第五条 餐厨垃圾产生单位应当按月向收运企业缴纳餐厨垃圾处理费，收费标准由区城市管理部门确定。",
        "第三章 法律责任",
        "第六条 违反本办法第三条规定，未将餐厨垃圾交由指定企业收运的，由区城市管理部门责令改正，处五千元以上三万元以下罚款。",
        "第七条 违反本办法其他规定的，由有关部门依照《城市市容和环境卫生管理条例》的规定处理。",
        "第四章 附则",
        "第八条 本办法自2027年1月1日起施行。"),
    "青山镇农贸市场改造项目合作协议": (
        "青山镇农贸市场改造项目合作协议",
        "甲方：青山镇人民政府",
        "乙方：贵州青山农业发展有限公司",
        "第一条 甲方将青山镇农贸市场改造项目交由乙方投资建设和运营，合作期限为十五年。",
        "第二条 甲方因规划调整需要，可以单方解除本协议，且不予补偿。",
        "第三条 乙方的项目融资由甲方提供担保，项目收益不足部分由区财政予以补足。",
        "第四条 因本协议发生的争议，提交贵阳仲裁委员会仲裁。"),
}
# The department's revision of the issued notice: the fine of 第五条 becomes a reference to the law.
REVISED_NOTICE = tuple(
    "第五条 违反本办法规定擅自占道经营的，由综合行政执法部门依照《城市道路管理条例》的规定处理。" if p.startswith("第五条") else p
    for p in DRAFTS["关于规范城区临时占道经营管理的通知"])

# (title, category, undertaking user, how far it goes, planned decision date offset in days)
MATTERS = [
    ("关于规范城区临时占道经营管理的通知", Category.normative_document, "clerk", Status.issued, 40),
    ("城区老旧小区改造三年行动方案", Category.major_decision, "clerk", Status.decision_pending, 6),
    ("青山镇农贸市场改造项目合作协议", Category.agreement, "town", Status.bureau_review, 30),
    ("关于加强城区餐厨垃圾管理的办法", Category.normative_document, "clerk", Status.bureau_review, 35),
    ("关于建筑垃圾资源化利用的实施意见", Category.normative_document, "clerk", Status.awaiting_supplement, 45),
    ("关于城市道路挖掘修复收费标准的请示", Category.opinion_request, "clerk", Status.closed, 20),
    ("关于加强物业服务企业信用管理的办法", Category.normative_document, "clerk", Status.draft, 60),
]


def _materials(matter, submitter) -> None:
    from .matters import operations as mops
    draft = DRAFTS.get(matter.title, DRAFT)
    for kind in mops.required_kinds(matter.category):
        if kind.required:
            data, name = (docx_bytes(*draft), "送审稿.docx") if kind.is_draft else (PDF, f"{kind.name}.pdf")
            mops.upload(submitter, matter, kind, name, data)


def load_matters(users: dict) -> None:
    from .decisions.operations import DecisionFields, record_decision
    from .experts_pool.demo import consult_on_notice, draw_for_agreement
    from .matters import operations as mops
    from .review import operations as rops
    from . import rules
    office, director, reviewer = users["office"], users["director"], users["reviewer"]
    for title, category, who, goal, days in MATTERS:
        submitter = users[who]
        counterparty = "贵州青山农业发展有限公司" if category == Category.agreement else ""
        m = mops.create_matter(submitter, category, mops.MatterFields(
            title, "拟规范相关管理活动，明确各方权利义务。", "《城市道路管理条例》《贵州省城市市容和环境卫生管理条例》",
            rules.today() + timedelta(days=days), counterparty, submitter.display_name, "0851-8888 6666"))
        if category == Category.major_decision:  # 20 days of public comment, no reason stated: a finding
            from workflows.participation import Participation
            from .matters.participation import record_participation
            today = rules.today()
            record_participation(submitter, m, None, Participation(
                comment_published_on=today - timedelta(days=60), comment_closes_on=today - timedelta(days=40),
                hearing_on=today - timedelta(days=30), hearing_materials_on=today - timedelta(days=37)))
        if goal == Status.draft:
            continue
        _materials(m, submitter)
        head = users["depthead"] if who == "clerk" else submitter
        steps = [(submitter, Action.submit), (head, Action.approve), (office, Action.accept), (office, Action.forward)]
        for actor, action in steps:
            mops.transition(actor, m, action, m.version)
            if m.status == goal:
                break
        if m.status == goal:
            continue
        mops.assign_reviewer(director, m, m.version, reviewer)
        if goal == Status.awaiting_supplement:
            mops.transition(reviewer, m, Action.request_supplement, m.version,
                            reason="请补充征求意见汇总表及采纳情况说明")
            continue
        if goal == Status.bureau_review:
            if category == Category.agreement:  # expert pool (issue 8): advisers drawn, 王立新 invited
                draw_for_agreement(users, m)
            continue
        points = []
        if goal == Status.issued:
            consult_on_notice(users, m)  # expert pool (issue 8): advisers' opinions, one adopted, rated
            _decide_flags(reviewer, m)
            points = [rops.PointInput(p.clause, p.text, p.id) for p in m.opinion.points] + [
                rops.PointInput("第三条", "申请材料应当列明清单，不得要求提交法律法规规定以外的材料。")]
        conclusion = Conclusion.lawful_if_amended if goal == Status.issued else Conclusion.lawful
        findings = {c: (Finding.met, "") for c in Content}
        if conclusion is Conclusion.lawful_if_amended:
            findings[Content.content] = (Finding.partly_met, "第三条、第五条需修改完善。")
        rops.save_opinion(reviewer, m, m.version, conclusion, "经审查，该文件制定主体适格，程序基本完备，"
                          "部分条款需修改完善。", points, findings)
        rops.sign_off(director, m, m.version)
        rops.issue(reviewer, m, m.version)
        if goal == Status.issued:  # the revision resolves the fine's flag
            mops.upload(submitter, m, next(k for k in mops.required_kinds(m.category) if k.is_draft),
                        "送审稿（修改稿）.docx", docx_bytes(*REVISED_NOTICE))
        if goal == Status.closed:
            record_decision(office, DecisionFields("区政府第12次常务会议", rules.today(), title, category,
                                                   matter_id=m.id, outcome=DecisionOutcome.passed))
    # Two matters the bureau received a while ago, so the lists and pages show an overdue and a due-soon badge.
    for title, category, received in LATE_MATTERS:
        _received_by_bureau(users, title, category, received)
    record_decision(office, DecisionFields("区政府第12次常务会议", rules.today(), "关于调整城区停车收费的决定",
                                           Category.major_decision, users["clerk"].organisation_id,
                                           unreviewed_reason="会议临时动议，未提交合法性审核",
                                           outcome=DecisionOutcome.passed))


# (title, category, working days since the bureau received it): a normative document has 15, a major decision 7.
LATE_MATTERS = [
    ("关于加强城区夜间施工噪声管理的通知", Category.normative_document, 18),
    ("城区公共停车场建设运营方案", Category.major_decision, 6),
]


def _working_days_ago(n: int) -> date:
    from . import rules
    day, cal = rules.today(), rules.calendar()
    while n:
        day -= timedelta(days=1)
        n -= cal.is_workday(day)
    return day


def _received_by_bureau(users: dict, title: str, category: Category, received: int) -> None:
    from .matters import operations as mops
    from . import rules
    clerk, head, office = users["clerk"], users["depthead"], users["office"]
    m = mops.create_matter(clerk, category, mops.MatterFields(
        title, "拟规范相关管理活动。", "《中华人民共和国环境噪声污染防治法》", rules.today() + timedelta(days=60), "",
        clerk.display_name, "0851-8888 6666"))
    _materials(m, clerk)
    day = _working_days_ago(received)
    for actor, action in ((clerk, Action.submit), (head, Action.approve), (office, Action.accept),
                          (office, Action.forward)):
        mops.transition(actor, m, action, m.version, today=day)
    mops.assign_reviewer(users["director"], m, m.version, users["reviewer"])


def _decide_flags(reviewer, m) -> None:
    """The reviewer accepts the created fine as a point and dismisses the fee note, as the panel would."""
    from .clauses import operations as cops
    from .clauses.reading import latest_reading
    for f in latest_reading(m).flags:
        if f.refers:
            cops.dismiss(reviewer, f, f.version, "收费标准由价格主管部门依法核定，本条仅为援引，不另设收费。")
        else:
            cops.accept(reviewer, f, f.version)


def print_logins(echo) -> None:
    echo("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
    for username, display, org, roles in USERS:
        echo(f"  {username:<10} {display}（{org}，{'、'.join(ROLE_LABELS[r] for r in roles)}）")
