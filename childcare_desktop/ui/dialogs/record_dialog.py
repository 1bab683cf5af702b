"""The dialog every record is entered with: a form, 保存 (Ctrl+S) and 取消 (Esc).

Saving first checks every field the form can check by itself and shows every problem at
once; then it runs the use case on the database thread. If that refuses the input, the
reasons appear under the fields they name and the dialog stays open with everything
typed; on success ``saved`` is emitted with the record, ``confirmed`` with a line for the
status bar, and the dialog closes. Cancelling a form with unsaved text asks first,
inside the dialog (no extra window).

The form scrolls inside the dialog and the buttons stay below it, outside the scroll
area: the dialog is never taller than the screen (a 1366x768 laptop with a taskbar), so
保存 is always in sight, in large text too.

Dialogs open window-modal but do not block (``open()``): the idle lock can hide them
and show them again with nothing lost. Tests fill the form and wait on ``saved``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
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
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.fit import fit_to_screen, grown_size, keep_on_screen
from ..widgets.form import Field, Form
from ..widgets.labels import plain

Submit = Callable[[dict[str, Any]], Callable[[Any], Any]]  # values -> job(session)
Confirm = Callable[[Any], str]  # the saved record -> the status bar's line


class RecordDialog(QDialog):
    saved = Signal(object)
    confirmed = Signal(str)  # "已保存走访记录（王小明，2026-11-29）", for the status bar

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
        values: Mapping[str, Any] | None = None,
        stored: Mapping[str, Any] | None = None,
        width: int = 620,
        confirm: Confirm | None = None,
    ) -> None:
        """``stored``: the record being edited; only the fields the user changed are saved."""
        super().__init__(parent)
        self.tasks, self._submit, self._confirm = tasks, submit, confirm
        self.stored = stored
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
        if values or stored:
            self.form.set_values({**(stored or {}), **(values or {})})
        self.scroll = QScrollArea()
        self.scroll.setObjectName("form_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.form)
        layout.addWidget(self.scroll, 1)
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
        self._width = int(width * (1 if columns == 1 else 1.5))
        self._fitted = self._sized_by_hand = False
        fit_to_screen(self, self.scroll, self._width)
        self._grown_to = self.size()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # Notes that follow the values (the next due dates, worked out on the database
            # thread) appear after the dialog is shown: it grows to show them, up to the
            # screen, until the user sizes it by hand.
            self.scroll.verticalScrollBar().rangeChanged.connect(self._grow)
            QTimer.singleShot(0, self._grow)
        keep_on_screen(self)

    def _grow(self, *_range: int) -> None:
        # A size other than the last one given here was the user's (the layout reacts to a
        # resize before the dialog's resizeEvent does, so the size itself is the sign).
        self._sized_by_hand = self._sized_by_hand or self.size() != self._grown_to
        if self._sized_by_hand:
            return
        grown = grown_size(self, self.scroll)
        if grown is not None:
            self._grown_to = grown  # before resize(): its resizeEvent is ours, not the user's
            self.resize(grown)
            keep_on_screen(self)

    def _discard_bar(self) -> QWidget:
        self.discard_bar = QWidget()
        row = QHBoxLayout(self.discard_bar)
        label = plain(QLabel(self.tr("有尚未保存的内容。")))
        label.setWordWrap(True)
        row.addWidget(label, 1)
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
        problems = self.form.check_all()
        if problems:  # every problem at once, not one per click on 保存
            self._show_problems(problems)
            return
        values = (
            self.form.values(changed_from=self.stored)
            if self.stored is not None
            else (self.form.values())
        )
        if self.stored is not None and not values:
            super().accept()  # nothing changed: nothing to save, nothing overwritten
            return
        try:
            job = self._submit(values)
        except DomainError as err:  # caught before any database work
            self._refused(err)
            return
        self.save_button.setEnabled(False)
        self.tasks.run(job, self._done, self._refused)

    def _done(self, record: object) -> None:
        self.save_button.setEnabled(True)
        self.form.mark_clean()
        self.saved.emit(record)
        self.confirmed.emit(
            self._confirm(record)
            if self._confirm
            else tr("dialogs", "已保存：{title}").format(title=self.windowTitle())
        )
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DomainError):
            self._show_problems(getattr(error, "errors", None) or [error])
            return
        self.banner.setText(str(error))
        self.banner.show()

    def _show_problems(self, problems: list[Any]) -> None:
        unplaced = self.form.show_errors(problems)
        texts = [error_text(e) for e in unplaced]
        placed = len(problems) - len(unplaced)
        if placed > 1:
            texts.insert(
                0, tr("dialogs", "有 {count} 处需要修改，见各项下方的红字。").format(count=placed)
            )
        if texts:
            self.banner.setText("\n".join(texts))
            self.banner.show()
        focused = self.focusWidget()
        if focused is not None and self.form.isAncestorOf(focused):
            self.scroll.ensureWidgetVisible(focused)

    # -- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        if self.form.dirty and self.discard_bar.isHidden():
            self.discard_bar.show()  # ask first; nothing typed is lost by one keystroke
            return
        super().reject()

    def _discard(self) -> None:
        self.form.mark_clean()
        super().reject()
