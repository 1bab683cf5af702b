"""设置 › 自动备份: the second place (another disk or a USB stick), when each place last
had a good backup, 立即备份 (the automatic one, now) and the list of backups to restore.

The backups themselves run in ui/backups.py (AutoBackup); a restore chosen from the list
goes through the restore of settings_store (the backup's passphrase, its check, a
confirmation; the current store is kept aside).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...services import backups
from ..backups import AutoBackup
from ..dialogs.backup_list_dialog import BackupListDialog, open_list
from ..file_dialogs import choose_folder
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.labels import plain


def when_text(at: datetime | None, now: datetime | None = None) -> str:
    """ "2026-11-30 18:00（3 天前）", or 从未."""
    if at is None:
        return tr("backup", "从未")
    days = ((now or datetime.now()).date() - at.date()).days
    ago = tr("backup", "今天") if days <= 0 else tr("backup", "{n} 天前").format(n=days)
    return f"{at:%Y-%m-%d %H:%M}（{ago}）"


class BackupBox(QGroupBox):
    place_changed = Signal()
    restore_requested = Signal(object)  # a backup's Path, from the list

    def __init__(self, tasks: Tasks, auto: AutoBackup, parent: QWidget | None = None) -> None:
        super().__init__(tr("backup", "自动备份"), parent)
        self.setObjectName("backup_box")
        self.tasks = tasks
        self.auto = auto
        self.list_dialog: BackupListDialog | None = None
        form = QFormLayout(self)
        explain = plain(
            QLabel(
                tr(
                    "backup",
                    "关闭软件时和每天一次，自动把加密的备份写到档案库所在文件夹和第二备份位置"
                    "（另一块硬盘或 U 盘；未插入时跳过）。保留最近 7 天、4 周、6 个月的备份，"
                    "每个备份写完都会检查。",
                )
            )
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        row = QHBoxLayout()
        self.place = QLineEdit()
        self.place.setObjectName("backup_place")
        self.place.setReadOnly(True)
        self.place.setPlaceholderText(tr("backup", "未设置：插上 U 盘或移动硬盘后点“选择…”"))
        row.addWidget(self.place, 1)
        self.choose_button = QPushButton(tr("backup", "选择…"))
        self.choose_button.setObjectName("choose_backup_place")
        self.choose_button.clicked.connect(self.choose_place)
        row.addWidget(self.choose_button)
        self.clear_button = QPushButton(tr("backup", "不用第二位置"))
        self.clear_button.setObjectName("clear_backup_place")
        self.clear_button.clicked.connect(lambda: self.set_place(None))
        row.addWidget(self.clear_button)
        form.addRow(tr("backup", "第二备份位置"), row)
        self.last = plain(QLabel())
        self.last.setObjectName("backup_last")
        self.last.setWordWrap(True)
        form.addRow(tr("backup", "上次备份"), self.last)
        buttons = QHBoxLayout()
        self.now_button = QPushButton(tr("backup", "立即自动备份"))
        self.now_button.setObjectName("backup_now")
        self.now_button.clicked.connect(lambda: self.auto.run())
        buttons.addWidget(self.now_button)
        self.list_button = QPushButton(tr("backup", "备份列表与恢复…"))
        self.list_button.setObjectName("backup_list_button")
        self.list_button.clicked.connect(self.show_list)
        buttons.addWidget(self.list_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.note = plain(QLabel())
        self.note.setObjectName("backup_note")
        self.note.setWordWrap(True)
        form.addRow(self.note)
        auto.started.connect(lambda: self.now_button.setEnabled(False))
        auto.finished.connect(self._backed_up)
        auto.message.connect(self.note.setText)

    def refresh(self) -> None:
        self.tasks.run(lambda s: backups.backup_status(s), self._show)

    def _show(self, status: backups.BackupStatus) -> None:
        self.place.setText(status.second_place or "")
        self.clear_button.setEnabled(bool(status.second_place))
        self.last.setText(
            tr("backup", "档案库所在文件夹：{store}；第二备份位置：{second}").format(
                store=when_text(status.last_store), second=when_text(status.last_second)
            )
        )
        self.now_button.setEnabled(not status.demo and not self.auto.running)
        if status.demo:
            self.note.setText(tr("backup", "示范档案库（虚构数据）不做自动备份。"))

    def _backed_up(self, _report: Any) -> None:
        self.now_button.setEnabled(True)
        self.refresh()

    def choose_place(self) -> Any:
        return choose_folder(
            self, tr("backup", "选择第二备份位置（U 盘或另一块硬盘）"), self.set_place
        )

    def set_place(self, folder: Path | None) -> None:
        def saved(_r: object) -> None:
            self.refresh()
            self.place_changed.emit()
            if folder is not None:
                self.note.setText(
                    tr("backup", "第二备份位置已设为 {path}。下次自动备份会写到这里。").format(
                        path=folder
                    )
                )

        self.tasks.run(lambda s: backups.set_backup_place(s, folder=folder), saved)

    def show_list(self) -> BackupListDialog:
        self.list_dialog = open_list(self.tasks, self, self.restore_requested.emit)
        return self.list_dialog
