"""设置: who works the store (settings_work), idle lock, large font, language, where the
store is; a backup now, a new passphrase, a restore (settings_store) and the exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services import preferences, stores
from ..backups import AutoBackup
from ..file_dialogs import choose_save
from ..i18n import LANGUAGES, error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from .settings_backup import BackupBox
from .settings_store import StoreFileActions
from .settings_work import WorkBox

# Preferences of this computer (needed before any store is unlocked) live in QSettings;
# everything about the work lives in the store.
LANGUAGE_KEY, LARGE_FONT_KEY, STORE_KEY = "ui/language", "ui/large_font", "store/path"


class SettingsView(QWidget):
    idle_minutes_changed = Signal(int)
    large_font_changed = Signal(bool)
    exported = Signal(str)  # what the message line says afterwards
    work_saved = Signal(object)  # preferences.WorkSettings

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store_path: Path | None = None
        self.backup_box: BackupBox | None = None
        layout = QVBoxLayout(self)
        self.work = WorkBox(tasks)
        self.work.saved.connect(self._work_saved)
        self.unsaved_changed = self.work.unsaved_changed
        layout.addWidget(self.work)
        form = QFormLayout()
        self.idle = QSpinBox()
        self.idle.setObjectName("idle_minutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(tr("settings", " 分钟（0 为不锁定）"))
        self.idle.editingFinished.connect(self._save_idle)
        form.addRow(tr("settings", "无操作自动锁定"), self.idle)
        self.large_font = QCheckBox(tr("settings", "放大全部文字，便于阅读"))
        self.large_font.setObjectName("large_font")
        self.large_font.setChecked(bool(QSettings().value(LARGE_FONT_KEY, False, type=bool)))
        self.large_font.toggled.connect(self._save_large_font)
        form.addRow(tr("settings", "大字模式"), self.large_font)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(QSettings().value(LANGUAGE_KEY, "zh_CN")))
        )
        self.language.currentIndexChanged.connect(self._save_language)
        form.addRow(tr("settings", "界面语言"), self.language)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        form.addRow(tr("settings", "档案库位置"), self.path)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.backup_button = QPushButton(tr("settings", "立即备份…"))
        self.backup_button.setObjectName("backup")
        self.backup_button.clicked.connect(self._choose_backup)
        row.addWidget(self.backup_button)
        self.export_xlsx_button = QPushButton(tr("settings", "导出登记表和花名册（Excel）…"))
        self.export_xlsx_button.setObjectName("export_xlsx")
        self.export_xlsx_button.setToolTip(
            tr("settings", "报送乡镇、县用：登记表含完整证件号码，花名册遮盖证件号码")
        )
        self.export_xlsx_button.clicked.connect(lambda: self._choose_export("xlsx"))
        row.addWidget(self.export_xlsx_button)
        self.export_json_button = QPushButton(tr("settings", "导出全部档案（JSON，供县里汇总）…"))
        self.export_json_button.setObjectName("export_json")
        self.export_json_button.clicked.connect(lambda: self._choose_export("json"))
        row.addWidget(self.export_json_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = plain(QLabel())
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addLayout(self._store_row())
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _store_row(self) -> QHBoxLayout:
        self.file_actions = StoreFileActions(self.tasks, self)
        self.file_actions.message.connect(self.message.setText)
        row = QHBoxLayout()
        self.passphrase_button = QPushButton(tr("settings", "更换口令…"))
        self.passphrase_button.setObjectName("change_passphrase")
        self.passphrase_button.clicked.connect(self.file_actions.change_passphrase)
        row.addWidget(self.passphrase_button)
        self.restore_button = QPushButton(tr("settings", "从备份恢复…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.file_actions.choose_backup)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        return row

    def add_backups(self, auto: AutoBackup) -> BackupBox:
        """The 自动备份 box (its backups run in ``auto``), above the message line."""
        self.backup_box = BackupBox(self.tasks, auto)
        self.backup_box.restore_requested.connect(self.file_actions.ask_backup_passphrase)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.message), self.backup_box)
        return self.backup_box

    def refresh(self, store_path: Path | None) -> None:
        self.store_path = self.file_actions.store_path = store_path
        self.path.setText(str(store_path or ""))
        self.tasks.run(preferences.work_settings, self._show_work)
        if self.backup_box is not None:
            self.backup_box.refresh()

    def _show_work(self, work: preferences.WorkSettings) -> None:
        self.idle.setValue(work.idle_lock_minutes)
        # The demo never locks: its passphrase was never typed by anyone (app.Controller).
        self.idle.setEnabled(not work.demo)
        self.idle.setToolTip(tr("settings", "示范档案库不自动锁定") if work.demo else "")
        self.passphrase_button.setEnabled(not work.demo)
        self.work.show_work(work)
        self.file_actions.user = work.director

    # -- unsaved.Editor: what is typed on this page and not saved is the 使用人 form's ------

    def unsaved(self) -> str:
        return self.work.unsaved()

    def save_unsaved(self, done: Callable[[bool], None]) -> None:
        self.work.save_unsaved(done)

    def discard_unsaved(self) -> None:
        self.work.discard_unsaved()

    def _work_saved(self, work: preferences.WorkSettings) -> None:
        self.file_actions.user = work.director
        self.work_saved.emit(work)

    def _save_idle(self) -> None:
        minutes = self.idle.value()
        self.tasks.run(
            lambda s: preferences.set_idle_lock_minutes(s, minutes=minutes),
            lambda _r: self.idle_minutes_changed.emit(minutes),
        )

    def _save_large_font(self, on: bool) -> None:
        QSettings().setValue(LARGE_FONT_KEY, on)
        self.large_font_changed.emit(on)

    def _save_language(self) -> None:
        QSettings().setValue(LANGUAGE_KEY, self.language.currentData())
        self.message.setText(tr("settings", "界面语言将在重新启动后生效。"))

    def _choose_backup(self) -> None:
        suggested = f"儿童档案备份-{datetime.now():%Y%m%d-%H%M}.db"
        choose_save(self, tr("settings", "备份到"), suggested, "", self.backup_to)

    def _choose_export(self, kind: str) -> None:
        suffix = "xlsx" if kind == "xlsx" else "json"
        suggested = f"儿童档案导出-{datetime.now():%Y%m%d}.{suffix}"
        choose_save(
            self,
            tr("settings", "导出到"),
            suggested,
            "",
            lambda target: self.export_to(kind, target),
        )

    def export_to(self, kind: str, target: Path) -> None:
        """Write the export on the database thread; the export is audited."""
        buttons = (self.export_xlsx_button, self.export_json_button)
        for button in buttons:
            button.setEnabled(False)
        self.message.setText(tr("settings", "正在导出，请稍候…"))

        def job(session: Any) -> Any:
            from ...services import exports  # on the first export: not at the start

            if kind == "xlsx":
                return exports.export_xlsx(session, target)
            return exports.export_json(session, target)

        def finished(text: str) -> None:
            for button in buttons:
                button.setEnabled(True)
            self.message.setText(text)
            self.exported.emit(text)

        self.tasks.run(
            job,
            lambda result: finished(
                tr("settings", "已导出 {n} 名儿童的档案到 {path}。文件未加密，请妥善保管。").format(
                    n=result.children, path=result.path
                )
            ),
            lambda error: finished(error_text(error)),  # type: ignore[arg-type]
        )

    def backup_to(self, target: Path) -> None:
        """Write an encrypted, verified backup on the database thread."""
        self.backup_button.setEnabled(False)
        self.message.setText(tr("settings", "正在备份，请稍候…"))

        def job(worker: Any) -> Path:
            return stores.backup(worker.store, target)

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(
                tr("settings", "已备份到 {path}。备份使用同一口令。").format(path=path)
            )

        def failed(error: Exception) -> None:
            self.backup_button.setEnabled(True)
            self.message.setText(error_text(error))  # type: ignore[arg-type]

        self.tasks.run_on_store(job, done, failed)
