"""The demolition ledger on the board: cases not yet lawful to demolish by status and supervision letters
awaiting a reply, as of today (the gate answers afresh each day; the period and category do not apply).
Counted by the ledger's own board query and policy (review_app.demolition.queries), per town/street or
department."""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..demolition import queries
from ..demolition.ledger import STATUS_LABELS
from .filters import BoardFilter
from .tables import Cell, Table

KEY = "demolition"
TITLE = _l("拆除台账")
TEMPLATE = "board/_demolition.html"


def build(user, f: BoardFilter, today) -> queries.Board:
    return queries.board(user, today, f.department_id)


def _org(f: BoardFilter) -> dict:
    return {"org": f.department_id} if f.department_id else {}


def tables(board: queries.Board, f: BoardFilter) -> list[Table]:
    rows = [(Cell(STATUS_LABELS[s]), Cell(board.count(status=s), url_for("demolition.index", status=s.value,
                                                                            **_org(f))))
            for s in queries.NOT_READY]
    rows += [
        (Cell(_("尚不能依法实施（合计）")), Cell(board.not_ready, url_for("demolition.board", **_org(f)))),
        (Cell(_("督察函待回复")), Cell(len(board.outstanding), url_for("demolition.letters", view="outstanding"))),
        (Cell(_("督察函逾期未回复")), Cell(len(board.overdue), url_for("demolition.letters", view="overdue"))),
    ]
    return [Table("demolition", _("拆除台账：尚不能依法实施的案件与待回复的督察函"), (_("项目"), _("件数")),
                  tuple(rows), (30, 10))]
