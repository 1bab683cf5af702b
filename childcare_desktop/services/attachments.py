"""Attachments: scans of agreements, photos. The bytes live in the store, encrypted with it,
named by their SHA-256 (the same scan attached twice is stored once)."""

from __future__ import annotations

import hashlib
import mimetypes

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.records import AttachmentRecord
from ..storage.models import Attachment, Blob, Child
from . import fields
from .common import load, record_audit, save, to_record

MAX_BYTES = 20 * 1024 * 1024  # a phone photo or a multi-page scan; larger is a mistake


def add_attachment(
    session: Session,
    *,
    child_id: str,
    name: str,
    data: bytes,
    kind: str = "scan",
    owner_table: str | None = None,
    owner_id: str | None = None,
    note: str | None = None,
) -> AttachmentRecord:
    """Store a file for the child; ``owner_*`` ties it to a record (e.g. an agreement)."""
    child = load(session, Child, child_id)
    if not data:
        raise ValidationError(Kind.REQUIRED, "file")
    if len(data) > MAX_BYTES:
        raise ValidationError(Kind.TOO_LONG, "file", max=MAX_BYTES, length=len(data))
    clean_name = fields.text(required=True)("name", name)
    digest = hashlib.sha256(data).hexdigest()
    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, size=len(data), data=data))
    mime = mimetypes.guess_type(clean_name)[0] or "application/octet-stream"
    row = Attachment(
        child_id=child.id,
        region_code=child.region_code,
        sha256=digest,
        name=clean_name,
        mime=mime,
        size=len(data),
        kind=kind,
        owner_table=owner_table,
        owner_id=owner_id,
        note=fields.note("note", note),
    )
    save(session, row, "attachment_added", child.id, attachment=row.id)
    return to_record(row, AttachmentRecord)


def attachment_data(session: Session, *, attachment_id: str) -> tuple[AttachmentRecord, bytes]:
    """The file's bytes (audited: opening an attachment is a view of the child's file)."""
    row = load(session, Attachment, attachment_id)
    blob = session.get(Blob, row.sha256)
    if blob is None:  # the record arrived by sync, the bytes have not yet
        raise ValidationError(Kind.NOT_FOUND, "file", what="blob", ident=row.sha256[:12])
    record_audit(session, "attachment_opened", row.child_id, attachment=row.id)
    return to_record(row, AttachmentRecord), bytes(blob.data)


def remove_attachment(session: Session, *, attachment_id: str) -> None:
    row = load(session, Attachment, attachment_id)
    row.deleted = True
    save(session, row, "attachment_removed", row.child_id, attachment=row.id)


def list_attachments(session: Session, *, child_id: str) -> tuple[AttachmentRecord, ...]:
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.child_id == child_id, Attachment.deleted.is_(False))
        .order_by(Attachment.created_hlc)
    )
    return tuple(to_record(r, AttachmentRecord) for r in rows)
