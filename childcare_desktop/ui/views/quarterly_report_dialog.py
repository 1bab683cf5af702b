"""打印季度核实报告: choose the quarter, save the report to the township as PDF (menu
文件 › 打印季度核实报告…)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...core.quarters import recent
from ...services.printing import write_pdf
from ...services.quarterly_report import quarterly_report_document
from ..file_dialogs import choose_save
from ..i18n import tr
from ..quarter_text import quarter_text
from ..tasks import Tasks
from ..widgets.labels import plain

CHOOSABLE = 8  # two years of quarters


class QuarterlyReportDialog(QDialog):
    saved = Signal(object)  # the PDF's path

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setObjectName("quarterly_report_dialog")
        self.setWindowTitle(tr("quarterly", "打印季度核实报告"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = plain(
            QLabel(
                tr(
                    "quarterly",
                    "列出本村每名困境儿童本季度是否已核实、家庭情况变化和待遇问题，"
                    "签字盖章后报乡镇人民政府。",
                )
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.quarter = QComboBox()
        self.quarter.setObjectName("quarter")
        for quarter in recent(date.today(), CHOOSABLE):
            self.quarter.addItem(quarter_text(quarter), quarter)
        form.addRow(tr("quarterly", "季度"), self.quarter)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(
            tr("quarterly", "另存为PDF…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save_button")
        buttons.accepted.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose_file(self) -> None:
        quarter = self.quarter.currentData()
        name = tr("quarterly", "困境儿童季度核实报告-{quarter}.pdf").format(quarter=quarter)
        choose_save(
            self,
            tr("quarterly", "保存季度核实报告"),
            name,
            "PDF (*.pdf)",
            lambda target: self._write(quarter, target),
        )

    def _write(self, quarter: str, target: Path) -> None:
        def job(session: Any) -> Path:
            return write_pdf(target, quarterly_report_document(session, quarter=quarter))

        self.tasks.run(job, self._written)  # a failure (disk full) is told as everywhere

    def _written(self, path: Path) -> None:
        self.saved.emit(path)
        self.accept()


def open_quarterly_report(window: Any) -> QuarterlyReportDialog:
    """Show the dialog over the main window; the saved path goes to the status bar."""
    dialog = QuarterlyReportDialog(window.tasks, window)
    dialog.saved.connect(
        lambda path: window.statusBar().showMessage(
            tr("quarterly", "已保存季度核实报告：{path}").format(path=path), 15_000
        )
    )
    dialog.open()
    window.dialog_opened.emit(dialog)
    return dialog
