"""The sync engine: hello, push, resolve, pull, attachments. Every step is idempotent and
resumable: a cut at any point leaves the store as it was after the last finished step,
and the next run carries on from there.

Every exchange after the hello is sized in bytes to what the link has proved it carries
(:class:`~sync.client.budget.LinkBudget`): a cut is an ordinary event, the step is tried
again smaller, and only ``CUTS_IN_A_ROW`` cuts without any exchange getting through end
the run (recorded, and worded for the user as ``offline``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any, TypeVar

from ..protocol import (
    BLOB_CHUNK_BYTES,
    CLOCK_WARNING_MS,
    HEALTH_DEVICES,
    PROTOCOL_VERSION,
    Status,
    encode_ops,
)
from . import bundles
from .budget import LinkBudget
from .places import fetch_places
from .pulling import Received
from .store import Ack, LocalStore, rejected_of
from .transport import SyncError, Transport

Progress = Callable[[str, int, int], None]  # phase, done, total (blobs: in bytes)
T = TypeVar("T")
# What a cut link (or a briefly failing server) looks like: try again, smaller.
TRANSIENT = frozenset({"offline", "server_error", "too_large"})
PULL_SPAN = 3  # a pull answer may be this many connections' worth of bytes
PUSH_SPAN = 2.0  # a batch as lines: this many exchanges' worth of bytes


@dataclass
class SyncReport:
    ok: bool = False
    pushed: int = 0
    resumed: int = 0  # of those, the part of a cut batch the server had kept
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0
    kept: int = 0
    requeued: int = 0
    released: int = 0  # set aside by the server, applied there since
    rejected: int = 0  # set aside by the server, sent back by the county (newly told)
    audit_sent: int = 0  # audit entries the server took
    audit_alert: str | None = None  # the server found this store's audit chain broken
    places: int | None = None  # division names received (None: the store's were current)
    resolutions: int = 0
    blobs_uploaded: int = 0
    duplicates: int = 0  # open suspected duplicates for this user (supervisors, county)
    server_restored: bool = False
    new_site: bool = False
    clock_offset_ms: int | None = None
    clock_warning: bool = False
    requests: int = 0
    cuts: int = 0  # exchanges cut and tried again
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    error: str | None = None
    message: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Answer:
    """A pull answer as it came: its lines, the cut that ended it early, its bytes."""

    lines: list[Any] = field(default_factory=list)
    cut: SyncError | None = None
    used: int = 0  # bytes on the wire, both ways
    body: int = 0  # the answer's body as it came, and inflated
    raw: int = 0


class SyncEngine:
    MAX_BATCH = 2000  # operations per push (the server's bound)
    AUDIT_BATCH = 1000
    CUTS_IN_A_ROW = 8  # cuts of one step, with nothing through in between, before giving up
    HEADERS = 600  # bytes of an exchange that are not its body (for attachment chunks)

    def __init__(
        self,
        store: LocalStore,
        *,
        transport: Transport | None = None,
        app_version: str = "",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        state = store.sync_state()
        if not state.enrolled:
            raise SyncError("not_enrolled", "this laptop is not enrolled with a county server")
        assert state.server_url is not None
        self.transport = transport or Transport(state.server_url)
        self.transport.token = state.token
        self.app_version = app_version
        self.clock = clock
        self.link = LinkBudget()
        self.push_lines = False  # the server takes a batch as lines (said in its hello)

    def run(self, progress: Progress | None = None) -> SyncReport:
        report = SyncReport()
        started = time.perf_counter()
        before = (
            self.transport.meter.requests,
            self.transport.meter.sent,
            self.transport.meter.received,
        )
        say = progress or (lambda _phase, _done, _total: None)
        try:
            for _attempt in range(3):
                try:
                    self._run(report, say)
                    break
                except SyncError as exc:
                    if exc.code != "cloned_site":
                        raise
                    # The store file was copied to another laptop: become a new site.
                    self.store.become_new_site()
                    report.new_site = True
            report.ok = True
            self.store.record_sync(
                ok=True, at_ms=self._now(), offset_ms=report.clock_offset_ms, error=None
            )
        except SyncError as exc:
            report.error, report.message, report.details = exc.code, exc.message, exc.details
            self.store.record_sync(
                ok=False, at_ms=self._now(), offset_ms=report.clock_offset_ms, error=exc.code
            )
            if exc.code == "device_revoked":  # no bundle either, from now on
                self.store.save_bundle_state({**self.store.bundle_state(), "revoked": True})
        meter = self.transport.meter
        report.cuts = self.link.cuts
        report.requests = meter.requests - before[0]
        report.bytes_sent = meter.sent - before[1]
        report.bytes_received = meter.received - before[2]
        report.seconds = time.perf_counter() - started
        return report

    def _now(self) -> int:
        return int(self.clock() * 1000)

    def _run(self, report: SyncReport, say: Progress) -> None:
        state = self.store.sync_state()
        say("hello", 0, 1)
        t0 = self._now()
        hello = self.transport.post(
            "/hello",
            {
                "site": state.site_id,
                "protocol": PROTOCOL_VERSION,
                "app": self.app_version,
                "epoch": state.epoch,
                "cursors": state.cursors,
                "health": self._health(t0),
                "bundle_key": bundles.signing_key(self.store),  # pinned for its bundles
                "fixed": self.store.findings_fixed(),  # spot-check findings fixed here
            },
        )
        t1 = self._now()
        bundles.note_findings(self.store, hello)
        if isinstance(hello.get("health"), list):  # the devices this user may see
            self.store.receive_health(hello["health"][:HEALTH_DEVICES], at_ms=int(hello["now"]))
        if isinstance(hello.get("recovery"), dict):  # the county's key: re-seal if it changed
            self.store.receive_recovery_key(hello["recovery"])
        if hello.get("token"):  # the server rotated the device token: keep it, then use it
            self.store.save_token(str(hello["token"]))
            self.transport.token = str(hello["token"])
        offset = int(hello["now"] - (t0 + t1) / 2)
        report.clock_offset_ms = offset
        report.clock_warning = abs(offset) > CLOCK_WARNING_MS
        self.store.receive_clock(int(hello["now"]))
        bundles.note_hello(self.store, hello)  # a reply bundle made before this is stale
        if hello["epoch"] != state.epoch:
            report.server_restored = state.epoch is not None
            self.store.new_epoch(hello["epoch"])
        self.push_lines = bool(hello.get("push_lines"))
        report.requeued += self.store.requeue_after(state.site_id, int(hello["hwm"]))
        report.rejected = self.store.rejected(state.site_id, rejected_of(hello))
        if "held" in hello:
            self._released(report, state.site_id, int(hello["hwm"]), hello["held"])
        pushed = self._push(report, say, state.site_id)
        self._resolve(report)
        if "audit" in hello:
            self._audit(report, state.site_id, hello["audit"])
        if hello["stale"] or pushed or report.server_restored:
            self._pull(report, say, state.site_id)
        if hello.get("names") and hello["names"] != self.store.places_version():
            report.places = fetch_places(self, str(hello["names"]))
        self._blobs(report, say)
        if hello.get("duplicates"):  # an older server has no cases to give
            self._duplicates(report)

    def _health(self, clock_ms: int) -> dict[str, Any]:
        """What this laptop says of itself at each hello (sync health)."""
        figures = self.store.health_report()
        return {**figures, "clock_ms": max(0, clock_ms)}

    def _exchange(self, send: Callable[[int], T]) -> T:
        """One step on the wire: ``send(budget)`` builds a request of about ``budget``
        bytes and sends it once. A cut shrinks the budget and the step is built again;
        success grows it. Gives up after ``CUTS_IN_A_ROW`` cuts in a row."""
        meter = self.transport.meter
        failures = 0
        while True:
            start = meter.sent + meter.received
            try:
                result = send(self.link.size)
            except SyncError as exc:
                failures = self._cut(exc, failures)
                continue
            self.link.carried(meter.sent + meter.received - start)
            return result

    def _post(self, path: str, body: Any) -> Any:
        return self.transport.post(path, body, retry=False)

    def _post_once(self, path: str, body: Any, _budget: int) -> Any:
        return self._post(path, body)

    def _send_once(self, site_id: str, ops: list[Any], _budget: int) -> dict[str, Any]:
        return self._timed_send(site_id, ops)[0]

    @staticmethod
    def _moved(say: Progress, before: int, total: int, offset: int) -> None:
        say("blobs", before + offset, total)

    def _push(self, report: SyncReport, say: Progress, site_id: str) -> int:
        """Send the outbox in batches sized in bytes, in counter order, one batch at a
        time on the wire.

        While the server merges batch n+1, this laptop records the answer to batch n (the
        two take about as long): the next batch is read and sent first, then the last one
        acknowledged. A cut batch is read again, smaller, from the same counter; what was
        acknowledged is never sent again. If the run ends in between, the unacknowledged
        batches stay pending and go again next time; the server answers a batch it
        already has with what it answered the first time."""
        total = self.store.pending_count()
        done, after, failures = 0, 0, 0
        ops = self._batch(after)
        if not ops:
            return 0
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as wire:
            sending: Future[tuple[dict[str, Any], int]] | None = wire.submit(
                self._timed_send, site_id, ops
            )
            while sending is not None:
                say("push", done, total)
                try:
                    answer, used = sending.result()
                except SyncError as exc:
                    if exc.code == "gap":
                        expected = int(exc.details["expected"])
                        report.requeued += self.store.requeue_after(site_id, expected - 1)
                        after = 0
                    else:
                        failures = self._cut(exc, failures)
                        if self.push_lines:  # the server applied what came: acknowledge it
                            n = self._had(report, site_id, ops)
                            if n:
                                after, done, failures = ops[n - 1].ctr, done + n, 0
                    ops = self._batch(after)
                    sending = wire.submit(self._timed_send, site_id, ops) if ops else None
                    continue
                failures = 0
                self.link.carried(used)
                self.link.learn("op", used, len(ops))
                sent, after = ops, ops[-1].ctr
                ops = self._batch(after)
                sending = wire.submit(self._timed_send, site_id, ops) if ops else None
                self._acknowledge(report, site_id, answer, sent)
                done += len(sent)
                report.pushed += len(sent)
        say("push", done, total)
        return done

    def _cut(self, exc: SyncError, failures: int) -> int:
        """A step failed: one more cut in a row, or the end of the run."""
        if exc.code not in TRANSIENT or failures >= self.CUTS_IN_A_ROW:
            if exc.code in TRANSIENT:
                exc.details["cuts"] = failures + 1
            raise exc
        self.link.cut()
        if failures:
            self.transport.sleep(self.transport.backoff_s * min(8, 2 ** (failures - 1)))
        return failures + 1

    def _batch(self, after: int) -> list[Any]:
        # A batch as lines cut part way costs only its partial line: it may be larger.
        share = PUSH_SPAN if self.push_lines and self.link.capacity else 1.0
        return self.store.pending(self.link.count("op", 40.0, self.MAX_BATCH, share), after=after)

    def _had(self, report: SyncReport, site_id: str, batch: list[Any]) -> int:
        """After ``batch`` was cut: what of it the server applied (as far as its last
        whole line), acknowledged from the server's results once these operations give
        the same digest (other payloads under these counters: a store copy). Returns how
        many were acknowledged (a prefix of the batch)."""
        body = {"site": site_id, "ops": [], "since": batch[0].ctr}
        answer = self._exchange(partial(self._post_once, "/push", body))
        had = answer.get("had") or []
        ops = batch[: len(had)]
        if not had or [op.ctr for op in ops] != [r[0] for r in had]:
            return 0  # nothing, or not this batch's counters: it goes again, as before
        mine = hashlib.sha256("".join(op.digest() for op in ops).encode()).hexdigest()
        if mine != answer.get("had_digest"):
            raise SyncError("cloned_site", "another payload was received under these counters")
        self._acknowledge(report, site_id, {"results": had}, ops)
        report.pushed += len(ops)
        report.resumed += len(ops)
        return len(ops)

    def _timed_send(self, site_id: str, ops: list[Any]) -> tuple[dict[str, Any], int]:
        meter = self.transport.meter
        start = meter.sent + meter.received
        if self.push_lines:
            answer: dict[str, Any] = self.transport.post_lines(
                "/push", {"site": site_id}, encode_ops(ops)
            )
        else:
            answer = self._post("/push", {"site": site_id, "ops": encode_ops(ops)})
        if "results" not in answer:
            raise SyncError("protocol", "the server's answer to a batch has no results")
        return answer, meter.sent + meter.received - start

    def _audit(self, report: SyncReport, site_id: str, head: dict[str, Any]) -> None:
        """Send the audit entries the server lacks, with this store's hash of the entry
        at the server's head: a chain rewritten here since no longer meets it (said
        even when there is nothing new to send)."""
        after = int(head["id"])
        while True:
            entries = self.store.audit_since(
                after, self.link.count("audit", 150.0, self.AUDIT_BATCH)
            )
            at_head = self.store.audit_hash(after) if after else None
            if not entries and (not after or at_head == head["hash"]):
                return
            body = {"site": site_id, "at_head": at_head, "entries": entries}
            meter = self.transport.meter
            start = meter.sent + meter.received
            answer = self._exchange(partial(self._post_once, "/audit", body))
            self.link.learn("audit", meter.sent + meter.received - start, len(entries))
            report.audit_sent += int(answer["accepted"])
            report.audit_alert = answer.get("alert") or report.audit_alert
            head = answer["head"]
            if int(head["id"]) <= after and not answer["accepted"]:
                return  # the server takes nothing more (an entry it cannot accept)
            after = int(head["id"])

    def _released(self, report: SyncReport, site_id: str, hwm: int, held: list[int]) -> None:
        """What the server set aside and has applied since (it waited for a record): ask
        for the results, as a retry of the batch would (the server answers from its log),
        so a value it kept instead is shown here too."""
        ops = self.store.released(site_id, hwm, held)
        while ops:
            n = self.link.count("op", 40.0, self.MAX_BATCH)
            part = ops[:n]
            answer = self._exchange(partial(self._send_once, site_id, part))
            self._acknowledge(report, site_id, answer, part)
            report.released += len(part)
            ops = ops[n:]

    def _acknowledge(
        self, report: SyncReport, site_id: str, answer: dict[str, Any], sent: list[Any]
    ) -> None:
        acks = [
            Ack(
                r[0],
                r[1],
                r[2],
                r[3] if len(r) > 3 else None,
                r[4] if len(r) > 4 and isinstance(r[4], dict) else None,
            )
            for r in answer["results"]
        ]
        self.store.acknowledge(site_id, acks, sent)
        for ack in acks:
            if ack.status == Status.CONFLICT:
                report.conflicts += 1
            elif ack.status == Status.KEPT:
                report.kept += 1
            elif ack.status == Status.QUARANTINED:
                report.quarantined += 1

    def _resolve(self, report: SyncReport) -> None:
        for conflict_id, value in self.store.pending_resolutions():
            body = {"conflict": conflict_id, "value": value}
            try:
                answer = self._exchange(partial(self._post_once, "/resolve", body))
            except SyncError as exc:
                if exc.code != "unknown_conflict":
                    raise
                self.store.resolution_orphaned(conflict_id, value)
                continue
            self.store.resolution_sent(conflict_id, answer)
            report.resolutions += 1

    def _pull(self, report: SyncReport, say: Progress, site_id: str) -> None:
        """Pull until the server has nothing more. Each answer comes as lines, applied
        once it has come whole (:mod:`~sync.client.pulling`): a cut keeps the whole lines
        before it, and only a cut before any line counts towards giving up.

        While this laptop applies one answer, the server reads the next (the two take
        about as long): once an answer has come whole and says there is more, the next is
        asked for from the cursors it ends at, then it is applied. Each page is still
        written with its cursor in one local transaction; if this laptop dies (or a page
        stops at a file that moves) before that, the answer asked for ahead is dropped
        unread, as a cut one is, and the next pull starts from the cursors stored."""
        failures = 0
        ahead: Future[_Answer] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as wire:
            while True:
                say("pull", report.pulled, 0)
                got = Received(self.store, partial(self._pulled, report, say))
                if ahead is None:
                    answer = self._answer(self._pull_body(site_id))
                else:
                    answer, ahead = ahead.result(), None
                try:
                    for value in answer.lines:
                        got.take(value, hold=True)
                except SyncError as unreadable:  # a line before the cut, if one came
                    answer.cut = unreadable
                if answer.cut is None and got.more is None:
                    answer.cut = SyncError("protocol", "the server's pull answer has no end")
                if answer.cut is None:
                    failures = 0
                    self.link.carried(answer.used)
                    self.link.learn_ratio(answer.body, answer.raw)
                    if got.more:
                        body = self._pull_body(site_id, got.cursors())
                        ahead = wire.submit(self._answer, body)
                got.apply()
                if (cut := answer.cut) is not None:
                    if not got.moved or cut.code not in TRANSIENT:
                        failures = self._cut(cut, failures)
                        continue
                    self.link.cut(through=answer.used)
                    failures = 0
                    continue
                if not got.more or getattr(self.store, "exit_waits", False):
                    # (an exit waiting for this laptop's changes would come again: next
                    # sync; an answer asked for ahead is dropped unread)
                    say("pull", report.pulled, report.pulled)
                    return

    def _answer(self, body: dict[str, Any]) -> _Answer:
        """One pull answer read whole (on the wire's thread while a page is applied):
        its lines as they came, and the cut that ended it early, if one did."""
        meter = self.transport.meter
        start = meter.sent + meter.received
        answer = _Answer()
        try:
            for value in self.transport.lines("/pull", body):
                answer.lines.append(value)
        except SyncError as exc:
            answer.cut = exc
        answer.used = meter.sent + meter.received - start
        answer.body, answer.raw = meter.last_body, meter.last_raw
        return answer

    @staticmethod
    def _pulled(report: SyncReport, say: Progress, n: int) -> None:
        report.pulled += n
        say("pull", report.pulled, 0)

    def _pull_body(self, site_id: str, cursors: dict[str, int] | None = None) -> dict[str, Any]:
        """What to ask: a cut costs only its partial line, so an answer may be larger
        than a connection carries (a few of them: fewer requests, better compression);
        until the first cut, as much as the server sends. The server counts JSON.
        ``cursors``: where the answer being applied leaves them (the stored ones else)."""
        state = self.store.sync_state()
        link = self.link
        wire = link.high if link.capacity is None else max(link.size, PULL_SPAN * link.capacity)
        ahead = dict(state.cursors)
        for region, to in (cursors or {}).items():
            ahead[region] = max(int(ahead.get(region, 0)), to)
        return {
            "cursors": ahead,
            "site": site_id,
            "mine": state.acked_ctr,
            # its changes captured so far: of a file this answer tells it has moved, the
            # server still takes them as made before it knew (the exit waits for them)
            "top": int(self.store.health_report().get("top") or 0),
            "max_bytes": int(wire / link.ratio),
        }

    def _duplicates(self, report: SyncReport) -> None:
        """The open suspected duplicates the server holds for a user who judges them. A
        cut link keeps the cases received last time: the records are synced already."""
        if not self.store.wants_duplicates():
            return
        try:
            body = self.transport.get("/duplicates")
        except SyncError as exc:
            if exc.code not in TRANSIENT:
                raise
            return
        cases = body.get("cases") if isinstance(body, dict) else None
        if isinstance(cases, list):
            report.duplicates = self.store.receive_duplicates(cases)

    def _blobs(self, report: SyncReport, say: Progress) -> None:
        local = self.store.blobs_to_upload()
        if not local:
            return
        body = {"blobs": [[sha, size] for sha, size in local]}
        answer = self._exchange(partial(self._post_once, "/blobs/missing", body))
        missing: dict[str, int] = answer["missing"]
        sizes = dict(local)
        for sha in sizes:
            if sha not in missing:
                self.store.blob_uploaded(sha)
        total = sum(sizes[sha] for sha in missing)
        done = 0
        for sha, offset in missing.items():
            say("blobs", done + offset, total)
            self._upload(sha, sizes[sha], offset, partial(self._moved, say, done, total))
            self.store.blob_uploaded(sha)
            done += sizes[sha]
            report.blobs_uploaded += 1

    def _upload(self, sha: str, size: int, offset: int, moved: Callable[[int], None]) -> None:
        """Send the rest of one attachment in chunks sized to the link; after a cut the
        chunk is sent again smaller from where the server says it holds the file."""
        while offset < size:
            offset = self._exchange(partial(self._chunk, sha, size, offset))
            moved(offset)

    def _chunk(self, sha: str, size: int, offset: int, budget: int) -> int:
        """One chunk at ``offset``; returns the bytes the server holds after it. Half the
        budget: nothing of a file compresses, and a chunk cut part way is lost whole."""
        length = max(1024, min(BLOB_CHUNK_BYTES, budget // 2 - self.HEADERS))
        chunk = self.store.read_blob(sha, offset, length)
        headers = {
            "Upload-Offset": str(offset),
            "Upload-Length": str(size),
            "Content-Type": "application/offset+octet-stream",
        }
        response = self.transport.request("PATCH", f"/blobs/{sha}", chunk, headers, retry=False)
        if response.status_code == 409:  # a chunk whose answer was lost got there
            try:
                return int(response.json()["offset"])
            except (ValueError, KeyError, TypeError) as exc:
                raise SyncError("offline", "the answer was cut") from exc
        if response.status_code >= 400:
            raise SyncError("blob_refused", f"attachment refused ({response.status_code})")
        held = response.headers.get("Upload-Offset")
        if held is None:  # the answer was cut after its status line
            raise SyncError("offline", "the answer was cut")
        return int(held)
