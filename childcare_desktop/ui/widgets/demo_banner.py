"""The band across the top of the main window when the demo's invented village is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..i18n import tr
from .labels import plain


def demo_banner() -> QLabel:
    """Hidden until a demo store is open (MainWindow.set_demo)."""
    banner = plain(
        QLabel(tr("main", "演示数据——不是真实儿童信息（示范档案库，不能登记或同步到县服务器）"))
    )
    banner.setObjectName("demo_banner")
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "background: #fff3cd; color: #7a4a00; border: 1px solid #e0a800;"
        " font-weight: bold; padding: 4px;"
    )
    banner.hide()
    return banner
