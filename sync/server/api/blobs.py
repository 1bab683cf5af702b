"""Attachments: which the server lacks, and resumable uploads in chunks (like tus).

Attachments are kept per region, the uploading user's: a device sees only its region's
(a hash only another village holds reads as missing, and is stored again), so nobody
learns what files others hold. Each device may store up to a quota of bytes, counted at
an attachment's whole size from its first chunk (413 "quota" past it).
"""

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from ... import protocol
from ...protocol import API, SHA256
from .. import schema as s
from ..errors import SyncRefused, bad_request
from ..principal import Principal
from . import bodies
from .deps import Who, body, database, now_ms, settings

MISSING_MAX = 10_000
MISSING = bodies.Bounds(
    wire=bodies.MB,
    inflated=2 * bodies.MB,
    containers=MISSING_MAX + 2,
    values=2 * MISSING_MAX + 2,
    depth=3,
    string=64,
)
CHUNK_MAX = protocol.BLOB_CHUNK_BYTES * 4

router = APIRouter(prefix=API, tags=["attachments"])


class MissingIn(BaseModel):
    blobs: list[tuple[str, int]] = Field(max_length=MISSING_MAX, description="[sha256, size] pairs")


@router.post(
    "/blobs/missing",
    summary="Which of these attachments the server lacks (in the device's region)",
    openapi_extra=bodies.documented(MissingIn),
)
async def blobs_missing(
    request: Request, who: Who, sent: Annotated[MissingIn, body(MissingIn, MISSING)]
) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        wanted = {sha: size for sha, size in sent.blobs if SHA256.match(sha)}
        b = s.blob.c
        with db.read() as conn:
            have = {
                r.sha256: r
                for r in conn.execute(
                    select(b.sha256, b.received, b.complete).where(
                        b.region == who.region, b.sha256.in_(list(wanted))
                    )
                )
            }
        missing = {}
        for sha in wanted:
            found = have.get(sha)
            if found is None or not found.complete:
                missing[sha] = found.received if found is not None else 0
        return {"missing": missing}

    return await bodies.reply(request, work)


@router.patch(
    "/blobs/{sha256}",
    status_code=204,
    summary="Append a chunk at Upload-Offset (resumable, like tus)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/offset+octet-stream": {"schema": {"type": "string"}}},
        }
    },
)
async def blob_chunk(sha256: str, request: Request, who: Who) -> Response:
    if not SHA256.match(sha256):
        raise bad_request("not a SHA-256")
    try:
        offset = int(request.headers["upload-offset"])
        total = int(request.headers["upload-length"])
    except (KeyError, ValueError) as exc:
        raise bad_request("Upload-Offset and Upload-Length are required") from exc
    if not 0 < total <= protocol.MAX_BLOB_BYTES or offset < 0:
        raise SyncRefused(413, "too_large", "attachment too large")
    chunk = bodies.Bounds(wire=CHUNK_MAX, inflated=CHUNK_MAX, containers=0, values=0)
    data = await bodies.read(request, chunk)
    if not data:  # it would take the offset's place and block the real chunk there
        raise bad_request("an empty chunk")
    db = database(request)
    quota = settings(request).blob_quota_bytes

    def work() -> int:
        with db.write() as conn:
            return _append(db, conn, who, sha256, offset, total, data, quota)

    received = await run_in_threadpool(work)
    return Response(status_code=204, headers={"Upload-Offset": str(received)})


def _append(
    db: Any,
    conn: Connection,
    who: Principal,
    sha256: str,
    offset: int,
    total: int,
    data: bytes,
    quota: int,
) -> int:
    """Store one chunk of the region's copy; returns the bytes held after it."""
    b = s.blob.c
    key = (b.region == who.region, b.sha256 == sha256)
    found = conn.execute(db.lock(s.blob, *key)).first()
    if found is None:
        _reserve(conn, who, total, quota)
        conn.execute(
            s.blob.insert().values(
                region=who.region,
                sha256=sha256,
                size=total,
                received=0,
                complete=False,
                created_ms=now_ms(),
                device_id=who.device_id,
            )
        )
        received, complete = 0, False
    else:
        # The size is the one reserved against the quota with the first chunk; a later
        # chunk declaring another cannot store more than that.
        received, complete, total = found.received, found.complete, found.size
    if complete:
        return int(received)
    if offset != received or offset + len(data) > total:
        raise SyncRefused(
            409, "offset_mismatch", "resume from the server's offset", offset=received
        )
    conn.execute(
        s.blob_chunk.insert().values(region=who.region, sha256=sha256, offset=offset, data=data)
    )
    received += len(data)
    done = received == total and _whole_digest(conn, who.region, sha256) == sha256
    if received == total and not done:  # corrupt: start again
        c = s.blob_chunk.c
        conn.execute(s.blob_chunk.delete().where(c.region == who.region, c.sha256 == sha256))
        received = 0
    conn.execute(update(s.blob).where(*key).values(received=received, complete=done))
    return int(received)


def _reserve(conn: Connection, who: Principal, size: int, quota: int) -> None:
    """Refuse (413 "quota") an attachment that would take the device past its quota."""
    # The device's row locked: two uploads of one device at once are counted in turn.
    conn.execute(select(s.device.c.id).where(s.device.c.id == who.device_id).with_for_update())
    mine = s.blob.c.device_id == who.device_id
    used = conn.execute(select(func.coalesce(func.sum(s.blob.c.size), 0)).where(mine)).scalar_one()
    used = int(used)  # PostgreSQL sums to a Decimal
    if used + size > quota:
        raise SyncRefused(
            413, "quota", "this device's attachments would pass its quota", quota=quota, used=used
        )


@router.head("/blobs/{sha256}", summary="How much of an attachment the region holds")
async def blob_offset(sha256: str, request: Request, who: Who) -> Response:
    db = database(request)

    def work() -> Any:
        b = s.blob.c
        with db.read() as conn:
            return conn.execute(
                select(b.received, b.complete).where(b.region == who.region, b.sha256 == sha256)
            ).first()

    found = await run_in_threadpool(work)
    received = found.received if found else 0
    complete = bool(found and found.complete)
    return Response(headers={"Upload-Offset": str(received), "Upload-Complete": str(complete)})


def _whole_digest(conn: Connection, region: str, sha256: str) -> str:
    h = hashlib.sha256()
    c = s.blob_chunk.c
    query = select(c.data).where(c.region == region, c.sha256 == sha256).order_by(c.offset)
    for r in conn.execute(query):
        h.update(r.data)
    return h.hexdigest()
