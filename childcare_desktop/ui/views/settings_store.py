"""设置 › 更换口令 and 从备份恢复: the two things done to the store file as a whole.

Both run on the database thread, which holds the store: a new passphrase re-encrypts it
there and reopens it; a restore first opens a copy of the backup with its passphrase and
checks it, asks, and only then puts it in place (the replaced store is kept aside).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ...core.errors import DomainError
from ...services import stores
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from .unlock_view import WEAK_STYLE, strength_hint


def _text(error: Exception) -> str:
    return error_text(error) if isinstance(error, DomainError) else str(error)


class PassphraseDialog(QDialog):
    """Old passphrase, new one twice, with the first-run page's strength hint."""

    def __init__(self, parent: QWidget | None, user_inputs: tuple[str, ...]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("settings", "更换口令"))
        self.user_inputs = user_inputs
        form = QFormLayout(self)
        self.old = self._secret("old_passphrase")
        form.addRow(tr("settings", "当前口令"), self.old)
        self.new = self._secret("new_passphrase")
        self.new.textChanged.connect(self._strength)
        form.addRow(tr("settings", "新口令"), self.new)
        self.strength = plain(QLabel())
        self.strength.setObjectName("strength")
        self.strength.setWordWrap(True)
        form.addRow("", self.strength)
        self.again = self._secret("confirm_passphrase")
        form.addRow(tr("settings", "再输入一次"), self.again)
        hint = plain(QLabel(tr("settings", "更换后，以前的备份仍用旧口令打开；请记牢新口令。")))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.error = plain(QLabel())
        self.error.setObjectName("error")
        self.error.setStyleSheet(WEAK_STYLE)
        self.error.setWordWrap(True)
        form.addRow("", self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("settings", "更换"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _secret(self, name: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setEchoMode(QLineEdit.EchoMode.Password)
        return line

    def _strength(self) -> bool:
        text, style = strength_hint(self.new.text(), self.user_inputs)
        self.strength.setText(text)
        self.strength.setStyleSheet(style)
        return style != WEAK_STYLE

    def _accept(self) -> None:
        if not self.old.text():
            self.error.setText(tr("settings", "请输入当前口令。"))
        elif not self._strength():
            self.error.clear()
            self.new.setFocus()
        elif self.new.text() != self.again.text():
            self.error.setText(tr("settings", "两次输入的新口令不一致。"))
        else:
            self.accept()


class StoreFileActions(QWidget):
    """The 更换口令… and 从备份恢复… buttons' work; the view owns the buttons."""

    message = Signal(str)
    replacing = Signal()  # a restore is about to close the store (stop syncing)
    replaced = Signal(str)  # the restored store is open; where the old one was kept

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.hide()
        self.store_path: Path | None = None
        self.user = ""

    def _store_name(self) -> str:
        return self.store_path.name if self.store_path else ""

    # -- a new passphrase -------------------------------------------------------------------

    def change_passphrase(self) -> PassphraseDialog:
        inputs = (self.store_path.stem if self.store_path else "", self.user)
        dialog = PassphraseDialog(self.parentWidget(), inputs)
        dialog.accepted.connect(lambda: self._rekey(dialog.old.text(), dialog.new.text()))
        dialog.open()
        return dialog

    def _rekey(self, old: str, new: str) -> None:
        def job(worker: Any) -> None:
            store = worker.store
            stores.check_passphrase_change(store, old, new)  # before the store is closed
            worker.close_store()  # waits for a sync that has the store on loan
            try:
                worker.store = stores.change_passphrase(store, old, new)
            except BaseException:
                worker.store = store  # the old key still opens it
                raise

        self.message.emit(tr("settings", "正在更换口令，请稍候…"))
        self.tasks.run_on_store(
            job,
            lambda _r: self.message.emit(
                tr("settings", "口令已更换。下次解锁请用新口令；以前的备份仍用旧口令打开。")
            ),
            lambda error: self.message.emit(_text(error)),
        )

    # -- restoring a backup -----------------------------------------------------------------

    def choose_backup(self) -> QFileDialog:
        dialog = QFileDialog(
            self.parentWidget(),
            tr("settings", "选择备份文件"),
            str(self.store_path.parent if self.store_path else ""),
            tr("settings", "档案库备份 (*.db);;所有文件 (*)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.ask_backup_passphrase(Path(path)))
        dialog.open()
        return dialog

    def ask_backup_passphrase(self, source: Path) -> QInputDialog:
        dialog = QInputDialog(self.parentWidget())
        dialog.setWindowTitle(tr("settings", "从备份恢复"))
        dialog.setLabelText(
            tr("settings", "备份 {name} 的口令（做备份时档案库的口令）：").format(name=source.name)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(lambda text: self.check_backup(source, text))
        dialog.open()
        return dialog

    def check_backup(self, source: Path, passphrase: str) -> None:
        """Open a copy of the backup and check it; ask before anything is replaced."""
        self.message.emit(tr("settings", "正在检查备份，请稍候…"))
        self.tasks.run_on_store(
            lambda _worker: stores.check_backup(source, passphrase),
            lambda checked: self._confirm(source, passphrase, checked),
            lambda error: self.message.emit(_text(error)),
        )

    def _confirm(self, source: Path, passphrase: str, checked: stores.BackupCheck) -> None:
        self.message.emit("")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("settings", "从备份恢复"),
            tr(
                "settings",
                "备份 {name} 检查通过，含 {n} 名儿童的档案。\n"
                "用它替换当前档案库吗？当前档案库不会删除，改名保留为 {store}.before-restore-日期时间。\n"
                "备份之后录入的内容不在备份里。",
            ).format(name=source.name, n=checked.children, store=self._store_name()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.parentWidget(),
        )
        replace = box.button(QMessageBox.StandardButton.Yes)
        replace.setText(tr("settings", "替换为备份"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            if box.clickedButton() is replace:
                self._restore(source, passphrase)

        box.finished.connect(answered)
        box.open()

    def _restore(self, source: Path, passphrase: str) -> None:
        def job(worker: Any) -> str:
            store = worker.store
            path, actor = store.path, store.actor
            worker.close_store()
            try:
                _checked, kept = stores.restore(source, path, passphrase, actor=actor)
            except BaseException:
                worker.store = store  # the current store is still in place
                raise
            worker.store = stores.unlock(path, passphrase, actor=actor)
            stores.act_as_user(worker.store)
            return str(kept or "")

        def done(kept: str) -> None:
            self.message.emit(
                tr("settings", "已从备份恢复。原档案库改名保留为 {kept}。").format(kept=kept)
            )
            self.replaced.emit(kept)

        self.replacing.emit()
        self.message.emit(tr("settings", "正在恢复，请稍候…"))
        self.tasks.run_on_store(job, done, lambda error: self.message.emit(_text(error)))
