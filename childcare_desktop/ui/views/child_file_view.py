"""儿童档案: the whole file of one child, its parts in a list on the left (``FileSections``,
built in ``child_file_parts``), every dialog one click away.

What is typed into 基本信息 and not yet saved is marked (未保存 on its entry) and survives
every reload of the same child (a dialog saved, a sync pulled, the idle lock): the main
window asks before it would be thrown away (``ui.unsaved``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.errors import DomainError
from ...core.records import ChildFile
from ...core.suggestions import Suggestion
from ...core.vocab import AgreementState
from ...services import attachments, children, files
from ...services import suggestions as suggesting
from ..dialogs import child_dialogs as dialogs
from ..dialogs import clue_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..file_dialogs import choose_open, choose_save
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from . import child_file_text as text
from . import child_tabs as tabs
from . import suggestion_text
from .child_file_parts import TABS, action_row, build_parts, fill_parts
from .dropout_box import DropoutBox
from .pairing_box import PairingBox
from .problem_box import ProblemBox
from .quarterly_box import QuarterlyBox
from .report_box import ReportBox
from .service_plan_box import ServicePlanBox
from .suggestion_box import SuggestionBox

__all__ = ["TABS", "ChildFileView"]


class ChildFileView(QWidget):
    changed = Signal()  # something was saved: the worklist and roster are stale
    loaded = Signal()
    dialog_opened = Signal(object)  # every dialog, for tests and the idle lock
    print_requested = Signal(str, str)  # child id, document
    unsaved_changed = Signal(bool)  # typed into 基本信息 and not saved
    # The buttons and parts child_file_parts makes.
    action_buttons: dict[str, QPushButton]
    basic: tabs.BasicInfoTab
    family: tabs.RecordsTab
    carers: tabs.RecordsTab
    agreements: tabs.RecordsTab
    visits: tabs.RecordsTab
    assessments: tabs.RecordsTab
    quarterly: QuarterlyBox
    incidents: ReportBox
    clues: tabs.RecordsTab
    assistance: tabs.RecordsTab
    dropouts: DropoutBox
    problems: ProblemBox
    plans: ServicePlanBox
    pairing: PairingBox
    attachments: tabs.RecordsTab
    history: tabs.RecordsTab

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.file: ChildFile | None = None
        self.visitor = ""  # the director's name, for new visits and assessments
        self.witness = ""  # the village committee, for agreements
        layout = QVBoxLayout(self)
        self.header = plain(QLabel(tr("file", "请从工作台或儿童名册选择一名儿童。")))
        self.header.setObjectName("header")
        self.header.setStyleSheet("font-size: 15pt; font-weight: bold;")
        # The name and the actions share a row: the height goes to the parts (基本信息 on a
        # 768-pixel laptop screen).
        top = action_row(self)
        top.insertWidget(0, self.header)
        top.insertSpacing(1, 16)
        layout.addLayout(top)
        self.details = plain(QLabel())
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.suggestions = SuggestionBox()
        self.suggestions.accepted.connect(self._accept_suggestion)
        self.suggestions.dismissed.connect(self._dismiss_suggestion)
        layout.addWidget(self.suggestions)
        self.sections = build_parts(self)
        layout.addWidget(self.sections, 1)
        self.setEnabled(False)

    # -- loading -------------------------------------------------------------------------

    def show_child(self, child_id: str, tab: str = "basic") -> None:
        def job(session: Any) -> tuple[ChildFile, list[Suggestion]]:
            file = files.get_child_file(session, child_id=child_id, include_incidents=True)
            return file, suggesting.file_suggestions(session, file)

        self.tasks.run(job, lambda found: self._show(found[0], tab, found[1]))

    def reload(self) -> None:
        if self.file is not None:
            tab = self.sections.current()
            report = self.incidents.selected()
            if tab == "incidents" and report is not None:
                tab = f"incidents:{report.id}"  # the same report stays chosen
            self.show_child(self.file.child.id, tab)

    def _show(self, file: ChildFile, tab: str | None, found: list[Suggestion]) -> None:
        # The same child again with typed changes: keep them, and the record they were
        # typed over, so saving later changes only what the user touched.
        keep_typed = (
            self.file is not None
            and self.file.child.id == file.child.id
            and self.basic.has_unsaved()
        )
        self.file = file
        self.setEnabled(True)
        self._show_header(file)
        self.suggestions.set_suggestions(found)
        if not keep_typed:
            self.basic.show_record(file.child)
        self.basic.derived.setText(text.derived_text(file))
        tab, _, chosen = (tab or "").partition(":")  # "incidents:<id>": that report
        fill_parts(self, file, chosen)
        self._mark_parts(file)
        if tab in TABS:
            self.sections.show_part(tab)
        self.loaded.emit()

    def _show_header(self, file: ChildFile) -> None:
        latest = file.latest_assessment
        self.header.setText(text.header_text(file))
        self.details.setText(text.details_text(file))
        self.details.setStyleSheet(text.colour_style(latest.colour if latest else None))
        self.action_buttons["exit"].setText(
            tr("file", "办理退出") if file.active else tr("file", "重新纳入")
        )
        for key in ("visit", "assess"):
            self.action_buttons[key].setEnabled(file.active)

    def _mark_parts(self, file: ChildFile) -> None:
        """Each part's entry in the list: its number of records, and a mark when work is due."""
        due = text.part_due(file)
        for key, count in text.part_counts(file).items():
            self.sections.set_count(key, count, due.get(key, ""))

    # -- actions -------------------------------------------------------------------------

    def _id(self) -> str:
        return self._file().child.id

    def _problem_from_visit(self, visit: Any) -> None:
        """记为问题: a new problem offered with the visit's date and what it found."""
        found = {"source": f"visit:{visit.id}", "found_on": visit.visited_on}
        self.problems.record({**found, "description": visit.findings or ""})

    def _file(self) -> ChildFile:
        assert self.file is not None
        return self.file

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        dialog.saved.connect(lambda _record: self._saved())
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _saved(self) -> None:
        self.changed.emit()
        self.reload()

    def _clue(self) -> RecordDialog:
        child = self._file().child
        return clue_dialogs.register(self.tasks, self, [(child.name, child.id)], child.id)

    def _assessment(self) -> RecordDialog:
        latest = self._file().latest_assessment
        colour = latest.colour if latest else None
        return dialogs.assessment(self.tasks, self, self._id(), self.visitor, current=colour)

    def log_visit(self) -> RecordDialog | None:
        if self.file is None or not self.file.active:
            return None
        return self._open(dialogs.visit(self.tasks, self, self.file, self.visitor))

    def _accept_suggestion(self, found: Suggestion) -> None:
        child_id, note = self._id(), suggestion_text.note(found)
        self.tasks.run(
            lambda s: suggesting.accept(
                s, child_id=child_id, key=found.key, on=date.today(), note=note
            ),
            lambda _r: self._saved(),
            self._suggestion_refused,
        )

    def _dismiss_suggestion(self, found: Suggestion) -> None:
        child_id = self._id()
        self.tasks.run(
            lambda s: suggesting.dismiss(s, child_id=child_id, key=found.key),
            lambda _r: self.reload(),
        )

    def _suggestion_refused(self, error: Exception) -> None:
        self.details.setText(error_text(error))
        self.reload()

    def _exit_or_reenter(self) -> None:
        file = self._file()
        maker = dialogs.exit_child if file.active else dialogs.reenter_child
        self._open(maker(self.tasks, self, file.child.id))

    def _sign(self, agreement: Any) -> None:
        if agreement.state is AgreementState.DRAFT:
            self._open(dialogs.sign_agreement(self.tasks, self, agreement, self.witness))

    def _save_basic(self, changes: dict[str, Any], done: Any = None) -> None:
        child_id = self._id()

        def saved(_record: Any) -> None:
            self.basic.mark_saved()
            self._saved()
            if done is not None:
                done(True)

        def refused(error: Exception) -> None:
            self.sections.show_part("basic")
            if isinstance(error, DomainError) and not self.basic.form.show_error(error):
                self.basic.status.setText(error_text(error))
            if done is not None:
                done(False)

        self.tasks.run(
            lambda s: children.update_child(s, child_id=child_id, **changes), saved, refused
        )

    # -- unsaved changes (ui.unsaved.Editor) ------------------------------------------------

    def unsaved(self) -> str:
        if self.file is None or not self.basic.has_unsaved():
            return ""
        return tr("file", "{name}的基本信息有未保存的修改。").format(name=self.file.child.name)

    def save_unsaved(self, done: Any) -> None:
        self.basic.form.clear_errors()
        self._save_basic(self.basic.changes(), done)

    def discard_unsaved(self) -> None:
        self.basic.show_record(self._file().child)  # the latest loaded, not the one typed over

    def _mark_unsaved(self, unsaved: bool) -> None:
        self.sections.set_unsaved("basic", unsaved)
        self.unsaved_changed.emit(unsaved)

    def add_attachment(self, path: Path) -> None:
        """Store the file at ``path`` in the child's file (encrypted with the store)."""
        data, child_id = path.read_bytes(), self._id()
        self.tasks.run(
            lambda s: attachments.add_attachment(s, child_id=child_id, name=path.name, data=data),
            lambda _r: self._saved(),
            lambda e: self.details.setText(error_text(e)),
        )

    def _choose_attachment(self) -> None:
        choose_open(
            self,
            tr("file", "选择扫描件或照片"),
            tr("file", "图片和PDF (*.jpg *.jpeg *.png *.pdf)"),
            self.add_attachment,
        )

    def _export_attachment(self, record: Any) -> None:
        choose_save(
            self,
            tr("file", "另存为"),
            record.name,
            "",
            lambda target: self._write_attachment(record, target),
        )

    def _write_attachment(self, record: Any, target: Path) -> None:
        def written(result: tuple[Any, bytes]) -> None:
            target.write_bytes(result[1])

        self.tasks.run(lambda s: attachments.attachment_data(s, attachment_id=record.id), written)
