"""``childcare-desktop``: the composition root of the desktop app.

Start-up: logging, the bundled CJK font, translations, the database thread; then the
unlock window (or first run: create a store, open one, or open the demo). After the idle
minutes every window is hidden and the unlock window asks for the passphrase again;
unlocking shows them again as they were, with nothing typed lost. On a shared PC the
unlock window lists the users' stores, and 切换用户 closes one user's store for another's
(user_switch.py).

The main window's modules are imported once a store is being opened, while the database
thread derives the key (hashlib lets go of the interpreter meanwhile): the unlock window
comes up without them, and the two overlap (issue 19).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from . import qt_start  # noqa: F401  first: the imports after it are checked quickly

# isort: split
from .. import __version__
from ..core.errors import DomainError
from ..logging_setup import default_store_path, setup_logging
from ..paths import default_demo_path, resource
from ..services import known_stores, preferences
from .errors import BugReporter
from .i18n import DEFAULT_LANGUAGE, error_text, install_translators
from .idle import IdleWatcher
from .store_session import StoreSession
from .tasks import Tasks
from .user_switch import UserSwitch, holds_typing
from .views.settings_view import LANGUAGE_KEY, LARGE_FONT_KEY, STORE_KEY
from .views.unlock_view import UnlockView

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
FONT_FILE = ("fonts", "wqy-microhei.ttc")
BASE_POINTS, LARGE_POINTS = 10, 13


def register_font(app: QApplication, large: bool = False) -> str:
    """Load the bundled font so Chinese renders on machines without CJK fonts."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else app.font().family()
    app.setFont(QFont(family, LARGE_POINTS if large else BASE_POINTS))
    return family


class Controller(QObject):
    """Wires the unlock window, the store session, the idle lock and the main window."""

    main_shown = Signal()

    def __init__(self, app: QApplication, log_file: Path | None) -> None:
        super().__init__()
        self.app = app
        self.tasks = Tasks(self)
        self.session = StoreSession(self.tasks, self)
        self.bugs = BugReporter(log_file, self)
        self.tasks.unexpected_error.connect(self.bugs.report)
        self.unlock = UnlockView()
        self.unlock.unlock_requested.connect(self._unlock)
        self.unlock.create_requested.connect(self._create)
        self.unlock.demo_requested.connect(self.open_demo)
        self.switch = UserSwitch(self)
        self.unlock.switch_requested.connect(self.switch.from_lock_screen)
        self.unlock.forget_requested.connect(self._forget)
        self.main: MainWindow | None = None
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self.hidden: list[QWidget] = []
        self.session.unlocked.connect(self._unlocked)
        app.aboutToQuit.connect(self.tasks.shutdown)
        self.actor = _os_user()
        self._just_created = False
        self.demo = False  # the demo's passphrase was never typed: it is never locked

    # -- starting ------------------------------------------------------------------------

    def start(self, store: Path | None, demo: bool) -> None:
        if demo:
            self.open_demo()
            return
        self.show_stores(store)
        self.unlock.show()

    def show_stores(self, selected: Path | None = None) -> None:
        """Ask for a store: one of this PC's list (``selected``, else the last opened), or
        on a PC of one user that store, or a new one where none is yet."""
        last = Path(str(QSettings().value(STORE_KEY, default_store_path())))
        chosen = selected or last
        stores = known_stores.load()
        if chosen.is_file() and known_stores.find(stores, chosen) is None:
            stores.append(known_stores.KnownStore(path=chosen))  # opened before lists were kept
        self.unlock.list_stores(stores, chosen)
        if self.unlock.listing and (selected is None or selected.exists()):
            return  # picked in the list (a --store not made yet is made below)
        path = selected or (stores[0].path if stores else last)
        if path.exists():
            self.unlock.ask_unlock(path)
        else:
            self.unlock.ask_create(path)

    def _forget(self, path: Path) -> None:
        known_stores.forget(path)
        if known_stores.same_path(Path(str(QSettings().value(STORE_KEY, ""))), path):
            QSettings().remove(STORE_KEY)  # else it would be listed again as the last one
        self.show_stores()

    def open_demo(self) -> None:
        path = default_demo_path()
        self.unlock.set_busy(True)
        self.unlock.show()
        self.session.open_demo(path, actor=self.actor, on_error=self._failed)
        QTimer.singleShot(0, _import_main_window)

    def _unlock(self, path: Path, passphrase: str) -> None:
        self.session.unlock(path, passphrase, actor=self.actor, on_error=self._failed)
        QTimer.singleShot(0, _import_main_window)  # while the database thread derives the key

    def _create(self, path: Path, passphrase: str, region: str) -> None:
        # A village's 12 digits make a director's store, a township's 9 a supervisor's.
        try:
            preferences.check_role_region(preferences.role_for_region(region), region)
        except DomainError as err:
            self._failed(err)
            return
        self._just_created = True  # 设置 asks for the user's name first (_configure)
        self.session.create(
            path, passphrase, actor=self.actor, region_code=region or None, on_error=self._failed
        )
        QTimer.singleShot(0, _import_main_window)

    def _failed(self, error: Exception) -> None:
        self._just_created = False
        text = error_text(error) if isinstance(error, DomainError) else str(error)
        self.unlock.show_error(text)

    # -- unlocked and locked -----------------------------------------------------------------

    def _unlocked(self) -> None:
        self.unlock.hide()
        if self.main is None:
            self.main = _import_main_window()(self.tasks)
            self.main.settings.idle_minutes_changed.connect(self.idle.set_minutes)
            self.main.settings.large_font_changed.connect(self._set_large_font)
            self.main.settings.work_saved.connect(self._configure)
            self.main.settings.file_actions.replacing.connect(self.main.syncer.stop)
            self.main.settings.file_actions.replacing.connect(self.main.backups.stop)
            self.main.settings.file_actions.replaced.connect(self._store_replaced)
            self.main.lock_requested.connect(lambda: self.lock())
            self.main.switch_requested.connect(self.switch.from_menu)
            geometry = QSettings().value("window/geometry")
            if geometry is None or not self.main.restoreGeometry(geometry):
                self.main.resize(1280, 720)
            self.main.show()
        for widget in self.hidden:  # back as they were when the lock came
            widget.show()
        self.hidden.clear()
        if self.session.path and self.session.path.name != "demo.db":
            QSettings().setValue(STORE_KEY, str(self.session.path))
        self.tasks.run(_after_unlock, self._configure)
        self.main.refresh_all(self.session.path)
        self.main_shown.emit()

    def _configure(self, work: preferences.WorkSettings) -> None:
        assert self.main is not None
        self.main.set_work(work)  # also the visitor and witness of 儿童档案 and 线索登记
        self.demo = work.demo
        if not work.demo and self.session.path is not None:
            _remember(self.session.path, work)
        self.main.menus.actions["lock"].setEnabled(not work.demo)
        # The demo does not lock: nobody typed its passphrase, and its children are invented.
        self.idle.set_minutes(0 if work.demo else work.idle_lock_minutes)
        self.main.backups.start(demo=work.demo)
        if self._just_created:
            self._just_created = False
            self.main.show_page("settings")
            self.main.settings.work.ask_first(work.role)

    def reconfigure(self) -> None:
        """Read the store's work settings again and apply them (who works it, the demo
        mark, the idle lock): after something other than 设置 has changed them."""
        self.tasks.run(_after_unlock, self._configure)

    def _store_replaced(self, _kept: str) -> None:
        """A backup was restored in place of the store: everything on screen reloads."""
        assert self.main is not None
        file = self.main.shown_file()
        if file is not None:
            file.file = None  # the child shown may not be in the backup
            file.setEnabled(False)
        self.reconfigure()
        self.main.refresh_all(self.session.path)

    def lock(self, idle: bool = False) -> None:
        """Hide every window (keeping what is typed in them) and ask for the passphrase;
        ``idle``: the idle minutes passed (the lock screen says 已自动锁定), else the user
        asked (文件 > 锁定)."""
        if not self.session.is_open or self.demo:
            return  # the demo's passphrase was never typed: locking it would shut the user out
        self.idle.stop()
        if self.main is not None:
            self.main.syncer.stop()  # no checks while locked; a running sync stops
            self.main.backups.stop()  # starts again on unlocking (_configure)
        self.hidden = [
            w for w in self.app.topLevelWidgets() if w.isVisible() and w is not self.unlock
        ]
        # The windows are hidden, never closed: what is typed in them stays as it is.
        kept = any(holds_typing(w) for w in self.hidden)
        for widget in self.hidden:
            widget.hide()
        self.session.lock()
        assert self.session.path is not None
        self.unlock.ask_unlock(self.session.path, locked=True, kept=kept, idle=idle)
        self.unlock.show()
        self.unlock.raise_()

    def _set_large_font(self, on: bool) -> None:
        font = self.app.font()
        font.setPointSize(LARGE_POINTS if on else BASE_POINTS)
        self.app.setFont(font)


def _remember(path: Path, work: preferences.WorkSettings) -> None:
    """This PC's list of stores learns whose store ``path`` is (shown before unlock)."""
    try:
        known_stores.remember(path, work)
    except OSError:  # a read-only data folder must not stop the work
        log.warning("could not update the list of known stores", exc_info=True)


def _after_unlock(session: Any) -> preferences.WorkSettings:
    return preferences.work_settings(session)


def _import_main_window() -> type[MainWindow]:
    """The main window's class; its modules imported now if not yet (after the unlock
    window has painted its busy state: the event loop runs first)."""
    from .main_window import MainWindow

    return MainWindow


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def build_app(argv: Sequence[str]) -> tuple[QApplication, Controller]:
    """The application and its controller, ready to ``start`` (used by tests and tools)."""
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName("childcare")
    app.setApplicationName("childcare-desktop")
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    log_file = setup_logging()
    prefs = QSettings()
    install_translators(app, str(prefs.value(LANGUAGE_KEY, DEFAULT_LANGUAGE)))
    register_font(app, large=bool(prefs.value(LARGE_FONT_KEY, False, type=bool)))
    controller = Controller(app, log_file)
    controller.bugs.install()
    return app, controller


def main(argv: Sequence[str] | None = None) -> int:
    """The app itself; ``childcare-desktop`` comes through :mod:`.platform_check` first."""
    argv = list(sys.argv if argv is None else argv)
    parser = argparse.ArgumentParser(prog="childcare-desktop", description="儿童主任工作台")
    parser.add_argument("--store", type=Path, help="档案库文件")
    parser.add_argument("--demo", action="store_true", help="打开示范档案库（虚构数据）")
    parser.add_argument("--smoke", action="store_true", help="打开示范档案库后立即退出（自检）")
    parser.add_argument("--version", action="version", version=f"childcare-desktop {__version__}")
    args = parser.parse_args(argv[1:])
    app, controller = build_app(argv)
    if args.smoke:
        controller.main_shown.connect(lambda: _smoke_print(app, controller))
    controller.start(args.store, demo=args.demo or args.smoke)
    return app.exec()


def _smoke_print(app: QApplication, controller: Controller) -> None:
    """The self-check goes on to preview a child's dossier: the fonts, reportlab and
    PDFium all work in this build. Exit 0 when the pages are shown, 3 if it fails."""
    window = controller.main
    assert window is not None
    view = window.printing
    view.rendered.connect(lambda _pages: _smoke_done(app))
    view.failed.connect(lambda _text: app.exit(3))
    window.show_page("print")

    def preview_when_loaded() -> None:
        if view.stale or view.child.count() == 0:
            QTimer.singleShot(50, preview_when_loaded)
            return
        view.select_child(view.child.itemData(0), "dossier")
        view.preview()

    preview_when_loaded()


def _smoke_done(app: QApplication) -> None:
    # CI reads the platform: the self-check under Xvfb must have run on the real xcb.
    print(f"自检通过 smoke check passed (platform {app.platformName()})", flush=True)
    QTimer.singleShot(200, app.quit)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
