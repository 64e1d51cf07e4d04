"""The spreadsheets clerks keep in Excel or WPS (DESIGN.md §7), read and written one way for every list: a
title row (district, list, date) above a Chinese header, one row per item, dates as 2026-11-25.

Reading finds the header row by the names that mark it (a title may sit above it), refuses the whole file when
it cannot be read, and gives each non-empty row with its sheet row number, as the clerk sees it.
"""
import io
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 5000
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class SheetUnreadable(ValueError):
    """The file as a whole cannot be read (not a workbook, no header, too many rows)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", runs of white space as one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def cell_date(value) -> date:
    """An Excel date, or text such as 2026-11-25, 2026/11/25 or 2026年11月25日; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE_RE.match(cell_text(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
    raise ValueError


def _header(ws, columns: Sequence[str], marks: Sequence[str], required: Sequence[str],
            normalise: Callable[[str], str]) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
        names = [normalise(re.sub(r"\s+", "", cell_text(v))) for v in row]
        if all(m in names for m in marks):
            found = {n: i for i, n in enumerate(names) if n in columns}
            missing = [c for c in required if c not in found]
            if missing:
                raise SheetUnreadable(_("第%(n)d行表头缺少列：%(cols)s", n=r, cols="、".join(missing)))
            return r, found
    raise SheetUnreadable(_("未找到表头行（应包含：%(cols)s）", cols="、".join(columns)))


def read_table(data: bytes, columns: Sequence[str], marks: Sequence[str], required: Sequence[str],
               content: Sequence[str] | None = None,
               normalise: Callable[[str], str] = lambda name: name) -> list[tuple[int, dict]]:
    """(sheet row number, {column: value}) for every row below the header with text in a `content` column
    (the required ones unless given); every column is a key, None where the sheet does not have it."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign workbook
        raise SheetUnreadable(_("无法读取该 Excel 文件，请确认是 .xlsx 格式")) from None
    try:
        header_row, cols = _header(wb.worksheets[0], columns, marks, required, normalise)
        rows = []
        first = header_row + 1
        for r, values in enumerate(wb.worksheets[0].iter_rows(min_row=first, values_only=True), start=first):
            cells = dict.fromkeys(columns)
            cells.update({name: values[i] if i < len(values) else None for name, i in cols.items()})
            if not any(cell_text(cells[c]) for c in content or required):
                continue
            if len(rows) >= MAX_ROWS:
                raise SheetUnreadable(_("一次最多导入 %(n)d 行", n=MAX_ROWS))
            rows.append((r, cells))
        return rows
    finally:
        wb.close()


def write_table(title: str, sheet: str, columns: Sequence[str], widths: Sequence[int], rows: list[list],
                formats: dict[str, str], wrap: bool = False) -> bytes:
    """The list as kept by hand: a merged title row, the bold Chinese header, one row per item; `formats`
    gives a column's number format (dates as yyyy-mm-dd); `wrap` wraps long cells, top-aligned."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(list(columns))
    for c in range(1, len(columns) + 1):
        ws.cell(2, c).font = Font(bold=True)
        ws.cell(2, c).alignment = Alignment(horizontal="center", wrap_text=wrap)
    for values in rows:
        ws.append(values)
        r = ws.max_row
        for name, number_format in formats.items():
            ws.cell(r, list(columns).index(name) + 1).number_format = number_format
        if wrap:
            for c in range(1, len(columns) + 1):
                ws.cell(r, c).alignment = Alignment(vertical="top", wrap_text=True)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
