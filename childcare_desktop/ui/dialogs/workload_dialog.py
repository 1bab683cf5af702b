"""每周走访上限: the most visits a week the director plans (issue 18, a level workload).

The dialog only gathers the value; the 工作台 saves it and, when the rule refuses it,
says why here, the dialog staying open."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ValidationError
from ...core.workload import MAX_WEEKLY_CAP
from ..i18n import error_text, tr
from ..widgets.labels import plain

DEFAULT_CAP = 15  # offered when the limit is switched on for the first time
TEXT_WIDTH = 440


class WeeklyCapDialog(QDialog):
    submitted = Signal(object)  # the cap (int), or None for no limit

    def __init__(self, cap: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekly_cap_dialog")
        self.setWindowTitle(tr("workload", "每周走访上限"))
        layout = QVBoxLayout(self)
        about = plain(
            QLabel(
                tr(
                    "workload",
                    "设了上限，工作台就把到期的走访和联系排进各周，每周不超过上限："
                    "红色和重点儿童优先；只会提前（最多提前到期前的提醒天数），"
                    "不会排到应办日期之后。逾期的仍排在本周，这一周可能超出上限。",
                )
            )
        )
        about.setWordWrap(True)
        # a window does not ask a wrapped label for its height: give it the lines it needs
        about.setMinimumHeight(about.heightForWidth(TEXT_WIDTH))
        layout.addWidget(about)
        form = QFormLayout()
        self.limited = QCheckBox(tr("workload", "限制每周走访次数"))
        self.limited.setObjectName("limited")
        self.limited.setChecked(cap is not None)
        self.cap = QSpinBox()
        self.cap.setObjectName("cap")
        self.cap.setRange(1, MAX_WEEKLY_CAP)
        self.cap.setValue(cap or DEFAULT_CAP)
        self.cap.setSuffix(tr("workload", " 次"))
        self.cap.setEnabled(cap is not None)
        self.limited.toggled.connect(self.cap.setEnabled)
        form.addRow(self.limited)
        form.addRow(tr("workload", "每周最多走访"), self.cap)
        layout.addLayout(form)
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("workload", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("workload", "取消"))
        buttons.accepted.connect(lambda: self.submitted.emit(self.value()))
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(TEXT_WIDTH + 40)

    def value(self) -> int | None:
        """The cap chosen; None: no limit."""
        return self.cap.value() if self.limited.isChecked() else None

    def refused(self, error: ValidationError) -> None:
        """Say why the value was refused; the dialog stays open."""
        self.status.setText(error_text(error))
