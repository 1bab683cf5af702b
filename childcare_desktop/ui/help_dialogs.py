"""帮助: the user guide (F1), shipped with the app as Markdown, and 关于."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..paths import resource
from .i18n import DEFAULT_LANGUAGE, tr
from .views.settings_view import LANGUAGE_KEY


def guide_text(language: str | None = None) -> str:
    """The guide in ``language`` (the UI's by default), else the Chinese one."""
    language = language or str(QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE))
    path = resource("guide", f"guide_{language}.md")
    if not path.exists():
        path = resource("guide", f"guide_{DEFAULT_LANGUAGE}.md")
    return path.read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The guide beside the window (not modal: the user follows it while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowTitle(tr("help", "用户指南"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_text())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def sizeHint(self) -> QSize:
        # fits a 1366x768 laptop with its taskbar, beside the main window's content
        return QSize(720, 640)


def show_guide(parent: QWidget) -> GuideDialog:
    """Open the guide (raise it if it is open already)."""
    guide = parent.findChild(GuideDialog)
    if guide is None:
        guide = GuideDialog(parent)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("about")
    box.setWindowTitle(tr("help", "关于"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(tr("help", "儿童主任工作台 {version}").format(version=__version__))
    box.setInformativeText(
        tr(
            "help",
            "供村（居）儿童主任和乡镇儿童督导员记录、打印和同步儿童关爱保护档案。"
            "档案加密保存在本机，只在同步时发送到县服务器。按 F1 查看用户指南。",
        )
    )
    box.open()
    return box
