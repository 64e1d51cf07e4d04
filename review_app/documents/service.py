"""Storing uploaded files: validation, the content-addressed store, and the Document row."""
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from ..audit.trail import record
from ..extensions import db
from ..models import Document
from ..operations import OperationError
from .filetypes import Checked, UploadRejected, check_upload
from .store import BlobStore


def blob_store() -> BlobStore:
    return BlobStore(Path(current_app.config["UPLOAD_DIR"]))


def checked_upload(filename: str, data: bytes) -> Checked:
    """The upload's type and safe display name, or OperationError in the reader's language."""
    try:
        return check_upload(filename, data, current_app.config["MAX_CONTENT_LENGTH"])
    except UploadRejected as e:
        raise OperationError(_(e.template, **e.params)) from None


def add_document(actor, matter, material_kind, filename: str, data: bytes) -> Document:
    checked = checked_upload(filename, data)
    kind_id = material_kind.id if material_kind is not None else None
    last = db.session.scalar(sa.select(sa.func.max(Document.version_no)).where(
        Document.matter_id == matter.id, Document.material_kind_id.is_(kind_id) if kind_id is None
        else Document.material_kind_id == kind_id))
    sha = blob_store().put(data)
    doc = Document(matter=matter, material_kind_id=kind_id, version_no=(last or 0) + 1, sha256=sha,
                   display_name=checked.display_name, kind=checked.kind, mime=checked.mime, size=checked.size,
                   uploaded_by_id=actor.id)
    db.session.add(doc)
    db.session.flush()
    record(actor, "document.upload", "matter", matter.id, after={
        "document_id": doc.id, "material": material_kind.name if material_kind else None,
        "version_no": doc.version_no, "name": doc.display_name, "sha256": sha, "size": doc.size})
    return doc
