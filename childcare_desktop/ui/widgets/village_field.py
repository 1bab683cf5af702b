"""A village to file a child under, in a township's store: chosen or typed.

The list offers the villages the store already holds (by code, with how many children
are filed there); a village not in it yet is typed as its 12-digit code. The value is
the code alone, whichever way it was given.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ..i18n import tr
from .wheel import guard_wheel


class VillageField(QComboBox):
    edited = Signal()  # the user chose or typed (not when filled by the program)

    def __init__(self, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guard_wheel(self)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        assert line is not None  # an editable combo box has one
        line.setPlaceholderText(hint)
        line.textEdited.connect(lambda _t: self.edited.emit())
        self.activated.connect(lambda _i: self.edited.emit())
        self.setCurrentIndex(-1)

    def set_villages(self, villages: Iterable[tuple[str, int]]) -> None:
        """Offer (code, children) pairs; what is typed stays as it is."""
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        for code, children in villages:
            self.addItem(
                tr("fields", "{code}（已有{count}名儿童）").format(code=code, count=children), code
            )
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def code(self) -> str:
        """The village code chosen or typed ("" for none)."""
        text = self.currentText().strip()
        index = self.findText(text)
        return str(self.itemData(index)) if index >= 0 else text

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(code or "")
