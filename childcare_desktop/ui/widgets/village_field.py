"""A village to file a child under, in a township's store: chosen or typed.

The list offers the township's villages by name (those the county named, and those the
store holds children of), with how many children are filed there; a village not in it
is typed as its 12-digit code, and a name typed whole picks its village. The value is
the code alone, whichever way it was given.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ...services.villages import Village
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
        self.names: dict[str, str] = {}  # a village's name -> its code

    def set_villages(self, villages: Iterable[Village]) -> None:
        """Offer the villages by name; what is typed stays as it is."""
        typed = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.names = {}
        for village in villages:
            self.addItem(_item_text(village), village.code)
            self.setItemData(self.count() - 1, village.code, Qt.ItemDataRole.ToolTipRole)
            if village.name:
                self.names.setdefault(village.name, village.code)
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)

    def code(self) -> str:
        """The village code chosen or typed ("" for none)."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            return str(self.itemData(index))
        return self.names.get(text, text)

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(code or "")


def _item_text(village: Village) -> str:
    if not village.children:
        return tr("fields", "{village}（尚无儿童）").format(village=village.label)
    return tr("fields", "{village}（已有{count}名儿童）").format(
        village=village.label, count=village.children
    )
