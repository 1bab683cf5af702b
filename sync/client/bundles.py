"""Sync by USB stick (issue 16): a laptop's bundle out, the server's reply in, and the
relay between (:mod:`sync.sealing` for the file itself).

A bundle is what the engine would say online, written down at once: the hello, every
operation the server has not acknowledged (in the batches the engine sends), the audit
entries past the last head this laptop knows the server holds, and what it asks to pull.
The server answers it as it answers those requests one by one; the reply is read here
as the engine reads the answers.

Order and repetition: a reply is read only if no server answer (over HTTP or in
another reply) was applied here since its bundle was made; otherwise it is stale and
changes nothing: importing one twice, or an old one after a newer one, does nothing.
(The rule is causal, never the server's clock: a clock once fast or set back would
make an old reply look new.) Operations it did not acknowledge go again in the next
bundle or sync (the server answers each counter from its log), and a pulled change at
or below the laptop's cursor for its village is skipped, so bundles and HTTP sync of one
laptop never apply anything twice or backwards. A reply acknowledges only the very
operations this store sent in that bundle (their digest, echoed by the server): a copy
of the store file, with the same site and keys, does not take the original's reply as
its own. A reply that stopped before the end of what the server holds says so; the next
bundle goes on from there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import sealing
from ..protocol import PROTOCOL_VERSION, Status, encode_ops
from .pulling import Received
from .store import Ack, LocalStore, rejected_of
from .transport import SyncError, Transport

BATCH = 2000  # operations per batch (the server's bound, as online)
BATCHES = 100  # batches per bundle (the server's bound): more waits for the next bundle
AUDIT_MAX = 20_000  # audit entries per bundle (the next one sends the rest)
KEEP_SENT = 50  # the digests of the last bundles made, to tell their replies
SUFFIX = ".bundle"
REPLY_SUFFIX = ".reply"


@dataclass
class BundleReport:
    """What importing a reply did (the front ends word it)."""

    n: int = 0  # the bundle it answers
    stale: bool = False  # made before the last answer applied here: nothing changed
    acknowledged: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    more: bool = False  # the server holds more: the next bundle brings it
    server_restored: bool = False
    places: int | None = None
    duplicates: int = 0
    refused: str | None = None  # the server refused the bundle (a code: device_revoked...)
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def signing_key(store: LocalStore) -> str:
    """This store's bundle signing key (public half), made now if it has none: at
    enrolment and in every hello, so the server pins it while the laptop can still reach
    it, and a backup taken since holds it (a laptop restored from it signs as before)."""
    state = store.bundle_state()
    if "keys" not in state:
        state["keys"] = sealing.Keys.new().dump()
        store.save_bundle_state(state)
    return sealing.Keys.load(state["keys"]).public()["sign"]


def note_findings(store: LocalStore, hello: dict[str, Any]) -> None:
    """Keep the spot-check findings a hello's answer carried (an older server: none)."""
    if isinstance(hello.get("findings"), list):
        fixed = hello.get("fixed")
        store.receive_findings(hello["findings"], fixed if isinstance(fixed, list) else [])


def note_hello(store: LocalStore, hello: dict[str, Any]) -> None:
    """An answer from the server over HTTP (enrolment or hello) was applied: its bundle
    keys are kept, and a reply to a bundle made before it is stale from now on."""
    state = store.bundle_state()
    if isinstance(hello.get("bundle"), dict):
        state["server"] = {k: str(hello["bundle"][k]) for k in ("box", "sign")}
    state["made_then"] = int(state.get("made") or 0)
    store.save_bundle_state(state)


def export(
    store: LocalStore, *, app_version: str = "", clock: Any = time.time
) -> tuple[str, bytes]:
    """The next bundle of this laptop: its file name and bytes."""
    state = store.sync_state()
    if not state.enrolled:
        raise SyncError("not_enrolled", "this laptop is not enrolled with a county server")
    saved = store.bundle_state()
    if saved.get("revoked"):
        raise SyncError("device_revoked", "this device was revoked by the county")
    server = saved.get("server")
    if not isinstance(server, dict):
        raise SyncError(
            "no_bundle_keys", "sync once over the network (or enroll again) to use bundles"
        )
    keys = sealing.Keys.load(saved["keys"]) if "keys" in saved else sealing.Keys.new()
    n = int(saved.get("made") or 0) + 1
    now_ms = int(clock() * 1000)
    ops = store.pending(BATCH * BATCHES)
    audit_from = int(saved.get("audit_id") or 0)
    header = {
        "site": state.site_id,
        "n": n,
        "made_ms": now_ms,
        "token": state.token,
        "reply_to": keys.public()["box"],
    }
    body = {
        "hello": {
            "site": state.site_id,
            "protocol": PROTOCOL_VERSION,
            "app": app_version,
            "epoch": state.epoch,
            "cursors": state.cursors,
            "health": {**store.health_report(), "clock_ms": max(0, now_ms)},
            "fixed": store.findings_fixed(),
        },
        "batches": [encode_ops(ops[i : i + BATCH]) for i in range(0, len(ops), BATCH)],
        "audit": {
            "from": audit_from,
            "at": store.audit_hash(audit_from) if audit_from else None,
            "entries": store.audit_since(audit_from, AUDIT_MAX),
        },
        "pull": {
            "site": state.site_id,
            "mine": state.acked_ctr,
            "top": int(store.health_report().get("top") or 0),
        },
        "names": store.places_version(),
    }
    data = sealing.seal(sealing.Direction.TO_SERVER, header, body, keys.sign, server["box"])
    sent = dict(list((saved.get("sent") or {}).items())[-(KEEP_SENT - 1) :])
    sent[str(n)] = ops_digest(ops)
    store.save_bundle_state({**saved, "keys": keys.dump(), "made": n, "sent": sent})
    return f"childcare-{state.site_id[:8]}-{n:05d}{SUFFIX}", data


def read_reply(store: LocalStore, data: bytes) -> BundleReport:
    """Apply a reply bundle (see the module's docstring for order and repetition)."""
    saved = store.bundle_state()
    if "keys" not in saved or not isinstance(saved.get("server"), dict):
        raise sealing.BundleError("not_for_us", "this laptop has made no bundle")
    opened = sealing.open_sealed(
        data, sealing.Direction.TO_LAPTOP, sealing.Keys.load(saved["keys"]).box
    )
    if opened.signer != saved["server"]["sign"]:
        raise sealing.BundleError(
            "bad_signature", "the reply is not signed by this county's server"
        )
    head = opened.header
    state = store.sync_state()
    if head.get("site") != state.site_id:
        raise sealing.BundleError("not_for_us", "the reply answers another store's bundle")
    report = BundleReport(n=int(head.get("n") or 0))
    sent = (saved.get("sent") or {}).get(str(report.n))
    if sent is None:
        raise sealing.BundleError(
            "not_for_us", "the reply answers a bundle this store did not make"
        )
    if isinstance(head.get("refused"), dict):
        return _refused(store, saved, head["refused"], report)
    if _stale(saved, report.n):
        report.stale = True
        return report
    reply = opened.body()
    if (reply.get("push") or {}).get("digest") != sent:  # a copy of the store made it
        raise sealing.BundleError("not_for_us", "the reply answers another copy of this store")
    hello = reply["hello"]
    _hello(store, hello, report)
    _acknowledge(store, state.site_id, reply.get("push") or {}, report)
    _pull(store, reply.get("pull") or {}, report)
    names = reply.get("names")
    if isinstance(names, dict) and names.get("version") != store.places_version():
        store.save_places(str(names["version"]), [tuple(x) for x in names["regions"]])
        report.places = len(names["regions"])
    if isinstance(reply.get("duplicates"), list) and store.wants_duplicates():
        report.duplicates = store.receive_duplicates(reply["duplicates"])
    audit = reply.get("audit")
    audit_head = audit.get("head") if isinstance(audit, dict) else None
    saved = store.bundle_state()  # (a new epoch may have changed it)
    saved.update(
        made_then=int(saved.get("made") or 0), read=max(report.n, int(saved.get("read") or 0))
    )
    if isinstance(audit_head, dict):
        saved["audit_id"] = int(audit_head["id"])
    if isinstance(reply.get("revoked"), list):
        saved["revoked_devices"] = [str(x) for x in reply["revoked"]][:100_000]
    store.save_bundle_state(saved)
    store.record_sync(ok=True, at_ms=int(hello["now"]), offset_ms=None, error=None)
    return report


def _stale(saved: dict[str, Any], n: int) -> bool:
    """Whether a server answer was applied here since bundle ``n`` was made (then its
    reply is older than what this laptop holds, or as old)."""
    return n <= int(saved.get("made_then") or 0)


def ops_digest(ops: list[Any]) -> str:
    """What a bundle's operations were: the SHA-256 of their digests, in order."""
    return hashlib.sha256("".join(op.digest() for op in ops).encode()).hexdigest()


def _refused(
    store: LocalStore, saved: dict[str, Any], refused: dict[str, Any], report: BundleReport
) -> BundleReport:
    report.refused = str(refused.get("code") or "refused")
    report.details = {k: v for k, v in refused.items() if k != "code"}
    if report.refused == "device_revoked":  # by any path from now on
        store.save_bundle_state({**saved, "revoked": True})
    elif report.refused == "cloned_site":  # this file is a copy: a new site, as over HTTP
        store.become_new_site()
        report.details["new_site"] = True
    store.record_sync(ok=False, at_ms=int(time.time() * 1000), offset_ms=None, error=report.refused)
    return report


def _hello(store: LocalStore, hello: dict[str, Any], report: BundleReport) -> None:
    state = store.sync_state()
    if isinstance(hello.get("health"), list):
        store.receive_health(hello["health"], at_ms=int(hello["now"]))
    if isinstance(hello.get("recovery"), dict):  # the county's recovery key (issue 16)
        store.receive_recovery_key(hello["recovery"])
    note_findings(store, hello)
    if hello["epoch"] != state.epoch:
        report.server_restored = state.epoch is not None
        store.new_epoch(str(hello["epoch"]))
    store.requeue_after(state.site_id, int(hello["hwm"]))
    store.rejected(state.site_id, rejected_of(hello))  # what the county sent back


def _acknowledge(
    store: LocalStore, site_id: str, push: dict[str, Any], report: BundleReport
) -> None:
    """The results of the operations still waiting here (others were acknowledged by a
    sync since, or requeued: they go again)."""
    results = {int(r[0]): r for r in push.get("results") or [] if isinstance(r, list) and r}
    if push.get("gap") is not None:
        store.requeue_after(site_id, int(push["gap"]) - 1)
    waiting = [op for op in store.pending(10**9) if op.ctr in results]
    acks = [
        Ack(
            r[0],
            r[1],
            r[2],
            r[3] if len(r) > 3 else None,
            r[4] if len(r) > 4 and isinstance(r[4], dict) else None,
        )
        for r in (results[op.ctr] for op in waiting)
    ]
    store.acknowledge(site_id, acks, waiting)
    report.acknowledged = len(acks)
    report.conflicts = sum(a.status == Status.CONFLICT for a in acks)
    report.quarantined = sum(a.status == Status.QUARANTINED for a in acks)


def _pull(store: LocalStore, pull: dict[str, Any], report: BundleReport) -> None:
    """The reply's pages, from where this laptop's cursors stand now: a change at or
    below the cursor came by another path already."""
    got = Received(store, lambda n: None)
    for page in pull.get("pages") or []:
        cursors = store.sync_state().cursors
        at = int(cursors.get(page["r"], 0))
        start = int((pull.get("from") or {}).get(page["r"], 0))
        if int(page["to"]) <= at or start > at:
            continue  # all here already, or a gap: the next bundle asks from the cursor
        got.take({"r": page["r"], "e": [e for e in page["e"] if int(e[0]) > at], "to": page["to"]})
        got.apply()
    report.pulled = got.total
    report.more = bool(pull.get("more"))


def relay(folder: Path, transport: Transport, *, again: bool = False) -> list[tuple[str, str]]:
    """Carry every bundle in ``folder`` to the server and write each reply beside it
    (``<name>.reply``, written whole or not at all). Returns (file, outcome) pairs:
    ``replied``, ``skipped`` (its reply is there; ``again`` sends it anyway) or why it
    failed (the file is left for another try)."""
    done: list[tuple[str, str]] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        target = path.with_suffix(REPLY_SUFFIX)
        if target.exists() and not again:
            done.append((path.name, "skipped"))
            continue
        try:
            response = transport.request(
                "POST", "/bundles", read_bounded(path), {"Content-Type": "application/octet-stream"}
            )
            if response.status_code != 200 or not response.content.startswith(sealing.MAGIC):
                done.append((path.name, f"refused {response.status_code}"))
                continue
            write_whole(target, response.content)
        except SyncError as exc:
            done.append((path.name, exc.code))
            continue
        except OSError:  # the stick read-only, full or pulled out: the others still go
            done.append((path.name, "io"))
            continue
        except sealing.BundleError as exc:  # larger than any bundle: not read at all
            done.append((path.name, exc.code))
            continue
        done.append((path.name, "replied"))
    return done


def read_bounded(path: Path) -> bytes:
    """A bundle file's bytes; a file larger than any bundle is refused unread (a stick
    may hold anything)."""
    with path.open("rb") as fh:
        data = fh.read(sealing.MAX_BUNDLE_BYTES + len(sealing.MAGIC) + 2)
    if len(data) > sealing.MAX_BUNDLE_BYTES + len(sealing.MAGIC) + 1:
        raise sealing.BundleError("too_large", "the file is larger than any bundle")
    return data


def write_whole(path: Path, data: bytes) -> None:
    """Write a file under a temporary name and rename it: a stick pulled out part way
    leaves no half a bundle under the real name."""
    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)  # (a link left there is removed, never followed)
    try:
        # A new file or nothing: a link planted on the stick under the name is not
        # followed into a file of the relay's user (O_EXCL fails on any existing name).
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(part, flags | getattr(os, "O_BINARY", 0), 0o600), "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError:
        with contextlib.suppress(OSError):  # a full stick keeps no half a file either
            part.unlink()
        raise
