"""The village filter of the roster and the worklist on a township's store.

全部村, then each village the store holds with how many rows it has in the list. The
choice is remembered on this computer (QSettings, per township and per list, like the
tables' column layout), so the supervisor who works one village finds it chosen after a
restart. A director's store hides the filter.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ...services.township import TownshipVillages
from ..i18n import tr


class VillageFilter(QComboBox):
    chosen = Signal()  # the user (or choose()) picked a village, or 全部村

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.township: str | None = None
        self.setObjectName("village_filter")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setVisible(False)
        self.currentIndexChanged.connect(self._picked)
        self._filling = False
        self._pending: str | None = None  # chosen before the list was loaded

    def set_villages(self, villages: TownshipVillages | None, counts: Mapping[str, int]) -> None:
        """Offer the township's villages with ``counts`` (rows per village code); the
        remembered village is chosen again when the store still holds it."""
        self.setVisible(villages is not None)
        self.township = villages.township if villages else None
        self._filling = True
        try:
            self.clear()
            if villages is None:
                return
            total = sum(counts.values())
            self.addItem(tr("villages", "全部村（{count}）").format(count=total), None)
            for village in villages.villages:
                text = tr("villages", "{village}（{count}）").format(
                    village=village.label, count=counts.get(village.code, 0)
                )
                self.addItem(text, village.code)
                self.setItemData(self.count() - 1, village.code, Qt.ItemDataRole.ToolTipRole)
            if self._pending:
                self._remember(self._pending)
                self._pending = None
            self.setCurrentIndex(max(0, self.findData(self._remembered())))
        finally:
            self._filling = False

    def code(self) -> str | None:
        """The village chosen (12 digits), or None for every village."""
        return self.currentData() if self.township else None

    def choose(self, code: str) -> None:
        """Choose ``code`` (from the village table); remembered even if the list is not
        loaded yet, so it is chosen when it is."""
        if self.township is None:
            self._pending = code
            return
        if self.findData(code) < 0:
            self._remember(code)
            return
        self.setCurrentIndex(self.findData(code))

    def _picked(self, _index: int) -> None:
        if self._filling:
            return
        self._remember(self.currentData())
        self.chosen.emit()

    def _setting(self) -> str:
        return f"filters/{self.key}/village/{self.township or 'any'}"

    def _remembered(self) -> str | None:
        value = QSettings().value(self._setting())
        return str(value) if value else None

    def _remember(self, code: str | None) -> None:
        QSettings().setValue(self._setting(), code or "")
