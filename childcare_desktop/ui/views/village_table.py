"""The 工作台's table of villages on a township's store (a supervisor's).

One row per village: 村, 儿童数, 逾期事项, 红, 黄, 最近同步, 待审核 (services.township).
Enter or a double click opens the roster on that village; the right-click menu can also
narrow the worklist below to it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from ...services.township import VillageRow
from ..i18n import tr
from ..models.village_table_model import VillageTableModel
from ..widgets.labels import plain
from ..widgets.row_actions import ENTER_KEYS, add_row_action
from ..widgets.tables import configure_table, height_to_rows


class VillageTable(QWidget):
    roster_requested = Signal(str)  # a village code: its children in the roster
    work_requested = Signal(str)  # a village code: its items in the worklist below

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = plain(QLabel())
        self.heading.setObjectName("villages_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.model = VillageTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("villages")
        self.table.setModel(self.model)
        configure_table(self.table, "villages")
        # figures, not text: the last column keeps its width instead of stretching away
        self.table.horizontalHeader().setStretchLastSection(False)
        height_to_rows(self.table, least=2, most=6)
        self.table.doubleClicked.connect(self._open)  # Enter: the menu's first action
        add_row_action(
            self.table,
            self.tr("打开该村名册"),
            lambda v: self.roster_requested.emit(v.code),
            keys=ENTER_KEYS,
            name="open_roster",
        )
        add_row_action(
            self.table,
            self.tr("只看该村事项"),
            lambda v: self.work_requested.emit(v.code),
            name="village_work",
        )
        layout.addWidget(self.table)

    def set_rows(self, rows: list[VillageRow]) -> None:
        self.model.set_records(rows)
        self.heading.setText(
            tr(
                "villages",
                "本乡镇 {villages} 个村，在册儿童 {children} 名，逾期事项 {overdue} 项。"
                "回车或双击打开该村名册。",
            ).format(
                villages=len(rows),
                children=sum(r.children for r in rows),
                overdue=sum(r.overdue for r in rows),
            )
        )

    def _open(self, index: QModelIndex) -> None:
        self.roster_requested.emit(self.model.record(index.row()).code)
