"""Two kinds of trouble: known failures get a short message where they happen; bugs go
to one dialog with the details, a "复制详细信息" button and where the log file is."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr
from .widgets.labels import plain

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("errors", "程序出错"))
        layout = QVBoxLayout(self)
        text = tr(
            "errors",
            "程序遇到了意外错误，刚才的操作没有完成，已保存的数据不受影响。"
            "请把下面的详细信息发给技术支持。",
        )
        if log_file:
            text += "\n" + tr("errors", "日志文件：{path}").format(path=log_file)
        message = plain(QLabel(text))
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        copy = QPushButton(tr("errors", "复制详细信息"))
        copy.setObjectName("copy")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        close = QPushButton(tr("errors", "关闭"))
        close.clicked.connect(self.close)
        row.addStretch(1)
        row.addWidget(copy)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(640, 400)


class BugReporter(QObject):
    """Receives every unexpected exception (any thread) and shows it on the GUI thread."""

    shown = Signal(object)
    _report = Signal(str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialogs: list[ErrorDialog] = []
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.excepthook

    def excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        self._report.emit("".join(traceback.format_exception(kind, value, tb)))

    def report(self, error: BaseException) -> None:
        self.excepthook(type(error), error, error.__traceback__)

    def _show(self, details: str) -> None:
        dialog = ErrorDialog(details, self.log_file)
        self.dialogs.append(dialog)
        dialog.show()
        self.shown.emit(dialog)
