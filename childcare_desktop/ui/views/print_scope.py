"""范围 on the print page: the whole township (or village) or one village, for the roster,
the summary and the monthly report; villages by name (services.places), never a bare code."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...services.batch_print import VillageChoice
from ..i18n import tr
from ..widgets.wheel import guard_wheel


class ScopeField(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scope")
        guard_wheel(self)
        self.set_villages([], township=False)

    def set_villages(self, choices: list[VillageChoice], *, township: bool) -> None:
        """全乡镇 (a township's store) or 全部, then each village; the choice is kept."""
        current = self.region_prefix()
        self.blockSignals(True)
        self.clear()
        self.addItem(tr("print", "全乡镇") if township else tr("print", "全部"), None)
        for choice in choices:
            self.addItem(choice.label, choice.code)
        self.setCurrentIndex(max(0, self.findData(current)) if current else 0)
        self.blockSignals(False)

    def region_prefix(self) -> str | None:
        """The village chosen, or None for all."""
        data = self.currentData()
        return str(data) if data else None
