"""同步情况 on the 同步 page (supervisors and the county): each village's and each
laptop's last sync, days since, changes waiting, set aside and clock, as the county
server sent them at this laptop's last sync (said above the tables: offline, that is what
it shows). Red: past the county's limit without a sync; yellow: a clock warning or
changes set aside."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services import sync_health
from ..i18n import tr
from ..syncer import when_text
from ..tasks import Tasks
from .sync_text import label

RED = ("#fde7e7", "#b3261e")  # background, text
YELLOW = ("#fff4d6", "#6b4400")


class SyncHealthView(QWidget):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.health: sync_health.SyncHealth | None = None
        column = QVBoxLayout(self)
        self.fetched = label("", "health_fetched", wrap=True)
        column.addWidget(self.fetched)
        villages = label(tr("sync_health", "各村"))
        villages.setStyleSheet("font-weight: bold;")
        column.addWidget(villages)
        self.villages = _table(
            "health_villages",
            (
                tr("sync_health", "村"),
                tr("sync_health", "最近同步"),
                tr("sync_health", "天数"),
                tr("sync_health", "待上传"),
                tr("sync_health", "暂存"),
                tr("sync_health", "时钟异常"),
                tr("sync_health", "笔记本"),
            ),
        )
        column.addWidget(self.villages, 1)
        devices = label(tr("sync_health", "各台笔记本"))
        devices.setStyleSheet("font-weight: bold;")
        column.addWidget(devices)
        self.devices = _table(
            "health_devices",
            (
                tr("sync_health", "用户"),
                tr("sync_health", "笔记本名称"),
                tr("sync_health", "区划"),
                tr("sync_health", "最近同步"),
                tr("sync_health", "天数"),
                tr("sync_health", "待上传"),
                tr("sync_health", "暂存"),
                tr("sync_health", "时钟"),
            ),
        )
        column.addWidget(self.devices, 1)

    def refresh(self) -> None:
        self.tasks.run(lambda session: sync_health.sync_health(session), self.fill)

    def fill(self, health: sync_health.SyncHealth) -> None:
        self.health = health
        if health.fetched is None:
            self.fetched.setText(tr("sync_health", "尚未从县服务器取得同步情况：同步一次后可见。"))
        else:
            self.fetched.setText(
                tr(
                    "sync_health",
                    "取自县服务器：{when}（上次同步时）。超过 {days} 天未同步的标红；"
                    "时钟不准或有暂存修改的标黄。",
                ).format(when=when_text(health.fetched, dated=True), days=health.red_days)
            )
        _rows(
            self.villages,
            [
                (
                    (
                        v.place,
                        _when(v.last_sync),
                        _days(v.days),
                        str(v.pending),
                        str(v.set_aside),
                        str(v.clock_warnings),
                        str(v.devices),
                    ),
                    _tone(v.red, bool(v.set_aside or v.clock_warnings)),
                )
                for v in health.villages
            ],
        )
        _rows(
            self.devices,
            [
                (
                    (
                        d.user,
                        d.label,
                        d.place,
                        _when(d.last_sync),
                        _days(d.days),
                        str(d.pending),
                        str(d.set_aside),
                        tr("sync_health", "不准") if d.clock_warning else "",
                    ),
                    _tone(d.red, bool(d.set_aside or d.clock_warning)),
                )
                for d in health.devices
            ],
        )


def _when(at: object) -> str:
    return when_text(at, dated=True) if at else tr("sync_health", "从未同步")  # type: ignore[arg-type]


def _days(days: int | None) -> str:
    return "" if days is None else str(days)


def _tone(red: bool, yellow: bool) -> tuple[str, str] | None:
    return RED if red else (YELLOW if yellow else None)


def _table(name: str, heads: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(heads))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(heads))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    return table


def _rows(
    table: QTableWidget, rows: Sequence[tuple[Sequence[str], tuple[str, str] | None]]
) -> None:
    table.setRowCount(len(rows))
    for row, (cells, tone) in enumerate(rows):
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)  # item text is never rich text
            if tone is not None:
                item.setBackground(QBrush(QColor(tone[0])))
                item.setForeground(QBrush(QColor(tone[1])))
            table.setItem(row, col, item)
    table.resizeColumnsToContents()
    last = table.columnCount() - 1
    table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
