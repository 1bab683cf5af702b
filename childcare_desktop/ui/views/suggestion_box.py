"""The box above a child's file with what the recorded facts call for: 认定, 不再认定,
or 忽略, one click each (the view does the work through services.suggestions)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.suggestions import Advice, Suggestion
from ..i18n import tr
from ..widgets.labels import plain
from . import suggestion_text as words


class SuggestionBox(QFrame):
    accepted = Signal(object)  # the Suggestion: 认定 or 不再认定
    dismissed = Signal(object)  # the Suggestion: 忽略

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("category_suggestions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#category_suggestions { background: #fff8e1; }")
        self.rows = QVBoxLayout(self)
        # Tight: on a 768-pixel screen the height it takes comes out of 基本信息's form.
        self.rows.setContentsMargins(6, 1, 6, 1)
        self.rows.setSpacing(2)
        self.buttons: dict[str, dict[str, QPushButton]] = {}  # suggestion key -> its buttons
        self.hide()

    def set_suggestions(self, found: Sequence[Suggestion]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.buttons = {}
        for s in found:
            self.rows.addWidget(self._row(s))
        self.setVisible(bool(found))

    def _row(self, s: Suggestion) -> QWidget:
        row = QWidget()
        row.setObjectName(f"suggestion_{s.category.value}")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        why = words.reason(s)
        head = plain(QLabel(words.headline(s) + ("：" + why if why else "")))
        head.setObjectName("suggestion_text")
        head.setStyleSheet("font-weight: bold;")
        head.setWordWrap(True)
        texts.addWidget(head)
        if s.advice is not Advice.UNKNOWN:  # a prompt to collect facts stays one line
            rule = plain(QLabel(words.rule(s)))
            rule.setWordWrap(True)
            texts.addWidget(rule)
        line.addLayout(texts, 1)
        buttons: dict[str, QPushButton] = {}
        if s.advice is not Advice.UNKNOWN:
            verb = tr("suggest", "认定")
            if s.advice is Advice.END:
                verb = tr("suggest", "不再认定")
            buttons["accept"] = QPushButton(verb)
            buttons["accept"].clicked.connect(lambda _=False, x=s: self.accepted.emit(x))
        buttons["dismiss"] = QPushButton(tr("suggest", "忽略"))
        buttons["dismiss"].clicked.connect(lambda _=False, x=s: self.dismissed.emit(x))
        for key, button in buttons.items():
            button.setObjectName(f"suggestion_{key}")
            line.addWidget(button)
        self.buttons[s.key] = buttons
        return row
