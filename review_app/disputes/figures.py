"""The figures of "two down, one kept" from the rows a reader may see: rates per unit and period
(workflows.figures, formulas from workflows.rates), the quarterly bulletin as .docx and .xlsx
(workflows.summaries), the month-end ledger, the annual sentences, and the risk predicted at review against
what later happened (workflows.risk.hindsight).

The bulletin and the ledger are official Chinese documents whatever the reader's interface language, like
the opinion letter."""
import io
from dataclasses import dataclass

import sqlalchemy as sa
from openpyxl import load_workbook

from workflows.figures import QUARTER_NAMES, UnitFigures
from workflows.litigation import LATE_LABELS, LateItem
from workflows.text import N_
from workflows.risk.hindsight import ChallengeRow, outcome_of_lawsuit, outcome_of_reconsideration

from ..extensions import db
from ..letters.official_docx import OfficialLetter, build_official_docx
from ..models import District, DisputeCase, Lawsuit, ReconsiderationCase, RiskAssessment, User
from ..spreadsheets import write_table
from . import policy
from .facts import dispute_facts, lawsuit_facts, reconsideration_facts
from .operations import litigation_limits

# Marked for translation: the page shows them in the reader's language, the .xlsx in Chinese.
FIGURE_COLUMNS = [N_("单位"), N_("新收行政诉讼"), N_("审结行政诉讼"), N_("败诉"), N_("败诉率"), N_("负责人出庭应诉率"),
                  N_("诉中化解"), N_("审结行政复议"), N_("复议纠错率"), N_("复议化解率"), N_("协调化解成功率"),
                  N_("诉前化解")]
TOTAL = N_("合计")


@dataclass(frozen=True)
class Records:
    lawsuits: list
    reconsiderations: list
    disputes: list


def rows_of(user: User):
    """The rows the reader may see (the bureau: its district's; a body: its own)."""
    lawsuits = db.session.scalars(sa.select(Lawsuit).where(policy.visible(user))).all()
    recons = db.session.scalars(
        sa.select(ReconsiderationCase).where(policy.reconsiderations_visible(user))).all()
    disputes = db.session.scalars(sa.select(DisputeCase).where(policy.disputes_visible(user))).all()
    return lawsuits, recons, disputes


def records(user: User) -> Records:
    lawsuits, recons, disputes = rows_of(user)
    return Records([lawsuit_facts(c) for c in lawsuits], [reconsideration_facts(c) for c in recons],
                   [dispute_facts(d) for d in disputes])


def late_limits(user: User):
    return litigation_limits(user.district_id)


def figure_cells(f: UnitFigures) -> list:
    """One row of the table as the bulletin prints it: counts, and each rate as "30%（42/140）"."""
    def rate(r):
        return f"{r.text}（{r.numerator}/{r.denominator}）" if r.denominator else "—"
    return [f.unit or TOTAL, f.lawsuits_received, f.loss_rate.denominator, f.loss_rate.numerator,
            rate(f.loss_rate), rate(f.head_appearance_rate), f.in_suit_resolution_rate.numerator,
            f.correction_rate.denominator, rate(f.correction_rate), rate(f.resolution_rate),
            rate(f.centre_resolution_rate), f.pre_suit_resolutions]


def _late_line(item: LateItem) -> str:
    return f"{item.unit}（{item.case_no}）：{item.message}"


def bulletin_docx(b, district: District) -> bytes:
    total = b.total
    overview = (f"本季度全区新收行政诉讼案件{total.lawsuits_received}件，审结{total.loss_rate.denominator}件，"
                f"败诉{total.loss_rate.numerator}件，败诉率{total.loss_rate.text}；负责人出庭应诉率"
                f"{total.head_appearance_rate.text}；诉中化解{total.in_suit_resolution_rate.numerator}件；"
                f"审结行政复议案件{total.correction_rate.denominator}件，纠错率{total.correction_rate.text}，"
                f"化解率{total.resolution_rate.text}；行政争议协调化解中心诉前化解{total.pre_suit_resolutions}件。")
    units = [f"{f.unit}：新收行政诉讼{f.lawsuits_received}件，审结{f.loss_rate.denominator}件，"
             f"败诉{f.loss_rate.numerator}件（败诉率{f.loss_rate.text}），负责人出庭应诉率"
             f"{f.head_appearance_rate.text}；审结行政复议{f.correction_rate.denominator}件，"
             f"被纠错{f.correction_rate.numerator}件。" for f in b.rows]
    notice = []
    sections = ((LATE_LABELS[k], items) for k, items in (
        ("late_filing", b.late_filings), ("late_defence", b.late_defences),
        ("missed_appearance", b.missed_appearances), ("late_loss_report", b.late_loss_reports)))
    for i, (label, items) in enumerate(sections):
        notice.append(f"（{'一二三四'[i]}）{label}：" + ("无。" if not items else f"{len(items)}件。"))
        notice += [_late_line(item) for item in items]
    body = ("一、总体情况", overview, "二、各单位情况", *units, "三、专项通报", *notice)
    bureau = f"{district.name}司法局"
    return build_official_docx(OfficialLetter(
        issuer=bureau, number="", title=str(b.title), addressee="各镇（街道）、区直各部门", body=body,
        signer=bureau, date=b.as_of))


def bulletin_xlsx(b, district: District) -> bytes:
    title = f"{district.name}{b.title}（截至{b.as_of.isoformat()}）"
    data = write_table(title, "各单位情况", FIGURE_COLUMNS, [24] + [12] * (len(FIGURE_COLUMNS) - 1),
                       [figure_cells(f) for f in (*b.rows, b.total)], {})
    wb = load_workbook(io.BytesIO(data))
    ws = wb.create_sheet("专项通报")
    ws.append(["类别", "单位", "案号", "情况", "依据"])
    for items in (b.late_filings, b.late_defences, b.missed_appearances, b.late_loss_reports):
        for item in items:
            ws.append([LATE_LABELS[item.kind], item.unit, item.case_no, str(item.message), item.basis])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bulletin_name(b) -> str:
    return f"{b.period.year}年{QUARTER_NAMES[b.period.quarter]}行政应诉工作情况通报"


def hindsight_rows(user: User) -> list[ChallengeRow]:
    """Each challenge (lawsuit or reconsideration) of an act whose matter was assessed at review, with the
    level assessed, the year, area and department of the assessment, and how the challenge ended."""
    assessments = {a.matter_id: a for a in db.session.scalars(sa.select(RiskAssessment).where(
        RiskAssessment.district_id == user.district_id))}
    lawsuits, recons, _disputes = rows_of(user)
    out = []
    for c in lawsuits:
        a = assessments.get(c.matter_id)
        if a is not None:
            out.append(ChallengeRow(c.matter_id, a.level, a.assessed_at.year, a.area.value,
                                    a.matter.department.name, outcome_of_lawsuit(lawsuit_facts(c)),
                                    tuple(c.loss_grounds or ())))
    for c in recons:
        a = assessments.get(c.matter_id)
        if a is not None:
            out.append(ChallengeRow(c.matter_id, a.level, a.assessed_at.year, a.area.value,
                                    a.matter.department.name,
                                    outcome_of_reconsideration(reconsideration_facts(c))))
    return out
