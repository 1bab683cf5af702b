"""儿童名册: every child, searched by name, pinyin initials or ID number, and filtered.

In the search box, Enter opens the child when one matches (else moves to the list) and
Down moves into the list. The filters wrap onto a second line when the text is large.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
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
from ...services.township import township_villages
from ..i18n import tr
from ..models.roster_table_model import VILLAGE_COLUMN, RosterQuery, RosterTableModel
from ..tasks import Tasks
from ..widgets.empty_state import over_table
from ..widgets.flow_layout import FlowLayout
from ..widgets.labels import plain
from ..widgets.row_actions import add_row_action
from ..widgets.tables import configure_table, fit_columns, show_column
from ..widgets.village_filter import VillageFilter


def _load(session: Any) -> tuple[list[Any], Any]:
    """Every child, and on a township's store its villages (None on a director's)."""
    return search_roster(session, filters=RosterFilter(status="all")), township_villages(session)


class RosterView(QWidget):
    open_child = Signal(str, str)
    task_requested = Signal(str, str)  # child id, "visit" / "print"
    new_child = Signal()
    print_requested = Signal(list)  # the ids of the children chosen (or all shown)
    import_requested = Signal()
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        layout = QVBoxLayout(self)
        layout.addLayout(self._search_row())
        layout.addWidget(self._filters())
        self.model = RosterTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("roster")
        self.table.setModel(self.model)
        configure_table(self.table, "roster-v3")  # v2: 逾期 beside 风险; v3: 村
        self.table.setColumnHidden(VILLAGE_COLUMN, True)  # until a township's store loads
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # activated: Enter, and a double click (or a single one where the desktop says so)
        self.table.activated.connect(self._open)
        self._row_actions()
        layout.addWidget(self.table, 1)
        self.loaded_once = False
        self.empty = over_table(
            self.table,
            self._empty_text,
            [
                (self.tr("新建儿童"), self.new_child.emit),
                (self.tr("导入台账…"), self.import_requested.emit),
            ],
            lambda: self.loaded_once and self.model.total == 0,
        )
        self.stale = True

    def _search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母（如 zs）或证件号码　Ctrl+F"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("0" * 24))
        self.search.textChanged.connect(self.apply)
        self.search.returnPressed.connect(self._search_entered)
        self.search.installEventFilter(_DownIntoTable(self))
        row.addWidget(self.search, 1)
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

    def _filters(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("filters")
        row = FlowLayout(bar)
        self.village = VillageFilter("roster")  # a township's store only
        self.village.chosen.connect(self.apply)
        row.addWidget(self.village)
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
            row.addWidget(widget)
        self.overdue.toggled.connect(self.apply)
        row.addWidget(self.overdue)
        self.count = plain(QLabel())
        self.count.setObjectName("count")
        row.addWidget(self.count)
        return bar

    def _row_actions(self) -> None:
        t = self.table
        add_row_action(t, self.tr("打开档案"), lambda c: self.open_child.emit(c.id, "basic"))
        add_row_action(t, self.tr("记录走访"), lambda c: self.task_requested.emit(c.id, "visit"))
        add_row_action(t, self.tr("打印档案"), lambda c: self.task_requested.emit(c.id, "print"))
        add_row_action(
            t,
            self.tr("批量打印选中的儿童…"),
            lambda _c: self.print_requested.emit(self.chosen_ids()),
        )

    def refresh(self) -> None:
        self.tasks.run(_load, self._show)

    def _show(self, result: tuple[list[Any], Any]) -> None:
        children, villages = result
        self.stale = False
        self.loaded_once = True
        self.model.villages.set({v.code: v.label for v in villages.villages} if villages else {})
        shown = show_column(self.table, VILLAGE_COLUMN, villages is not None)
        self.village.set_villages(villages, Counter(c.region_code for c in children))
        self.model.query = self._query()  # the village remembered, before the one reset
        self.model.set_children(children)
        if shown:
            fit_columns(self.table)  # now, not once typing pauses: it was hidden until now
        self._update_count()
        self.empty.update_state()
        self.loaded.emit()

    def apply(self, *_args: object) -> None:
        """Filter as the user types: in memory, no database round trip."""
        self.model.apply(self._query())
        self._update_count()

    def _query(self) -> RosterQuery:
        return RosterQuery(
            text=self.search.text(),
            status=self.status.currentData(),
            category=_member(Category, self.category.currentData()),
            colour=_member(RiskColour, self.colour.currentData()),
            school_stage=_member(SchoolStage, self.stage.currentData()),
            overdue_only=self.overdue.isChecked(),
            village=self.village.code(),
        )

    def choose_village(self, code: str) -> None:
        """Show one village's children (from the 工作台's table of villages)."""
        self.village.choose(code)

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

    def _search_entered(self) -> None:
        """One match: open it; several: go to the list to choose."""
        if self.model.rowCount() == 1:
            self._open(self.model.index(0, 0))
        elif self.model.rowCount() > 1:
            self.focus_table()

    def focus_table(self) -> None:
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _empty_text(self) -> str:
        if not self.loaded_once:
            return tr("roster", "正在读取名册…")
        if self.model.total == 0:
            return tr("roster", "还没有儿童档案。点击“新建儿童”或“导入台账…”开始。")
        if self.search.text().strip():
            return tr(
                "roster",
                "没有找到“{text}”。可以输入姓名、拼音首字母（如 zs）或证件号码的一部分；"
                "也请看看上方的筛选条件（如“在册”“仅逾期”）。",
            ).format(text=self.search.text().strip())
        return tr("roster", "没有符合筛选条件的儿童。把上方的筛选改为“全部…”再看看。")


def _combo(everything: str, vocab: Any) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for member in vocab:
        if member.value != "unknown":
            combo.addItem(tr("vocab", member.label), member.value)
    return combo


def _member(vocab: Any, code: str | None) -> Any:
    return vocab(code) if code else None


class _DownIntoTable(QObject):
    """Down in the search box moves into the list, as in a browser's address bar."""

    def __init__(self, view: RosterView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        down = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
        if event.type() == QEvent.Type.KeyPress and down and self.view.model.rowCount():
            self.view.focus_table()
            return True
        return False
