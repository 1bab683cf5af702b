"""The main window: 工作台, 儿童名册, 儿童档案 and 设置 on the left; shortcuts for the daily work.

Ctrl+F search the roster · Ctrl+N new child · Ctrl+L log a visit · Ctrl+S save · Esc cancel
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from ..paths import resource
from .dialogs import child_dialogs
from .dialogs.record_dialog import RecordDialog
from .i18n import tr
from .tasks import Tasks
from .views.child_file_view import ChildFileView
from .views.print_view import PrintView
from .views.roster_view import RosterView
from .views.settings_view import SettingsView
from .views.workbench_view import WorkbenchView

PAGES = ("workbench", "roster", "file", "print", "settings")


class MainWindow(QMainWindow):
    dialog_opened = Signal(object)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(tr("main", "儿童主任工作台"))
        self.setMinimumSize(QSize(1000, 640))
        self.workbench = WorkbenchView(tasks)
        self.roster = RosterView(tasks)
        self.file = ChildFileView(tasks)
        self.printing = PrintView(tasks)
        self.settings = SettingsView(tasks)
        self.pages = QStackedWidget()
        for page in (self.workbench, self.roster, self.file, self.printing, self.settings):
            self.pages.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(28, 28))
        self.nav.setFixedWidth(150)
        labels = (
            QT_TRANSLATE_NOOP("main", "工作台"),
            QT_TRANSLATE_NOOP("main", "儿童名册"),
            QT_TRANSLATE_NOOP("main", "儿童档案"),
            QT_TRANSLATE_NOOP("main", "打印"),
            QT_TRANSLATE_NOOP("main", "设置"),
        )
        for key, label in zip(PAGES, labels, strict=True):
            item = QListWidgetItem(QIcon(str(resource("icons", f"{key}.svg"))), tr("main", label))
            item.setSizeHint(QSize(140, 44))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._page_changed)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(4, 4, 4, 4)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.busy_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        tasks.busy_changed.connect(
            lambda busy: self.busy_label.setText(tr("main", "正在处理…") if busy else "")
        )
        self._wire()
        self._shortcuts()
        self.nav.setCurrentRow(0)

    def _wire(self) -> None:
        for view in (self.workbench, self.roster):
            view.open_child.connect(self.open_child)
        self.roster.new_child.connect(self.new_child)
        self.file.changed.connect(self._mark_stale)
        self.file.dialog_opened.connect(self.dialog_opened)
        self.file.print_requested.connect(self.print_child)
        self.roster.print_requested.connect(self._print_batch)

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search_roster)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_child)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.log_visit)
        save = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.file.basic.save)
        save.setContext(Qt.ShortcutContext.WindowShortcut)

    # -- navigation ------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(PAGES.index(key))

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def _page_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        page = self.pages.widget(row)
        if getattr(page, "stale", False):
            page.refresh()  # type: ignore[attr-defined]

    def refresh_all(self, store_path: Path | None) -> None:
        """After unlocking: reload what is on screen, and mark the rest to load when shown."""
        self.status_label.setText(
            tr("main", "档案库：{path}（加密保存在本机）").format(path=store_path or "")
        )
        self.settings.refresh(store_path)
        self._mark_stale()  # reloads the page on screen; the others load when shown
        if self.file.file is not None:
            self.file.reload()

    def _mark_stale(self) -> None:
        for view in (self.workbench, self.roster, self.printing):
            view.stale = True
        current = self.pages.currentWidget()
        if current in (self.workbench, self.roster):
            current.refresh()  # type: ignore[attr-defined]

    def print_child(self, child_id: str, doc: str = "dossier") -> None:
        self.show_page("print")
        self.printing.select_child(child_id, doc)

    def _print_batch(self, child_ids: list[str]) -> None:
        self.show_page("print")
        self.printing.choose_batch(child_ids)

    def open_child(self, child_id: str, tab: str = "basic") -> None:
        self.file.show_child(child_id, tab)
        self.show_page("file")

    # -- actions ---------------------------------------------------------------------------

    def search_roster(self) -> None:
        self.show_page("roster")
        self.roster.focus_search()

    def new_child(self) -> RecordDialog:
        dialog = child_dialogs.new_child(self.tasks, self)
        dialog.saved.connect(self._child_created)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _child_created(self, record: Any) -> None:
        self._mark_stale()
        self.open_child(record.id, "basic")

    def log_visit(self) -> None:
        if self.file.file is None:
            self.search_roster()
            self.statusBar().showMessage(tr("main", "请先选择一名儿童，再记录走访。"), 5000)
            return
        self.show_page("file")
        self.file.log_visit()

    def closeEvent(self, event: Any) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
