"""批量打印: one kind of document for the chosen villages' children or the roster's chosen
few, merged into one PDF or one PDF per child, with progress and 取消.

The batch runs as a chain of small jobs on the database thread, one child each (editing
goes on between them, 取消 stops before the next child, and PDFium, which merges, stays on
the thread that renders previews). It ends with a message naming what was written and
offering to open the folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...services import batch_print
from ..file_dialogs import choose_folder, choose_save, documents_dir
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from .batch_done import done_text, tell_done

KINDS = (
    ("agreement", QT_TRANSLATE_NOOP("batch", "委托照护协议书（一式三份）")),
    ("visit-sheet", QT_TRANSLATE_NOOP("batch", "走访记录表（空白，预填姓名）")),
    ("visit-sheet-filled", QT_TRANSLATE_NOOP("batch", "走访记录表（填入最近一次走访）")),
    ("dossier", QT_TRANSLATE_NOOP("batch", "儿童档案")),
)


class BatchDialog(QDialog):
    """Choose whom and what to print, where to, then print in the background."""

    progressed = Signal(int, int)
    finished_batch = Signal(object)  # batch_print.BatchResult
    failed = Signal(str)

    def __init__(
        self,
        tasks: Tasks,
        parent: QWidget | None = None,
        child_ids: list[str] | None = None,
        kind: str = "agreement",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batch_dialog")
        self.setWindowTitle(tr("batch", "批量打印"))
        self.tasks = tasks
        self.child_ids = list(child_ids or [])
        self.batch: batch_print.BatchPrint | None = None
        self._cancel = False
        self._busy = False
        self.answer: QMessageBox | None = None  # the closing message, while shown
        self._chosen_out: Path | None = None  # a place the user chose (else a suggestion)
        form = QFormLayout(self)
        form.addRow(plain(QLabel(tr("batch", "打印范围"))), self._scope())
        self.kind = QComboBox()
        self.kind.setObjectName("batch_kind")
        for key, label in KINDS:
            self.kind.addItem(tr("batch", str(label)), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        form.addRow(tr("batch", "文书"), self.kind)
        form.addRow(tr("batch", "输出"), self._how())
        self.full_ids = QCheckBox(tr("batch", "显示完整证件号码（默认遮盖中间数字）"))
        self.full_ids.setObjectName("batch_full_ids")
        form.addRow(self.full_ids)
        form.addRow(tr("batch", "保存到"), self._where())
        self.progress = QProgressBar()
        self.progress.setObjectName("batch_progress")
        self.progress.setFormat("")  # "%v / %m 名" once a batch has begun
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        form.addRow(self.progress)
        self.message = plain(QLabel())
        self.message.setObjectName("batch_message")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        form.addRow(self._buttons())
        for changed in (self.kind.currentIndexChanged, self.merged.toggled):
            changed.connect(self._options_changed)
        self._options_changed()
        self.setMinimumWidth(520)

    # -- layout ----------------------------------------------------------------------------

    def _scope(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.selected = QRadioButton(
            tr("batch", "名册中选中的 {n} 名儿童").format(n=len(self.child_ids))
            if self.child_ids
            else tr("batch", "名册中选中的儿童（在儿童名册中选中后点“批量打印档案…”）")
        )
        self.selected.setObjectName("batch_selected")
        self.selected.setEnabled(bool(self.child_ids))
        self.by_village = QRadioButton(tr("batch", "按村（勾选一个或多个村的全部在册儿童）"))
        self.by_village.setObjectName("batch_by_village")
        (self.selected if self.child_ids else self.by_village).setChecked(True)
        self.villages = QListWidget()
        self.villages.setObjectName("batch_villages")
        self.villages.setMaximumHeight(150)
        self.every = QCheckBox(tr("batch", "全部村"))
        self.every.setObjectName("batch_every")
        self.every.toggled.connect(self._check_every)
        self.villages.itemChanged.connect(self._village_ticked)
        self.by_village.toggled.connect(self._scope_changed)
        for widget in (self.selected, self.by_village, self.every, self.villages):
            column.addWidget(widget)
        self._scope_changed()
        return box

    def _how(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.merged = QRadioButton(tr("batch", "合并为一个 PDF"))
        self.merged.setObjectName("batch_merged")
        self.per_child = QRadioButton(tr("batch", "每名儿童一个 PDF"))
        self.per_child.setObjectName("batch_per_child")
        self.merged.setChecked(True)
        row.addWidget(self.merged)
        row.addWidget(self.per_child)
        row.addStretch(1)
        return box

    def _where(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.out = QLineEdit()
        self.out.setObjectName("batch_out")
        self.out.textEdited.connect(lambda text: setattr(self, "_chosen_out", Path(text)))
        self.choose_out = QPushButton(tr("batch", "选择…"))
        self.choose_out.setObjectName("batch_choose_out")
        self.choose_out.clicked.connect(self._choose_out)
        row.addWidget(self.out, 1)
        row.addWidget(self.choose_out)
        return box

    def _buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.start_button = QPushButton(tr("batch", "开始打印"))
        self.start_button.setObjectName("batch_start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("batch", "取消"))
        self.cancel_button.setObjectName("batch_dialog_cancel")
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        return box

    # -- choices ---------------------------------------------------------------------------

    def load(self) -> None:
        """Fill the list of villages (on the database thread)."""
        self.tasks.run(batch_print.village_choices, self._villages_loaded, self._failed)

    def _villages_loaded(self, choices: list[batch_print.VillageChoice]) -> None:
        self.villages.clear()
        for choice in choices:
            item = QListWidgetItem(
                tr("batch", "{village}（{n} 名）").format(village=choice.label, n=choice.children)
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        if len(choices) == 1:  # a director's store: its own village
            self.villages.item(0).setCheckState(Qt.CheckState.Checked)
        self._options_changed()

    def chosen_villages(self) -> list[str]:
        items = (self.villages.item(i) for i in range(self.villages.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _check_every(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.villages.count()):
            self.villages.item(i).setCheckState(state)

    def _village_ticked(self, *_args: object) -> None:
        """全部村 says whether every village is ticked, however they came to be."""
        every = self.villages.count() > 0 and len(self.chosen_villages()) == self.villages.count()
        self.every.blockSignals(True)  # not a choice of the user's: leave the ticks alone
        self.every.setChecked(every)
        self.every.blockSignals(False)

    def _scope_changed(self, *_args: object) -> None:
        on = self.by_village.isChecked()
        self.villages.setEnabled(on)
        self.every.setEnabled(on)

    def _options_changed(self, *_args: object) -> None:
        agreement = self.kind.currentData() == "agreement"
        # the signers' numbers print in full on what they sign (services.printing.agreement)
        self.full_ids.setEnabled(not agreement and not self._busy)
        if self._chosen_out is None:
            self.out.setText(str(self._suggested_out()))

    def _suggested_out(self) -> Path:
        label = self.kind.currentText().split("（")[0]
        stem = f"{label}-{date.today():%Y%m%d}"
        return documents_dir() / (f"{stem}.pdf" if self.merged.isChecked() else stem)

    def _choose_out(self) -> None:
        def chosen(path: Path) -> None:
            self._chosen_out = path
            self.out.setText(str(path))

        if self.merged.isChecked():
            name = self._suggested_out().name
            choose_save(self, tr("batch", "另存为PDF"), name, "PDF (*.pdf)", chosen)
        else:
            choose_folder(self, tr("batch", "选择输出文件夹"), chosen)

    def request(self) -> batch_print.BatchRequest:
        return batch_print.BatchRequest(
            self.kind.currentData(),
            Path(self.out.text().strip()),
            merged=self.merged.isChecked(),
            full_ids=self.full_ids.isEnabled() and self.full_ids.isChecked(),
        )

    # -- the batch -------------------------------------------------------------------------

    def start(self) -> None:
        """Print the batch chosen: the children are found, then printed one job each."""
        if self.batch is not None:
            return
        villages = self.chosen_villages() if self.by_village.isChecked() else []
        ids = [] if self.by_village.isChecked() else self.child_ids
        if (not villages and not ids) or not self.out.text().strip():
            self.message.setText(tr("batch", "请先选择村和保存位置。"))
            return
        request = self.request()
        self._cancel = False
        self._running(True)
        self.message.setText(tr("batch", "正在打印…"))

        def begin(session: Any) -> batch_print.BatchPrint:
            found = batch_print.batch_children(session, villages=villages, child_ids=ids)
            return batch_print.BatchPrint(request, found)

        self.tasks.run(begin, self._began, self._failed)

    def _began(self, batch: batch_print.BatchPrint) -> None:
        self.batch = batch
        self.progress.setFormat(tr("batch", "%v / %m 名"))
        self.progress.setRange(0, batch.total)
        self.progress.setValue(0)
        self._next()

    def _next(self) -> None:
        batch = self.batch
        assert batch is not None
        if self._cancel or not batch.remaining:
            cancelled = self._cancel

            def finish(session: Any) -> batch_print.BatchResult:
                return batch.finish(session, cancelled=cancelled)

            self.tasks.run(finish, self._finished, self._failed)
            return
        self.tasks.run(batch.step, self._stepped, self._failed)

    def _stepped(self, done: int) -> None:
        self.progress.setValue(done)
        self.progressed.emit(done, self.progress.maximum())
        self._next()

    def reject(self) -> None:
        """取消 (or Esc, or closing the window): stops a running batch before its next
        child, and closes the dialog only when no batch runs."""
        if not self._busy:
            super().reject()
            return
        self._cancel = True
        self.message.setText(tr("batch", "正在取消，当前这名儿童完成后停止…"))

    def _failed(self, error: Exception) -> None:
        batch, self.batch = self.batch, None
        if batch is not None:
            self.tasks.run(lambda _session: batch.abandon())
        self._running(False)
        self.message.setText(error_text(error))  # type: ignore[arg-type]
        self.failed.emit(self.message.text())

    def _running(self, on: bool) -> None:
        self._busy = on
        for widget in (
            self.start_button,
            self.kind,
            self.merged,
            self.per_child,
            self.out,
            self.choose_out,
            self.by_village,
        ):
            widget.setEnabled(not on)
        self.selected.setEnabled(not on and bool(self.child_ids))
        self.villages.setEnabled(not on and self.by_village.isChecked())
        self.every.setEnabled(not on and self.by_village.isChecked())
        if not on:
            self._options_changed()  # 完整证件号码 as the document allows

    def _finished(self, result: batch_print.BatchResult) -> None:
        self.batch = None
        self._running(False)
        self.message.setText(done_text(result))
        self.finished_batch.emit(result)
        self.answer = tell_done(self, result)


def open_batch(
    tasks: Tasks, parent: QWidget, child_ids: list[str] | None = None, kind: str = "agreement"
) -> BatchDialog:
    """Show the batch dialog (window-modal, not blocking) and load its villages."""
    dialog = BatchDialog(tasks, parent, child_ids, kind)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.load()
    dialog.show()
    return dialog
