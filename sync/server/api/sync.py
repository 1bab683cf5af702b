"""The sync endpoints: ping, hello, push, pull, resolve and a site's set-aside operations.

Every request that changes something is answered only after its transaction has
committed, so a lost answer is repaired by sending the same request again.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, StrictInt
from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from childcare_desktop.core.roles import Permission

from ...protocol import (
    API,
    HEALTH_MAX_COUNT,
    INT64,
    LINES_TYPE,
    PROTOCOL_VERSION,
    Operation,
    OpKind,
    decode_ops,
)
from .. import (
    accounts,
    audit,
    bundle_keys,
    health,
    merge,
    quarantine_desk,
    recovery_key,
    regions,
    restore,
    spot_checks,
)
from .. import schema as s
from ..db import Database, epoch
from ..errors import SyncRefused, bad_request
from ..principal import Principal
from . import bodies
from .deps import Who, bearer, body, database, failpoint, now_ms

PULL_LIMIT = 5000
HELD_LIMIT = 1000  # hello lists this site's set-aside counters up to this many
PULL_MAX_BYTES = 2 * 1024 * 1024  # raw JSON per pull answer (~256 KB compressed)
PUSH_MAX_OPS = 2000  # the laptop's largest batch (sync.client.SyncEngine.MAX_BATCH)
CURSORS_MAX = 10_000  # villages a device may follow (a county has a few hundred)
SITE = r"^[0-9a-f]{32}$"
FINDING = r"^[0-9a-f]{32}$"

B = bodies.MB
CURSORS = bodies.Bounds(
    wire=256 * bodies.KB,
    inflated=2 * B,
    containers=8,
    values=CURSORS_MAX + 16 + 2 * spot_checks.FINDINGS_MAX,  # and the findings marked fixed
    string=200,
)
PUSH = bodies.Bounds(wire=4 * B, inflated=8 * B, containers=40_000, values=300_000)
RESOLVE = bodies.Bounds(
    wire=64 * bodies.KB, inflated=256 * bodies.KB, containers=1000, values=10_000
)

router = APIRouter(prefix=API, tags=["sync"])
Cursors = dict[str, Annotated[int, Field(ge=0, lt=INT64)]]


class HealthIn(BaseModel):
    """What a laptop says of itself (sync health): strict, bounded figures."""

    pending: StrictInt = Field(ge=0, le=HEALTH_MAX_COUNT, description="changes not yet sent")
    set_aside: StrictInt = Field(
        ge=0, le=HEALTH_MAX_COUNT, description="changes set aside, by the server or the laptop"
    )
    top: StrictInt | None = Field(default=None, ge=0, lt=INT64, description="highest counter")
    last_ok_ms: StrictInt | None = Field(
        default=None, ge=0, lt=INT64, description="its last good sync, by its clock"
    )
    clock_ms: StrictInt = Field(ge=0, lt=INT64, description="its wall clock now")


class HelloIn(BaseModel):
    site: str = Field(pattern=SITE, description="the store's sync site id")
    protocol: int = Field(description="protocol version the laptop speaks")
    app: str = Field(default="", max_length=40)
    epoch: str | None = Field(default=None, max_length=40, description="the epoch last seen")
    cursors: Cursors = Field(
        default_factory=dict, max_length=CURSORS_MAX, description="village -> last seq"
    )
    health: HealthIn | None = Field(
        default=None,
        description="sync health: the laptop's figures (an older laptop sends none); a"
        " supervisor's or the county's hello is answered with `health`, its scope's devices",
    )
    bundle_key: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9+/]{43}=$",
        description="the laptop's bundle signing key (Ed25519, base64): pinned for its"
        " bundles (an older laptop: absent)",
    )
    fixed: dict[Annotated[str, Field(pattern=FINDING)], Annotated[int, Field(ge=0, lt=INT64)]] = (
        Field(
            default_factory=dict,
            max_length=spot_checks.FINDINGS_MAX,
            description="spot-check findings the laptop's user marked fixed (id -> when, by"
            " its clock), sent until the answer's `fixed` lists them (an older laptop: absent)",
        )
    )


class PushIn(BaseModel):
    site: str = Field(pattern=SITE)
    ops: list[Annotated[list[Any], Field(max_length=9)]] = Field(
        max_length=PUSH_MAX_OPS, description="operations, see sync.protocol.encode_ops"
    )
    since: int | None = Field(
        default=None,
        ge=1,
        description="answer also `had`: the results of this site's operations held from"
        " this counter on, and `had_digest`, the SHA-256 of their digests (a batch sent as"
        " lines and cut part way was applied as far as it came)",
    )


class PullIn(BaseModel):
    site: str | None = Field(
        default=None, max_length=32, description="leave out this site's own changes"
    )
    mine: int | None = Field(
        default=None,
        ge=0,
        lt=INT64,
        description="... only up to this counter (those it holds as acked)",
    )
    cursors: Cursors = Field(default_factory=dict, max_length=CURSORS_MAX)
    top: int | None = Field(
        default=None,
        ge=0,
        lt=INT64,
        description="the highest counter this laptop has given a change (unsent ones too):"
        " its changes of a file the answer tells it has moved, made before, still count as"
        " made before it knew (an older laptop: absent)",
    )
    limit: int = Field(default=PULL_LIMIT, ge=1, le=PULL_LIMIT)
    max_bytes: int | None = Field(
        default=None,
        ge=1,
        description="the answer's size the laptop's link carries (JSON bytes, before"
        " compression); the server cuts the answer there, after at least one change",
    )


class ResolveIn(BaseModel):
    conflict: str = Field(max_length=32)
    value: Any = Field(description="the value chosen or typed")


@router.get("/ping", summary="Cheap reachability check (no authentication)")
async def ping() -> dict[str, Any]:
    # On the event loop, no database: it answers while workers are busy.
    return {"ok": True, "now": now_ms(), "protocol": PROTOCOL_VERSION}


@router.post(
    "/hello",
    summary="Handshake: server time, epoch, this site's hwm, stale villages, a new token",
    openapi_extra=bodies.documented(HelloIn),
)
async def hello(
    request: Request, who: Who, sent: Annotated[HelloIn, body(HelloIn, CURSORS)]
) -> Response:
    if sent.protocol != PROTOCOL_VERSION:
        raise SyncRefused(
            426, "upgrade_required", "this laptop's app must be updated", protocol=PROTOCOL_VERSION
        )
    db = database(request)
    token = bearer(request)
    return await bodies.reply(request, lambda: answer_hello(db, who, token, sent))


def answer_hello(db: Database, who: Principal, token: str | None, sent: HelloIn) -> dict[str, Any]:
    """The hello's answer (also a bundle's: ``token`` None, no token is rotated by a
    bundle, whose reply may come back after the laptop synced over HTTP)."""
    t = now_ms()
    with db.write() as conn:
        hwm = _site_hwm(conn, who, sent.site, t)
        accounts.seen(conn, who.device_id, now_ms=t)
        new_token = accounts.rotate_if_due(conn, token, now_ms=t) if token else None
        ident, number = epoch(conn)
        heads = merge.heads_in_scope(conn, who)
        held, quarantined = _held(conn, sent.site)
        # Sent back by the county: held for good (an older laptop keeps showing them as
        # set aside and never sends them again), and each with the county's reason.
        rejected = quarantine_desk.rejected_of(conn, sent.site, HELD_LIMIT + 1)
        held = sorted(held + [ctr for ctr, _ in rejected])
        chain_head = audit.head(conn, sent.site)
        devices = _health(conn, who, sent, t)
        in_scope = regions.names_in_scope(conn, who.region)
        cursors = sent.cursors if sent.epoch == ident else {}
        merge.remember_cursors(conn, sent.site, cursors)
        keys = bundle_keys.public(conn, now_ms=t)
        if token is not None and sent.bundle_key:  # over HTTPS, with its token
            bundle_keys.pin_online(conn, who.device_id, sent.bundle_key, now_ms=t)
        county = recovery_key.answer(conn)
        fixed = spot_checks.mark_fixed(
            conn, list(sent.fixed.items()), scope=who.region, who=who.user_name, now_ms=t
        )
        findings = spot_checks.open_findings(conn, who.region)[: spot_checks.FINDINGS_MAX]
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
        # what the county sent back, [ctr, reason] (an older server: absent)
        **({"rejected": rejected} if 0 < len(rejected) <= HELD_LIMIT else {}),
        "user": who.user_name,
        "role": who.role,
        "region": who.region,
        "audit": chain_head,  # the last audit entry the server holds of this site
        "push_lines": True,  # takes a batch as lines (an older server: absent)
        # GET /duplicates serves this user's cases (an older server: absent)
        **({"duplicates": True} if who.may(Permission.MERGE_DUPLICATES) else {}),
        **({"health": devices} if devices is not None else {}),
        # The version of GET /regions: absent while the county has imported no names
        # of this scope (nothing to fetch), and from an older server.
        **({"names": regions.version(in_scope)} if in_scope else {}),
        **({"token": new_token} if new_token else {}),
        "bundle": keys,  # where a bundle is sealed to, the key replies are signed with
        # The county's recovery key: a laptop re-seals its store's key when it changed
        # (absent while the county has set none, and from an older server).
        **county,
        # The spot-check findings of this scope not yet fixed, and the fixed marks this
        # hello brought that the laptop may forget (an older server: both absent).
        "findings": findings,
        "fixed": fixed,
    }


def _health(conn: Connection, who: Principal, sent: HelloIn, t: int) -> list[dict[str, Any]] | None:
    """Keep the laptop's report; the devices of its scope if its user may see them
    (only to a laptop that reports: an older one would not keep them)."""
    if sent.health is None:
        return None
    health.record(conn, who, sent.site, health.Report(**sent.health.model_dump()), now_ms=t)
    if not who.may(Permission.SEE_SYNC_HEALTH):
        return None
    return health.devices(conn, who.region)


def _site_hwm(conn: Connection, who: Principal, site_id: str, t: int) -> int:
    """The site's high-water mark (0 for a new site); a site of another device is a copy."""
    found = conn.execute(select(s.site).where(s.site.c.site_id == site_id)).first()
    if found is None:
        try:
            with conn.begin_nested():  # two first hellos at once (two relays of a stick)
                conn.execute(
                    s.site.insert().values(
                        site_id=site_id,
                        device_id=who.device_id,
                        hwm=0,
                        created_ms=t,
                        last_seen_ms=t,
                    )
                )
            return 0
        except IntegrityError:
            found = conn.execute(select(s.site).where(s.site.c.site_id == site_id)).first()
            assert found is not None
    if found.device_id != who.device_id:
        raise SyncRefused(409, "cloned_site", "this site belongs to another device")
    conn.execute(update(s.site).where(s.site.c.site_id == site_id).values(last_seen_ms=t))
    return int(found.hwm)


def _held(conn: Connection, site_id: str) -> tuple[list[int], int]:
    q = s.quarantine.c
    held = (
        conn.execute(
            select(q.ctr).where(q.site_id == site_id).order_by(q.ctr).limit(HELD_LIMIT + 1)
        )
        .scalars()
        .all()
    )
    count = conn.execute(
        select(func.count()).select_from(s.quarantine).where(q.site_id == site_id)
    ).scalar_one()
    return list(held), int(count)


@router.post(
    "/push",
    summary="Send a batch of one site's operations, in counter order",
    openapi_extra=bodies.documented(PushIn),
)
async def push(request: Request, who: Who) -> Response:
    """A batch as JSON, or as lines (:data:`LINES_TYPE`: ``{"site": ...}``, then one
    operation a line): a batch as lines cut part way is applied as far as its last whole
    line (nobody reads the answer: the laptop asks with ``since`` what the server holds)."""
    db = database(request)
    if request.headers.get("content-type", "").split(";")[0] == LINES_TYPE:
        sent, cut = await bodies.lines(request, PushIn, PUSH, "ops")
    else:
        sent, cut = await bodies.parsed(request, PushIn, PUSH), False
    if cut and not sent.ops:
        raise bad_request("truncated body")

    return await bodies.reply(request, lambda: answer_push(db, who, sent, cut, request))


def answer_push(
    db: Database, who: Principal, sent: PushIn, cut: bool, request: Request | None = None
) -> dict[str, Any]:
    """A batch's answer (also of each batch of a bundle: ``request`` None)."""
    try:
        ops = decode_ops(sent.site, sent.ops)
    except (ValueError, TypeError) as exc:
        raise bad_request(str(exc)) from exc
    if cut:
        ops = _without_last_change(ops)
    with db.write() as conn:
        _, number = epoch(conn)
        result = merge.push(db, conn, who, sent.site, ops, epoch_no=number, now_ms=now_ms())
        # After a restore, a conflict decided before it arises again as its edits
        # come back: closed again as it was decided.
        restore.redecide(db, conn, epoch_no=number, now_ms=now_ms())
        failpoint(request, "push.before_commit")
        if sent.since is not None:
            result.update(merge.held_since(conn, sent.site, sent.since, PUSH_MAX_OPS))
    failpoint(request, "push.after_commit")
    result["now"] = now_ms()
    return result


@router.post(
    "/pull",
    summary="Changes in the device's scope after its cursors",
    openapi_extra=bodies.documented(PullIn),
)
async def pull(
    request: Request, who: Who, sent: Annotated[PullIn, body(PullIn, CURSORS)]
) -> Response:
    db = database(request)

    return await bodies.reply(
        request, lambda: answer_pull(db, who, sent, request), lines=merge.as_lines
    )


def answer_pull(
    db: Database, who: Principal, sent: PullIn, request: Request | None = None
) -> dict[str, Any]:
    """A pull's answer (also a bundle's: ``request`` None)."""
    with db.read() as conn:
        result = merge.pull(
            conn,
            who,
            sent.cursors,
            limit=sent.limit,
            max_bytes=min(sent.max_bytes or PULL_MAX_BYTES, PULL_MAX_BYTES),
            site_id=sent.site,
            mine=sent.mine,
        )
        told = merge.told.passed(conn, who, sent.cursors, result)
    if told:  # the device now knows of these exits: its late edits end here
        with db.write() as conn:
            merge.told.record(conn, who, told, site_id=sent.site, top=sent.top, now_ms=now_ms())
    failpoint(request, "pull.before_reply")
    return result


@router.post(
    "/resolve",
    summary="Close a conflict with the chosen value",
    openapi_extra=bodies.documented(ResolveIn),
)
async def resolve(
    request: Request, who: Who, sent: Annotated[ResolveIn, body(ResolveIn, RESOLVE)]
) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        with db.write() as conn:
            _, number = epoch(conn)
            t = now_ms()
            body = merge.resolve(
                db, conn, who, sent.conflict, sent.value, epoch_no=number, now_ms=t
            )
            if "refused" not in body and (body.get("resolution") or {}).get("at_ms") == t:
                restore.decided(conn, who, body)  # closed now, by this user: journaled
            return body

    return await bodies.reply(request, work)


@router.get("/quarantine/{site_id}", summary="This site's quarantined operations")
async def site_quarantine(site_id: str, request: Request, who: Who) -> Response:
    db = database(request)

    def work() -> list[dict[str, Any]]:
        with db.read() as conn:
            owner = conn.execute(
                select(s.site.c.device_id).where(s.site.c.site_id == site_id)
            ).first()
            if owner is None or owner.device_id != who.device_id:
                raise SyncRefused(403, "out_of_scope", "not this device's site")
            return merge.quarantine_in_scope(conn, who, site_id=site_id)

    return await bodies.reply(request, work)


def _without_last_change(ops: list[Operation]) -> list[Operation]:
    """A batch cut part way, less the fields its last record was being set (the lost
    part may have held more of that change: a state without its date). The laptop sends
    them again; nothing applied ever shows half of one change of a record."""
    end = len(ops)
    record = (ops[-1].table, ops[-1].row_id) if ops else None
    while (
        end
        and ops[end - 1].kind is OpKind.SET
        and (ops[end - 1].table, ops[end - 1].row_id) == record
    ):
        end -= 1
    if end == 0:
        raise bad_request("truncated body")
    return ops[:end]
