"""The ledger as clerks keep it in Excel (拟强制拆除房屋摸底台账, DESIGN.md §7): writing and reading.

Columns: 序号, 镇(街道), 项目名称, 拆除类型, 房屋坐落, 当事人, 建筑面积(㎡), 执法主体, 拟拆除时间, 已完成程序,
尚缺程序, 最早合法拆除日期, 督察函编号, 备注, under a title row naming the district, the ledger and the date.

已完成程序, 尚缺程序, 最早合法拆除日期 and 督察函编号 are the system's answer (the gate's, from the steps
recorded with their evidence, and the letters issued): written on export, never read on import, since a
spreadsheet cell is no evidence that a step was taken. The sheet is in Chinese whatever the reader's
language, as the ledger's format is. Row numbers in messages are the sheet's own, as the clerk sees them in
Excel or WPS.
"""
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from workflows.demolition import STEP_LABELS, TRACK_LABELS

from ..decisions.operations import find_department
from ..spreadsheets import cell_date, cell_text, read_table, write_table
from ..models import DemolitionCase
from .ledger import CaseAnswer
from .letter import letter_number
from .operations import CaseFields, ImportRow

COLUMNS = ["序号", "镇(街道)", "项目名称", "拆除类型", "房屋坐落", "当事人", "建筑面积(㎡)", "执法主体", "拟拆除时间",
           "已完成程序", "尚缺程序", "最早合法拆除日期", "督察函编号", "备注"]
COMPUTED_COLUMNS = ("已完成程序", "尚缺程序", "最早合法拆除日期", "督察函编号")
READ_COLUMNS = [c for c in COLUMNS if c != "序号" and c not in COMPUTED_COLUMNS]
WIDTHS = [6, 14, 28, 14, 30, 18, 12, 20, 13, 40, 50, 16, 20, 24]

_TRACK_BY_LABEL = {label: track for track, label in TRACK_LABELS.items()}
_PARTY_SEPARATORS = re.compile(r"[、，,;；\n]+")


def _header(name: str) -> str:
    """A header as written by hand: full-width brackets and unit variants are the same column."""
    name = name.replace("（", "(").replace("）", ")")
    return "建筑面积(㎡)" if name.startswith("建筑面积") else name


def read_rows(actor, data: bytes) -> list[ImportRow]:
    """Every non-empty data row with its fields, or its problems by column; SheetUnreadable for the file."""
    return [_parse(actor, r, cells)
            for r, cells in read_table(data, COLUMNS, ("项目名称", "房屋坐落"), READ_COLUMNS, normalise=_header)]


def _parse(actor, line: int, cells: dict) -> ImportRow:
    row = ImportRow(line)
    p = row.problems
    org_name = cell_text(cells["镇(街道)"])
    org = find_department(actor, org_name) if org_name else None
    if not org_name:
        p.append(("镇(街道)", _("不能为空")))
    elif org is None:
        p.append(("镇(街道)", _("“%(v)s”不是本区的镇（街道）或部门（请填写全称或简称）", v=org_name)))
    label = cell_text(cells["拆除类型"]).replace(" ", "")
    track = _TRACK_BY_LABEL.get(label)
    if track is None:
        p.append(("拆除类型", _("“%(v)s”不正确，应为：%(opts)s", v=label, opts="、".join(TRACK_LABELS.values()))
                  if label else _("不能为空")))
    area = None
    raw_area = cell_text(cells["建筑面积(㎡)"])
    if raw_area:
        try:
            area = Decimal(raw_area.replace(",", ""))
            if not area.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            p.append(("建筑面积(㎡)", _("“%(v)s”不是数字", v=raw_area)))
            area = None
    planned = None
    if cell_text(cells["拟拆除时间"]):
        try:
            planned = cell_date(cells["拟拆除时间"])
        except ValueError:
            p.append(("拟拆除时间", _("“%(v)s”格式不正确，应如 2026-11-25", v=cell_text(cells["拟拆除时间"]))))
    parties = [n.strip() for n in _PARTY_SEPARATORS.split(cell_text(cells["当事人"])) if n.strip()]
    if not p:
        row.fields = CaseFields(
            project=cell_text(cells["项目名称"]), track=track, address=cell_text(cells["房屋坐落"]), parties=parties,
            building_area=area, enforcing_body=cell_text(cells["执法主体"]), planned_on=planned,
            note=cell_text(cells["备注"]), organisation_id=org.id)
    return row


# --- writing ------------------------------------------------------------------------------------------------

def _done(case: DemolitionCase, answer: CaseAnswer) -> str:
    days = {}
    for s in case.steps:  # in date order: the latest of a kind wins, as for the gate
        days[s.kind] = s.done_on
    return "、".join(f"{STEP_LABELS[k]}（{days[k].isoformat()}）" if k in days else STEP_LABELS[k]
                    for k in answer.gate.done)


def _missing(case: DemolitionCase, answer: CaseAnswer) -> str:
    texts = [m.text for m in answer.gate.missing]
    if case.executed_on is not None:
        verdict = "合法" if case.executed_lawfully else "违法：" + case.execution_problems
        return f"已于{case.executed_on.isoformat()}实施拆除（{verdict}）"
    return "；".join(texts)


def _earliest(answer: CaseAnswer) -> date | str:
    if answer.gate.earliest_lawful_date is not None:
        return answer.gate.earliest_lawful_date
    return f"尚不能确定（不早于{answer.gate.lower_bound.isoformat()}）"


def ledger_row(n: int, case: DemolitionCase, answer: CaseAnswer) -> list:
    return [n, case.organisation.name, case.project, TRACK_LABELS[case.track], case.address,
            "、".join(case.party_names), case.building_area, case.enforcing_body, case.planned_on,
            _done(case, answer), _missing(case, answer), _earliest(answer),
            "、".join(letter_number(letter) for letter in case.letters), case.note]


def build_workbook(title: str, rows: list[list]) -> bytes:
    """The ledger as kept by hand: a merged title row, the Chinese header, one row per house."""
    formats = {"拟拆除时间": "yyyy-mm-dd", "最早合法拆除日期": "yyyy-mm-dd", "建筑面积(㎡)": "0.00"}
    return write_table(title, "拟强制拆除房屋摸底台账", COLUMNS, WIDTHS, rows, formats, wrap=True)
