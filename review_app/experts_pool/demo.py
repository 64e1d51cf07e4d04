"""The demo's expert pool (`make run`), so that every page has something to show:
- related parties: 正衡 represented the agreement's counterparty (so it and its lawyer are excluded from that
  draw), 王立新 advises the street vendors' association named by the notice (so he and his firm 明法 are
  excluded from the notice's draw);
- the notice (issued): advisers drawn, both accepted and submitted, one comment pulled into the bureau's
  points, both rated — the ratings history, and the letter names them;
- the agreement at the bureau: advisers drawn; 王立新 (login `adviser`) has the invitation to accept.
The draws are real draws with fresh seeds: who is picked follows the rules (specialty, load, last assignment),
which the data above makes come out the same every time.
"""
import sqlalchemy as sa

from experts.verify_draw import PartyRole, RelationKind
from workflows.review import Action
from workflows.roles import Role

from ..admin.operations import create_user
from ..experts_admin.operations import add_related_party
from ..extensions import db
from ..matters import operations as mops
from ..models import Assignment, Expert
from . import operations as ops
from . import opinions

SPECIALTY = "土地与房屋征收"
VENDORS = "城区个体工商户协会"
# Advisers' accounts for the two firms that answer the notice's draw (the demo's `adviser` is 王立新).
FIRM_LOGINS = (("hongde", "贵州弘德律师事务所"), ("zhiyuan", "贵州致远律师事务所"))


def _expert(name: str) -> Expert:
    return db.session.scalar(sa.select(Expert).where(Expert.name == name))


def load_registers(users: dict, password: str) -> None:
    """Related parties and the firms' adviser accounts; before the matters."""
    from datetime import date
    add_related_party(None, _expert("贵州正衡律师事务所"), RelationKind.client, "贵州青山农业发展有限公司",
                      date(2022, 3, 1), date(2024, 6, 30))
    add_related_party(None, _expert("王立新"), RelationKind.client, VENDORS, date(2025, 1, 1), None)
    office = users["adviser"].organisation_id
    for username, firm in FIRM_LOGINS:
        users[username] = create_user(None, username, firm, office, {Role.adviser}, password,
                                      expert_id=_expert(firm).id)


def consult_on_notice(users: dict, m) -> None:
    """The issued notice's consultation, while the bureau reviews it: drawn, accepted, written, one comment
    adopted, advisers done, rated."""
    reviewer = users["reviewer"]
    ops.set_matter_parties(reviewer, m, [(VENDORS, PartyRole.affected)])
    row = ops.draw_advisers(reviewer, m, 2, SPECIALTY)
    texts = {"贵州弘德律师事务所": ("该文件总体合法，建议完善处罚条款。", "第五条", "罚款幅度缺乏上位法依据，建议改为依照《城市道路管理条例》处理。", 92),
             "贵州致远律师事务所": ("原则同意，建议精简申请材料。", "第三条", "“无违法犯罪记录证明”无法律依据，建议删除。", 78)}
    by_expert = {u.expert_id: u for u in users.values() if u.expert_id}
    rated = []
    for a in db.session.scalars(sa.select(Assignment).where(Assignment.draw_id == row.id)):
        adviser = by_expert[a.expert_id]
        overall, clause, text, score = texts.get(a.expert.name, ("原则同意。", "第二条", "建议明确适用范围。", 85))
        ops.accept(adviser, a, a.version, no_conflict=True)
        opinions.save(adviser, a, None, overall, "", "《城市道路管理条例》第三十一条",
                      [opinions.CommentInput(clause, text)], submit=True)
        rated.append((a, score))
    opinions.adopt_comment(reviewer, rated[0][0].opinion.comments[0])
    mops.transition(reviewer, m, Action.advisers_done, m.version)
    for a, score in rated:
        opinions.rate(reviewer, a, 95, score, 90 if a.opinion.comments[0].point_id else 60)


def draw_for_agreement(users: dict, m) -> None:
    """The agreement at the bureau: its parties, and two advisers drawn and invited (王立新 among them)."""
    ops.set_matter_parties(users["reviewer"], m, [("贵州青山农业发展有限公司", PartyRole.counterparty),
                                                  ("青山镇农贸市场经营户", PartyRole.affected)])
    ops.draw_advisers(users["reviewer"], m, 2, SPECIALTY)
