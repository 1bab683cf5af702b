"""The county server's HTTP API (FastAPI).

Bodies are JSON, usually gzip-compressed (``Content-Encoding: gzip``) both ways. Every
request that changes something is answered only after its transaction has committed, so
a lost answer is repaired by sending the same request again (it is idempotent).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import func, select, update

from .. import protocol
from ..protocol import API, MAX_BODY_BYTES, PROTOCOL_VERSION, SHA256, decode_ops, pack, unpack
from . import accounts, audit, merge
from . import schema as s
from .db import Database, epoch
from .errors import SyncRefused, bad_request
from .principal import Principal

ENROLL_ATTEMPTS = 5  # per client address ...
ENROLL_WINDOW_S = 60.0  # ... per minute
PULL_LIMIT = 5000
HELD_LIMIT = 1000  # hello lists this site's set-aside counters up to this many
PULL_MAX_BYTES = 2 * 1024 * 1024  # raw JSON per pull answer (~256 KB compressed)


class HelloIn(BaseModel):
    site: str = Field(pattern=r"^[0-9a-f]{32}$", description="the store's sync site id")
    protocol: int = Field(description="protocol version the laptop speaks")
    app: str = Field(default="", max_length=40)
    epoch: str | None = Field(default=None, description="the server epoch the laptop last saw")
    cursors: dict[str, int] = Field(default_factory=dict, description="village -> last seq")


class PushIn(BaseModel):
    site: str = Field(pattern=r"^[0-9a-f]{32}$")
    ops: list[list[Any]] = Field(description="operations, see sync.protocol.encode_ops")


class PullIn(BaseModel):
    site: str | None = Field(default=None, description="leave out this site's own changes")
    mine: int | None = Field(
        default=None, ge=0, description="... only up to this counter (those it holds as acked)"
    )
    cursors: dict[str, int] = Field(default_factory=dict)
    limit: int = Field(default=PULL_LIMIT, ge=1, le=PULL_LIMIT)


class ResolveIn(BaseModel):
    conflict: str = Field(max_length=32)
    value: Any = Field(description="the value chosen or typed")


class EnrollIn(BaseModel):
    user: str = Field(max_length=60)
    code: str = Field(max_length=40)
    label: str = Field(default="", max_length=100)


class AuditIn(BaseModel):
    site: str = Field(pattern=r"^[0-9a-f]{32}$")
    at_head: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="the laptop's hash of its entry at the server's head (none: it has no such entry)",
    )
    entries: list[list[Any]] = Field(
        max_length=audit.MAX_ENTRIES,
        description="[id, at, hlc, actor, action, child_id, detail, prev_hash, hash], in id order",
    )


class MissingIn(BaseModel):
    blobs: list[tuple[str, int]] = Field(max_length=10_000, description="[sha256, size] pairs")


def _body_doc(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


def now_ms() -> int:
    return int(time.time() * 1000)


def create_app(db: Database) -> FastAPI:
    app = FastAPI(
        title="儿童主任 county sync server",
        version=str(PROTOCOL_VERSION),
        description="Enroll laptops, receive their changes, send them their villages' changes.",
    )
    app.state.db = db
    # Named hooks the tests use to make the server fail at a precise point.
    app.state.failpoints: dict[str, Callable[[], None]] = {}
    attempts: dict[str, deque[float]] = defaultdict(deque)

    def failpoint(name: str) -> None:
        hook = app.state.failpoints.get(name)
        if hook is not None:
            hook()

    @app.exception_handler(SyncRefused)
    async def refused(_request: Request, exc: SyncRefused) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    async def body_of(request: Request, model: type[BaseModel]) -> Any:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            raise SyncRefused(413, "too_large", f"bodies are limited to {MAX_BODY_BYTES} bytes")
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY_BYTES:
                raise SyncRefused(413, "too_large", f"bodies are limited to {MAX_BODY_BYTES} bytes")
        if declared is not None and int(declared) != len(data):
            raise bad_request("truncated body")
        try:
            if request.headers.get("content-encoding") == "gzip":
                raw = unpack(bytes(data))
            else:
                raw = json.loads(data)
            return model.model_validate(raw)
        except (ValueError, ValidationError) as exc:
            if "too large" in str(exc):
                raise SyncRefused(413, "too_large", str(exc)) from exc
            raise bad_request(f"malformed body: {str(exc)[:200]}") from exc

    def reply(request: Request, body: Any) -> Response:
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(
                pack(body), media_type=protocol.JSON_TYPE, headers={"Content-Encoding": "gzip"}
            )
        return JSONResponse(body)

    def principal(request: Request, conn: Any) -> Principal:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer ") or len(header) > 200:
            raise SyncRefused(401, "no_token", "a device token is required")
        return accounts.authenticate(conn, header[7:], now_ms=now_ms())

    @app.get(f"{API}/ping", summary="Cheap reachability check (no authentication)")
    def ping() -> dict[str, Any]:
        return {"ok": True, "now": now_ms(), "protocol": PROTOCOL_VERSION}

    @app.post(
        f"{API}/enroll",
        summary="Spend a one-time code: a device token for this laptop",
        openapi_extra=_body_doc(EnrollIn),
    )
    async def enroll(request: Request) -> Response:
        client = request.client.host if request.client else "?"
        window = attempts[client]
        t = time.monotonic()
        while window and t - window[0] > ENROLL_WINDOW_S:
            window.popleft()
        if len(window) >= ENROLL_ATTEMPTS:
            raise SyncRefused(429, "rate_limited", "too many enrollment attempts; wait a minute")
        window.append(t)
        body = await body_of(request, EnrollIn)

        def work() -> dict[str, Any]:
            with db.write() as conn:
                device_id, token, user = accounts.enroll(
                    conn, body.user, body.code, body.label, now_ms=now_ms()
                )
                ident, _ = epoch(conn)
            return {"device": device_id, "token": token, "epoch": ident, **user}

        return reply(request, await run_in_threadpool(work))

    @app.post(
        f"{API}/hello",
        summary="Handshake: server time, epoch, this site's hwm, stale villages",
        openapi_extra=_body_doc(HelloIn),
    )
    async def hello(request: Request) -> Response:
        body = await body_of(request, HelloIn)
        if body.protocol != PROTOCOL_VERSION:
            raise SyncRefused(
                426,
                "upgrade_required",
                "this laptop's app must be updated",
                protocol=PROTOCOL_VERSION,
            )

        def work() -> dict[str, Any]:
            t = now_ms()
            with db.write() as conn:
                who = principal(request, conn)
                found = conn.execute(select(s.site).where(s.site.c.site_id == body.site)).first()
                if found is None:
                    conn.execute(
                        s.site.insert().values(
                            site_id=body.site,
                            device_id=who.device_id,
                            hwm=0,
                            created_ms=t,
                            last_seen_ms=t,
                        )
                    )
                    hwm = 0
                elif found.device_id != who.device_id:
                    raise SyncRefused(409, "cloned_site", "this site belongs to another device")
                else:
                    hwm = found.hwm
                    conn.execute(
                        update(s.site).where(s.site.c.site_id == body.site).values(last_seen_ms=t)
                    )
                accounts.extend(conn, who.device_id, now_ms=t)
                ident, number = epoch(conn)
                heads = merge.heads_in_scope(conn, who)
                chain_head = audit.head(conn, body.site)
                held = (
                    conn.execute(
                        select(s.quarantine.c.ctr)
                        .where(s.quarantine.c.site_id == body.site)
                        .order_by(s.quarantine.c.ctr)
                        .limit(HELD_LIMIT + 1)
                    )
                    .scalars()
                    .all()
                )
                quarantined = conn.execute(
                    select(func.count())
                    .select_from(s.quarantine)
                    .where(s.quarantine.c.site_id == body.site)
                ).scalar_one()
            cursors = body.cursors if body.epoch == ident else {}
            return {
                "now": now_ms(),
                "epoch": ident,
                "epoch_no": number,
                "hwm": hwm,
                "stale": merge.stale(heads, cursors),
                "quarantined": quarantined,
                # what of this site is still set aside (what is not, up to hwm, was applied
                # since: it waited for a record that has arrived); absent when too many
                **({"held": held} if len(held) <= HELD_LIMIT else {}),
                "user": who.user_name,
                "role": who.role,
                "region": who.region,
                "audit": chain_head,
            }

        return reply(request, await run_in_threadpool(work))

    @app.post(
        f"{API}/push",
        summary="Send a batch of one site's operations, in counter order",
        openapi_extra=_body_doc(PushIn),
    )
    async def push(request: Request) -> Response:
        body = await body_of(request, PushIn)
        try:
            ops = decode_ops(body.site, body.ops)
        except (ValueError, TypeError) as exc:
            raise bad_request(str(exc)) from exc

        def work() -> dict[str, Any]:
            with db.write() as conn:
                who = principal(request, conn)
                _, number = epoch(conn)
                result = merge.push(db, conn, who, body.site, ops, epoch_no=number, now_ms=now_ms())
                failpoint("push.before_commit")
            failpoint("push.after_commit")
            result["now"] = now_ms()
            return result

        return reply(request, await run_in_threadpool(work))

    @app.post(
        f"{API}/pull",
        summary="Changes in the device's scope after its cursors",
        openapi_extra=_body_doc(PullIn),
    )
    async def pull(request: Request) -> Response:
        body = await body_of(request, PullIn)

        def work() -> dict[str, Any]:
            with db.read() as conn:
                who = principal(request, conn)
                result = merge.pull(
                    conn,
                    who,
                    body.cursors,
                    limit=body.limit,
                    max_bytes=PULL_MAX_BYTES,
                    site_id=body.site,
                    mine=body.mine,
                )
            failpoint("pull.before_reply")
            return result

        return reply(request, await run_in_threadpool(work))

    @app.post(
        f"{API}/resolve",
        summary="Close a conflict with the chosen value",
        openapi_extra=_body_doc(ResolveIn),
    )
    async def resolve(request: Request) -> Response:
        body = await body_of(request, ResolveIn)

        def work() -> dict[str, Any]:
            with db.write() as conn:
                who = principal(request, conn)
                _, number = epoch(conn)
                return merge.resolve(
                    db, conn, who, body.conflict, body.value, epoch_no=number, now_ms=now_ms()
                )

        return reply(request, await run_in_threadpool(work))

    @app.post(
        f"{API}/audit",
        summary="This site's next audit entries (insert-only; the chain is checked)",
        openapi_extra=_body_doc(AuditIn),
    )
    async def audit_entries(request: Request) -> Response:
        body = await body_of(request, AuditIn)

        def work() -> dict[str, Any]:
            with db.write() as conn:
                who = principal(request, conn)
                return audit.receive(
                    db, conn, who, body.site, body.at_head, body.entries, now_ms=now_ms()
                )

        return reply(request, await run_in_threadpool(work))

    @app.get(f"{API}/quarantine/{{site_id}}", summary="This site's quarantined operations")
    def site_quarantine(site_id: str, request: Request) -> Response:
        with db.read() as conn:
            who = principal(request, conn)
            owner = conn.execute(
                select(s.site.c.device_id).where(s.site.c.site_id == site_id)
            ).first()
            if owner is None or owner.device_id != who.device_id:
                raise SyncRefused(403, "out_of_scope", "not this device's site")
            return reply(request, merge.quarantine_in_scope(conn, who, site_id=site_id))

    @app.post(
        f"{API}/blobs/missing",
        summary="Which of these attachments the server lacks",
        openapi_extra=_body_doc(MissingIn),
    )
    async def blobs_missing(request: Request) -> Response:
        body = await body_of(request, MissingIn)

        def work() -> dict[str, Any]:
            with db.read() as conn:
                principal(request, conn)
                wanted = {sha: size for sha, size in body.blobs if SHA256.match(sha)}
                have = {
                    r.sha256: r
                    for r in conn.execute(select(s.blob).where(s.blob.c.sha256.in_(list(wanted))))
                }
            missing = {}
            for sha in wanted:
                found = have.get(sha)
                if found is None or not found.complete:
                    missing[sha] = found.received if found is not None else 0
            return {"missing": missing}

        return reply(request, await run_in_threadpool(work))

    @app.patch(
        f"{API}/blobs/{{sha256}}",
        status_code=204,
        summary="Append a chunk at Upload-Offset (resumable, like tus)",
    )
    async def blob_chunk(sha256: str, request: Request) -> Response:
        if not SHA256.match(sha256):
            raise bad_request("not a SHA-256")
        try:
            offset = int(request.headers["upload-offset"])
            total = int(request.headers["upload-length"])
        except (KeyError, ValueError) as exc:
            raise bad_request("Upload-Offset and Upload-Length are required") from exc
        if not 0 < total <= protocol.MAX_BLOB_BYTES:
            raise SyncRefused(413, "too_large", "attachment too large")
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            if len(data) > protocol.BLOB_CHUNK_BYTES * 4:
                raise SyncRefused(413, "too_large", "chunk too large")
        if request.headers.get("content-length") not in (None, str(len(data))):
            raise bad_request("truncated chunk")

        def work() -> int:
            with db.write() as conn:
                principal(request, conn)
                found = conn.execute(db.lock(s.blob, s.blob.c.sha256 == sha256)).first()
                if found is None:
                    conn.execute(
                        s.blob.insert().values(
                            sha256=sha256,
                            size=total,
                            received=0,
                            complete=False,
                            created_ms=now_ms(),
                        )
                    )
                    received, complete = 0, False
                else:
                    received, complete = found.received, found.complete
                if complete:
                    return received
                if offset != received or offset + len(data) > total:
                    raise SyncRefused(
                        409, "offset_mismatch", "resume from the server's offset", offset=received
                    )
                conn.execute(
                    s.blob_chunk.insert().values(sha256=sha256, offset=offset, data=bytes(data))
                )
                received += len(data)
                done = received == total and _whole_digest(conn, sha256) == sha256
                if received == total and not done:  # corrupt: start again
                    conn.execute(s.blob_chunk.delete().where(s.blob_chunk.c.sha256 == sha256))
                    received = 0
                conn.execute(
                    update(s.blob)
                    .where(s.blob.c.sha256 == sha256)
                    .values(received=received, complete=done)
                )
                return received

        received = await run_in_threadpool(work)
        return Response(status_code=204, headers={"Upload-Offset": str(received)})

    @app.head(f"{API}/blobs/{{sha256}}", summary="How much of an attachment the server holds")
    def blob_offset(sha256: str, request: Request) -> Response:
        with db.read() as conn:
            principal(request, conn)
            found = conn.execute(select(s.blob).where(s.blob.c.sha256 == sha256)).first()
        received = found.received if found else 0
        complete = bool(found and found.complete)
        return Response(headers={"Upload-Offset": str(received), "Upload-Complete": str(complete)})

    return app


def _whole_digest(conn: Any, sha256: str) -> str:
    h = hashlib.sha256()
    c = s.blob_chunk.c
    for r in conn.execute(select(c.data).where(c.sha256 == sha256).order_by(c.offset)):
        h.update(r.data)
    return h.hexdigest()
