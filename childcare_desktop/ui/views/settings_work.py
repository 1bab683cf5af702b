"""设置 › 本机使用人: who works this store (name, role, village or township and their names).

What is typed here is who did the work: 走访人, 评估人 and 经办人 start with the name, the
agreement's 丙方 with the village, every printed page's header with the place names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...core.roles import Role
from ...services import preferences, stores
from ..i18n import error_text, role_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain

ERROR_STYLE, DONE_STYLE, NOTE_STYLE = "color: #b00020;", "color: #1b5e20;", "color: #8a5a00;"


class WorkBox(QGroupBox):
    """The form of who works the store; typed and not saved, it is asked about before the
    page is left (``unsaved.Editor``)."""

    saved = Signal(object)  # preferences.WorkSettings
    unsaved_changed = Signal(bool)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tr("settings", "本机使用人"), parent)
        self.setObjectName("work_box")
        self.tasks = tasks
        column = QVBoxLayout(self)
        self.note = plain(QLabel())
        self.note.setObjectName("work_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE + " font-weight: bold;")
        self.note.hide()
        column.addWidget(self.note)
        form = QFormLayout()
        self.name = self._line("work_name", tr("settings", "走访、评估、打印时署名"))
        form.addRow(tr("settings", "您的姓名"), self.name)
        self.role = QComboBox()
        self.role.setObjectName("work_role")
        for role in preferences.WORK_ROLES:
            self.role.addItem(role_text(role.value), role.value)
        self.role.currentIndexChanged.connect(self._role_changed)
        form.addRow(tr("settings", "角色"), self.role)
        self.region = self._line("work_region", "")
        self.region_label = plain(QLabel())
        form.addRow(self.region_label, self.region)
        self.village = self._line("work_village", tr("settings", "如：柳溪村（协议的丙方）"))
        form.addRow(tr("settings", "村（社区）名称"), self.village)
        self.township = self._line("work_township", tr("settings", "如：青石镇"))
        form.addRow(tr("settings", "乡镇（街道）名称"), self.township)
        self.county = self._line("work_county", tr("settings", "如：示范县"))
        form.addRow(tr("settings", "县（市、区）名称"), self.county)
        column.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(tr("settings", "保存使用人信息"))
        self.save_button.setObjectName("work_save")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        self.message = plain(QLabel())
        self.message.setObjectName("work_message")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        column.addLayout(row)
        self._role_changed()
        self._shown: dict[str, Any] | None = None  # the values the store holds
        self._work: preferences.WorkSettings | None = None
        self._after_save: list[Callable[[bool], None]] = []
        for line in (self.name, self.region, self.village, self.township, self.county):
            line.textEdited.connect(self._edited)
        self.role.activated.connect(self._edited)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.returnPressed.connect(self.save)
        return line

    def values(self) -> dict[str, Any]:
        """What the form says now, as ``set_work_settings`` takes it."""
        return {
            "name": self.name.text(),
            "role": self.role.currentData(),
            "region_code": self.region.text(),
            "village": self.village.text() if self.village.isEnabled() else "",
            "township": self.township.text(),
            "county": self.county.text(),
        }

    def _edited(self, *_args: object) -> None:
        if self.message.styleSheet() == ERROR_STYLE:
            self.message.clear()  # the reason was about what is being corrected now
        self.unsaved_changed.emit(bool(self.unsaved()))

    # -- unsaved.Editor ----------------------------------------------------------------

    def unsaved(self) -> str:
        if self._shown is None or self.values() == self._shown:
            return ""
        return tr("settings", "“本机使用人”中填写的内容还没有保存。")

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self._after_save.append(done)
        self.save()

    def discard_unsaved(self) -> None:
        if self._work is not None:
            self.show_work(self._work)
        self.message.clear()

    def _role_changed(self) -> None:
        director = self.role.currentData() == Role.DIRECTOR.value
        self.region_label.setText(
            tr("settings", "本村区划代码") if director else tr("settings", "本乡镇区划代码")
        )
        self.region.setPlaceholderText(
            tr("settings", "12位统计用区划代码")
            if director
            else tr("settings", "9位统计用区划代码")
        )
        self.village.setEnabled(director)  # a supervisor works a whole township

    def show_work(self, work: preferences.WorkSettings) -> None:
        """Fill the form from the store."""
        self.name.setText(work.director)
        self.role.setCurrentIndex(max(0, self.role.findData(work.role)))
        self.region.setText(work.home_region or "")
        self.village.setText(work.village)
        self.township.setText(work.township)
        self.county.setText(work.county)
        self._role_changed()
        # The demo's invented director stays as she is; the note says why it is greyed.
        for widget in (self.name, self.role, self.region, self.township, self.county):
            widget.setEnabled(not work.demo)
        self.save_button.setEnabled(not work.demo)
        self.village.setEnabled(not work.demo and work.role == Role.DIRECTOR.value)
        if work.demo:
            self.note.setText(
                tr("settings", "示范档案库的使用人是虚构的，不能修改；示范档案库也不会自动锁定。")
            )
            self.note.show()
        elif work.director:
            self.note.hide()
        self._work, self._shown = work, self.values()
        self.unsaved_changed.emit(False)

    def ask_first(self, role: str = Role.DIRECTOR.value) -> None:
        """A new store: say what to fill in first, and put the cursor there."""
        self.note.setText(
            tr("settings", "请先填写您的姓名和乡镇（街道）：走访记录和打印的文书都要用到。")
            if role == Role.SUPERVISOR.value
            else tr(
                "settings", "请先填写您的姓名和村（社区）：走访记录、协议和打印的文书都要用到。"
            )
        )
        self.note.show()
        self.name.setFocus()

    def save(self) -> None:
        values = self.values()

        def job(worker: Any) -> preferences.WorkSettings:
            with worker.store.session() as session:
                work = preferences.set_work_settings(session, **values)
            stores.act_as_user(worker.store)  # the audit log and prints name the user now
            return work

        self.save_button.setEnabled(False)
        self.tasks.run_on_store(job, self._saved, self._failed)

    def _saved(self, work: preferences.WorkSettings) -> None:
        self.save_button.setEnabled(True)
        self.note.hide()
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(tr("settings", "已保存。"))
        self.show_work(work)
        self.saved.emit(work)
        self._answer(True)

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(error) if isinstance(error, DomainError) else str(error))
        self._answer(False)

    def _answer(self, saved: bool) -> None:
        waiting, self._after_save = self._after_save, []
        for done in waiting:
            done(saved)
