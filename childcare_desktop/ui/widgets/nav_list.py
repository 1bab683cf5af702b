"""The list of pages on the left of the main window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QListWidget

MIN_WIDTH = 150
ICON = 28
ROOM = 30  # the icon's margins and the gap before the text


class NavList(QListWidget):
    """As wide as its longest label in the font in use: 大字体 widens it, so
    "留守妇女/老人" is never cut to "留守妇女/…"."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("nav")
        self.setIconSize(QSize(ICON, ICON))
        self.setFixedWidth(MIN_WIDTH)

    def fit(self) -> None:
        metrics = self.fontMetrics()
        labels = [self.item(row).text() for row in range(self.count())]
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
        width = max(MIN_WIDTH, widest + ICON + ROOM + 2 * self.frameWidth())
        self.setFixedWidth(width)
        hint = QSize(width - 10, max(44, metrics.height() + 20))
        for row in range(self.count()):
            self.item(row).setSizeHint(hint)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()
