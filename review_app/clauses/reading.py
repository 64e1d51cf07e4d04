"""Reading a draft version: its paragraphs split into clauses (workflows.clauses.split), the clauses read
against the rules of the matter's category (workflows.clause_flags.flag), both stored with the version; and
the previous version's flags paired with the new ones (workflows.clause_flags.pair): a flag that continues
carries the bureau's decision, one that no longer applies is marked resolved by this version.

A version is read once, when it is uploaded (matters.operations.upload); a version uploaded before clause
flags existed is read the first time someone opens it (`ensure_read`). The online view, the opinion form's
clause picker and the API all use the stored split.
"""
import zipfile

import sqlalchemy as sa
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from workflows.clause_flags import Flag, flag, pair
from workflows.clauses import ClauseKind, split
from workflows.review import Category
from workflows.text import N_

from ..audit.trail import record
from ..documents.paragraphs import docx_paragraphs
from ..documents.service import blob_store
from ..extensions import db
from ..models import ClauseFlag, ClauseReading, Document, DraftClause, FlagDecision, Matter, User
from ..models.base import insert_if_missing, utcnow

UNREADABLE = N_("无法读取文稿的段落，未能拆分条文。请检查文件能否在 Word 或 WPS 中正常打开。")


def is_draft(doc: Document) -> bool:
    """The department's versions of its draft are read; other materials (legal basis, consultation records …)
    are not, nor the bureau's own marked-up or revised versions (标注稿): those are the bureau's working copies,
    not the draft under review, and a flag "resolved" by the bureau's own edit would tell nothing."""
    return (doc.kind == "docx" and doc.material_kind is not None and doc.material_kind.is_draft
            and doc.uploaded_by.organisation_id == doc.matter.department_id)


def rules_category(m: Matter) -> Category | None:
    """The rule set a matter's draft is read with. An opinion request (法律意见征询函) is a question, not a draft:
    no rule reads it (workflows.clause_rules); nothing on the matter says which category a draft attached to
    it would have, so none is guessed."""
    return None if m.category is Category.opinion_request else m.category


def reading_of(doc: Document) -> ClauseReading | None:
    return db.session.get(ClauseReading, doc.id)


def ensure_read(doc: Document) -> ClauseReading | None:
    """The stored reading of a draft version, read now (by the system) if it never was; None for a file that
    is not a .docx draft."""
    if not is_draft(doc):
        return None
    return reading_of(doc) or read_version(None, doc)


def read_version(actor: User | None, doc: Document) -> ClauseReading | None:
    """Split and flag a draft version and pair its flags with the previous version's; once per version."""
    if not is_draft(doc):
        return None
    matter = doc.matter
    # Two first readings at once (two people opening an old version): one inserts, the other waits for its
    # commit and finds the reading there.
    if not insert_if_missing(db.session, ClauseReading, "document_id", document_id=doc.id,
                             district_id=matter.district_id, matter_id=matter.id,
                             category=rules_category(matter), warnings=[], read_at=utcnow()):
        return reading_of(doc)
    reading = reading_of(doc)
    warnings, clauses = _split(doc)
    reading.warnings = warnings
    new_flags = _store(reading, matter, clauses)
    resolved = _pair_with_previous(reading, doc, new_flags)
    db.session.flush()
    record(actor, "clauses.read", "document", doc.id, after={
        "matter_id": matter.id, "version_no": doc.version_no, "category": reading.category,
        "clauses": len(reading.clauses), "flags": len(new_flags), "resolved": resolved,
        "previous_document_id": reading.previous_document_id}, district_id=matter.district_id)
    return reading


def _split(doc: Document):
    try:
        paragraphs = docx_paragraphs(blob_store().read(doc.sha256))
    except (KeyError, ValueError, zipfile.BadZipFile, XMLSyntaxError, PackageNotFoundError):
        return [{"kind": "unreadable", "paragraph": 0, "template": UNREADABLE, "args": {}}], ()
    document = split(paragraphs)
    return ([{"kind": w.kind, "paragraph": w.paragraph, "template": w.template, "args": w.args}
             for w in document.warnings], document.clauses)


def _store(reading: ClauseReading, matter: Matter, clauses) -> list[tuple[Flag, ClauseFlag]]:
    flags = []
    for position, c in enumerate(clauses):
        row = DraftClause(district_id=matter.district_id, position=position, kind=c.kind, number=c.number,
                          label=c.label, chapter=c.chapter, section=c.section, text=c.text,
                          items=[{"number": i.number, "label": i.label, "text": i.text, "start": i.start,
                                  "end": i.end} for i in c.items])
        reading.clauses.append(row)
        if reading.category is not None:
            flags += [(f, row) for f in flag([c], reading.category)]  # one clause at a time: flag's order within it
    db.session.flush()
    stored = []
    for position, (f, clause_row) in enumerate(flags):
        row = ClauseFlag(district_id=matter.district_id, matter_id=matter.id, clause_id=clause_row.id,
                         position=position, rule_id=f.rule_id, category=f.category, level=f.level, refers=f.refers,
                         article=f.article, item=f.item, location=f.where, spans=[list(s) for s in f.spans],
                         words=list(f.words), point=f.point, fingerprint=f.fingerprint)
        reading.flags.append(row)
        stored.append((f, row))
    return stored


def as_flag(row: ClauseFlag) -> Flag:
    """A stored flag as the pure layer's Flag, to pair it with a newer version's."""
    return Flag(rule_id=row.rule_id, category=row.category, level=row.level, article=row.article,
                clause_number=row.clause.number, clause_label=row.clause.label, item=row.item,
                where=row.location, spans=tuple(tuple(s) for s in row.spans), words=tuple(row.words),
                refers=row.refers, point=row.point, fingerprint=row.fingerprint)


def previous_reading(doc: Document) -> ClauseReading | None:
    """The reading of the latest earlier version of the same material."""
    return db.session.scalar(
        sa.select(ClauseReading).join(Document, Document.id == ClauseReading.document_id)
        .where(Document.matter_id == doc.matter_id, Document.material_kind_id == doc.material_kind_id,
               Document.version_no < doc.version_no)
        .order_by(Document.version_no.desc()).limit(1))


def latest_reading(m: Matter) -> ClauseReading | None:
    """The reading of the matter's newest draft version (the opinion form's clause picker reads it)."""
    drafts = [d for d in m.documents if is_draft(d)]
    return ensure_read(drafts[-1]) if drafts else None


def draft_clauses(m: Matter) -> list[str]:
    """The clause labels of the newest draft version (第五条, 附件1), offered when tying a point to a clause: the
    same split as the online view."""
    reading = latest_reading(m)
    return [c.label for c in reading.clauses if c.kind is not ClauseKind.preamble] if reading else []


def _pair_with_previous(reading: ClauseReading, doc: Document, new: list[tuple[Flag, ClauseFlag]]) -> int:
    previous = previous_reading(doc)
    if previous is None:
        return 0
    reading.previous_document_id = previous.document_id
    old_rows = list(previous.flags)
    rows_by_flag = {id(f): row for f, row in new}
    resolved = 0
    for old_row, (_old, continued) in zip(old_rows, pair([as_flag(r) for r in old_rows], [f for f, _ in new])):
        if continued is None:
            old_row.resolved_in_id = doc.id
            resolved += 1
            continue
        row = rows_by_flag[id(continued)]
        row.continues_id = old_row.id
        _carry(old_row, row)
    return resolved


def _carry(old: ClauseFlag, new: ClauseFlag) -> None:
    """A decision holds for the flag's continuation, except an acceptance whose opinion is gone (a draft
    returned for revision is reviewed afresh: its opinion draft was discarded, and the flag is open again)."""
    if old.decision is None or (old.decision is FlagDecision.accepted and old.opinion_id is None):
        return
    new.decision, new.reason, new.carried = old.decision, old.reason, True
    new.decided_by_id, new.decided_at = old.decided_by_id, old.decided_at
    new.opinion_id, new.point_id, new.point_number = old.opinion_id, old.point_id, old.point_number
