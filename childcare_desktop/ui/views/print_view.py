"""打印: choose a document, preview it, print it or save it as PDF; below, batches of
dossiers and checking the code printed on an agreement (``print_tools``).

Every document is made on the database thread (the services write the audit entry);
pages are rasterised there too, so the window never waits. The choices keep their places
whatever document is chosen (an option that does not apply is greyed, never hidden), so
预览 and 打印… never move under the mouse; a preview is taken away as soon as a choice
changes, so what is shown is always what 打印… would print.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...services import printing
from ...services.batch_print import village_choices
from ...services.common import store_township
from ...services.roster import RosterFilter, search_roster
from ..file_dialogs import choose_save
from ..i18n import error_text, tr
from ..pdf_pages import page_images, print_pdf
from ..tasks import Tasks
from ..widgets.empty_state import over_container
from ..widgets.labels import plain
from .batch_dialog import BatchDialog, open_batch
from .print_scope import ScopeField
from .print_tools import BatchBox, VerifyBox

# (key, label, needs a child)
DOCUMENTS = (
    ("dossier", QT_TRANSLATE_NOOP("print", "儿童档案"), True),
    ("agreement", QT_TRANSLATE_NOOP("print", "委托照护协议书（一式三份）"), True),
    ("visit-sheet", QT_TRANSLATE_NOOP("print", "走访记录表（空白，预填姓名）"), True),
    ("roster", QT_TRANSLATE_NOOP("print", "儿童花名册（内部，不得张贴）"), False),
    ("roster_public", QT_TRANSLATE_NOOP("print", "儿童关爱服务名单（张贴公示用）"), False),
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
    region_prefix: str | None = None  # roster, summary, monthly: one village

    def render(self, session: Any) -> bytes:
        public = self.doc == "roster_public"
        return printing.document(
            session,
            doc="roster" if public else self.doc,
            child_id=self.child_id,
            month=self.month,
            region_prefix=self.region_prefix,
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
        self._may_see_reports = True
        self._wanted: str | None = None  # a child asked for before the list has loaded
        row = QHBoxLayout(self)
        side = QVBoxLayout()
        side.addWidget(self._choices())
        self.batch = BatchBox(tasks, self.full_ids.isChecked)
        self.batch.progressed.connect(self.batch_progress)
        self.batch.finished.connect(self.batch_finished)
        self.batch.open_requested.connect(lambda: self.open_batch(None))
        self.batch_dialog: BatchDialog | None = None  # the open one, while it is open
        side.addWidget(self.batch)
        self.checking = VerifyBox(tasks)
        self.checking.verified.connect(self.verified)
        self.checking.failed.connect(self.failed)
        side.addWidget(self.checking)
        side.addStretch(1)
        # what the tests and the main window reach for
        self.batch_all, self.batch_cancel = self.batch.all_button, self.batch.cancel_button
        self.code, self.verdict = self.checking.code, self.checking.verdict
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
        self.hint = self.empty  # shown while no page is: what to do to see one
        row.addWidget(self.scroll, 1)
        self._doc_changed()
        for changed in (
            self.doc.currentIndexChanged,
            self.child.currentIndexChanged,
            self.month.dateChanged,
            self.scope.currentIndexChanged,
            self.full_ids.toggled,
            self.with_reports.toggled,
        ):
            changed.connect(self.clear_preview)

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
        self.scope = ScopeField()
        form.addRow(tr("print", "范围"), self.scope)
        self.full_ids = QCheckBox(tr("print", "显示完整证件号码（默认遮盖中间数字）"))
        self.full_ids.setObjectName("full_ids")
        self._own_full_ids = False
        self.full_ids.toggled.connect(self._full_ids_chosen)
        form.addRow(self.full_ids)
        self.with_reports = QCheckBox(tr("print", "包含强制报告（保密）"))
        self.with_reports.setObjectName("with_reports")
        self.with_reports.setToolTip(tr("print", "仅用于儿童档案"))
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
        self._fit_message()
        form.addRow(self.message)
        return box

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        def job(session: Any) -> tuple[list[tuple[str, str]], bool, Any, bool]:
            children = search_roster(session, filters=RosterFilter())
            return (
                [(c.id, f"{c.name}　{c.file_no or ''}") for c in children],
                printing.may_see_reports(session),
                village_choices(session),
                store_township(session) is not None,
            )

        self.tasks.run(job, self._loaded)

    def _loaded(self, result: tuple[list[tuple[str, str]], bool, Any, bool]) -> None:
        children, may_see_reports, villages, township = result
        self.scope.set_villages(villages, township=township)
        current = self._wanted or self.child.currentData()
        self.child.clear()
        for child_id, label in children:
            self.child.addItem(label, child_id)
        if current:
            self.select_child(current)
        self._may_see_reports = may_see_reports
        if not may_see_reports:
            self.with_reports.setChecked(False)
            self.with_reports.setToolTip(tr("print", "当前角色无权打印强制报告"))
        self._doc_changed()
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
        self.scope.setEnabled(key in ("roster", "roster_public", "summary", "monthly"))
        self._show_full_ids(key)
        self.with_reports.setEnabled(key == "dossier" and self._may_see_reports)

    def _show_full_ids(self, key: str) -> None:
        """The agreement prints its signers' and the child's numbers in full (they sign
        it; see the README's design notes): the box shows it ticked and fixed there, and
        gets back the user's own choice on the other documents."""
        box, agreement = self.full_ids, key == "agreement"
        box.blockSignals(True)  # not the user's choice: it is kept in _own_full_ids
        box.setChecked(True if agreement else self._own_full_ids)
        box.setEnabled(key not in ("agreement", "roster_public", "summary", "monthly"))
        box.setToolTip(
            tr("print", "协议书由各方签署，签署人和儿童的证件号码完整打印") if agreement else ""
        )
        box.blockSignals(False)

    def _full_ids_chosen(self, on: bool) -> None:
        self._own_full_ids = on

    def _fit_message(self) -> None:
        # Two lines kept for the message whether or not it says anything, so the boxes
        # below do not jump when it comes and goes.
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # 大字模式 switched on or off
            self._fit_message()
        super().changeEvent(event)

    def clear_preview(self, *_args: object) -> None:
        """A choice changed: the pages shown are no longer what would be printed."""
        self.pdf, self.pdf_request = None, None
        self._clear_pages()
        self.message.clear()

    def _clear_pages(self) -> None:
        while self.pages.count():
            widget = self.pages.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def request(self) -> Request:
        key = self.doc.currentData()
        month = self.month.date()
        return Request(
            doc=key,
            child_id=self.child.currentData() if self.child.isEnabled() else None,
            full_ids=self.full_ids.isEnabled() and self.full_ids.isChecked(),
            with_reports=self.with_reports.isEnabled() and self.with_reports.isChecked(),
            month=date(month.year(), month.month(), 1),
            region_prefix=self.scope.region_prefix() if self.scope.isEnabled() else None,
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
        if request != self.request():
            return  # the choices changed while it was made: 预览 again shows the new one
        self.pdf, self.pdf_request = pdf, request
        self._clear_pages()
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
        choose_save(self, tr("print", "另存为PDF"), suggested, "PDF (*.pdf)", self.save_to)

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

    # -- batches and checking codes (print_tools) -------------------------------------------

    def choose_batch(self, child_ids: list[str] | None) -> None:
        self.batch.choose(child_ids)

    def open_batch(self, child_ids: list[str] | None, kind: str = "agreement") -> BatchDialog:
        """批量打印: the dialog for the roster's chosen children, or by village."""
        self.batch_dialog = open_batch(self.tasks, self.window(), child_ids, kind)
        self.batch_dialog.destroyed.connect(lambda: setattr(self, "batch_dialog", None))
        return self.batch_dialog

    def start_batch(self, folder: Path, child_ids: list[str] | None = None) -> None:
        self.batch.start(folder, child_ids)

    def cancel_batch(self) -> None:
        self.batch.cancel()

    def verify(self) -> None:
        self.checking.verify()


def _blank_preview_text() -> str:
    return tr("print", "在左边选择文书和儿童，然后点击“预览”，文书就显示在这里。")
