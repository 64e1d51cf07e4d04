"""The bureau's view of the audit trail, in words, filtered and paged by id (keyset, newest first)."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from ..extensions import db
from . import filters
from .describe import OBJECT_TYPES, Describer, action_choices

bp = Blueprint("audit", __name__, url_prefix="/audit")
PAGE = 50


def _page(rows, more: bool, error: str | None = None):
    reader = current_user._get_current_object()
    describe = Describer(reader, rows)
    next_args = {k: v for k, v in request.args.items() if k != "before"}
    groups = action_choices()
    return render_template(
        "audit/events.html", events=[describe(e) for e in rows], more=more, next_args=next_args,
        next_before=rows[-1].id if more else None, error=error, action_groups=groups,
        known_actions={value for _group, pairs in groups for value, _label in pairs},
        actors=filters.actors(reader), object_types=[(k, str(v)) for k, v in OBJECT_TYPES.items()],
        system=filters.SYSTEM)


@bp.route("/")
def events():
    try:
        f = filters.parse(request.args, current_user)
    except filters.FilterError as e:
        return _page([], False, e.message), 400  # the form keeps what was asked, with the reason
    rows = db.session.scalars(filters.query(current_user, f, PAGE + 1)).all()
    return _page(rows[:PAGE], len(rows) > PAGE)
