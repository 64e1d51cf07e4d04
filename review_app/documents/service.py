"""Storing uploaded files: validation, the content-addressed store, and the Document row."""
import hashlib
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
    """A new version of one material of the matter. The same bytes as the latest version are not stored again:
    the upload is refused with the version it repeats, and that version stays."""
    checked = checked_upload(filename, data)
    kind_id = material_kind.id if material_kind is not None else None
    latest = db.session.scalars(sa.select(Document).where(
        Document.matter_id == matter.id, Document.material_kind_id.is_(kind_id) if kind_id is None
        else Document.material_kind_id == kind_id).order_by(Document.version_no.desc()).limit(1)).first()
    sha = hashlib.sha256(data).hexdigest()
    if latest is not None and latest.sha256 == sha:
        raise OperationError(_("所传文件与第%(n)d版（%(name)s）内容完全相同，已保留原版本，未另存新版本",
                               n=latest.version_no, name=latest.display_name), 409)
    blob_store().put(data)
    doc = Document(matter=matter, material_kind_id=kind_id, version_no=(latest.version_no if latest else 0) + 1,
                   sha256=sha,
                   display_name=checked.display_name, kind=checked.kind, mime=checked.mime, size=checked.size,
                   uploaded_by_id=actor.id)
    db.session.add(doc)
    db.session.flush()
    record(actor, "document.upload", "matter", matter.id, after={
        "document_id": doc.id, "material": material_kind.name if material_kind else None,
        "version_no": doc.version_no, "name": doc.display_name, "sha256": sha, "size": doc.size})
    return doc
