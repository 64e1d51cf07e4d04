"""The decision list spreadsheet (决策事项登记 / 年度重大行政决策事项目录, DESIGN.md §7): reading and writing.

Columns: 序号, 会议名称, 会议日期, 议题名称, 类别, 承办单位, 是否经合法性审核, 审核意见书编号, 未经审核的原因, and
决策结果 (optional: a catalogue of decisions planned for the year, Decree 713 Art. 3, has none yet).
A title row (district, list name, date) may sit above the header; the header row is found by its names.
Row numbers in messages are the sheet's own row numbers, as the clerk sees them in Excel or WPS.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _

from workflows.review import CATEGORY_LABELS, DECISION_OUTCOME_LABELS, Category

from ..spreadsheets import cell_date, cell_text, read_table, write_table
from .operations import DecisionFields, find_department

COLUMNS = ["序号", "会议名称", "会议日期", "议题名称", "类别", "承办单位", "是否经合法性审核", "审核意见书编号",
           "未经审核的原因", "决策结果"]
OPTIONAL = {"序号", "决策结果"}
WIDTHS = [6, 24, 12, 40, 18, 20, 10, 20, 36, 12]
_OUTCOME_BY_LABEL = {label: outcome for outcome, label in DECISION_OUTCOME_LABELS.items()}

_CATEGORY_BY_LABEL = {label: c for c, label in CATEGORY_LABELS.items()}
_CATEGORY_BY_LABEL.update({
    "重点项目协议": Category.agreement, "行政协议": Category.agreement, "规范性文件": Category.normative_document,
    "法律意见征询": Category.opinion_request,
})
_YES = {"是", "已审核", "经审核"}
_NO = {"否", "未审核", "未经审核"}


@dataclass
class ImportRow:
    line: int
    fields: DecisionFields | None = None
    opinion_number: str = ""
    problems: list[str] = field(default_factory=list)


def read_rows(actor, data: bytes) -> list[ImportRow]:
    """Every non-empty data row with its fields or its problems; SheetUnreadable for the whole file."""
    required = [c for c in COLUMNS if c not in OPTIONAL]
    content = [c for c in COLUMNS if c != "序号"]
    return [_parse(actor, r, cells)
            for r, cells in read_table(data, COLUMNS, ("会议名称", "议题名称"), required, content)]


def _parse(actor, line: int, cells: dict) -> ImportRow:
    row = ImportRow(line)
    p = row.problems
    meeting_name, title = cell_text(cells["会议名称"]), cell_text(cells["议题名称"])
    if not meeting_name:
        p.append(_("会议名称为空"))
    if not title:
        p.append(_("议题名称为空"))
    meeting_date = None
    if not cell_text(cells["会议日期"]):
        p.append(_("会议日期为空"))
    else:
        try:
            meeting_date = cell_date(cells["会议日期"])
        except ValueError:
            p.append(_("会议日期“%(v)s”格式不正确，应如 2026-11-25", v=cell_text(cells["会议日期"])))
    category = None
    label = cell_text(cells["类别"])
    if not label:
        p.append(_("类别为空"))
    else:
        category = _CATEGORY_BY_LABEL.get(label.replace(" ", ""))
        if category is None:
            p.append(_("类别“%(v)s”不正确，应为：%(opts)s", v=label, opts="、".join(CATEGORY_LABELS.values())))
    department_id = None
    dept = cell_text(cells["承办单位"])
    if dept:
        org = find_department(actor, dept)
        if org is None:
            p.append(_("承办单位“%(v)s”不存在（请填写单位全称或简称）", v=dept))
        else:
            department_id = org.id
    reviewed = cell_text(cells["是否经合法性审核"])
    number, reason = cell_text(cells["审核意见书编号"]), cell_text(cells["未经审核的原因"])
    if reviewed in _YES:
        if not number:
            p.append(_("已经合法性审核的，须填写审核意见书编号"))
        row.opinion_number = number
        reason = ""
    elif reviewed in _NO:
        if not reason:
            p.append(_("未经合法性审核的，须填写未经审核的原因"))
        if number:
            p.append(_("未经合法性审核的，不应填写审核意见书编号"))
    else:
        p.append(_("“是否经合法性审核”应填写“是”或“否”"))
    outcome = None
    outcome_label = cell_text(cells["决策结果"])
    if outcome_label:
        outcome = _OUTCOME_BY_LABEL.get(outcome_label.replace(" ", ""))
        if outcome is None:
            p.append(_("决策结果“%(v)s”不正确，应为：%(opts)s或留空（尚未决策）", v=outcome_label,
                       opts="、".join(DECISION_OUTCOME_LABELS.values())))
    if not p:
        row.fields = DecisionFields(meeting_name=meeting_name, meeting_date=meeting_date, title=title,
                                    category=category, department_id=department_id, unreviewed_reason=reason,
                                    outcome=outcome)
    return row


def build_workbook(title: str, rows: list[list]) -> bytes:
    """The list as clerks keep it: a merged title row, the Chinese header, one row per decision."""
    return write_table(title, "决策事项登记", COLUMNS, WIDTHS, rows, {"会议日期": "yyyy-mm-dd"})
