"""The automatic backups of the open store: daily while the app stays open, and on closing.

The backup runs beside the database thread (``Tasks.run_beside``, with the store on loan):
the window and the database stay free while it copies and checks. Every hour (and first a
few minutes after unlocking, so opening the app stays quick) it asks whether a day has
passed since the last backup. Closing the main window first makes a backup; the window waits
for it (or for the one already running) behind a small dialog whose 跳过 stops it at the
next place; a half-written copy is never left behind, and the store is never touched.

The demo store (invented children, a published passphrase) is never backed up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..core.errors import DomainError, Kind
from ..services import backups
from .i18n import error_text, tr
from .tasks import BackgroundJob, Cancelled, Tasks

log = logging.getLogger(__name__)
HOUR_MS = 60 * 60 * 1000
FIRST_CHECK_MS = 10 * 60 * 1000


class AutoBackup(QObject):
    started = Signal()
    finished = Signal(object)  # services.backups.BackupReport, or None when stopped
    message = Signal(str)  # for the status bar and the 设置 page

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.active = False  # a real store is open: backups run
        self.job: BackgroundJob | None = None
        self._closing: QProgressDialog | None = None
        self._may_close = False
        self._window: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_now)

    def start(self, *, demo: bool) -> None:
        """After unlocking: daily checks begin (never for the demo store)."""
        self.active = not demo
        self._may_close = False
        if self.active:
            self.timer.start(FIRST_CHECK_MS)
        else:
            self.timer.stop()

    def stop(self) -> None:
        """Locking, or a restore: no new backup starts (a running one finishes its file)."""
        self.active = False
        self.timer.stop()

    @property
    def running(self) -> bool:
        return self.job is not None

    def check_now(self) -> None:
        """Back up now if a day has passed since the last backup (hourly while open)."""
        self.timer.start(HOUR_MS)
        if self.active and not self.running:
            self.tasks.run(
                lambda s: backups.backup_status(s).due, lambda due: self.run() if due else None
            )

    def run(self, then: Callable[[Any], None] | None = None) -> None:
        """Back up to the store's folder and the second place now (not twice at once)."""
        if self.running or not self.active:
            return

        def work(job: BackgroundJob) -> backups.BackupReport:
            return backups.run_auto_backup(job.store(), check=job.check)

        def ended(report: Any) -> None:
            self.job = None
            self.message.emit(report_text(report) if report is not None else "")
            self.finished.emit(report)
            if then is not None:
                then(report)

        def failed(error: Exception) -> None:
            if not isinstance(error, Cancelled):
                log.warning("automatic backup failed: %s", getattr(error, "kind", error))
            text = "" if isinstance(error, Cancelled) else error_text(error)  # type: ignore[arg-type]
            self.job = None
            self.message.emit(text and tr("backup", "自动备份未完成：{reason}").format(reason=text))
            self.finished.emit(None)
            if then is not None:
                then(None)

        self.started.emit()
        self.message.emit(tr("backup", "正在自动备份…"))
        self.job = self.tasks.run_beside(work, ended, failed)

    # -- closing the app ---------------------------------------------------------------------

    def before_close(self, window: QWidget) -> bool:
        """Whether ``window`` may close now; if not, a backup runs first and closes it."""
        if self._may_close or not self.active or self.tasks.stopped:
            return True
        if self._closing is None:
            self._window = window
            self._closing = self._closing_dialog(window)
            if self.running:  # the daily one is already under way: wait for it
                self.finished.connect(
                    lambda _r: self._closed(window), Qt.ConnectionType.SingleShotConnection
                )
            else:
                self.run(lambda _r: self._closed(window))
        return False

    def _closing_dialog(self, window: QWidget) -> QProgressDialog:
        dialog = QProgressDialog(
            tr("backup", "正在自动备份，完成后关闭…"), tr("backup", "跳过"), 0, 0, window
        )
        dialog.setObjectName("closing_backup")
        dialog.setWindowTitle(tr("backup", "自动备份"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.disconnect()  # 跳过 stops the backup; the dialog stays until it has
        dialog.canceled.connect(self._skip)
        dialog.show()
        return dialog

    def _skip(self) -> None:
        if self._closing is None:
            return
        if self.job is None or self.job.cancel.is_set():  # asked twice: close without it
            self._closed(self._window)
            return
        if self._closing is not None:
            self._closing.setLabelText(tr("backup", "正在停止备份（已写完的备份保留）…"))
        if self.job is not None:
            self.job.cancel.set()
        log.info("the backup on closing was skipped")

    def _closed(self, window: QWidget | None) -> None:
        dialog, self._closing = self._closing, None
        if dialog is not None:
            dialog.canceled.disconnect()  # closing it is not a 跳过
            dialog.close()
            dialog.deleteLater()
        self._may_close = True
        if window is not None:
            window.close()


def report_text(report: backups.BackupReport) -> str:
    """One line on what the backup did at each place."""
    parts = []
    for place in report.places:
        name = place_name(place.place)
        if place.outcome is backups.Outcome.WRITTEN:
            parts.append(tr("backup", "{place}：已备份并验证").format(place=name))
        elif place.outcome is backups.Outcome.ABSENT:
            parts.append(
                tr("backup", "{place}：未连接（U 盘或移动硬盘未插入），已跳过").format(place=name)
            )
        elif place.outcome is backups.Outcome.NOT_SET:
            parts.append(tr("backup", "{place}：未设置").format(place=name))
        else:
            parts.append(
                tr("backup", "{place}：备份失败（{reason}），档案库未受影响").format(
                    place=name, reason=failure_text(place.error)
                )
            )
    return tr("backup", "自动备份 {time}：").format(time=f"{report.at:%m-%d %H:%M}") + "；".join(
        parts
    )


def failure_text(error: DomainError | None) -> str:
    if error is None:
        return ""
    if error.kind is Kind.DISK_FULL:
        return tr("backup", "磁盘已满，或 U 盘已被拔出")
    if error.kind is Kind.READ_ONLY:
        return tr("backup", "无法写入该位置（只读、无权限或已拔出）")
    return error_text(error)


def place_name(place: backups.Place) -> str:
    if place is backups.Place.STORE:
        return tr("backup", "档案库所在文件夹")
    return tr("backup", "第二备份位置")
