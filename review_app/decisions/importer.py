"""The decision list spreadsheet (决策事项登记 / 年度重大行政决策事项目录, DESIGN.md §7): reading and writing.

Columns: 序号, 会议名称, 会议日期, 议题名称, 类别, 承办单位, 是否经合法性审核, 审核意见书编号, 未经审核的原因, and
决策结果 (optional: a catalogue of decisions planned for the year, Decree 713 Art. 3, has none yet).
A title row (district, list name, date) may sit above the header; the header row is found by its names.
Row numbers in messages are the sheet's own row numbers, as the clerk sees them in Excel or WPS.
"""
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from workflows.review import CATEGORY_LABELS, DECISION_OUTCOME_LABELS, Category

from .operations import DecisionFields, find_department

COLUMNS = ["序号", "会议名称", "会议日期", "议题名称", "类别", "承办单位", "是否经合法性审核", "审核意见书编号",
           "未经审核的原因", "决策结果"]
OPTIONAL = {"序号", "决策结果"}
WIDTHS = [6, 24, 12, 40, 18, 20, 10, 20, 36, 12]
_OUTCOME_BY_LABEL = {label: outcome for outcome, label in DECISION_OUTCOME_LABELS.items()}
HEADER_SEARCH_ROWS = 10
MAX_ROWS = 5000

_CATEGORY_BY_LABEL = {label: c for c, label in CATEGORY_LABELS.items()}
_CATEGORY_BY_LABEL.update({
    "重点项目协议": Category.agreement, "行政协议": Category.agreement, "规范性文件": Category.normative_document,
    "法律意见征询": Category.opinion_request,
})
_YES = {"是", "已审核", "经审核"}
_NO = {"否", "未审核", "未经审核"}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class SheetUnreadable(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ImportRow:
    line: int
    fields: DecisionFields | None = None
    opinion_number: str = ""
    problems: list[str] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE_RE.match(_text(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise ValueError


def _header_map(ws) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
        names = [re.sub(r"\s+", "", _text(v)) for v in row]
        if "会议名称" in names and "议题名称" in names:
            found = {n: i for i, n in enumerate(names) if n in COLUMNS}
            missing = [c for c in COLUMNS if c not in found and c not in OPTIONAL]
            if missing:
                raise SheetUnreadable(_("第%(n)d行表头缺少列：%(cols)s", n=r, cols="、".join(missing)))
            return r, found
    raise SheetUnreadable(_("未找到表头行（应包含：%(cols)s）", cols="、".join(COLUMNS)))


def read_rows(actor, data: bytes) -> list[ImportRow]:
    """Every non-empty data row with its fields or its problems; SheetUnreadable for the whole file."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign workbook
        raise SheetUnreadable(_("无法读取该 Excel 文件，请确认是 .xlsx 格式")) from None
    try:
        ws = wb.worksheets[0]
        header_row, cols = _header_map(ws)
        rows = []
        first = header_row + 1
        for r, values in enumerate(ws.iter_rows(min_row=first, values_only=True), start=first):
            cells = dict.fromkeys(COLUMNS)
            cells.update({name: values[i] if i < len(values) else None for name, i in cols.items()})
            if not any(_text(cells[c]) for c in COLUMNS if c in cells and c != "序号"):
                continue
            if len(rows) >= MAX_ROWS:
                raise SheetUnreadable(_("一次最多导入 %(n)d 行", n=MAX_ROWS))
            rows.append(_parse(actor, r, cells))
        return rows
    finally:
        wb.close()


def _parse(actor, line: int, cells: dict) -> ImportRow:
    row = ImportRow(line)
    p = row.problems
    meeting_name, title = _text(cells["会议名称"]), _text(cells["议题名称"])
    if not meeting_name:
        p.append(_("会议名称为空"))
    if not title:
        p.append(_("议题名称为空"))
    meeting_date = None
    if not _text(cells["会议日期"]):
        p.append(_("会议日期为空"))
    else:
        try:
            meeting_date = _date(cells["会议日期"])
        except ValueError:
            p.append(_("会议日期“%(v)s”格式不正确，应如 2026-11-25", v=_text(cells["会议日期"])))
    category = None
    label = _text(cells["类别"])
    if not label:
        p.append(_("类别为空"))
    else:
        category = _CATEGORY_BY_LABEL.get(label.replace(" ", ""))
        if category is None:
            p.append(_("类别“%(v)s”不正确，应为：%(opts)s", v=label, opts="、".join(CATEGORY_LABELS.values())))
    department_id = None
    dept = _text(cells["承办单位"])
    if dept:
        org = find_department(actor, dept)
        if org is None:
            p.append(_("承办单位“%(v)s”不存在（请填写单位全称或简称）", v=dept))
        else:
            department_id = org.id
    reviewed = _text(cells["是否经合法性审核"])
    number, reason = _text(cells["审核意见书编号"]), _text(cells["未经审核的原因"])
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
    outcome_label = _text(cells["决策结果"])
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
    wb = Workbook()
    ws = wb.active
    ws.title = "决策事项登记"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(COLUMNS)
    for c in range(1, len(COLUMNS) + 1):
        ws.cell(2, c).font = Font(bold=True)
        ws.cell(2, c).alignment = Alignment(horizontal="center")
    for values in rows:
        ws.append(values)
        ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
