"""儿童名册: every child, searched by name, pinyin initials or ID number, and filtered."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.vocab import Category, RiskColour, SchoolStage
from ...services.roster import RosterFilter, search_roster
from ..i18n import tr
from ..models.roster_table_model import RosterQuery, RosterTableModel
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.tables import configure_table


def _load(session: Any) -> list[Any]:
    return search_roster(session, filters=RosterFilter(status="all"))


class RosterView(QWidget):
    open_child = Signal(str, str)
    new_child = Signal()
    print_requested = Signal(list)  # the ids of the children chosen (or all shown)
    import_requested = Signal()
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.model = RosterTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("roster")
        self.table.setModel(self.model)
        configure_table(self.table, "roster")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table, 1)
        self.stale = True

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）或证件号码　Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply)
        row.addWidget(self.search, 3)
        self.category = _combo(self.tr("全部类别"), Category)
        self.colour = _combo(self.tr("全部风险等级"), RiskColour)
        self.stage = _combo(self.tr("全部就学情况"), SchoolStage)
        self.status = QComboBox()
        for label, code in (
            (self.tr("在册"), "active"),
            (self.tr("退出"), "exited"),
            (self.tr("全部"), "all"),
        ):
            self.status.addItem(label, code)
        self.overdue = QCheckBox(self.tr("仅逾期"))
        for widget in (self.category, self.colour, self.status, self.stage):
            widget.currentIndexChanged.connect(self.apply)
            row.addWidget(widget, 1)
        self.overdue.toggled.connect(self.apply)
        row.addWidget(self.overdue)
        self.count = plain(QLabel())
        self.count.setObjectName("count")
        row.addWidget(self.count)
        batch = QPushButton(self.tr("批量打印档案…"))
        batch.setObjectName("print_batch")
        batch.setToolTip(self.tr("选中的儿童；未选中时为当前显示的全部儿童"))
        batch.clicked.connect(lambda: self.print_requested.emit(self.chosen_ids()))
        row.addWidget(batch)
        ledger = QPushButton(self.tr("导入台账…"))
        ledger.setObjectName("import_ledger")
        ledger.setToolTip(self.tr("导入村里原有的台账、花名册或登记表（.xlsx）"))
        ledger.clicked.connect(self.import_requested)
        row.addWidget(ledger)
        add = QPushButton(self.tr("新建儿童"))
        add.setObjectName("new_child")
        add.setToolTip(self.tr("Ctrl+N"))
        add.clicked.connect(self.new_child)
        row.addWidget(add)
        return row

    def refresh(self) -> None:
        self.tasks.run(_load, self._show)

    def _show(self, children: list[Any]) -> None:
        self.stale = False
        self.model.set_children(children)
        self._update_count()
        self.loaded.emit()

    def apply(self, *_args: object) -> None:
        """Filter as the user types: in memory, no database round trip."""
        self.model.apply(
            RosterQuery(
                text=self.search.text(),
                status=self.status.currentData(),
                category=_member(Category, self.category.currentData()),
                colour=_member(RiskColour, self.colour.currentData()),
                school_stage=_member(SchoolStage, self.stage.currentData()),
                overdue_only=self.overdue.isChecked(),
            )
        )
        self._update_count()

    def _update_count(self) -> None:
        self.count.setText(
            tr("roster", "显示 {shown} / 共 {total} 名").format(
                shown=self.model.rowCount(), total=self.model.total
            )
        )

    def chosen_ids(self) -> list[str]:
        """The selected children, or every child the filters show if none is selected."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if len(rows) < 1:
            rows = list(range(self.model.rowCount()))
        return [self.model.record(r).id for r in rows]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open(self, index: QModelIndex) -> None:
        self.open_child.emit(self.model.record(index.row()).id, "basic")


def _combo(everything: str, vocab: Any) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for member in vocab:
        if member.value != "unknown":
            combo.addItem(tr("vocab", member.label), member.value)
    return combo


def _member(vocab: Any, code: str | None) -> Any:
    return vocab(code) if code else None
