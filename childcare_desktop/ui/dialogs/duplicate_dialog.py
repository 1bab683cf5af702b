"""The side-by-side comparison of two files proposed as one child (疑似重复).

Each field of both files in two columns, the differing ones marked; for each field a
choice of the value the file kept will have; 保留 chooses which file (its number and
history) goes on; 合并 merges, 不是同一人 keeps both. The dialog decides nothing itself:
``decided`` carries the choice to the view, which runs the use case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.duplicates import CaseRecord, FieldRow
from ..i18n import tr
from ..views.sync_text import label_of, value_text
from ..widgets.labels import plain

DIFFERS = QColor("#fff3cd")  # the amber of 待审: look here


@dataclass(frozen=True, slots=True)
class Choice:
    """合并 (keep, take: fields taken from the other file) or 不是同一人 (merge False)."""

    merge: bool
    keep: str = ""
    take: tuple[str, ...] = ()


def side_text(side: object) -> str:
    """A file as the supervisor knows it: name, file number, village."""
    name = getattr(side, "name", None) or tr("duplicates", "（不在本机）")
    number = getattr(side, "file_no", None) or ""
    return f"{name} {number}\n{getattr(side, 'village', '')}".strip()


class DuplicateDialog(QDialog):
    decided = Signal(object)  # Choice

    def __init__(
        self, case: CaseRecord, rows: Sequence[FieldRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_dialog")
        self.setWindowTitle(tr("duplicates", "比较两份档案"))
        self.case = case
        # What differs first: the supervisor sees every choice without scrolling.
        self.rows = sorted(rows, key=lambda r: not r.differs)
        column = QVBoxLayout(self)
        note = plain(
            QLabel(
                tr("duplicates", "逐项选择保留的值：合并后，被合并的档案退出名册，其记录仍可查阅。")
            )
        )
        note.setWordWrap(True)
        column.addWidget(note)
        column.addLayout(self._keep_row())
        self.table = self._table()
        column.addWidget(self.table, 1)
        column.addLayout(self._buttons())
        self.resize(900, 640)

    def _keep_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain(QLabel(tr("duplicates", "保留哪份档案："))))
        self.keep_group = QButtonGroup(self)
        for i, side in enumerate((self.case.a, self.case.b)):
            button = QRadioButton(
                tr("duplicates", "档案{letter}").format(letter="AB"[i])
                + " "
                + side_text(side).replace("\n", " ")
            )
            button.setObjectName(f"keep_{'ab'[i]}")
            self.keep_group.addButton(button, i)
            row.addWidget(button)
        self.keep_group.button(0).setChecked(True)
        row.addStretch(1)
        return row

    def _table(self) -> QTableWidget:
        table = QTableWidget(len(self.rows), 4, self)
        table.setObjectName("comparison")
        table.setHorizontalHeaderLabels(
            [
                tr("duplicates", "项目"),
                tr("duplicates", "档案A") + "\n" + side_text(self.case.a),
                tr("duplicates", "档案B") + "\n" + side_text(self.case.b),
                tr("duplicates", "合并后取"),
            ]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.choices: dict[str, QButtonGroup] = {}
        bold = QFont()
        bold.setBold(True)
        for i, r in enumerate(self.rows):
            shown = label_of("child", r.field) + (" ≠" if r.differs else "")
            cells = [shown, value_text("child", r.field, r.a), value_text("child", r.field, r.b)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.differs:
                    item.setBackground(QBrush(DIFFERS))
                    item.setFont(bold)
                table.setItem(i, j, item)
            if r.differs:
                table.setCellWidget(i, 3, self._choice(r))
            else:  # the same value either way: nothing to choose
                table.setItem(i, 3, QTableWidgetItem(tr("duplicates", "相同")))
        return table

    def _choice(self, r: FieldRow) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(box)
        for j, letter in enumerate("AB"):
            button = QRadioButton(letter)
            button.setObjectName(f"take_{r.field}_{letter.lower()}")
            group.addButton(button, j)
            row.addWidget(button)
        # A's value unless A has none and B has one: nothing known is lost by default.
        empty_a = r.a in (None, "", [], "unknown")
        group.button(1 if empty_a and r.b not in (None, "", [], "unknown") else 0).setChecked(True)
        self.choices[r.field] = group
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.merge_button = QPushButton(tr("duplicates", "合并"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self._merge)
        self.distinct_button = QPushButton(tr("duplicates", "不是同一人"))
        self.distinct_button.setObjectName("distinct")
        self.distinct_button.clicked.connect(self._distinct)
        cancel = QPushButton(tr("duplicates", "取消"))
        cancel.clicked.connect(self.reject)
        for button in (self.merge_button, self.distinct_button, cancel):
            row.addWidget(button)
        return row

    def choice(self) -> Choice:
        """What the dialog shows chosen now, as a merge."""
        keep_b = self.keep_group.checkedId() == 1
        keep = self.case.b.child_id if keep_b else self.case.a.child_id
        other_id = 0 if keep_b else 1  # the other file's button in each field's group
        take = tuple(
            r.field
            for r in self.rows
            if r.differs and self.choices[r.field].checkedId() == other_id
        )
        return Choice(True, keep, take)

    def _merge(self) -> None:
        self.decided.emit(self.choice())
        self.accept()

    def _distinct(self) -> None:
        self.decided.emit(Choice(False))
        self.accept()


def open_dialog(case: CaseRecord, rows: Sequence[FieldRow], parent: QWidget) -> DuplicateDialog:
    """Open the comparison (window-modal); the choice comes through ``decided``."""
    dialog = DuplicateDialog(case, rows, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
