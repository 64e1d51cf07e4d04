"""Demo data for `make run`: a fictional district with its offices, people and expert pool."""
from datetime import date

import sqlalchemy as sa

from workflows.review import Role

from .admin.operations import create_organisation, create_user
from .experts_admin.operations import add_expert
from .extensions import db
from .models import ExpertKind, Organisation, OrgKind

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
    """Load once; returns False when organisations already exist."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Organisation)):
        return False
    orgs = {short: create_organisation(name, short, kind) for name, short, kind in ORGANISATIONS}
    term = (date(2025, 1, 1), date(2027, 12, 31))
    experts = {}
    for i, firm in enumerate(FIRMS, start=1):
        experts[firm] = add_expert(ExpertKind.firm, f"贵州{firm}律师事务所", f"91520100MA6DEMO{i:03d}",
                                   "、".join(SPECIALTIES[i % 8:i % 8 + 2]), *term, contact="主任")
    for i, (name, firm) in enumerate(LAWYERS, start=1):
        experts[name] = add_expert(ExpertKind.lawyer, name, f"1520120{i:02d}1010{i:05d}",
                                   SPECIALTIES[i % 8], *term, firm_name=f"贵州{firm}律师事务所")
    for username, display, org, roles in USERS:
        expert_id = experts[display].id if Role.adviser in roles else None
        create_user(username, display, orgs[org].id, set(roles), DEMO_PASSWORD, expert_id=expert_id)
    return True


def print_logins(echo) -> None:
    echo("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
    for username, display, org, roles in USERS:
        echo(f"  {username:<10} {display}（{org}，{'、'.join(r.value for r in roles)}）")
