"""U盘同步 on the 同步 page (issue 16): sync by USB stick when there is no network.

One folder (the stick, found among the removable drives, or any folder chosen) and
three buttons: write this laptop's bundle there, read the replies found there, and, on a
machine that reaches the county server (the township's PC), carry every bundle found
there to the server and write the replies beside them. The work runs beside the GUI
(network and files); what happened is said in one line, in words.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...messages import BUNDLE_ERRORS
from ...services import bundles
from ..file_dialogs import choose_folder
from ..i18n import error_text, tr
from ..syncer import sync_error_text
from ..tasks import Tasks
from .sync_text import label


def bundle_error_text(code: str) -> str:
    """Why a file on the stick was not read, in the current language."""
    return (
        tr("bundle_errors", BUNDLE_ERRORS[code])
        if code in BUNDLE_ERRORS
        else tr("bundle", "同步包无法读取")
    )


def removable_drives() -> list[Path]:
    """Mounted drives a USB stick shows as, writable: /media, /run/media (Linux),
    /Volumes (macOS), removable drive letters (Windows)."""
    found: list[Path] = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if _removable(root):
            found.append(Path(root))
    return found


def _removable(root: str) -> bool:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root)) == 2  # DRIVE_REMOVABLE
    return root.startswith(("/media/", "/run/media/", "/Volumes/"))


class BundleBox(QGroupBox):
    done = Signal(str)  # what the last step did, in words

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tr("bundle", "U盘同步（没有网络时）"), parent)
        self.tasks = tasks
        column = QVBoxLayout(self)
        column.addWidget(
            label(
                tr(
                    "bundle",
                    "把修改写到U盘，带到能上网的电脑（如乡镇办公室）转送县服务器；"
                    "回执带回后在本机读入。U盘上的文件已加密，看不到任何儿童信息。",
                ),
                "bundle_hint",
                wrap=True,
            )
        )
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("bundle_folder")
        self.folder.setPlaceholderText(tr("bundle", "U盘或文件夹"))
        drives = removable_drives()
        if drives:
            self.folder.setText(os.fspath(drives[0]))
        row.addWidget(self.folder, 1)
        browse = QPushButton(tr("bundle", "选择…"))
        browse.setObjectName("bundle_browse")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        column.addLayout(row)
        buttons = QHBoxLayout()
        self.export_button = self._button(tr("bundle", "导出同步包"), "bundle_export", self.export)
        self.import_button = self._button(tr("bundle", "读入回执"), "bundle_import", self.read)
        self.relay_button = self._button(
            tr("bundle", "转送同步包（本机联网时）"), "bundle_relay", self.relay
        )
        for button in (self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        relay = QHBoxLayout()  # its own row: in large text three do not fit the column
        relay.addWidget(self.relay_button)
        relay.addStretch(1)
        column.addLayout(relay)
        self.message = label("", "bundle_message", wrap=True)
        column.addWidget(self.message)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _browse(self) -> None:
        choose_folder(self, tr("bundle", "选择U盘或文件夹"), lambda p: self.folder.setText(str(p)))

    def _chosen(self) -> Path | None:
        text = self.folder.text().strip()
        if not text or not Path(text).is_dir():
            self._say(tr("bundle", "请先插入U盘，或选择一个文件夹"))
            return None
        return Path(text)

    def _busy(self, busy: bool) -> None:
        for button in (self.export_button, self.import_button, self.relay_button):
            button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.done.emit(text)

    def _start(self, work: Any, words: Any) -> None:
        folder = self._chosen()
        if folder is None:
            return
        self._busy(True)
        self.message.setText(tr("bundle", "正在处理…"))

        def job(job: Any) -> str:
            try:
                return str(words(work(job.store(), folder)))
            except bundles.SyncError as exc:
                return sync_error_text(exc.code, exc.message)
            except bundles.BundleError as exc:
                return bundle_error_text(exc.code)
            except OSError as exc:
                return tr("bundle", "无法读写U盘或文件夹（已满、只读或已拔出？）：{why}").format(
                    why=exc.strerror or type(exc).__name__
                )
            except DomainError as exc:  # the demo store
                return error_text(exc)

        def finished(text: str) -> None:
            self._busy(False)
            self._say(text)

        def failed(_error: Exception) -> None:
            self._busy(False)
            self._say(tr("bundle", "已取消"))

        self.tasks.run_beside(job, finished, failed)

    def export(self) -> None:
        self._start(
            bundles.export_bundle,
            lambda path: tr(
                "bundle", "已写出 {name}：请带到能上网的电脑转送，再把回执带回读入。"
            ).format(name=path.name),
        )

    def read(self) -> None:
        self._start(bundles.import_replies, _read_words)

    def relay(self) -> None:
        self._start(lambda store, folder: bundles.relay(folder, store=store), _relay_words)


def _read_words(done: list[tuple[str, Any]]) -> str:
    read = [r for _n, r in done if isinstance(r, bundles.BundleReport)]
    others = sum(code == "not_for_us" for _n, code in done)
    bad = [code for _n, code in done if isinstance(code, str) and code != "not_for_us"]
    fresh = [r for r in read if not r.stale and r.refused is None]
    refused = [r.refused for r in read if r.refused]
    parts = []
    if fresh:
        parts.append(
            tr("bundle", "已读入 {n} 个回执：确认 {acked} 项修改，收到 {pulled} 项").format(
                n=len(fresh),
                acked=sum(r.acknowledged for r in fresh),
                pulled=sum(r.pulled for r in fresh),
            )
        )
        if any(r.more for r in fresh):
            parts.append(tr("bundle", "县服务器还有更多数据，请再导出一个同步包"))
    elif read and not refused:
        parts.append(tr("bundle", "回执都已读过，没有改动"))
    elif not read:
        parts.append(tr("bundle", "文件夹里没有本机的回执"))
    for code in refused:
        parts.append(tr("bundle", "县服务器拒收：{why}").format(why=sync_error_text(code)))
    if others:
        parts.append(tr("bundle", "另有 {n} 个回执不是本机的（或已损坏），未读入").format(n=others))
    for code in bad:
        parts.append(bundle_error_text(code))
    return "；".join(parts)


def _relay_words(done: list[tuple[str, str]]) -> str:
    if not done:
        return tr("bundle", "文件夹里没有同步包")
    replied = sum(o == "replied" for _n, o in done)
    skipped = sum(o == "skipped" for _n, o in done)
    failed = len(done) - replied - skipped
    text = tr("bundle", "已转送 {n} 个同步包，回执已写在旁边").format(n=replied)
    if skipped:
        text += tr("bundle", "；{n} 个已有回执，跳过").format(n=skipped)
    if failed:
        text += tr("bundle", "；{n} 个未送达（连不上县服务器？稍后再试）").format(n=failed)
    return text
