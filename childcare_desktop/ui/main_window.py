"""The main window: 工作台, 儿童名册, 儿童档案, 打印, 同步 and 设置 on the left; a menu bar
with the daily work and its keys (menus.py); the state of sync in the status bar, and
badges on 同步 for what needs a person.

Ctrl+F search the roster · Ctrl+N new child · Ctrl+L log a visit · Ctrl+S save · F1 guide

Leaving a page, opening another child or closing the window first asks about anything typed
and not saved (``unsaved.settle``); the title shows "*" and the page's entry "*" meanwhile.

Only the first screen (工作台) and 设置 are made with the window; each other page, and its
module, is made the first time it is shown or used (``_page``), which keeps them out of the
start (issue 19).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.roles import Permission, Role, may
from ..paths import resource
from ..services import three_left
from ..services.preferences import WorkSettings
from . import unsaved
from .backups import AutoBackup
from .i18n import tr
from .menus import Menus
from .syncer import Syncer, Timings
from .tasks import Tasks
from .views.settings_view import SettingsView
from .views.workbench_view import WorkbenchView
from .widgets.demo_banner import demo_banner
from .widgets.labels import plain
from .widgets.nav_list import NavList
from .widgets.wheel import guard_wheel_in

if TYPE_CHECKING:  # the other pages' modules are imported when the page is made (_make)
    from .dialogs.import_wizard import ImportWizard
    from .dialogs.record_dialog import RecordDialog
    from .views.child_file_view import ChildFileView
    from .views.clue_view import ClueView
    from .views.duplicates_view import DuplicatesView
    from .views.print_view import PrintView
    from .views.review_view import ReviewView
    from .views.roster_view import RosterView
    from .views.sync_view import SyncView
    from .views.three_left_view import ThreeLeftView
    from .views.work_log_view import WorkLogView

PAGES = (
    "workbench",
    "roster",
    "file",
    "print",
    "sync",
    "settings",
    "duplicates",
    "review",
    "work_log",
    "three_left",
    "clues",
)
EAGER = ("workbench", "settings")  # made with the window: the first screen; 设置's settings


class MainWindow(QMainWindow):
    dialog_opened = Signal(object)
    lock_requested = Signal()  # 文件 > 锁定: the controller locks every window
    switch_requested = Signal()  # 文件 > 切换用户: the controller closes this store

    def __init__(
        self, tasks: Tasks, parent: QWidget | None = None, sync_timings: Timings | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.syncer = Syncer(tasks, sync_timings, self)
        self.backups = AutoBackup(tasks, self)  # daily and on closing (ui/backups.py)
        self.badges = (0, 0)  # open conflicts, quarantined changes
        self.township: str | None = None  # a supervisor's store: new children need a village
        self.work: WorkSettings | None = None  # who works the store (set_work)
        self.setWindowTitle(tr("main", "儿童主任工作台") + "[*]")  # [*]: "*" while unsaved
        self.setMinimumSize(QSize(1000, 640))
        self.built: dict[str, QWidget] = {}  # the pages made so far, by key
        self.pages = QStackedWidget()
        for key in PAGES:  # a page not made yet holds its place with an empty widget
            self.pages.addWidget(self._make(key) if key in EAGER else QWidget())
        self.workbench = cast("WorkbenchView", self.built["workbench"])
        self.settings = cast("SettingsView", self.built["settings"])
        self.nav = NavList()
        labels = (
            QT_TRANSLATE_NOOP("main", "工作台"),
            QT_TRANSLATE_NOOP("main", "儿童名册"),
            QT_TRANSLATE_NOOP("main", "儿童档案"),
            QT_TRANSLATE_NOOP("main", "打印"),
            QT_TRANSLATE_NOOP("main", "同步"),
            QT_TRANSLATE_NOOP("main", "设置"),
            QT_TRANSLATE_NOOP("main", "疑似重复"),
            QT_TRANSLATE_NOOP("main", "审核"),
            QT_TRANSLATE_NOOP("main", "工作日志"),
            QT_TRANSLATE_NOOP("main", "留守妇女/老人"),
            QT_TRANSLATE_NOOP("main", "线索登记"),
        )
        self.nav_labels = [tr("main", label) for label in labels]
        for key, label in zip(PAGES, labels, strict=True):
            item = QListWidgetItem(QIcon(str(resource("icons", f"{key}.svg"))), tr("main", label))
            self.nav.addItem(item)
        self.nav.fit()
        self.nav.item(PAGES.index("duplicates")).setHidden(True)  # until set_work: who merges
        self.nav.item(PAGES.index("three_left")).setHidden(True)  # until the county asks
        self.nav.currentRowChanged.connect(self._page_changed)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        self.demo_banner = demo_banner()
        column.addWidget(self.demo_banner)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(body)
        self.status_label = plain(QLabel())
        self.statusBar().addWidget(self.status_label, 1)
        self.busy_label = plain(QLabel())
        self.statusBar().addPermanentWidget(self.busy_label)
        self.sync_label = plain(QLabel())
        self.sync_label.setObjectName("sync_status")
        self.statusBar().addPermanentWidget(self.sync_label)
        tasks.busy_changed.connect(self._show_busy)  # a method: gone with the window
        self._wire()
        for key in EAGER:
            self._wire_page(key)
        self._shortcuts()
        guard_wheel_in(self)  # the pages' dropdowns and spin boxes: the wheel scrolls past them
        self.menus = Menus(self)
        self.nav.setCurrentRow(0)  # the 工作台: it loads in refresh_all, which follows

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setText(tr("main", "正在处理…") if busy else "")

    def _wire(self) -> None:
        self.backups.message.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.backups.finished.connect(lambda _r: setattr(self.workbench, "stale", True))
        self.syncer.text_changed.connect(self.sync_label.setText)
        self.syncer.status_changed.connect(
            lambda status: self.set_badges(status.open_conflicts, status.quarantined)
        )
        self.syncer.finished.connect(self._synced)
        self.dialog_opened.connect(self._confirm_saves)

    def _shortcuts(self) -> None:
        # Ctrl+F, Ctrl+N, Ctrl+L and the others are on the menu bar's actions (menus.py)
        save = QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save)
        save.setContext(Qt.ShortcutContext.WindowShortcut)

    def _save(self) -> None:
        if "file" in self.built:  # a 儿童档案 page never made holds nothing typed
            self.file.basic.save()

    # -- the pages, each made on first use ---------------------------------------------------

    def _make(self, key: str) -> QWidget:
        """Page ``key``, its module imported now."""
        tasks = self.tasks
        page: QWidget
        if key == "workbench":
            page = WorkbenchView(tasks)
        elif key == "settings":
            page = SettingsView(tasks)
            page.add_backups(self.backups)
        elif key == "roster":
            from .views.roster_view import RosterView

            page = RosterView(tasks)
        elif key == "file":
            from .views.child_file_view import ChildFileView

            page = ChildFileView(tasks)
        elif key == "print":
            from .views.print_view import PrintView

            page = PrintView(tasks)
        elif key == "sync":
            from .views.sync_view import SyncView

            page = SyncView(tasks, self.syncer)
        elif key == "duplicates":
            from .views.duplicates_view import DuplicatesView

            page = DuplicatesView(tasks)
        elif key == "review":
            from .views.review_view import ReviewView

            page = ReviewView(tasks)  # a supervisor's (审核); hidden for a director
        elif key == "work_log":
            from .views.work_log_view import WorkLogView

            page = WorkLogView(tasks)  # 工作日志 (issue 18)
        elif key == "three_left":
            from .views.three_left_view import ThreeLeftView

            page = ThreeLeftView(tasks)  # 三留守 (issue 18): while the county asks
        else:
            from .views.clue_view import ClueView

            page = ClueView(tasks)  # 线索登记 (issue 18)
        self.built[key] = page
        return page

    def _page(self, key: str) -> QWidget:
        """Page ``key``, made now if it was not yet (in its place, wired, as it would have
        been with the window: it loads when shown, as every page does after unlocking)."""
        page = self.built.get(key)
        if page is not None:
            return page
        row = PAGES.index(key)
        page = self._make(key)
        stand_in = self.pages.widget(row)
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(stand_in)
        stand_in.deleteLater()
        guard_wheel_in(page)
        self._wire_page(key)
        return page

    def _wire_page(self, key: str) -> None:
        work = self.work
        if key in ("workbench", "roster"):
            view = self.workbench if key == "workbench" else self.roster
            view.open_child.connect(self.open_child)
            view.task_requested.connect(self.start_task)
            view.new_child.connect(self.new_child)
            view.import_requested.connect(self.import_ledger)
        if key == "workbench":
            self.workbench.village_chosen.connect(self.show_village)
            self.workbench.backup_settings_requested.connect(self.show_backup_settings)
            self.workbench.three_left.open_page.connect(lambda: self.show_page("three_left"))
            self.workbench.three_left.visit_requested.connect(
                lambda person: self.three_left.visit_person(person)
            )
            self.workbench.clue_requested.connect(self.show_clue)
        elif key == "settings":
            self.settings.unsaved_changed.connect(lambda _on: self._mark_unsaved())
            self.settings.backup_box.place_changed.connect(  # type: ignore[union-attr]
                lambda: setattr(self.workbench, "stale", True)
            )
        elif key == "roster":
            self.roster.print_requested.connect(self._print_batch)
        elif key == "file":
            self.file.changed.connect(self._mark_stale)
            self.file.dialog_opened.connect(self.dialog_opened)
            self.file.print_requested.connect(self.print_child)
            self.file.unsaved_changed.connect(lambda _on: self._mark_unsaved())
            if work is not None:
                self.file.visitor, self.file.witness = work.director, work.committee
        elif key == "sync":
            self.sync.badges_changed.connect(self.set_badges)
            self.sync.resolved.connect(lambda _id: self._changed_elsewhere())
        elif key == "duplicates":
            self.duplicates.decided.connect(lambda _id: self._changed_elsewhere())
            self.duplicates.dialog_opened.connect(self.dialog_opened)
        elif key == "review":
            self.review.open_child.connect(self.open_child)
            self.review.dialog_opened.connect(self.dialog_opened)
        elif key == "three_left":
            self.three_left.dialog_opened.connect(self.dialog_opened)
            self.three_left.changed.connect(lambda: setattr(self.workbench, "stale", True))
            self.three_left.township = self.township
        elif key == "clues":
            self.clues.dialog_opened.connect(self.dialog_opened)
            self.clues.changed.connect(self._mark_stale)
            if work is not None:
                self.clues.visitor = work.director

    @property
    def roster(self) -> RosterView:
        return cast("RosterView", self._page("roster"))

    @property
    def file(self) -> ChildFileView:
        return cast("ChildFileView", self._page("file"))

    @property
    def printing(self) -> PrintView:
        return cast("PrintView", self._page("print"))

    @property
    def sync(self) -> SyncView:
        return cast("SyncView", self._page("sync"))

    @property
    def duplicates(self) -> DuplicatesView:
        return cast("DuplicatesView", self._page("duplicates"))

    @property
    def review(self) -> ReviewView:
        return cast("ReviewView", self._page("review"))

    @property
    def work_log(self) -> WorkLogView:
        return cast("WorkLogView", self._page("work_log"))

    @property
    def three_left(self) -> ThreeLeftView:
        return cast("ThreeLeftView", self._page("three_left"))

    @property
    def clues(self) -> ClueView:
        return cast("ClueView", self._page("clues"))

    def shown_file(self) -> ChildFileView | None:
        """The 儿童档案 page if it was made (else no child's file was ever opened)."""
        return self.file if "file" in self.built else None

    # -- navigation ------------------------------------------------------------------------

    def show_page(self, key: str, then: Callable[[], None] | None = None) -> None:
        """Go to page ``key`` (asking first about unsaved text on the page left), then
        ``then``; nothing happens if the user chooses 取消."""
        self._go(PAGES.index(key), then)

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def _page_changed(self, row: int) -> None:
        current = self.pages.currentIndex()
        if row == current:
            return
        self._select_nav(current)  # the highlight moves once the page may be left
        self._go(row)

    def _go(self, row: int, then: Callable[[], None] | None = None) -> None:
        def switch() -> None:
            self._switch(row)
            if then is not None:
                then()

        if row == self.pages.currentIndex():
            switch()
        else:
            unsaved.settle(self, [self.pages.currentWidget()], switch)

    def _switch(self, row: int) -> None:
        page = self._page(PAGES[row])  # made on its first showing
        self._select_nav(row)
        self.pages.setCurrentIndex(row)
        if getattr(page, "stale", False):
            page.refresh()  # type: ignore[attr-defined]

    def _select_nav(self, row: int) -> None:
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def editors(self) -> list[QWidget]:
        """The pages that may hold typed, unsaved text (those made so far)."""
        return [self.built[key] for key in PAGES if key in self.built]

    def has_unsaved(self) -> bool:
        return unsaved.has_unsaved(self.editors())

    def _mark_unsaved(self) -> None:
        for row, key in enumerate(PAGES):
            if key not in self.built:
                continue
            pending = unsaved.has_unsaved([self.built[key]])
            self.nav.item(row).setText(self.nav_labels[row] + (" *" if pending else ""))
        self.setWindowModified(self.has_unsaved())

    def refresh_all(self, store_path: Path | None) -> None:
        """After unlocking: reload what is on screen, and mark the rest to load when shown.
        The page on screen is read first: the database thread runs its jobs in turn."""
        self.status_label.setText(
            tr("main", "档案库：{path}（加密保存在本机）").format(path=store_path or "")
        )
        self._mark_stale()  # reloads the page on screen; the others load when shown
        self.settings.refresh(store_path)
        self.syncer.start()
        file = self.shown_file()
        if file is not None and file.file is not None:
            file.reload()

    def set_work(self, work: WorkSettings) -> None:
        """Who works the store: the title names the role, a township's store asks each new
        child's village."""
        self.work = work
        self.township = work.township_code
        if "three_left" in self.built:
            self.three_left.township = work.township_code
        if "file" in self.built:
            self.file.visitor, self.file.witness = work.director, work.committee
        if "clues" in self.built:
            self.clues.visitor = work.director
        merges = Role.parse(work.role) in (Role.SUPERVISOR, Role.COUNTY_ADMIN)  # 疑似重复
        self.nav.item(PAGES.index("duplicates")).setHidden(not merges)
        self.nav.item(PAGES.index("review")).setHidden(not may(work.role, Permission.REVIEW))
        self.set_demo(work.demo, supervisor=work.role == Role.SUPERVISOR.value)

    def set_demo(self, demo: bool, *, supervisor: bool = False) -> None:
        """The demo's invented village says so on every screen and in the title."""
        self.demo_banner.setVisible(demo)
        title = tr("main", "儿童督导员工作台") if supervisor else tr("main", "儿童主任工作台")
        shown = tr("main", "{title}（演示数据）").format(title=title) if demo else title
        self.setWindowTitle(shown + "[*]")  # [*]: "*" while unsaved

    def _synced(self, report: Any) -> None:
        if report.pulled:
            self._changed_elsewhere()
        if self.current_page() != "sync" and "sync" in self.built:
            self.sync.stale = True

    def _changed_elsewhere(self) -> None:
        """Records changed under the views (pulled by a sync, or a conflict resolved)."""
        self._mark_stale()
        file = self.shown_file()
        if file is not None and file.file is not None:
            file.reload()

    def set_badges(self, conflicts: int, quarantined: int) -> None:
        """Counts on 同步: red for open conflicts, amber for changes set aside."""
        if (conflicts, quarantined) == self.badges:
            return
        self.badges = (conflicts, quarantined)
        item = self.nav.item(PAGES.index("sync"))
        item.setIcon(_badged_icon("sync", conflicts, quarantined))
        notes = []
        if conflicts:
            notes.append(tr("main", "{n} 处冲突待处理").format(n=conflicts))
        if quarantined:
            notes.append(tr("main", "{n} 条修改被暂存待审").format(n=quarantined))
        item.setToolTip("；".join(notes))

    def _mark_stale(self) -> None:
        stale = ("workbench", "roster", "print", "sync", "duplicates", "review", "work_log")
        for key in (*stale, "three_left", "clues"):
            if key in self.built:  # a page made later loads when first shown
                self.built[key].stale = True  # type: ignore[attr-defined]
        current = self.pages.currentWidget()
        if current in [self.built.get(key) for key in ("workbench", "roster", "sync", "review")]:
            current.refresh()  # type: ignore[attr-defined]
        self.tasks.run(three_left.enabled, self._show_three_left)

    def _show_three_left(self, on: bool) -> None:
        """留守妇女/老人 is in the navigation only while the county's policy asks for it."""
        self.nav.item(PAGES.index("three_left")).setHidden(not on)
        if not on and self.current_page() == "three_left":
            self.show_page("workbench")

    def print_child(self, child_id: str, doc: str = "dossier") -> None:
        self.show_page("print", lambda: self.printing.select_child(child_id, doc))

    def _print_batch(self, child_ids: list[str]) -> None:
        self.show_page("print", lambda: self.printing.open_batch(child_ids, "dossier"))

    def open_child(self, child_id: str, tab: str = "basic") -> None:
        """Show the child's file; typed changes to another child's are asked about first
        (the same child's are kept as they are)."""

        def show() -> None:
            self.file.show_child(child_id, tab)
            self.show_page("file")

        shown = self.file.file
        if shown is not None and shown.child.id == child_id:
            show()
        else:
            unsaved.settle(self, [self.file], show)

    def start_task(self, child_id: str, action: str) -> None:
        """From a worklist or roster row: "visit" / "assess" / "quarterly:2026Q4" open that
        dialog for the child (over the child's file, which loads first), "print" the
        child's dossier."""
        if action == "print":
            self.print_child(child_id)
            return

        def when_loaded() -> None:
            if self.file.file is None or self.file.file.child.id != child_id:
                return
            if action == "visit":
                self.file.log_visit()
            elif action == "assess":
                self.file.action_buttons["assess"].click()
            elif action.startswith("quarterly:"):
                self.file.quarterly.record(action.partition(":")[2] or None)

        self.file.loaded.connect(when_loaded, Qt.ConnectionType.SingleShotConnection)
        tab = {"visit": "visits", "assess": "assessments"}.get(action.partition(":")[0])
        self.open_child(child_id, tab or "quarterly")

    # -- actions ---------------------------------------------------------------------------

    def show_clue(self, clue_id: str) -> None:
        """线索登记 with one clue selected (the worklist's unhandled clue)."""
        self.show_page("clues", lambda: self.clues.show_clue(clue_id))

    def show_village(self, code: str) -> None:
        """A township's store: the roster narrowed to one village (from the 工作台)."""
        self.roster.choose_village(code)
        self.show_page("roster")

    def show_backup_settings(self) -> None:
        """设置, scrolled to 自动备份 (from the 工作台's warning)."""
        box = self.settings.backup_box
        self.show_page("settings", lambda: box.choose_button.setFocus() if box else None)

    def search_roster(self) -> None:
        self.show_page("roster", self.roster.focus_search)

    def new_child(self) -> RecordDialog:
        from .dialogs import child_dialogs  # the dialogs' modules: on first use

        dialog = child_dialogs.new_child(self.tasks, self, self.township)
        dialog.saved.connect(self._child_created)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _confirm_saves(self, dialog: Any) -> None:
        """After a dialog saves, say so in the status bar for a few seconds (no box to close)."""
        from .dialogs.record_dialog import RecordDialog  # a dialog is open: imported

        if isinstance(dialog, RecordDialog):
            dialog.confirmed.connect(lambda text: self.statusBar().showMessage(text, 6000))

    def import_ledger(self) -> ImportWizard:
        from .dialogs import import_wizard

        wizard = import_wizard.open_wizard(self.tasks, self, township=self.township)
        wizard.imported.connect(lambda _report: self._mark_stale())
        self.dialog_opened.emit(wizard)
        return wizard

    def _child_created(self, record: Any) -> None:
        self._mark_stale()
        self.open_child(record.id, "basic")

    def log_visit(self) -> None:
        file = self.shown_file()
        if file is None or file.file is None:
            self.search_roster()
            self.statusBar().showMessage(tr("main", "请先选择一名儿童，再记录走访。"), 5000)
            return
        self.show_page("file", self.file.log_visit)

    def print_current(self) -> None:
        """打印…: the child on screen's dossier, else the print page as it is."""
        if self.current_page() == "file" and self.file.file is not None:
            self.print_child(self.file.file.child.id)
        else:
            self.show_page("print")

    def sync_now(self) -> None:
        self.show_page("sync")
        self.sync.sync_now()

    def refresh_current(self) -> None:
        page = self.pages.currentWidget()
        if page is self.shown_file():  # (not made: 儿童档案 is not on screen)
            self.file.reload()
        elif hasattr(page, "refresh") and page is not self.settings:
            page.refresh()

    def closeEvent(self, event: Any) -> None:
        if self.has_unsaved():  # closing the window or quitting the app: ask first
            event.ignore()
            asking = self.findChild(QMessageBox, "unsaved_question")
            if asking is None or not asking.isVisible():  # not asked twice at once
                unsaved.settle(self, self.editors(), self.close)
            return
        if not self.backups.before_close(self):  # a backup first; it closes the window after
            self.syncer.stop()  # a sync resumes where it stopped; the backup need not wait
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


def _badged_icon(key: str, red: int, amber: int) -> QIcon:
    """The page's icon with a count in a red disc (top right) and an amber one (bottom)."""
    size = 56  # drawn at twice the shown size, for sharp edges
    pixmap = QIcon(str(resource("icons", f"{key}.svg"))).pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPixelSize(20)
    font.setBold(True)
    painter.setFont(font)
    for count, colour, top in ((red, "#c62828", 0), (amber, "#e08a00", size - 28)):
        if not count:
            continue
        rect = QRectF(size - 28, top, 28, 28)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(rect)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)
