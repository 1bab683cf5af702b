"""Sync in the running app: 立即同步 on request, and by itself when the server is back.

Every sync and every reachability check runs on the network thread (``Tasks.run_beside``),
never on the GUI thread and never on the database thread, so editing goes on while the
laptop talks to the county server. The sync borrows the store; its steps are short local
transactions between network waits.

Auto-sync: while the laptop is enrolled and 自动同步 is on, a timer asks the server
``GET /v1/ping`` (tiny, unauthenticated). Offline, the next check comes after 30 s, then
doubling to 10 min; once the server answers, a sync runs if there are changes to send or
the last sync is a while ago; after a good sync the next check is in 15 min. The network
information of the system (when Qt has a backend for it) brings the next check forward
when the connection comes back. All the intervals are in :class:`Timings` (tests pass
short ones).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..messages import SYNC_ERRORS
from ..services import syncing
from .i18n import tr
from .tasks import BackgroundJob, Cancelled, Tasks

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Timings:
    first_check_ms: int = 5_000  # after unlocking, or turning 自动同步 on
    offline_first_ms: int = 30_000  # the first retry while the server cannot be reached
    offline_max_ms: int = 600_000  # retries double up to this
    online_ms: int = 900_000  # the next check after a good sync
    stale_ms: int = 900_000  # sync even with nothing to send when the last one is older
    ping_timeout_s: float = 5.0
    request_timeout_s: float = 20.0


def sync_error_text(code: str | None, message: str | None = None) -> str:
    """What a failed sync means, in the current language (the words of messages.py)."""
    if code == "cancelled":
        return tr("sync", "同步已中止，下次会从中断处继续")
    if code in SYNC_ERRORS:
        return tr("sync_errors", SYNC_ERRORS[code])
    text = tr("sync", "同步未完成")
    return f"{text}（{message}）" if message else text


def clock_text(offset_ms: int) -> str:
    """How far this laptop's clock is off, in words ("3 天" / "5 小时" / "12 分钟")."""
    seconds = abs(offset_ms) / 1000
    if seconds >= 2 * 86400:
        return tr("sync", "{n} 天").format(n=round(seconds / 86400))
    if seconds >= 3600:
        return tr("sync", "{n} 小时").format(n=round(seconds / 3600))
    return tr("sync", "{n} 分钟").format(n=round(seconds / 60))


def when_text(moment: datetime | None, *, dated: bool = False) -> str:
    """A moment in local time: "14:05" today, else "2026-03-01 14:05"; ``dated``: always
    with its date (moments set side by side, e.g. a laptop's time and the server's)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if not dated and local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


class Syncer(QObject):
    status_changed = Signal(object)  # syncing.SyncStatus
    text_changed = Signal(str)  # for the status bar
    started = Signal(bool)  # auto?
    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # syncing.SyncReport
    pinged = Signal(bool)  # the server answered?
    check_started = Signal()

    def __init__(
        self, tasks: Tasks, timings: Timings | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.timings = timings or Timings()
        self.status: syncing.SyncStatus | None = None
        self.active = False  # the store is open
        self.reachable: bool | None = None
        self.last_report: syncing.SyncReport | None = None
        self._job: BackgroundJob | None = None
        self._job_auto = False
        self._checking = False
        self._delay = self.timings.first_check_ms
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self._watch_network()

    # -- state -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None

    @property
    def running_auto(self) -> bool:
        """The sync running was started by itself (not 立即同步)."""
        return self.running and self._job_auto

    @property
    def auto_on(self) -> bool:
        return bool(self.status and self.status.enrolled and self.status.auto_sync)

    def start(self) -> None:
        """The store is open: read the status, and start checking if auto-sync is on."""
        self.active = True
        self._delay = self.timings.first_check_ms
        self.refresh()

    def stop(self) -> None:
        """The store is being locked: no more checks; a running sync is asked to stop."""
        self.active = False
        self.timer.stop()
        if self._job is not None:
            self._job.cancel.set()

    def set_timings(self, timings: Timings) -> None:
        self.timings = timings
        self._delay = timings.first_check_ms
        if self.timer.isActive():
            self.timer.start(self._delay)

    def refresh(self) -> None:
        """Read the status on the database thread; then reschedule the next check."""
        if self.active:
            self.tasks.run_with_store(syncing.status, self._got_status, lambda _e: None)

    def _got_status(self, status: syncing.SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
        self._say()
        self._schedule()

    def _schedule(self) -> None:
        if not (self.active and self.auto_on):
            self.timer.stop()
        elif not (self.running or self._checking or self.timer.isActive()):
            self.timer.start(self._delay)

    def set_auto(self, on: bool) -> None:
        """Turn auto-sync on or off (kept in the store); off stops the checks at once."""
        if not on:
            self.timer.stop()
            if self._job is not None and self._job_auto:
                self._job.cancel.set()
        else:
            self._delay = self.timings.first_check_ms
        self.tasks.run_with_store(
            lambda store: syncing.set_auto(store, on), lambda _r: self.refresh()
        )

    # -- the reachability check --------------------------------------------------------------

    def check(self) -> None:
        """Ask the server whether it is there (off the GUI thread); sync if worth it."""
        if not (self.active and self.auto_on) or self.running or self._checking:
            return
        self._checking = True
        self.check_started.emit()
        # The address and the switch as they are now (the command line may change them).
        self.tasks.run_with_store(syncing.status, self._ping, self._ping_failed)

    def _ping(self, status: syncing.SyncStatus) -> None:
        self.status = status
        if not (self.active and status.enrolled and status.auto_sync and status.server_url):
            self._checking = False
            self._schedule()
            return
        url, timeout, ca_file = status.server_url, self.timings.ping_timeout_s, status.ca_file
        self.tasks.run_beside(
            lambda _job: syncing.ping(url, timeout=timeout, ca_file=ca_file),
            self._pinged,
            self._ping_failed,
        )

    def _ping_failed(self, _error: Exception) -> None:
        self._checking = False
        self._schedule()

    def _pinged(self, reachable: bool) -> None:
        self._checking = False
        self.reachable = reachable
        self.pinged.emit(reachable)
        if not (self.active and self.auto_on):
            return
        if not reachable:
            self._say()
            self._back_off()
            return
        self._delay = self.timings.online_ms
        # The count of changes may have grown since: ask again before deciding.
        self.tasks.run_with_store(syncing.status, self._decide, lambda _e: None)

    def _decide(self, status: syncing.SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
        if not (self.active and self.auto_on):
            return
        last_ok_ms = status.last_ok.timestamp() * 1000 if status.last_ok else None
        stale = last_ok_ms is None or time.time() * 1000 - last_ok_ms >= self.timings.stale_ms
        if status.pending or stale or status.clock_offset_ms is None:
            self.sync_now(auto=True)
        else:
            self._say()
            self._schedule()

    def _back_off(self) -> None:
        if self._delay >= self.timings.online_ms or self._delay < self.timings.offline_first_ms:
            self._delay = self.timings.offline_first_ms
        else:
            self._delay = min(self._delay * 2, self.timings.offline_max_ms)
        self.timer.start(self._delay)

    # -- a sync --------------------------------------------------------------------------------

    def sync_now(self, auto: bool = False) -> bool:
        """Start a sync on the network thread; False if one is already running."""
        if self.running or not self.active:
            return False
        self.timer.stop()
        timeout = self.timings.request_timeout_s

        def work(job: BackgroundJob) -> syncing.SyncReport:
            store = job.store()
            link = syncing.transport(store, timeout=timeout, sleep=job.sleep)
            return syncing.run(store, progress=job.progress, transport=link)

        self._job_auto = auto
        self._job = self.tasks.run_beside(work, self._done, self._failed, self._progress)
        self.started.emit(auto)
        self._say()
        return True

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.progress.emit(phase, done, total)

    def _failed(self, error: Exception) -> None:
        code = "cancelled" if isinstance(error, Cancelled) else "store_locked"
        self._done(syncing.SyncReport(error=code, message=str(error) or None))

    def _done(self, report: syncing.SyncReport) -> None:
        self._job = None
        self.last_report = report
        if report.ok:
            self.reachable = True
            self._delay = self.timings.online_ms
        else:
            self.reachable = False if report.error == "offline" else self.reachable
            self._back_off()
            self.timer.stop()  # restarted by the refresh below, with the longer delay
        self.finished.emit(report)
        self.refresh()

    # -- words for the status bar ------------------------------------------------------------

    def text(self) -> str:
        status = self.status
        if self.running:
            return tr("sync", "正在同步…")
        if status is None or not status.enrolled:
            return ""
        failed = self.last_report is not None and not self.last_report.ok
        if self.reachable is False or (failed and self.last_report.error == "offline"):  # type: ignore[union-attr]
            if status.pending:
                return tr("sync", "离线，{n} 条修改待同步").format(n=status.pending)
            return tr("sync", "离线")
        if failed:
            return tr("sync", "同步未完成：{reason}").format(
                reason=sync_error_text(self.last_report.error)  # type: ignore[union-attr]
            )
        if status.last_ok is not None:
            text = tr("sync", "已同步 {time}").format(time=when_text(status.last_ok))
            if status.pending:
                text += tr("sync", "，{n} 条修改待同步").format(n=status.pending)
            return text
        return tr("sync", "尚未同步，{n} 条修改待同步").format(n=status.pending)

    def _say(self) -> None:
        self.text_changed.emit(self.text())

    # -- the system's own idea of the network ------------------------------------------------

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except (ImportError, RuntimeError, AttributeError):  # pragma: no cover - no backend
            return
        if info is None:
            return
        info.reachabilityChanged.connect(self._network_changed)

    def _network_changed(self, reachability: Any) -> None:
        """The connection came back: check soon instead of at the end of the backoff."""
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
        )
        if online and self.active and self.auto_on and not self.running:
            self._delay = self.timings.offline_first_ms
            self.timer.start(1_000)
