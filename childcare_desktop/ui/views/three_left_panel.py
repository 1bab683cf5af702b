"""On the 工作台: the left-behind women and elderly to contact (三留守, issue 18), in a
section of their own beside the children's worklist, never in it nor in its counts.

Hidden while the county's policy has the duty off, and while nobody is due. 记走访 on a
row opens the 留守妇女/老人 page on that person with the visit dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.three_left import AdultDue
from ...services import three_left
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.labels import plain

SHOWN = 4  # more would push the children's worklist off the screen


class ThreeLeftPanel(QFrame):
    visit_requested = Signal(str)  # the person's id
    open_page = Signal()
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setObjectName("three_left_due")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.items: list[AdultDue] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        top = QGridLayout()
        self.heading = plain(QLabel())
        self.heading.setObjectName("heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        top.addWidget(self.heading, 0, 0)
        self.all_button = QPushButton(tr("three_left", "打开名册"))
        self.all_button.setObjectName("open_roster")
        self.all_button.clicked.connect(self.open_page)
        top.addWidget(self.all_button, 0, 1)
        top.setColumnStretch(0, 1)
        column.addLayout(top)
        self.rows = QGridLayout()
        column.addLayout(self.rows)
        self.hide()

    def refresh(self) -> None:
        self.tasks.run(lambda s: three_left.contacts_due(s), self.show_items)

    def show_items(self, items: list[AdultDue]) -> None:
        self.items = items
        overdue = sum(i.overdue for i in items)
        self.heading.setText(
            tr("three_left", "留守妇女/老人：{n} 人应联系（逾期 {late} 人）").format(
                n=len(items), late=overdue
            )
        )
        self._clear()
        for row, item in enumerate(items[:SHOWN]):
            self._add(row, item)
        if len(items) > SHOWN:
            more = plain(
                QLabel(tr("three_left", "另有 {n} 人，见名册").format(n=len(items) - SHOWN))
            )
            self.rows.addWidget(more, SHOWN, 0)
        self.setVisible(bool(items))
        self.loaded.emit()

    def _add(self, row: int, item: AdultDue) -> None:
        when = (
            tr("three_left", "逾期 {days} 天").format(days=item.overdue_days)
            if item.overdue
            else tr("three_left", "{day} 前联系").format(day=item.due_on.isoformat())
        )
        label = plain(QLabel(f"{tr('vocab', item.kind.label)}　{item.name}　{when}"))
        if item.overdue:
            label.setStyleSheet("color: #b00020;")
        self.rows.addWidget(label, row, 0)
        button = QPushButton(tr("three_left", "记走访"))
        button.setObjectName(f"visit_{row}")
        button.clicked.connect(lambda: self.visit_requested.emit(item.id))
        self.rows.addWidget(button, row, 1)
        self.rows.setColumnStretch(0, 1)

    def _clear(self) -> None:
        while self.rows.count():
            taken = self.rows.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.setParent(None)  # out of the panel now, not at the next event loop
                widget.deleteLater()
