"""打印: choose a document, preview it, print it or save it as PDF; batches of dossiers;
checking the code printed on an agreement.

Every document is made on the database thread (the services write the audit entry);
pages are rasterised there too, so the window never waits. A batch is a chain of small
jobs, one child each: editing goes on between them, and 取消 stops before the next child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.vocab import AgreementState
from ...services import printing
from ...services.roster import RosterFilter, search_roster
from ..i18n import error_text, tr
from ..pdf_pages import page_images, print_pdf
from ..tasks import Tasks
from ..widgets.empty_state import over_container
from ..widgets.labels import plain

# (key, label, needs a child)
DOCUMENTS = (
    ("dossier", QT_TRANSLATE_NOOP("print", "儿童档案"), True),
    ("agreement", QT_TRANSLATE_NOOP("print", "委托照护协议书（一式三份）"), True),
    ("visit-sheet", QT_TRANSLATE_NOOP("print", "走访记录表（空白，预填姓名）"), True),
    ("roster", QT_TRANSLATE_NOOP("print", "儿童花名册"), False),
    ("roster_public", QT_TRANSLATE_NOOP("print", "儿童花名册（张贴用，不含敏感信息）"), False),
    ("summary", QT_TRANSLATE_NOOP("print", "汇总表"), False),
    ("monthly", QT_TRANSLATE_NOOP("print", "月度工作报告"), False),
)
PREVIEW_DPI = 80


@dataclass(frozen=True, slots=True)
class Request:
    doc: str
    child_id: str | None = None
    full_ids: bool = False
    with_reports: bool = False
    month: date | None = None

    def render(self, session: Any) -> bytes:
        public = self.doc == "roster_public"
        return printing.document(
            session,
            doc="roster" if public else self.doc,
            child_id=self.child_id,
            month=self.month,
            full_ids=self.full_ids,
            public=public,
            with_reports=self.with_reports,
        )


class PrintView(QWidget):
    rendered = Signal(int)  # pages in the preview
    printed = Signal(int)  # pages sent to the printer
    saved = Signal(object)  # the PDF's path
    batch_progress = Signal(int, int)
    batch_finished = Signal(object)  # printing.BatchResult
    verified = Signal(object)  # printing.Verification
    failed = Signal(str)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.pdf: bytes | None = None
        self.pdf_request: Request | None = None
        self.stale = True
        self._batch: list[str] = []
        self._batch_written: list[Path] = []
        self._batch_total = 0
        self._cancel = False
        self._wanted: str | None = None  # a child asked for before the list has loaded
        row = QHBoxLayout(self)
        side = QVBoxLayout()
        side.addWidget(self._choices())
        side.addWidget(self._batch_box())
        side.addWidget(self._verify_box())
        side.addStretch(1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setFixedWidth(400)
        row.addWidget(holder)
        self.pages = QVBoxLayout()
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        canvas = QWidget()
        canvas.setObjectName("preview")
        canvas.setLayout(self.pages)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(canvas)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8f96; }")
        self.empty = over_container(self.scroll.viewport(), canvas, _blank_preview_text)
        row.addWidget(self.scroll, 1)
        self._doc_changed()

    # -- layout ----------------------------------------------------------------------------

    def _choices(self) -> QGroupBox:
        box = QGroupBox(tr("print", "打印文书"))
        form = QFormLayout(box)
        self.doc = QComboBox()
        self.doc.setObjectName("doc")
        for key, label, _child in DOCUMENTS:
            self.doc.addItem(tr("print", label), key)
        self.doc.currentIndexChanged.connect(self._doc_changed)
        form.addRow(tr("print", "文书"), self.doc)
        self.child = QComboBox()
        self.child.setObjectName("child")
        self.child.setEditable(True)
        self.child.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.child.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.child.completer().setCompletionMode(
            self.child.completer().CompletionMode.PopupCompletion
        )
        form.addRow(tr("print", "儿童"), self.child)
        self.month = QDateEdit()
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy年MM月")
        last_month = date.today().replace(day=1) - timedelta(days=1)
        self.month.setDate(QDate(last_month.year, last_month.month, 1))
        form.addRow(tr("print", "月份"), self.month)
        self.full_ids = QCheckBox(tr("print", "显示完整证件号码（默认遮盖中间数字）"))
        self.full_ids.setObjectName("full_ids")
        form.addRow(self.full_ids)
        self.with_reports = QCheckBox(tr("print", "包含强制报告（保密）"))
        self.with_reports.setObjectName("with_reports")
        self.with_reports.setEnabled(False)
        form.addRow(self.with_reports)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(tr("print", "预览"))
        self.preview_button.setObjectName("preview_button")
        self.preview_button.clicked.connect(self.preview)
        self.print_dialog: QPrintDialog | None = None  # the open one, while it is open
        self.print_button = QPushButton(tr("print", "打印…"))
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self._choose_printer)
        self.save_button = QPushButton(tr("print", "另存为PDF…"))
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self._choose_pdf)
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        self.message = plain(QLabel())
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        return box

    def _batch_box(self) -> QGroupBox:
        box = QGroupBox(tr("print", "批量输出儿童档案"))
        column = QVBoxLayout(box)
        hint = plain(
            QLabel(
                tr(
                    "print",
                    "每名儿童一个 PDF，文件名为档案编号。可在儿童名册中选中几名儿童后点“批量打印”，"
                    "或在此输出全部在册儿童。",
                )
            )
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        row = QHBoxLayout()
        self.batch_all = QPushButton(tr("print", "全部在册儿童…"))
        self.batch_all.setObjectName("batch_all")
        self.batch_all.clicked.connect(lambda: self.choose_batch(None))
        self.batch_cancel = QPushButton(tr("print", "取消"))
        self.batch_cancel.setObjectName("batch_cancel")
        self.batch_cancel.setEnabled(False)
        self.batch_cancel.clicked.connect(self.cancel_batch)
        row.addWidget(self.batch_all)
        row.addWidget(self.batch_cancel)
        column.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("batch_progress")
        self.progress.setFormat(tr("print", "%v / %m 名"))
        self.progress.setVisible(False)  # shown while a batch runs
        column.addWidget(self.progress)
        self.batch_message = plain(QLabel())
        self.batch_message.setObjectName("batch_message")
        self.batch_message.setWordWrap(True)
        column.addWidget(self.batch_message)
        return box

    def _verify_box(self) -> QGroupBox:
        box = QGroupBox(tr("print", "核对协议书二维码"))
        column = QVBoxLayout(box)
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
        return box

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        def job(session: Any) -> tuple[list[tuple[str, str]], bool]:
            children = search_roster(session, filters=RosterFilter())
            return [(c.id, f"{c.name}　{c.file_no or ''}") for c in children], (
                printing.may_see_reports(session)
            )

        self.tasks.run(job, self._loaded)

    def _loaded(self, result: tuple[list[tuple[str, str]], bool]) -> None:
        children, may_see_reports = result
        current = self._wanted or self.child.currentData()
        self.child.clear()
        for child_id, label in children:
            self.child.addItem(label, child_id)
        if current:
            self.select_child(current)
        self.with_reports.setEnabled(may_see_reports)
        if not may_see_reports:
            self.with_reports.setChecked(False)
            self.with_reports.setToolTip(tr("print", "当前角色无权打印强制报告"))
        self.stale = False

    def select_child(self, child_id: str, doc: str | None = None) -> None:
        index = self.child.findData(child_id)
        self._wanted = None if index >= 0 else child_id
        if index >= 0:
            self.child.setCurrentIndex(index)
        if doc is not None:
            self.doc.setCurrentIndex(self.doc.findData(doc))

    def _doc_changed(self, *_args: object) -> None:
        key = self.doc.currentData()
        needs_child = next(c for k, _l, c in DOCUMENTS if k == key)
        self.child.setEnabled(needs_child)
        self.month.setEnabled(key == "monthly")
        self.full_ids.setEnabled(key not in ("roster_public", "summary", "monthly"))
        self.with_reports.setVisible(key == "dossier")

    def request(self) -> Request:
        key = self.doc.currentData()
        month = self.month.date()
        return Request(
            doc=key,
            child_id=self.child.currentData() if self.child.isEnabled() else None,
            full_ids=self.full_ids.isEnabled() and self.full_ids.isChecked(),
            with_reports=self.with_reports.isEnabled() and self.with_reports.isChecked(),
            month=date(month.year(), month.month(), 1),
        )

    # -- one document ----------------------------------------------------------------------

    def preview(self) -> None:
        request = self.request()
        if not self._ready(request):
            return
        self.message.setText(tr("print", "正在生成…"))

        def job(session: Any) -> tuple[bytes, list[Any]]:
            pdf = request.render(session)
            return pdf, page_images(pdf, PREVIEW_DPI)

        self.tasks.run(job, lambda result: self._show(request, *result), self._failed)

    def _show(self, request: Request, pdf: bytes, images: list[Any]) -> None:
        self.pdf, self.pdf_request = pdf, request
        while self.pages.count():
            widget = self.pages.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for image in images:
            page = plain(QLabel())
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background: white; margin: 6px;")
            self.pages.addWidget(page)
        self.message.setText(tr("print", "共 {n} 页。").format(n=len(images)))
        self.rendered.emit(len(images))

    def _ready(self, request: Request) -> bool:
        if self.child.isEnabled() and not request.child_id:
            self.message.setText(tr("print", "请先选择一名儿童。"))
            return False
        return True

    def _with_pdf(self, then: Any) -> None:
        """Run ``then(pdf)`` with the document as previewed, or a fresh one if the choices
        changed since (each one made is written to the audit log)."""
        request = self.request()
        if not self._ready(request):
            return
        if self.pdf is not None and self.pdf_request == request:
            then(self.pdf)
            return
        self.tasks.run(request.render, then, self._failed)

    def _choose_printer(self) -> None:
        """The system's print dialog, window-modal without blocking (QPrintDialog.open()
        takes a receiver on PySide6 6.11: called bare it raised on every click)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("print_dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.finished.connect(self._print_dialog_closed)
        self.print_dialog = dialog
        dialog.show()

    def _print_dialog_closed(self, _result: int) -> None:
        self.print_dialog = None  # deleted on close

    def print_to(self, printer: QPrinter) -> None:
        """Print the chosen document on ``printer`` (pages rasterised on the worker)."""
        self.message.setText(tr("print", "正在打印…"))

        def send(pdf: bytes) -> None:
            def job(_session: Any) -> int:
                return print_pdf(pdf, printer)

            self.tasks.run(job, self._printed, self._failed)

        self._with_pdf(send)

    def _printed(self, pages: int) -> None:
        self.message.setText(tr("print", "已发送到打印机，共 {n} 页。").format(n=pages))
        self.printed.emit(pages)

    def _choose_pdf(self) -> None:
        label = self.doc.currentText().split("（")[0]
        suggested = f"{label}-{date.today():%Y%m%d}.pdf"
        target, _ = QFileDialog.getSaveFileName(
            self, tr("print", "另存为PDF"), suggested, "PDF (*.pdf)"
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, path: Path) -> None:
        def write(pdf: bytes) -> None:
            self.tasks.run(
                lambda _session: printing.write_pdf(path, pdf), self._saved, self._failed
            )

        self._with_pdf(write)

    def _saved(self, path: Path) -> None:
        self.message.setText(tr("print", "已保存：{path}").format(path=path))
        self.saved.emit(path)

    def _failed(self, error: Exception) -> None:
        text = error_text(error)  # type: ignore[arg-type]
        self.message.setText(text)
        self.failed.emit(text)

    # -- batches ---------------------------------------------------------------------------

    def choose_batch(self, child_ids: list[str] | None) -> None:
        """Ask for a folder, then print the dossiers of ``child_ids`` (None: everyone)."""
        folder = QFileDialog.getExistingDirectory(self, tr("print", "选择输出文件夹"))
        if folder:
            self.start_batch(Path(folder), child_ids or None)

    def start_batch(self, folder: Path, child_ids: list[str] | None = None) -> None:
        """One dossier per child into ``folder``; all children on the roster if none given."""
        if self._batch:
            return
        full_ids = self.full_ids.isChecked()
        self._cancel = False
        self._batch_written = []
        self.batch_all.setEnabled(False)
        self.batch_cancel.setEnabled(True)
        self.batch_message.setText(tr("print", "正在输出…"))

        def begin(ids: list[str]) -> None:
            self._batch = list(ids)
            self._batch_total = len(ids)
            self.progress.setRange(0, max(1, len(ids)))
            self.progress.setValue(0)
            self.progress.setVisible(True)
            self._next(folder, full_ids)

        if child_ids is None:
            self.tasks.run(
                lambda session: [c.id for c in search_roster(session)], begin, self._batch_failed
            )
        else:
            begin(child_ids)

    def _next(self, folder: Path, full_ids: bool) -> None:
        if self._cancel or not self._batch:
            self._batch_done(cancelled=self._cancel and bool(self._batch))
            return
        child_id = self._batch.pop(0)

        def job(session: Any) -> Path:
            return printing.dossier_to(
                session, child_id=child_id, out_dir=folder, full_ids=full_ids
            )

        def done(path: Path) -> None:
            self._batch_written.append(path)
            done_count = len(self._batch_written)
            self.progress.setValue(done_count)
            self.batch_progress.emit(done_count, self._batch_total)
            self._next(folder, full_ids)

        self.tasks.run(job, done, self._batch_failed)

    def cancel_batch(self) -> None:
        self._cancel = True
        self.batch_message.setText(tr("print", "正在取消，当前这名儿童完成后停止…"))

    def _batch_failed(self, error: Exception) -> None:
        self.batch_message.setText(error_text(error))  # type: ignore[arg-type]
        self._batch_done(cancelled=True, error=True)

    def _batch_done(self, *, cancelled: bool, error: bool = False) -> None:
        result = printing.BatchResult(tuple(self._batch_written), cancelled)
        self._batch = []
        self.batch_all.setEnabled(True)
        self.batch_cancel.setEnabled(False)
        if not error:
            text = (
                tr("print", "已取消：已输出 {n} 份，其余未输出。")
                if cancelled
                else tr("print", "已输出 {n} 份儿童档案。")
            )
            self.batch_message.setText(text.format(n=len(result.written)))
        self.batch_finished.emit(result)

    # -- verification ----------------------------------------------------------------------

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


def _blank_preview_text() -> str:
    return tr("print", "在左边选择文书和儿童，然后点击“预览”，文书就显示在这里。")
