"""The supervisor's table of villages on the 工作台: one row per village of the township.

The red and yellow counts are tinted in the roster's risk colours when there are any, so
a village with red children stands out as a red row does in the roster.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from ...core.vocab import RiskColour
from ...services.township import VillageRow
from ..syncer import when_text
from .record_table_model import COLOUR_BRUSHES, Column, RecordTableModel

VILLAGE, RED, YELLOW, SYNCED = 0, 3, 4, 5  # columns
_TINTS = {RED: RiskColour.RED, YELLOW: RiskColour.YELLOW}


class VillageTableModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column("村", lambda v: v.label),
                Column("儿童数", lambda v: v.children),
                Column("逾期事项", lambda v: v.overdue),
                Column("红", lambda v: v.red),
                Column("黄", lambda v: v.yellow),
                Column("最近同步", lambda v: when_text(v.last_sync, dated=True)),
                Column("待审核", lambda v: v.waiting_review),
            ],
            parent,
        )

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row: VillageRow = self.record(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == VILLAGE:
            return row.code  # the code; the cell has the name
        if role == Qt.ItemDataRole.BackgroundRole and column == SYNCED:
            return QBrush(COLOUR_BRUSHES[RiskColour.RED]) if row.sync_late else None
        if role == Qt.ItemDataRole.BackgroundRole and column in _TINTS:
            count = row.red if column == RED else row.yellow
            return QBrush(COLOUR_BRUSHES[_TINTS[column]]) if count else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column != VILLAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
