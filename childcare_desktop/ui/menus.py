"""The menu bar, as Windows users expect it: 文件, 编辑, 视图, 帮助 with the app's real
actions and their keys. The keys live here (not in separate shortcuts) so each is bound
once and shown beside its action."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction, QKeySequence

from .help_dialogs import show_about, show_guide
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow

PAGE_LABELS = (
    ("workbench", str(QT_TRANSLATE_NOOP("menu", "工作台"))),
    ("roster", str(QT_TRANSLATE_NOOP("menu", "儿童名册"))),
    ("file", str(QT_TRANSLATE_NOOP("menu", "儿童档案"))),
    ("print", str(QT_TRANSLATE_NOOP("menu", "打印"))),
    ("sync", str(QT_TRANSLATE_NOOP("menu", "同步"))),
    ("settings", str(QT_TRANSLATE_NOOP("menu", "设置"))),
)


class Menus(QObject):
    """Builds the window's menu bar; ``actions`` by name, for tests and other wiring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self._file_menu()
        self._edit_menu()
        self._view_menu()
        self._help_menu()

    def _add(
        self, menu: object, name: str, text: str, slot: Callable[[], object], keys: object = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"menu_{name}")
        if keys is not None:
            action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        self.actions[name] = action
        return action

    def _file_menu(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu(tr("menu", "文件(&F)"))
        self._add(
            menu, "new_child", tr("menu", "新建儿童"), w.new_child, QKeySequence.StandardKey.New
        )
        self._add(menu, "import", tr("menu", "导入台账…"), w.import_ledger)
        menu.addSeparator()
        self._add(
            menu, "print", tr("menu", "打印…"), w.print_current, QKeySequence.StandardKey.Print
        )
        self._add(
            menu,
            "quarterly_report",
            tr("menu", "打印季度核实报告…"),
            partial(_quarterly_report, w),
        )
        self._add(menu, "backup", tr("menu", "备份…"), w.settings.backup_button.click)
        self._add(menu, "sync", tr("menu", "同步"), w.sync_now, "F9")
        menu.addSeparator()
        self._add(menu, "lock", tr("menu", "锁定"), w.lock_requested.emit, "Ctrl+Shift+L")
        self._add(menu, "switch_user", tr("menu", "切换用户…"), w.switch_requested.emit)
        self._add(menu, "quit", tr("menu", "退出"), w.close, "Ctrl+Q")

    def _edit_menu(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu(tr("menu", "编辑(&E)"))
        self._add(
            menu, "find", tr("menu", "查找儿童"), w.search_roster, QKeySequence.StandardKey.Find
        )
        self._add(menu, "visit", tr("menu", "记录走访"), w.log_visit, "Ctrl+L")
        self._add(menu, "transfers", tr("menu", "转移…"), partial(_transfers, w))

    def _view_menu(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu(tr("menu", "视图(&V)"))
        for number, (key, label) in enumerate(PAGE_LABELS, start=1):
            self._add(
                menu,
                f"page_{key}",
                tr("menu", label),
                partial(w.show_page, key),
                f"Ctrl+{number}",
            )
        menu.addSeparator()
        self._add(
            menu, "refresh", tr("menu", "刷新"), w.refresh_current, QKeySequence.StandardKey.Refresh
        )
        large = self._add(menu, "large_font", tr("menu", "大字体"), lambda: None)
        large.setCheckable(True)
        box = w.settings.large_font  # the setting itself lives in 设置; both show the same
        large.setChecked(box.isChecked())
        large.toggled.connect(box.setChecked)
        box.toggled.connect(large.setChecked)

    def _help_menu(self) -> None:
        w = self.window
        menu = w.menuBar().addMenu(tr("menu", "帮助(&H)"))
        self._add(
            menu,
            "guide",
            tr("menu", "用户指南"),
            lambda: show_guide(w),
            QKeySequence.StandardKey.HelpContents,
        )
        self._add(menu, "about", tr("menu", "关于"), lambda: show_about(w))


# The dialogs' modules are imported when first opened, not with the menu bar (issue 19).


def _quarterly_report(window: MainWindow) -> None:
    from .views.quarterly_report_dialog import open_quarterly_report

    open_quarterly_report(window)


def _transfers(window: MainWindow) -> None:
    from .views.transfer_list import open_transfers

    open_transfers(window)
