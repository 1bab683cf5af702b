"""The worklist table: overdue first, highest risk first, each row tinted by its colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.vocab import Category, RiskColour
from ...core.worklist import WorkItem, WorkKind
from ...messages import WORK
from ..i18n import tr
from .record_table_model import Column, RecordTableModel


def work_label(kind: WorkKind) -> str:
    return tr("work", WORK[kind][0])


def state_text(item: WorkItem) -> str:
    if item.overdue:
        return tr("work", "逾期{days}天").format(days=item.overdue_days)
    return tr("work", "即将到期")


def detail_text(item: WorkItem) -> str:
    category = Category.parse(item.detail) if item.detail else None
    return tr("vocab", category.label) if category else ""


class WorklistTableModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("状态", lambda i: (0 if i.overdue else 1, -i.overdue_days)),
                Column("风险", lambda i: i.colour),
                Column("儿童", lambda i: i.child_name),
                Column("事项", lambda i: work_label(i.kind)),
                Column("应办日期", lambda i: i.due_on),
                Column("说明", detail_text),
            ],
            parent,
        )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # the status column sorts by (overdue?, days) but reads as words
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == 0:
            return state_text(self.record(index.row()))
        return super().data(index, role)

    def colour_of(self, record: WorkItem) -> RiskColour | None:
        return record.colour
