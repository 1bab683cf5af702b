"""The dialog every record is entered with: a form, 保存 (Ctrl+S) and 取消 (Esc).

Saving runs the use case on the database thread. If it refuses the input, the reason
appears under the field it names and the dialog stays open with everything typed; on
success ``saved`` is emitted with the record and the dialog closes. Cancelling a form
with unsaved text asks first, inside the dialog (no extra window).

Dialogs open window-modal but do not block (``open()``): the idle lock can hide them
and show them again with nothing lost. Tests fill the form and wait on ``saved``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ..i18n import error_text
from ..tasks import Tasks
from ..widgets.form import Field, Form
from ..widgets.labels import plain

Submit = Callable[[dict[str, Any]], Callable[[Any], Any]]  # values -> job(session)


class RecordDialog(QDialog):
    saved = Signal(object)

    def __init__(
        self,
        tasks: Tasks,
        title: str,
        fields: Iterable[Field],
        submit: Submit,
        parent: QWidget | None = None,
        *,
        intro: str = "",
        columns: int = 1,
        values: dict[str, Any] | None = None,
        width: int = 620,
    ) -> None:
        super().__init__(parent)
        self.tasks, self._submit = tasks, submit
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.banner = plain(QLabel())
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b00020; font-weight: bold;")
        self.banner.hide()
        layout.addWidget(self.banner)
        if intro:
            note = plain(QLabel(intro))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.form = Form(fields, columns=columns)
        if values:
            self.form.set_values(values)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._discard_bar())
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.resize(
            int(width * (1 if columns == 1 else 1.5)),
            min(740, 150 + 62 * len(self.form.fields) // columns),
        )

    def _discard_bar(self) -> QWidget:
        self.discard_bar = QWidget()
        row = QHBoxLayout(self.discard_bar)
        row.addWidget(plain(QLabel(self.tr("有尚未保存的内容。"))), 1)
        discard = QPushButton(self.tr("放弃并关闭"))
        discard.setObjectName("discard")
        discard.clicked.connect(self._discard)
        keep = QPushButton(self.tr("继续编辑"))
        keep.clicked.connect(self.discard_bar.hide)
        row.addWidget(discard)
        row.addWidget(keep)
        self.discard_bar.hide()
        return self.discard_bar

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # already saving
        self.form.clear_errors()
        self.banner.hide()
        try:
            job = self._submit(self.form.values())
        except DomainError as err:  # caught before any database work
            self._refused(err)
            return
        self.save_button.setEnabled(False)
        self.tasks.run(job, self._done, self._refused)

    def _done(self, record: object) -> None:
        self.save_button.setEnabled(True)
        self.form.mark_clean()
        self.saved.emit(record)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DomainError) and self.form.show_error(error):
            return
        self.banner.setText(error_text(error) if isinstance(error, DomainError) else str(error))
        self.banner.show()

    # -- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        if self.form.dirty and self.discard_bar.isHidden():
            self.discard_bar.show()  # ask first; nothing typed is lost by one keystroke
            return
        super().reject()

    def _discard(self) -> None:
        self.form.mark_clean()
        super().reject()
