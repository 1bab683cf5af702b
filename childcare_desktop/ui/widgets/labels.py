"""Text from the store shown as typed, never as markup.

A QLabel (and a tooltip) in Qt's default AutoText mode renders anything that looks like
HTML: a name ``<b>x</b>`` arriving by sync would print in bold, ``<img src=x>`` would
try to load an image. Every label of the app is plain text; none of our fixed strings
needs markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed (tooltips have no plain-text switch)."""
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text
