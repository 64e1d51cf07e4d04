"""The starting list of materials per category, seeded by migration 0002 and by the test fixtures."""
import sqlalchemy as sa

from ..models import MaterialKind

# (category, code, name, required, is_draft): Decree 713 Art. 26 (draft, legal basis, procedures followed);
# 国办发〔2018〕115号 (the drafter's own legality opinion, consultation); local agreement practice
# (counterparty qualification and capacity).
DEFAULT_MATERIALS = [
    ("major_decision", "draft", "决策草案", True, True),
    ("major_decision", "drafting_note", "起草说明", True, False),
    ("major_decision", "legal_basis", "制定依据（法律法规政策依据）", True, False),
    ("major_decision", "procedure", "履行公众参与、专家论证、风险评估等法定程序情况", True, False),
    ("major_decision", "risk_assessment", "风险评估报告", True, False),
    ("major_decision", "expert_argument", "专家论证意见", False, False),
    ("normative_document", "draft", "文件送审稿", True, True),
    ("normative_document", "drafting_note", "起草说明", True, False),
    ("normative_document", "legal_basis", "制定依据", True, False),
    ("normative_document", "consultation", "征求意见及采纳情况", True, False),
    ("normative_document", "drafter_legal_opinion", "起草单位合法性审核意见", True, False),
    ("normative_document", "fair_competition", "公平竞争审查意见", False, False),
    ("agreement", "draft", "协议文本", True, True),
    ("agreement", "counterparty_qualification", "相对方主体资格及资信证明", True, False),
    ("agreement", "approval_basis", "立项审批或决策依据", True, False),
    ("agreement", "risk_assessment", "风险评估材料", False, False),
    ("opinion_request", "draft", "法律意见征询函", True, True),
    ("opinion_request", "background", "相关背景材料", False, False),
]


def default_material_rows() -> list[dict]:
    return [dict(category=c, code=code, name=name, required=req, is_draft=draft, sort=i, active=True)
            for i, (c, code, name, req, draft) in enumerate(DEFAULT_MATERIALS)]


def seed_materials(session) -> None:
    """Insert the starting list into an empty table (fixtures build the schema without migrations)."""
    if not session.scalar(sa.select(sa.func.count()).select_from(MaterialKind)):
        session.execute(sa.insert(MaterialKind), default_material_rows())
