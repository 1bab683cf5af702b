"""新增/编辑工作日志: one entry of the director's work log (issue 18).

The dialog only gathers the values; the page saves them and, when a rule refuses them,
says why here, the dialog staying open with what was typed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ValidationError
from ...core.vocab import WorkLogKind
from ...services.work_log import WorkLogEntry
from ..i18n import error_text, tr
from ..widgets.date_field import DateField, read_day
from ..widgets.labels import plain


class WorkLogDialog(QDialog):
    submitted = Signal(dict)  # the values, for the page to save

    def __init__(
        self,
        children: list[tuple[str, str]],
        entry: WorkLogEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("work_log_dialog")
        edit, new = tr("work_log", "编辑工作日志"), tr("work_log", "新增工作日志")
        self.setWindowTitle(edit if entry else new)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.day = DateField()
        self.day.setObjectName("logged_on")
        self.day.setText((entry.logged_on if entry else date.today()).isoformat())
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for k in WorkLogKind:
            self.kind.addItem(tr("vocab", k.label), k.value)
        if entry:
            self.kind.setCurrentIndex(self.kind.findData(entry.kind.value))
        self.title = QLineEdit(entry.title if entry else "")
        self.title.setObjectName("title")
        self.title.setMaxLength(100)
        self.title.setPlaceholderText(tr("work_log", "如：镇儿童工作例会"))
        self.place = QLineEdit(entry.place if entry else "")
        self.place.setObjectName("place")
        self.content = QPlainTextEdit(entry.content if entry else "")
        self.content.setObjectName("content")
        self.kids = QListWidget()
        self.kids.setObjectName("children")
        linked = {i for i, _ in entry.children} if entry else set()
        for child_id, name in children:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, child_id)
            checked = child_id in linked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.kids.addItem(item)
        self.content.setMaximumHeight(130)
        self.kids.setMinimumHeight(150)
        form.addRow(tr("work_log", "日期"), self.day)
        form.addRow(tr("work_log", "类别"), self.kind)
        form.addRow(tr("work_log", "事项"), self.title)
        form.addRow(tr("work_log", "地点"), self.place)
        form.addRow(tr("work_log", "内容"), self.content)
        form.addRow(tr("work_log", "涉及儿童"), self.kids)
        layout.addLayout(form)
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("work_log", "保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("work_log", "取消"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.resize(520, 520)

    def values(self) -> dict[str, Any]:
        """What the form holds, as the service takes it."""
        chosen = [
            str(self.kids.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.kids.count())
            if self.kids.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "logged_on": read_day(self.day.text(), "logged_on"),
            "kind": self.kind.currentData(),
            "title": self.title.text(),
            "place": self.place.text(),
            "content": self.content.toPlainText(),
            "children": chosen,
        }

    def _submit(self) -> None:
        try:
            values = self.values()
        except ValidationError as err:
            self.refused(err)
            return
        self.submitted.emit(values)

    def refused(self, error: ValidationError) -> None:
        """Say why the values were refused; the dialog stays open."""
        self.status.setText(error_text(error))
