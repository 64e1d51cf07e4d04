"""Every board table and drill-down list as an Excel file in the layout clerks keep (review_app.spreadsheets):
the title row names the district or the unit, the table, the filters and the date."""
import io

from flask import send_file
from flask_babel import gettext as _

from .. import labels
from ..spreadsheets import write_table
from .filters import BoardFilter
from .tables import Table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def describe(f: BoardFilter) -> str:
    """The filters in words, for titles: 2023年第一季度 · 行政规范性文件."""
    if f.year is None:
        parts = [_("全部年度")]
    elif f.quarter:
        parts = [_("%(year)s年第%(q)s季度", year=f.year, q=f.quarter)]
    else:
        parts = [_("%(year)s年", year=f.year)]
    if f.category:
        parts.append(labels.CATEGORY[f.category])
    return " · ".join(parts)


def workbook(t: Table, scope: str, f: BoardFilter, today) -> bytes:
    title = f"{scope}{t.title}（{describe(f)}；{_('导出日期')}：{today.isoformat()}）"
    rows = [[c.sheet_value for c in row] for row in t.rows]
    dates = {name: "yyyy-mm-dd" for i, name in enumerate(t.columns)
             if any(hasattr(row[i].value, "isoformat") for row in t.rows)}
    return write_table(title, t.title[:31], t.columns, t.widths or (16,) * len(t.columns), rows, dates,
                       wrap=True)


def send(t: Table, scope: str, f: BoardFilter, today):
    return send_file(io.BytesIO(workbook(t, scope, f, today)), as_attachment=True, mimetype=XLSX_MIME,
                     download_name=f"{t.title}_{today.isoformat()}.xlsx")
