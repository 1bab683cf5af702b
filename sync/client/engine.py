"""The sync engine: hello, push, resolve, pull, attachments. Every step is idempotent and
resumable: a cut at any point leaves the store as it was after the last finished step,
and the next run carries on from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from ..protocol import (
    BLOB_CHUNK_BYTES,
    CLOCK_WARNING_MS,
    PROTOCOL_VERSION,
    Status,
    encode_ops,
    version,
)
from .store import Ack, Entry, LocalStore
from .transport import SyncError, Transport

Progress = Callable[[str, int, int], None]  # phase, done, total


@dataclass
class SyncReport:
    ok: bool = False
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    quarantined: int = 0
    kept: int = 0
    requeued: int = 0
    released: int = 0  # set aside by the server, applied there since
    audit_sent: int = 0  # audit entries the server took
    audit_alert: str | None = None  # the server found this store's audit chain broken
    resolutions: int = 0
    blobs_uploaded: int = 0
    server_restored: bool = False
    new_site: bool = False
    clock_offset_ms: int | None = None
    clock_warning: bool = False
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    error: str | None = None
    message: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class SyncEngine:
    MIN_BATCH, START_BATCH, MAX_BATCH = 50, 500, 2000
    MAX_BATCH_BYTES = 512 * 1024
    AUDIT_BATCH = 1000

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
        self.batch = self.START_BATCH

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
        meter = self.transport.meter
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
            },
        )
        t1 = self._now()
        if hello.get("token"):  # the server rotated the device token: keep it, then use it
            self.store.save_token(str(hello["token"]))
            self.transport.token = str(hello["token"])
        offset = int(hello["now"] - (t0 + t1) / 2)
        report.clock_offset_ms = offset
        report.clock_warning = abs(offset) > CLOCK_WARNING_MS
        self.store.receive_clock(int(hello["now"]))
        if hello["epoch"] != state.epoch:
            report.server_restored = state.epoch is not None
            self.store.new_epoch(hello["epoch"])
        report.requeued += self.store.requeue_after(state.site_id, int(hello["hwm"]))
        if "held" in hello:
            self._released(report, state.site_id, int(hello["hwm"]), hello["held"])
        pushed = self._push(report, say, state.site_id)
        self._resolve(report)
        if "audit" in hello:
            self._audit(report, state.site_id, hello["audit"])
        if hello["stale"] or pushed or report.server_restored:
            self._pull(report, say, state.site_id)
        self._blobs(report, say)

    def _push(self, report: SyncReport, say: Progress, site_id: str) -> int:
        """Send the outbox in batches, in counter order, one batch at a time on the wire.

        While the server merges batch n+1, this laptop records the answer to batch n (the
        two take about as long): the next batch is read and sent first, then the last one
        acknowledged. If anything fails in between, the unacknowledged batches stay pending
        and go again next time; the server answers a batch it already has with what it
        answered the first time."""
        total = self.store.pending_count()
        done = 0
        ops = self.store.pending(self.batch)
        if not ops:
            return 0
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as wire:
            sending: Future[dict[str, Any]] | None = wire.submit(self._send, site_id, ops)
            while sending is not None:
                say("push", done, total)
                try:
                    answer = sending.result()
                except SyncError as exc:
                    if exc.code == "gap":
                        expected = int(exc.details["expected"])
                        report.requeued += self.store.requeue_after(site_id, expected - 1)
                        ops = self.store.pending(self.batch)
                        sending = wire.submit(self._send, site_id, ops) if ops else None
                        continue
                    if exc.code in ("offline", "server_error") and self.batch > self.MIN_BATCH:
                        self.batch = max(self.MIN_BATCH, self.batch // 2)  # a bad link
                    raise
                sent = ops
                self.batch = min(self.MAX_BATCH, self.batch * 2)
                ops = self.store.pending(self.batch, after=sent[-1].ctr)
                sending = wire.submit(self._send, site_id, ops) if ops else None
                self._acknowledge(report, site_id, answer, sent)
                done += len(sent)
                report.pushed += len(sent)
        return done

    def _audit(self, report: SyncReport, site_id: str, head: dict[str, Any]) -> None:
        """Send the audit entries the server lacks, with this store's hash of the entry
        at the server's head: a chain rewritten here since no longer meets it (said
        even when there is nothing new to send)."""
        after = int(head["id"])
        while True:
            entries = self.store.audit_since(after, self.AUDIT_BATCH)
            at_head = self.store.audit_hash(after) if after else None
            if not entries and (not after or at_head == head["hash"]):
                return
            answer = self.transport.post(
                "/audit", {"site": site_id, "at_head": at_head, "entries": entries}
            )
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
        for i in range(0, len(ops), self.MAX_BATCH):
            part = ops[i : i + self.MAX_BATCH]
            self._acknowledge(report, site_id, self._send(site_id, part), part)
            report.released += len(part)

    def _send(self, site_id: str, ops: list[Any]) -> dict[str, Any]:
        answer: dict[str, Any] = self.transport.post(
            "/push", {"site": site_id, "ops": encode_ops(ops)}
        )
        return answer

    def _acknowledge(
        self, report: SyncReport, site_id: str, answer: dict[str, Any], sent: list[Any]
    ) -> None:
        acks = [Ack(r[0], r[1], r[2], r[3] if len(r) > 3 else None) for r in answer["results"]]
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
            body = self.transport.post("/resolve", {"conflict": conflict_id, "value": value})
            self.store.resolution_sent(conflict_id, body)
            report.resolutions += 1

    def _pull(self, report: SyncReport, say: Progress, site_id: str) -> None:
        while True:
            state = self.store.sync_state()
            say("pull", report.pulled, 0)
            answer = self.transport.post(
                "/pull", {"cursors": state.cursors, "site": site_id, "mine": state.acked_ctr}
            )
            for page in answer["pages"]:
                entries = [
                    Entry(e[0], version(e[1], e[0]), e[2], e[3], e[4], e[5], e[6], _flag(e))
                    for e in page["e"]
                ]
                self.store.apply_page(page["r"], int(page["to"]), entries)
                report.pulled += len(entries)
            if not answer["more"]:
                return

    def _blobs(self, report: SyncReport, say: Progress) -> None:
        local = self.store.blobs_to_upload()
        if not local:
            return
        answer = self.transport.post(
            "/blobs/missing", {"blobs": [[sha, size] for sha, size in local]}
        )
        missing: dict[str, int] = answer["missing"]
        sizes = dict(local)
        for sha in sizes:
            if sha not in missing:
                self.store.blob_uploaded(sha)
        for n, (sha, offset) in enumerate(missing.items()):
            say("blobs", n, len(missing))
            self._upload(sha, sizes[sha], offset)
            self.store.blob_uploaded(sha)
            report.blobs_uploaded += 1

    def _upload(self, sha: str, size: int, offset: int) -> None:
        """Send the rest of one attachment in chunks; after a cut, ask where to resume."""
        failures = 0
        while offset < size:
            chunk = self.store.read_blob(sha, offset, BLOB_CHUNK_BYTES)
            headers = {
                "Upload-Offset": str(offset),
                "Upload-Length": str(size),
                "Content-Type": "application/offset+octet-stream",
            }
            try:
                response = self.transport.request("PATCH", f"/blobs/{sha}", chunk, headers)
            except SyncError:
                failures += 1
                if failures > 5:
                    raise
                offset = self._server_offset(sha)
                continue
            if response.status_code == 409:
                offset = int(response.json().get("offset", 0))
                continue
            if response.status_code >= 400:
                raise SyncError("blob_refused", f"attachment refused ({response.status_code})")
            offset = int(response.headers["Upload-Offset"])

    def _server_offset(self, sha: str) -> int:
        response = self.transport.request("HEAD", f"/blobs/{sha}", b"", {})
        return int(response.headers.get("Upload-Offset", 0))


def _flag(e: list[Any]) -> str | None:
    """A pulled change's flag (an older server sends none)."""
    flag = e[7] if len(e) > 7 else None
    return flag if isinstance(flag, str) and len(flag) <= 200 else None
