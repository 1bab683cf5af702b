"""Nothing typed is thrown away without a word: before a page is left, another child is
opened or the window closes, every view holding unsaved text is asked about in turn
(保存 / 不保存 / 取消). The question is window-modal without blocking, like every dialog.

A view takes part by having the three methods of ``Editor`` (and, to mark itself, an
``unsaved_changed(bool)`` signal the main window listens to).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from .i18n import tr

Done = Callable[[bool], None]  # whether the save went through


@runtime_checkable
class Editor(Protocol):
    def unsaved(self) -> str:
        """What is typed and not saved, said in a sentence; "" when nothing is."""
        ...

    def save_unsaved(self, done: Done) -> None:
        """Save what is typed; ``done(False)`` when it was refused (the reason shown)."""
        ...

    def discard_unsaved(self) -> None:
        """Put back what is stored."""
        ...


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def has_unsaved(widgets: Sequence[object]) -> bool:
    return any(isinstance(w, Editor) and w.unsaved() for w in widgets)


def ask(parent: QWidget, what: str, answered: Callable[[Answer], None]) -> QMessageBox:
    """保存 / 不保存 / 取消 about ``what``; Esc and closing the box mean 取消."""
    box = QMessageBox(parent)
    box.setObjectName("unsaved_question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("unsaved", "未保存的修改"))
    box.setText(what)
    box.setInformativeText(tr("unsaved", "是否保存？选择“不保存”将丢弃这些修改。"))
    answers: dict[QAbstractButton, Answer] = {
        box.addButton(tr("unsaved", "保存"), QMessageBox.ButtonRole.AcceptRole): Answer.SAVE,
        box.addButton(
            tr("unsaved", "不保存"), QMessageBox.ButtonRole.DestructiveRole
        ): Answer.DISCARD,
    }
    cancel = box.addButton(tr("unsaved", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(next(iter(answers)))  # type: ignore[call-overload]
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        answered(answers.get(button, Answer.CANCEL))

    box.buttonClicked.connect(clicked)
    box.show()  # window-modal; open() takes a receiver on PySide6 6.11
    return box


def settle(parent: QWidget, widgets: Sequence[object], then: Callable[[], None]) -> None:
    """Ask about each of ``widgets`` holding unsaved text, one after another; ``then`` runs
    once all are saved or discarded. 取消, or a save that was refused, stops there."""
    editor = next((w for w in widgets if isinstance(w, Editor) and w.unsaved()), None)
    if editor is None:
        then()
        return

    def answered(answer: Answer) -> None:
        if answer is Answer.DISCARD:
            editor.discard_unsaved()
            settle(parent, widgets, then)
        elif answer is Answer.SAVE:
            editor.save_unsaved(lambda ok: settle(parent, widgets, then) if ok else None)

    ask(parent, editor.unsaved(), answered)
