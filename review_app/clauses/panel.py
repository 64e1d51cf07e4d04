"""What the online view of a draft version shows: its clauses (everyone who may see the matter) and, for the
bureau, the flags beside them with their words highlighted, and the previous version's flags this version
resolved."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from workflows.clause_flags import RULES_BY_ID
from workflows.clause_rules import LEVEL_ORDER

from .. import labels
from ..extensions import db
from ..models import ClauseFlag, ClauseReading, Document, DraftClause, FlagDecision, User
from . import policy
from .highlight import segments
from .reading import ensure_read, latest_reading


def rule_title(rule_id: str) -> str:
    rule = RULES_BY_ID.get(rule_id)
    return _(rule.title) if rule is not None else rule_id  # a rule since retired keeps its id


def warning_text(w: dict) -> str:
    """A stored split warning in the reader's language (its template is marked N_ in workflows.clauses)."""
    template = w["template"]
    return _(template) % w["args"]


@dataclass(frozen=True)
class ClauseView:
    clause: DraftClause
    pieces: list  # (text, flags covering it), see highlight.segments
    flags: list[ClauseFlag]


def _top_level(flags) -> str:
    return min((f.level for f in flags), key=LEVEL_ORDER.__getitem__).value


def clause_views(reading: ClauseReading, flags: list[ClauseFlag]) -> list[ClauseView]:
    """Each clause with its text cut at the spans of the flags still standing (not dismissed)."""
    by_clause: dict[int, list[ClauseFlag]] = {}
    for f in flags:
        by_clause.setdefault(f.clause_id, []).append(f)
    views = []
    for c in reading.clauses:
        own = by_clause.get(c.id, [])
        shown = [f for f in own if f.decision is not FlagDecision.dismissed]
        pieces = [(text, _top_level(covering) if covering else None, " ".join(str(f.id) for f in covering))
                  for text, covering in segments(c.text, [(s, e, f) for f in shown for s, e in f.spans])]
        views.append(ClauseView(c, pieces, own))
    return views


def resolved_by(doc: Document) -> list[ClauseFlag]:
    """The previous version's flags that no longer apply to `doc`."""
    return db.session.scalars(sa.select(ClauseFlag).where(ClauseFlag.resolved_in_id == doc.id)
                              .order_by(ClauseFlag.position)).all()


def document_context(user: User, doc: Document) -> dict:
    """The template values of the clause view and the flag panel; `reading` is None for a file that is not a
    .docx draft (the page shows its converted layout instead)."""
    reading = ensure_read(doc)
    if reading is None:
        return {"reading": None}
    m = doc.matter
    show_flags = policy.can_view_flags(user, m)
    flags = list(reading.flags) if show_flags else []
    latest = latest_reading(m)
    is_latest = latest is None or latest.document_id == doc.id
    return {
        "reading": reading, "clauses": clause_views(reading, flags), "show_flags": show_flags, "flags": flags,
        "resolved": resolved_by(doc) if show_flags else [],
        "previous": db.session.get(Document, reading.previous_document_id) if reading.previous_document_id else None,
        "latest": None if is_latest else latest.document,
        # Decisions are taken on the newest version, while the opinion is being written.
        "can_decide": is_latest and policy.may_decide_on(user, m) and policy.decision_open(m),
        "warnings": [warning_text(w) for w in reading.warnings], "rule_title": rule_title,
        "level_label": labels.LEVEL, "category_label": labels.CATEGORY,
    }
