"""The drill-down list of matters every matter figure links to: the same columns whatever the figure, with
the figure's own columns after them."""
from collections.abc import Callable, Iterable, Sequence

from flask import url_for
from flask_babel import gettext as _

from .. import labels
from ..models import Matter
from ..review.operations import opinion_number_text
from .tables import Cell, Table


def table(key: str, title: str, matters: Iterable[Matter],
          extra: Sequence[tuple[str, Callable[[Matter], object]]] = ()) -> Table:
    columns = (_("审核事项"), _("类别"), _("承办单位"), _("当前状态"), _("审核人员"), _("审核期限"),
               _("审核意见书编号"), *(name for name, _value in extra))
    rows = tuple(
        (Cell(m.title, url_for("matters.detail", matter_id=m.id)), Cell(labels.CATEGORY[m.category]),
         Cell(m.department.name), Cell(labels.STATUS[m.status]),
         Cell(m.reviewer.display_name if m.reviewer else ""), Cell(m.due_on),
         Cell(opinion_number_text(m.opinion) if m.opinion is not None and m.opinion.issued else ""),
         *(Cell(value(m)) for _name, value in extra))
        for m in matters)
    return Table(key, title, columns, rows, (40, 18, 18, 22, 12, 12, 20) + (14,) * len(extra))
