"""暂存待审 on the 同步 page: this laptop's changes the county server set aside, and the
pulled changes this laptop set aside because they failed its checks. Each says what kind
of record, whose (the child's name), and why, in words; nothing in either list is lost."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.syncing import Flagged, SetAside
from ..i18n import table_text, tr
from ..syncer import when_text
from .sync_text import kind_text, label, label_of, reason_text, value_text


def whose(item: SetAside) -> str:
    """The child's name; a child whose file has not reached this laptop says so."""
    if item.child_name:
        return item.child_name
    return tr("sync", "尚未收到的儿童档案") if item.child_id else ""


class HeldLists(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.mine_title = label("", "quarantine_title")
        self.mine_title.setStyleSheet("font-weight: bold;")
        column.addWidget(self.mine_title)
        column.addWidget(
            label(
                tr(
                    "sync",
                    "县服务器不能接受的修改不会丢失：它们暂存在服务器和本机，等县里审核。",
                ),
                wrap=True,
            )
        )
        self.mine = _table(
            "quarantine",
            (
                tr("sync", "时间"),
                tr("sync", "儿童"),
                tr("sync", "记录"),
                tr("sync", "字段"),
                tr("sync", "操作"),
                tr("sync", "原因"),
            ),
        )
        column.addWidget(self.mine, 1)
        self.pulled_title = label("", "set_aside_title")
        self.pulled_title.setStyleSheet("font-weight: bold;")
        column.addWidget(self.pulled_title)
        column.addWidget(
            label(
                tr(
                    "sync",
                    "从县服务器收到的记录中，未通过本机检查的暂存在本机，其余照常接收；"
                    "县里更正后会自动补上。",
                ),
                wrap=True,
            )
        )
        self.pulled = _table(
            "set_aside",
            (
                tr("sync", "收到时间"),
                tr("sync", "儿童"),
                tr("sync", "记录"),
                tr("sync", "字段"),
                tr("sync", "原因"),
            ),
        )
        column.addWidget(self.pulled, 1)
        self.fill([], [])

    def fill(self, quarantined: Sequence[SetAside], set_aside: Sequence[SetAside]) -> None:
        self.mine_title.setText(
            tr("sync", "本机修改被县服务器暂存：{n} 条").format(n=len(quarantined))
        )
        self.pulled_title.setText(
            tr("sync", "收到的记录未通过本机检查：{n} 条").format(n=len(set_aside))
        )
        _rows(
            self.mine,
            [
                (
                    when_text(h.at, dated=True),
                    whose(h),
                    table_text(h.table),
                    label_of(h.table, h.field) if h.field else "",
                    kind_text(h.kind),
                    reason_text(h.table, h.hold),
                )
                for h in quarantined
            ],
        )
        _rows(
            self.pulled,
            [
                (
                    when_text(h.at, dated=True),
                    whose(h),
                    table_text(h.table),
                    label_of(h.table, h.field) if h.field else "",
                    reason_text(h.table, h.hold),
                )
                for h in set_aside
            ],
        )


class FlaggedList(QWidget):
    """日期存疑: records received with a date after the day the county server got them
    (the laptop that made them had its clock ahead). They are in the files as sent;
    this list is for checking the dates with whoever recorded them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.title = label("", "flagged_title")
        self.title.setStyleSheet("font-weight: bold;")
        column.addWidget(self.title)
        column.addWidget(
            label(
                tr(
                    "sync",
                    "这些记录的日期晚于县服务器收到它们的日子，可能是录入电脑的时钟不准。"
                    "记录已照常收下，请与录入人核实日期，需要时在档案中更正。",
                ),
                wrap=True,
            )
        )
        self.table = _table(
            "flagged",
            (
                tr("sync", "收到时间"),
                tr("sync", "儿童"),
                tr("sync", "记录"),
                tr("sync", "字段"),
                tr("sync", "日期"),
            ),
        )
        column.addWidget(self.table, 1)
        self.fill([])

    def fill(self, flagged: Sequence[Flagged]) -> None:
        self.title.setText(tr("sync", "日期存疑的记录：{n} 条").format(n=len(flagged)))
        _rows(
            self.table,
            [
                (
                    when_text(f.at, dated=True),
                    f.child_name or "",
                    table_text(f.table),
                    label_of(f.table, f.field),
                    value_text(f.table, f.field, f.value),
                )
                for f in flagged
            ],
        )


def _table(name: str, heads: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(heads))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(heads))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


def _rows(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            table.setItem(row, col, QTableWidgetItem(text))  # item text is never rich text
    table.resizeColumnsToContents()
    last = table.columnCount() - 1
    table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
