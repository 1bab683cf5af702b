"""The two boxes under the print page's choices: batches of dossiers (a chain of small jobs,
one child each: editing goes on between them, and 取消 stops before the next child) and
checking the code printed on an agreement."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.vocab import AgreementState
from ...services import printing
from ...services.roster import search_roster
from ..file_dialogs import choose_folder
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain


class BatchBox(QGroupBox):
    """批量打印: the batch dialog (any document, by village or the roster's choice), and
    every child's dossier into a folder at one click, with progress and 取消."""

    progressed = Signal(int, int)
    finished = Signal(object)  # printing.BatchResult
    open_requested = Signal()  # 批量打印…: the batch dialog

    def __init__(
        self, tasks: Tasks, full_ids: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("print", "批量打印"), parent)
        self.tasks, self._full_ids = tasks, full_ids
        self._batch: list[str] = []
        self._written: list[Path] = []
        self._total = 0
        self._cancel = False
        column = QVBoxLayout(self)
        hint = plain(
            QLabel(
                tr(
                    "print",
                    "协议书、走访记录表、档案：按村或为名册中选中的儿童打印，合并为一个 PDF "
                    "或每人一个 PDF。“全部儿童档案…”把每名在册儿童的档案各存为一个 PDF。",
                )
            )
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        row = QHBoxLayout()
        self.open_button = QPushButton(tr("print", "批量打印…"))
        self.open_button.setObjectName("batch_open")
        self.open_button.clicked.connect(self.open_requested)
        row.addWidget(self.open_button)
        self.all_button = QPushButton(tr("print", "全部儿童档案…"))
        self.all_button.setObjectName("batch_all")
        self.all_button.clicked.connect(lambda: self.choose(None))
        self.cancel_button = QPushButton(tr("print", "取消"))
        self.cancel_button.setObjectName("batch_cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.all_button)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("batch_progress")
        self.progress.setFormat(tr("print", "%v / %m 名"))
        self.progress.setVisible(False)  # shown while a batch runs
        column.addWidget(self.progress)
        self.message = plain(QLabel())
        self.message.setObjectName("batch_message")
        self.message.setWordWrap(True)
        column.addWidget(self.message)

    def choose(self, child_ids: list[str] | None) -> None:
        """Ask for a folder, then print the dossiers of ``child_ids`` (None: everyone)."""
        choose_folder(
            self, tr("print", "选择输出文件夹"), lambda folder: self.start(folder, child_ids)
        )

    def start(self, folder: Path, child_ids: list[str] | None = None) -> None:
        """One dossier per child into ``folder``; all children on the roster if none given."""
        if self._batch:
            return
        full_ids = self._full_ids()
        self._cancel = False
        self._written = []
        self.all_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message.setText(tr("print", "正在输出…"))

        def begin(ids: list[str]) -> None:
            self._batch = list(ids)
            self._total = len(ids)
            self.progress.setRange(0, max(1, len(ids)))
            self.progress.setValue(0)
            self.progress.setVisible(True)
            self._next(folder, full_ids)

        if not child_ids:
            self.tasks.run(
                lambda session: [c.id for c in search_roster(session)], begin, self._failed
            )
        else:
            begin(child_ids)

    def _next(self, folder: Path, full_ids: bool) -> None:
        if self._cancel or not self._batch:
            self._done(cancelled=self._cancel and bool(self._batch))
            return
        child_id = self._batch.pop(0)

        def job(session: Any) -> Path:
            return printing.dossier_to(
                session, child_id=child_id, out_dir=folder, full_ids=full_ids
            )

        def done(path: Path) -> None:
            self._written.append(path)
            self.progress.setValue(len(self._written))
            self.progressed.emit(len(self._written), self._total)
            self._next(folder, full_ids)

        self.tasks.run(job, done, self._failed)

    def cancel(self) -> None:
        self._cancel = True
        self.message.setText(tr("print", "正在取消，当前这名儿童完成后停止…"))

    def _failed(self, error: Exception) -> None:
        self.message.setText(error_text(error))  # type: ignore[arg-type]
        self._done(cancelled=True, error=True)

    def _done(self, *, cancelled: bool, error: bool = False) -> None:
        result = printing.BatchResult(tuple(self._written), cancelled)
        self._batch = []
        self.all_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if not error:
            text = (
                tr("print", "已取消：已输出 {n} 份，其余未输出。")
                if cancelled
                else tr("print", "已输出 {n} 份儿童档案。")
            )
            self.message.setText(text.format(n=len(result.written)))
        self.finished.emit(result)


class VerifyBox(QGroupBox):
    """核对协议书二维码: whether a printed agreement still matches the store."""

    verified = Signal(object)  # printing.Verification
    failed = Signal(str)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(tr("print", "核对协议书二维码"), parent)
        self.tasks = tasks
        column = QVBoxLayout(self)
        row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText(tr("print", "扫描或粘贴二维码内容（CCA1|…）"))
        self.code.returnPressed.connect(self.verify)
        check = QPushButton(tr("print", "核对"))
        check.setObjectName("verify")
        check.clicked.connect(self.verify)
        row.addWidget(self.code, 1)
        row.addWidget(check)
        column.addLayout(row)
        self.verdict = plain(QLabel())
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        column.addWidget(self.verdict)

    def verify(self) -> None:
        payload = self.code.text().strip()
        if not payload:
            return

        def job(session: Any) -> printing.Verification:
            return printing.verify_agreement(session, payload=payload)

        def failed(error: Exception) -> None:
            self.verdict.setStyleSheet("color: #b3261e;")
            self.verdict.setText(error_text(error))  # type: ignore[arg-type]
            self.failed.emit(self.verdict.text())

        self.tasks.run(job, self._verified, failed)

    def _verified(self, result: printing.Verification) -> None:
        if result.status == "match":
            state = tr("vocab", result.state.label) if result.state else ""
            text = tr("print", "一致：与档案库中的协议相符（{name}，{state}）。").format(
                name=result.child_name, state=state
            )
            if result.state is not AgreementState.SIGNED:
                text += tr("print", "注意：该协议目前不在有效期内。")
            colour = "#1b6e20"
        elif result.status == "changed":
            text = tr(
                "print", "不一致：打印后档案库中的协议已修改（{name}），请以档案库为准重新打印。"
            ).format(name=result.child_name)
            colour = "#b3261e"
        else:
            text = tr("print", "档案库中没有这份协议（可能属于其他村，或尚未同步）。")
            colour = "#8a5300"
        self.verdict.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.verdict.setText(text)
        self.verified.emit(result)
