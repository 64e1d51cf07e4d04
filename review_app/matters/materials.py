"""The starting list of materials per category, seeded by migration 0002 and by the test fixtures."""
import sqlalchemy as sa

from workflows.text import N_

from ..models import MaterialKind

SIGNED_AGREEMENT = "signed_agreement"  # filed after signing, through its own form

# (category, code, name, required, is_draft): Decree 713 Art. 26 (draft, legal basis, procedures followed);
# 国办发〔2018〕115号 (the drafter's own legality opinion, consultation); local agreement practice
# (counterparty qualification and capacity).
DEFAULT_MATERIALS = [
    ("major_decision", "draft", N_("决策草案"), True, True),
    ("major_decision", "drafting_note", N_("起草说明"), True, False),
    ("major_decision", "legal_basis", N_("制定依据（法律法规政策依据）"), True, False),
    ("major_decision", "procedure", N_("履行公众参与、专家论证、风险评估等法定程序情况"), True, False),
    ("major_decision", "risk_assessment", N_("风险评估报告"), True, False),
    ("major_decision", "expert_argument", N_("专家论证意见"), False, False),
    ("normative_document", "draft", N_("文件送审稿"), True, True),
    ("normative_document", "drafting_note", N_("起草说明"), True, False),
    ("normative_document", "legal_basis", N_("制定依据"), True, False),
    ("normative_document", "consultation", N_("征求意见及采纳情况"), True, False),
    ("normative_document", "drafter_legal_opinion", N_("起草单位合法性审核意见"), True, False),
    ("normative_document", "fair_competition", N_("公平竞争审查意见"), False, False),
    ("agreement", "draft", N_("协议文本"), True, True),
    ("agreement", "counterparty_qualification", N_("相对方主体资格及资信证明"), True, False),
    ("agreement", "approval_basis", N_("立项审批或决策依据"), True, False),
    ("agreement", "risk_assessment", N_("风险评估材料"), False, False),
    # Filed after signing, within 5 working days (local practice, DESIGN.md §3); migration 0008 adds it.
    ("agreement", "signed_agreement", N_("已签署的协议文本（签署后备案）"), False, False),
    ("opinion_request", "draft", N_("法律意见征询函"), True, True),
    ("opinion_request", "background", N_("相关背景材料"), False, False),
]


def default_material_rows() -> list[dict]:
    return [dict(category=c, code=code, name=name, required=req, is_draft=draft, sort=i, active=True)
            for i, (c, code, name, req, draft) in enumerate(DEFAULT_MATERIALS)]


def seed_materials(session) -> None:
    """Insert the starting list into an empty table (fixtures build the schema without migrations)."""
    if not session.scalar(sa.select(sa.func.count()).select_from(MaterialKind)):
        session.execute(sa.insert(MaterialKind), default_material_rows())
