"""``POST /v1/bundles``: a laptop's sync bundle, carried by a relay (issue 16).

The body is the bundle file as it lay on the stick (:mod:`sync.sealing`); the answer is
the reply bundle, sealed to that laptop. The relay needs no account: the bundle carries
its laptop's device token and signature inside the sealed box, and is answered by the
same code as the hello, push, audit and pull of a laptop online (a bundle is that
conversation, written down), under the same checks.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from ... import sealing
from ...protocol import API, INT64, PROTOCOL_VERSION, decode_ops
from .. import accounts, audit, bundle_keys, duplicates, regions
from .. import schema as s
from ..db import Database
from ..errors import SyncRefused, bad_request
from ..principal import Principal
from . import bodies
from .deps import database, now_ms
from .sync import (
    PULL_LIMIT,
    PULL_MAX_BYTES,
    HelloIn,
    PullIn,
    PushIn,
    answer_hello,
    answer_pull,
    answer_push,
)

BUNDLE = bodies.Bounds(
    wire=sealing.MAX_BUNDLE_BYTES + 64, inflated=0, containers=0, values=0
)  # (only ``wire`` is read: the rest is the sealed file's own bounds)
REPLY_PULL_BYTES = 48 * bodies.MB  # changes a reply carries; the next bundle goes on
# A bundle's body once inflated, and its batches: a year of a village's edits is a few
# MB; the bounds stop a forged file (any laptop's token opens the door) from making the
# server hold more than this much JSON.
INFLATED = 64 * bodies.MB
MAX_BATCHES = 100  # of at most 2,000 operations each (PushIn checks each)
# What a body's values can make the answering code raise (wrong shapes, numbers past
# 64 bits): refused in the reply, like any refusal, never a 500.
HOSTILE = (ValidationError, KeyError, TypeError, ValueError, AttributeError, OverflowError)
AUDIT_MAX = 20_000  # audit entries taken from one bundle (the next one sends the rest)

router = APIRouter(prefix=API, tags=["bundles"])


@router.post(
    "/bundles",
    summary="A laptop's sync bundle (sealed; no account needed): its reply bundle",
)
async def bundle(request: Request) -> Response:
    db = database(request)
    data = await bodies.read(request, BUNDLE)

    def work() -> Response:
        return Response(answer(db, data), media_type="application/octet-stream")

    return await run_in_threadpool(work)


def answer(db: Database, data: bytes) -> bytes:
    """The reply bundle to a bundle's bytes (400 if it cannot be opened at all)."""
    with db.write() as conn:
        server = bundle_keys.keys(conn, now_ms=now_ms())
    try:
        opened = sealing.open_sealed(data, sealing.Direction.TO_SERVER, server.box)
    except sealing.BundleError as exc:
        raise bad_request(f"{exc.code}: {exc.message}") from exc
    header = opened.header
    reply_to = header.get("reply_to")
    if not isinstance(reply_to, str):
        raise bad_request("the bundle names no key to reply to")
    head: dict[str, Any] = {k: header.get(k) for k in ("site", "n")}
    body: dict[str, Any] = {}
    try:
        who = _known(db, header, opened.signer)  # before a byte of the body is inflated
        body = _conversation(db, who, opened.body(INFLATED), header.get("site"))
        head["now"] = body["hello"]["now"]
    except sealing.BundleError as exc:
        head["refused"] = {"code": "bad_request", "message": exc.message}
    except SyncRefused as exc:
        head["refused"] = {"code": exc.code, "message": exc.message, **exc.details}
    except (*HOSTILE, DBAPIError) as exc:  # a hostile body under a laptop's own token
        head["refused"] = {"code": "bad_request", "message": type(exc).__name__}
    try:
        return sealing.seal(sealing.Direction.TO_LAPTOP, head, body, server.sign, reply_to)
    except sealing.BundleError as exc:
        raise bad_request(f"{exc.code}: {exc.message}") from exc


def _known(db: Database, header: dict[str, Any], signer: str) -> Principal:
    """The laptop a bundle's header names by its token, signed with its pinned key."""
    t = now_ms()
    n = header.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or not 0 < n < INT64:
        raise bad_request("a bundle's number is a positive integer")
    token = header.get("token")
    with db.write() as conn:
        who = accounts.authenticate(conn, token if isinstance(token, str) else "", now_ms=t)
        if bundle_keys.pin(conn, who.device_id, signer, n, now_ms=t) is not None:
            raise SyncRefused(
                401, "other_key", "this bundle is signed by another key than the laptop's"
            )
        accounts.extend(conn, str(token), now_ms=t)
    return who


def _conversation(db: Database, who: Principal, body: dict[str, Any], site: Any) -> dict[str, Any]:
    """What the laptop would have been told online: hello, push, audit, pull, names,
    duplicates, and the county's list of revoked devices."""
    batches = body.get("batches") or []
    if not isinstance(batches, list) or len(batches) > MAX_BATCHES:
        raise bad_request("too many batches in one bundle")
    hello = HelloIn.model_validate(body["hello"])
    if hello.site != site:
        raise bad_request("the bundle's header and body name different sites")
    if hello.protocol != PROTOCOL_VERSION:
        raise SyncRefused(426, "upgrade_required", "this laptop's app must be updated")
    said = answer_hello(db, who, None, hello)
    reply: dict[str, Any] = {"hello": said, "revoked": _revoked(db)}
    reply["push"] = _push(db, who, hello.site, batches)
    reply["audit"] = _audit(db, who, hello.site, said["audit"], body.get("audit"))
    mine = max(int(body["pull"].get("mine") or 0), int(reply["push"].get("hwm") or 0))
    start = hello.cursors if hello.epoch == said["epoch"] else {}
    reply["pull"] = _pull(db, who, {**body["pull"], "cursors": start, "mine": mine})
    if said.get("names") and said["names"] != body.get("names"):
        with db.read() as conn:
            names = regions.names_in_scope(conn, who.region)
        reply["names"] = {"version": regions.version(names), "regions": names}
    if said.get("duplicates"):
        with db.read() as conn:
            reply["duplicates"] = duplicates.cases_for(conn, who)
    return reply


def _push(db: Database, who: Principal, site: str, batches: list[Any]) -> dict[str, Any]:
    """Every operation of the bundle, in the batches a laptop online would send (each
    encoded on its own: counters as deltas); a gap (the server lacks what came before:
    restored from a backup) ends it, said."""
    results: list[Any] = []
    hwm = 0
    digests = "".join(op.digest() for batch in batches for op in decode_ops(site, batch))
    digest = hashlib.sha256(digests.encode()).hexdigest()  # which laptop's ops these were
    for batch in batches:
        sent = PushIn.model_validate({"site": site, "ops": batch})
        try:
            answer = answer_push(db, who, sent, False)
        except SyncRefused as exc:
            if exc.code != "gap":
                raise
            gap = exc.details.get("expected")
            return {"hwm": hwm, "results": results, "gap": gap, "digest": digest}
        results += answer["results"]
        hwm = int(answer["hwm"])
    return {"hwm": hwm, "results": results, "digest": digest}


def _audit(
    db: Database, who: Principal, site: str, head: dict[str, Any], sent: Any
) -> dict[str, Any] | None:
    """The bundle's audit entries past the server's head. The laptop sent them from the
    last head it knew; the hash at the server's head is the one its entry carries."""
    if not isinstance(sent, dict) or not isinstance(sent.get("entries"), list):
        return None
    after = int(head["id"])
    entries = [e for e in sent["entries"] if isinstance(e, list) and e and _int(e[0]) > after]
    at_head = sent.get("at") if after == _int(sent.get("from")) else None
    at_head = at_head or next(
        (e[8] for e in sent["entries"] if isinstance(e, list) and len(e) > 8 and e[0] == after),
        None,
    )
    if not entries and not after:
        return None
    with db.write() as conn:
        return audit.receive(
            db, conn, who, site, at_head if after else None, entries[:AUDIT_MAX], now_ms=now_ms()
        )


def _pull(db: Database, who: Principal, asked: dict[str, Any]) -> dict[str, Any]:
    """Pages of changes from the laptop's cursors, as many as a reply carries."""
    start = dict(asked["cursors"])
    cursors = dict(start)
    pages: list[Any] = []
    size, more = 0, True
    while more and size < REPLY_PULL_BYTES:
        sent = PullIn.model_validate(
            {**asked, "cursors": cursors, "limit": PULL_LIMIT, "max_bytes": PULL_MAX_BYTES}
        )
        answer = answer_pull(db, who, sent)
        more = bool(answer["more"])
        for page in answer["pages"]:
            pages.append(page)
            cursors[page["r"]] = int(page["to"])
            size += sum(len(str(e)) for e in page["e"]) + 40
        if not answer["pages"]:
            break
    return {"from": start, "pages": pages, "more": more}


def _revoked(db: Database) -> list[str]:
    """The county's revoked devices (ids only: random, naming nobody), signed with the
    reply: a relay or laptop that reads it carries no bundle of theirs further."""
    with db.read() as conn:
        d = s.device.c
        found = conn.execute(select(d.id).where(d.revoked_ms.is_not(None)).order_by(d.id))
        return [str(r.id) for r in found]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1
