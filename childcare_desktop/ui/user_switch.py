"""切换用户 on a shared PC: close one user's store completely and list the stores again.

From 文件 > 切换用户 unsaved text is asked about first, as when closing; from the lock
screen (nobody has typed the passphrase) text kept behind it can only be thrown away, so
that is asked plainly. Then the store is locked (a running sync stops at a safe point and
gives the store back first; work already queued finishes), and once nothing runs any more
every window is destroyed: no child's data stays on screen or in a model. Nothing here
needs the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from . import unsaved
from .i18n import tr

if TYPE_CHECKING:
    from .app import Controller

WAIT_MS = 50  # how often to look whether the last background job has come back


def holds_typing(window: QWidget) -> bool:
    """The main window with unsaved text, or an open record dialog typed into."""
    from .main_window import MainWindow  # imported by then: the window is open

    if isinstance(window, MainWindow):
        return window.has_unsaved()
    form = getattr(window, "form", None)
    return bool(getattr(form, "dirty", False))


class UserSwitch(QObject):
    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.c = controller

    def from_menu(self) -> None:
        """文件 > 切换用户: settle unsaved text like closing, then switch."""
        main = self.c.main
        if main is None:
            return
        if any(holds_typing(w) for w in self._windows() if w is not main):
            QMessageBox.information(
                main,
                tr("switch", "切换用户"),
                tr("switch", "请先保存或关闭正在编辑的窗口，再切换用户。"),
            )
            return
        unsaved.settle(main, main.editors(), self._switch)

    def from_lock_screen(self) -> None:
        """切换用户 on the lock screen: typed text behind it is thrown away, if agreed."""
        if not any(holds_typing(w) for w in self.c.hidden):
            self._switch()
            return
        box = QMessageBox(self.c.unlock)
        box.setObjectName("discard_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("switch", "切换用户"))
        box.setText(tr("switch", "当前用户有未保存的修改。切换用户将丢弃这些修改。"))
        box.setInformativeText(tr("switch", "要保留这些修改，请由该用户输入口令解锁后保存。"))
        discard = box.addButton(
            tr("switch", "丢弃修改并切换"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(box.addButton(tr("switch", "取消"), QMessageBox.ButtonRole.RejectRole))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._switch() if button is discard else None)
        box.show()

    def _windows(self) -> list[QWidget]:
        return [w for w in self.c.app.topLevelWidgets() if w.isVisible() and w is not self.c.unlock]

    def _switch(self) -> None:
        c = self.c
        c.idle.stop()
        if c.main is not None:
            c.main.syncer.stop()
            c.main.backups.stop()  # (the next user's unlock starts its own checks)
        c.hidden.extend(w for w in self._windows() if w not in c.hidden)
        for window in c.hidden:
            window.hide()
        c.unlock.set_busy(True, tr("switch", "正在关闭当前用户的档案库，请稍候…"))
        c.unlock.show()
        if c.session.is_open:
            c.session.locked.connect(self._closed, Qt.ConnectionType.SingleShotConnection)
            c.session.lock()
        else:
            self._closed()

    def _closed(self) -> None:
        """The store is closed; destroy the windows once no job is left to answer them."""
        if not self.c.tasks.idle:
            QTimer.singleShot(WAIT_MS, self._closed)
            return
        c = self.c
        if c.main is not None:
            QSettings().setValue("window/geometry", c.main.saveGeometry())
            if c.main not in c.hidden:
                c.hidden.append(c.main)
            c.main = None
        for window in c.hidden:
            window.deleteLater()
        c.hidden.clear()
        c.demo = False
        c.show_stores()
        c.unlock.raise_()
