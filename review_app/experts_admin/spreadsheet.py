"""The roster as the bureau keeps it in Excel (法律顾问专家库名册, DESIGN.md §7): writing and reading.

Columns: 序号, 类别 (律师事务所 / 律师), 名称或姓名, 所属律所, 执业证号或统一社会信用代码, 专业领域, 聘期起, 聘期止,
状态, 联系人, 联系电话, 备注, under a title row naming the district, the roster and the date. An import adds
members in service (在聘); suspending or exiting one needs a written reason and is done on its page. Row numbers
in messages are the sheet's own, as the clerk sees them in Excel or WPS.
"""
import re

from flask_babel import gettext as _

from ..models import Expert, ExpertKind, ExpertStatus
from ..spreadsheets import cell_date, cell_text, read_table, write_table
from .operations import ImportRow, MemberFields

COLUMNS = ["序号", "类别", "名称或姓名", "所属律所", "执业证号或统一社会信用代码", "专业领域", "聘期起", "聘期止", "状态",
           "联系人", "联系电话", "备注"]
REQUIRED = ["类别", "名称或姓名", "执业证号或统一社会信用代码", "聘期起", "聘期止"]
WIDTHS = [6, 12, 28, 28, 26, 30, 12, 12, 8, 10, 16, 24]
KIND_LABELS = {ExpertKind.firm: "律师事务所", ExpertKind.lawyer: "律师"}
STATUS_LABELS = {ExpertStatus.active: "在聘", ExpertStatus.suspended: "暂停", ExpertStatus.exited: "退出"}
_KIND_BY_LABEL = {label: kind for kind, label in KIND_LABELS.items()}
_SEPARATORS = re.compile(r"[、，,;；\n]+")


def _header(name: str) -> str:
    """执业证号 or 统一社会信用代码 alone, as clerks shorten it, is the same column."""
    return "执业证号或统一社会信用代码" if name in ("执业证号", "统一社会信用代码", "执业证号/统一社会信用代码") else name


def read_rows(data: bytes) -> list[ImportRow]:
    """Every non-empty data row with its fields, or its problems by column; SheetUnreadable for the file."""
    return [_parse(r, cells) for r, cells in read_table(data, COLUMNS, ("名称或姓名", "类别"), REQUIRED,
                                                         content=("名称或姓名",), normalise=_header)]


def _date(cells, column, problems):
    if not cell_text(cells[column]):
        problems.append((column, _("不能为空")))
        return None
    try:
        return cell_date(cells[column])
    except ValueError:
        problems.append((column, _("“%(v)s”格式不正确，应如 2026-11-25", v=cell_text(cells[column]))))
        return None


def _parse(line: int, cells: dict) -> ImportRow:
    row = ImportRow(line, firm=cell_text(cells["所属律所"]))
    p = row.problems
    label = cell_text(cells["类别"]).replace(" ", "")
    kind = _KIND_BY_LABEL.get(label)
    if kind is None:
        p.append(("类别", _("“%(v)s”不正确，应为：律师事务所、律师", v=label) if label else _("不能为空")))
    start, end = _date(cells, "聘期起", p), _date(cells, "聘期止", p)
    status = cell_text(cells["状态"])
    if status not in ("", STATUS_LABELS[ExpertStatus.active]):
        p.append(("状态", _("导入的成员应为“在聘”；暂停或退出请在成员页面办理并写明理由")))
    if not p:
        row.fields = MemberFields(
            kind=kind, name=cell_text(cells["名称或姓名"]), licence_no=cell_text(cells["执业证号或统一社会信用代码"]),
            specialties=[s.strip() for s in _SEPARATORS.split(cell_text(cells["专业领域"])) if s.strip()],
            term_start=start, term_end=end, contact=cell_text(cells["联系人"]) or None,
            phone=cell_text(cells["联系电话"]) or None, note=cell_text(cells["备注"]) or None)
    return row


def roster_row(n: int, e: Expert) -> list:
    return [n, KIND_LABELS[e.kind], e.name, e.firm_label, e.licence_no, "、".join(e.specialty_names),
            e.term_start, e.term_end, STATUS_LABELS[e.status], e.contact or "", e.phone or "", e.note or ""]


def build_workbook(title: str, members: list[Expert]) -> bytes:
    rows = [roster_row(i, e) for i, e in enumerate(members, start=1)]
    return write_table(title, "法律顾问专家库名册", COLUMNS, WIDTHS, rows, {"聘期起": "yyyy-mm-dd", "聘期止": "yyyy-mm-dd"})
