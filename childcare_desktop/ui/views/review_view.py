"""审核 (a supervisor's page): what the villages' directors did that the township answers
for, village by village; 通过 (one or several rows), or 退回 with what to correct.

The answers travel with the next sync; the director sees them on the 工作台. Nothing here
locks the child's file: the director goes on working while an item waits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...core.vocab import ReviewKind
from ...services import places, reviews
from ...services.township import TownshipVillages, township_villages
from ..i18n import error_text, tr
from ..models.record_table_model import Column, RecordTableModel
from ..tasks import Tasks
from ..widgets.empty_state import over_table
from ..widgets.labels import plain
from ..widgets.row_actions import ENTER_KEYS, add_row_action, current_record
from ..widgets.tables import configure_table
from ..widgets.village_filter import VillageFilter

# The tab of the child's file where each kind of item is seen.
TAB_FOR = {
    ReviewKind.REGISTRATION: "basic",
    ReviewKind.CATEGORY_RECOGNISED: "basic",
    ReviewKind.CATEGORY_ENDED: "basic",
    ReviewKind.EXIT: "basic",
    ReviewKind.ASSESSMENT: "assessments",
    ReviewKind.AGREEMENT: "care",
}


@dataclass(frozen=True, slots=True)
class Waiting:
    items: list[reviews.ReviewItem]
    villages: dict[str, str]  # code -> the village as shown
    township: TownshipVillages | None  # the villages to filter by (a township's store)
    allowed: bool  # the store's user reviews (a supervisor)


def _load(session: Any) -> Waiting:
    items = reviews.pending_items(session)
    names = places.place_names(session)
    codes = sorted({i.region_code for i in items})
    villages = {code: places.village_label(code, names) for code in codes}
    return Waiting(items, villages, township_villages(session), reviews.may_review(session))


def item_text(item: Any) -> str:
    """What an item is about, beside its kind: the category, the reason, the rating; and
    the comment it was returned with, when the director has corrected it since."""
    text = "、".join(tr("vocab", label) for label in item.labels)
    if getattr(item, "returned_comment", None):
        done = tr("review", "已按退回意见修改（{comment}）").format(comment=item.returned_comment)
        text = f"{text}　{done}" if text else done
    return text


class ReviewView(QWidget):
    open_child = Signal(str, str)  # child id, tab
    answered = Signal(int)  # how many items were just answered
    dialog_opened = Signal(object)
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.villages: dict[str, str] = {}
        self.allowed = True
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = plain(QLabel(self.tr("审核")))
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        top.addWidget(self.title, 1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        top.addWidget(refresh)
        layout.addLayout(top)
        about = plain(QLabel(self.tr(
            "村里新登记的儿童、认定或终止的类别、退出、评估为“差”或红色、签订的委托照护协议（备案），"
            "在这里通过或退回。退回时写明要改正什么，儿童主任同步后在工作台上看到。"
        )))  # fmt: skip
        about.setWordWrap(True)
        layout.addWidget(about)
        layout.addLayout(self._bar())
        self.model = RecordTableModel(self._columns(), self)
        self.table = QTableView()
        self.table.setObjectName("reviews")
        self.table.setModel(self.model)
        configure_table(self.table, "reviews")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _i: self._open(current_record(self.table)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        add_row_action(self.table, self.tr("打开档案"), self._open, keys=ENTER_KEYS, name="open")
        add_row_action(self.table, self.tr("通过"), lambda _i: self.approve(), name="approve")
        add_row_action(self.table, self.tr("退回…"), self._return_row, name="return")
        layout.addWidget(self.table, 1)
        self.items: list[reviews.ReviewItem] = []
        self.empty = over_table(self.table, self._empty_text)
        self.stale = True

    def _columns(self) -> list[Column]:
        return [
            Column("村", lambda i: self.villages.get(i.region_code, i.region_code)),
            Column("事项", lambda i: i.kind),
            Column("姓名", lambda i: i.child_name),
            Column("日期", lambda i: i.on),
            Column("说明", item_text),
        ]

    def _bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.village = VillageFilter("review")  # the same filter as the roster's, remembered
        self.village.chosen.connect(self._apply)
        row.addWidget(self.village)
        self.count = plain(QLabel())
        self.count.setObjectName("count")
        row.addWidget(self.count)
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("打开档案"))
        self.open_button.clicked.connect(lambda: self._open(current_record(self.table)))
        self.approve_button = QPushButton(self.tr("通过"))
        self.approve_button.setObjectName("approve")
        self.approve_button.setToolTip(self.tr("通过选中的事项（可多选）"))
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self.tr("退回…"))
        self.return_button.setObjectName("return")
        self.return_button.setToolTip(self.tr("退回选中的事项，并写明要改正什么"))
        self.return_button.clicked.connect(self.return_item)
        for button in (self.open_button, self.approve_button, self.return_button):
            row.addWidget(button)
        return row

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.tasks.run(_load, self._show)

    def _show(self, waiting: Waiting) -> None:
        self.stale = False
        self.items, self.villages, self.allowed = waiting.items, waiting.villages, waiting.allowed
        self.village.set_villages(waiting.township, Counter(i.region_code for i in self.items))
        self._apply()
        self.loaded.emit()

    def _apply(self, *_args: object) -> None:
        code = self.village.code()
        shown = [i for i in self.items if code is None or i.region_code == code]
        self.model.set_records(shown)
        self.count.setText(tr("review", "待审核 {n} 项").format(n=len(shown)))
        self.empty.update_state()
        self._update_buttons()

    def _empty_text(self) -> str:
        if not self.allowed:
            return tr("review", "审核由乡镇儿童督导员进行。")
        return tr(
            "review",
            "没有待审核的事项。本机首次同步之后村里新做的登记、退出、评估和协议会在这里等待审核。",
        )

    def _update_buttons(self, *_args: object) -> None:
        chosen = bool(self._chosen()) and self.allowed
        self.approve_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen and len(self._chosen()) == 1)
        self.open_button.setEnabled(bool(self._chosen()))

    def _chosen(self) -> list[reviews.ReviewItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]

    # -- answering -------------------------------------------------------------------------

    def _open(self, item: Any) -> None:
        if item is not None:
            self.open_child.emit(item.child_id, TAB_FOR.get(item.kind, "basic"))

    def approve(self) -> None:
        """通过 every selected item."""
        ids = [i.id for i in self._chosen()]
        if ids and self.allowed:
            self.tasks.run(
                lambda s: [reviews.approve(s, item=i) for i in ids], self._done, self._failed
            )

    def return_item(self) -> ReturnDialog | None:
        """退回 the selected item: asks what to correct first."""
        chosen = self._chosen()
        if len(chosen) != 1 or not self.allowed:
            return None
        item = chosen[0]
        dialog = ReturnDialog(item, self)
        dialog.accepted.connect(lambda: self._send_return(item.id, dialog.comment()))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _return_row(self, _item: Any) -> None:
        self.return_item()

    def _send_return(self, item_id: str, comment: str) -> None:
        self.tasks.run(
            lambda s: [reviews.return_item(s, item=item_id, comment=comment)],
            self._done,
            self._failed,
        )

    def _done(self, answers: list[Any]) -> None:
        self.answered.emit(len(answers))
        self.refresh()

    def _failed(self, error: Exception) -> None:
        text = error_text(error) if isinstance(error, DomainError) else str(error)
        QMessageBox.warning(self, self.tr("审核"), text)
        self.refresh()


class ReturnDialog(QDialog):
    """退回: the comment the director will read (required)."""

    def __init__(self, item: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("退回"))
        layout = QVBoxLayout(self)
        what = plain(QLabel(
            self.tr("退回：{kind}　{name}").format(kind=tr("vocab", item.kind.label), name=item.child_name)
        ))  # fmt: skip
        what.setStyleSheet("font-weight: bold;")
        layout.addWidget(what)
        hint = plain(QLabel(self.tr("请写明要改正什么。儿童主任同步后会在工作台上看到这段意见。")))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text = QPlainTextEdit()
        self.text.setObjectName("comment")
        self.text.setTabChangesFocus(True)
        layout.addWidget(self.text, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("退回"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.comment())))
        layout.addWidget(self.buttons)
        self.resize(460, 260)

    def comment(self) -> str:
        return self.text.toPlainText().strip()
