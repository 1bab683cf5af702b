"""The 工作台's line about backups: shown when no second place is chosen, or its last
backup is over a week old (a dead disk would take everything since); its button opens
设置 › 自动备份."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...services.backups import BackupStatus
from ..i18n import tr
from ..widgets.labels import plain

STYLE = "QFrame#backup_warning { background: #fff4e0; border: 1px solid #e08a00; }"


class BackupWarning(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_warning")
        self.setStyleSheet(STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.text = plain(QLabel())
        self.text.setObjectName("backup_warning_text")
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.act = QPushButton(tr("backup", "设置自动备份…"))
        self.act.setObjectName("backup_warning_button")
        row.addWidget(self.act)
        self.setVisible(False)

    def show_status(self, status: BackupStatus, now: datetime | None = None) -> None:
        self.setVisible(status.warn)
        if not status.warn:
            return
        if status.second_place is None:
            text = tr(
                "backup",
                "还没有设置第二备份位置：电脑硬盘损坏时，档案会全部丢失。"
                "请插上 U 盘或移动硬盘，设为第二备份位置。",
            )
        elif status.last_second is None:
            text = tr(
                "backup", "第二备份位置（{path}）还没有备份：请插上该 U 盘或移动硬盘。"
            ).format(path=status.second_place)
        else:
            days = ((now or datetime.now()) - status.last_second).days
            text = tr(
                "backup",
                "第二备份位置（{path}）上次备份在 {n} 天前：请插上该 U 盘或移动硬盘，"
                "软件会自动备份（或在设置中点“立即自动备份”）。",
            ).format(path=status.second_place, n=days)
        self.text.setText(text)
