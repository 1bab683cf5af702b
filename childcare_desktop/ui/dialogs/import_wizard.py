"""从 Excel 导入台账: open a workbook, pick the sheet, check the column mapping, try the
import (nothing kept), import, and save the row-by-row report.

Reading the file and importing run on the network thread (``Tasks.run_beside``): a
5,000-row ledger takes a while, and the window keeps answering. The wizard is modal, so
nothing else edits the store meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...core.errors import DomainError
from ...core.vocab import Category
from ...services import ledger_import, ledger_report
from ...services.ledger_import import ImportReport, Outcome, Preview
from ..file_dialogs import choose_open, choose_save
from ..i18n import error_text, tr
from ..tasks import BackgroundJob, Cancelled, Tasks
from ..widgets.fit import keep_on_screen, room
from ..widgets.labels import plain
from ..widgets.wheel import guard_wheel
from .import_village import VillageRow

SHOWN_ROWS = 2000  # the table shows the rows that need a look first; the saved report has all


class _Progress(ledger_import.Progress):
    def __init__(self, job: BackgroundJob) -> None:
        self.job = job

    def report(self, done: int, total: int, note: str = "") -> None:
        self.job.progress(done, total)

    def cancelled(self) -> bool:
        return self.job.cancelled


class ImportWizard(QWizard):
    """The import, step by step. Signals say when each background step has finished."""

    previewed = Signal()
    checked = Signal()
    imported = Signal(object)  # the ImportReport of the real import
    failed = Signal(str)

    def __init__(
        self, tasks: Tasks, parent: QWidget | None = None, township: str | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.township = township  # a supervisor's store: rows are filed under a village
        self.setObjectName("import_wizard")
        self.setWindowTitle(tr("import", "从 Excel 导入台账"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        # The last page imports: once done, 完成 is the only way out (its own 取消导入
        # button stops an import under way).
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        fits = room(self)
        self.resize(min(980, fits.width()), min(640, fits.height()))
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.report: ImportReport | None = None
        self._job: BackgroundJob | None = None
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.check_page = _RunPage(self, dry_run=True)
        self.done_page = _RunPage(self, dry_run=False)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("import", "完成"))

    # -- background steps ---------------------------------------------------------------

    def open_file(self, path: Path, sheet: str | None = None) -> None:
        """Read the workbook's sheets and header (the file chooser ends here too)."""
        self.path = Path(path)
        self.file_page.show_path(self.path)
        self.file_page.say(tr("import", "正在读取…"))

        def work(job: BackgroundJob) -> Preview:
            return ledger_import.preview(Path(path), sheet=sheet)

        self._job = self.tasks.run_beside(work, self._previewed, self._failed)

    def _previewed(self, preview: Preview) -> None:
        self._job = None
        self.preview = preview
        self.file_page.show_preview(preview)
        self.mapping_page.show_columns(preview)
        self.previewed.emit()

    def mapping(self) -> dict[str, str | None]:
        return self.mapping_page.mapping()

    def run_import(self, *, dry_run: bool) -> None:
        assert self.path is not None and self.preview is not None
        page = self.check_page if dry_run else self.done_page
        path, sheet, mapping = self.path, self.preview.header.sheet, self.mapping()
        category, village = self.mapping_page.category(), self.mapping_page.village()

        def work(job: BackgroundJob) -> ImportReport:
            with job.store().session() as session:
                return ledger_import.import_ledger(
                    session,
                    path,
                    sheet=sheet,
                    mapping=mapping,
                    dry_run=dry_run,
                    progress=_Progress(job),
                    category=category,
                    village=village,
                )

        page.started()
        self._job = self.tasks.run_beside(
            work,
            lambda report: self._ran(page, report),
            lambda error: self._run_failed(page, error),
            page.progressed,
        )

    def _ran(self, page: _RunPage, report: ImportReport) -> None:
        self._job = None
        self.report = report
        page.show_report(report)
        if report.dry_run:
            self.checked.emit()
        else:
            self.imported.emit(report)

    def _run_failed(self, page: _RunPage, error: Exception) -> None:
        self._job = None
        text = (
            tr("import", "已取消，没有导入任何内容")
            if isinstance(error, Cancelled | ledger_import.ImportCancelled)
            else _error(error)
        )
        page.failed(text)
        self.failed.emit(text)

    def _failed(self, error: Exception) -> None:
        self._job = None
        self.preview = None
        text = _error(error)
        self.file_page.say(text, error=True)
        self.file_page.completeChanged.emit()
        self.failed.emit(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        keep_on_screen(self)

    def cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel.set()

    def reject(self) -> None:
        self.cancel_job()  # a running import is rolled back: nothing is half imported
        super().reject()

    def save_report(self, target: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        if target is None:  # asked for; saved when chosen
            report = self.report
            choose_save(
                self,
                tr("import", "保存导入报告"),
                "导入报告.xlsx",
                tr("import", "Excel 文件 (*.xlsx)"),
                lambda chosen: ledger_report.save_report(report, chosen),
            )
            return None
        return ledger_report.save_report(self.report, target)


def _error(error: Exception) -> str:
    return error_text(error) if isinstance(error, DomainError) else str(error)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("选择台账文件"))
        self.setSubTitle(
            self.tr(
                "支持 Excel 2007 及以上的 .xlsx 文件；旧版 .xls 请先在 Excel 或 WPS 中另存为 .xlsx。"
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText(self.tr("输入或粘贴文件路径后按回车，或点击“选择文件…”"))
        self.path.returnPressed.connect(self._typed)
        choose = QPushButton(self.tr("选择文件…"))
        choose.setObjectName("choose_file")
        choose.clicked.connect(self.choose)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(plain(QLabel(self.tr("工作表"))))
        self.sheets = QComboBox()
        guard_wheel(self.sheets)
        self.sheets.setObjectName("sheets")
        self.sheets.activated.connect(self._sheet_chosen)
        sheet_row.addWidget(self.sheets, 1)
        layout.addLayout(sheet_row)
        self.status = plain(QLabel())
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def choose(self) -> None:
        choose_open(
            self, self.tr("选择台账文件"), self.tr("Excel 文件 (*.xlsx)"), self.wizard_.open_file
        )

    def _typed(self) -> None:
        typed = Path(self.path.text().strip().strip('"'))
        if typed.is_file():
            self.wizard_.open_file(typed)
        else:
            self.say(self.tr("找不到这个文件，请检查路径：{path}").format(path=typed), error=True)

    def _sheet_chosen(self, index: int) -> None:
        if self.wizard_.path is not None:
            self.wizard_.open_file(self.wizard_.path, self.sheets.itemText(index))

    def show_path(self, path: Path) -> None:
        self.path.setText(str(path))

    def show_preview(self, preview: Preview) -> None:
        self.sheets.clear()
        self.sheets.addItems(list(preview.sheets))
        self.sheets.setCurrentText(preview.header.sheet)
        header = preview.header
        mapped = sum(1 for c in header.columns if c.target is not None)
        rows = (
            self.tr("表头在第{first}行").format(first=header.first_row)
            if header.first_row == header.last_row
            else self.tr("表头在第{first}-{last}行").format(
                first=header.first_row, last=header.last_row
            )
        )
        self.say(
            self.tr("{rows}，识别出 {mapped} 列（共 {total} 列），约 {count} 行数据。").format(
                rows=rows,
                mapped=mapped,
                total=len(header.columns),
                count=preview.rows,
            )
        )
        self.completeChanged.emit()

    def say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.setStyleSheet("color: #b00020;" if error else "")

    def isComplete(self) -> bool:
        return self.wizard_.preview is not None


class _MappingPage(QWizardPage):
    """Each column: its header, a sample value, and the field it goes to (adjustable)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("核对列对照"))
        self.setSubTitle(self.tr("请核对每一列导入到哪一项；不需要的列选“不导入”。"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("mapping")
        self.table.setHorizontalHeaderLabels(
            [self.tr("列"), self.tr("表头"), self.tr("示例"), self.tr("导入为")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(plain(QLabel(self.tr("没有填写儿童类别的行记为"))))
        self.default_category = guard_wheel(QComboBox())
        self.default_category.setObjectName("default_category")
        self.default_category.addItem(self.tr("不设置类别"), None)
        for category in Category:
            self.default_category.addItem(category.label, category.value)
        row.addWidget(self.default_category)
        self.category_hint = plain(QLabel())
        self.category_hint.setObjectName("category_hint")
        self.category_hint.setWordWrap(True)
        row.addWidget(self.category_hint, 1)
        layout.addLayout(row)
        self.village_row = VillageRow(wizard.tasks, wizard.township)
        layout.addWidget(self.village_row)
        self.combos: dict[str, QComboBox] = {}
        self.detected: dict[str, str | None] = {}

    def show_columns(self, preview: Preview) -> None:
        choices = ledger_import.choices()
        self.table.setRowCount(len(preview.header.columns))
        self.combos.clear()
        self.detected.clear()
        for row, column in enumerate(preview.header.columns):
            self.table.setItem(row, 0, QTableWidgetItem(column.letter))
            self.table.setItem(row, 1, QTableWidgetItem(column.title))
            self.table.setItem(row, 2, QTableWidgetItem(preview.samples.get(column.index, "")))
            combo = guard_wheel(QComboBox())  # the table scrolls; a mapping changes by hand
            combo.addItem(self.tr("不导入") + (f"（{column.note}）" if column.note else ""), None)
            current = column.target.key if column.target else None
            if column.target is not None and column.target.tick is not None:
                combo.addItem(column.target.label, current)
            for key, label in choices:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            self.table.setCellWidget(row, 3, combo)
            self.combos[column.letter] = combo
            self.detected[column.letter] = current
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(3, 240)
        self._offer_category(preview)

    def _offer_category(self, preview: Preview) -> None:
        named = preview.category
        self.default_category.setCurrentIndex(
            max(self.default_category.findData(named.value if named else None), 0)
        )
        self.category_hint.setText(
            self.tr("台账标题写的是“{label}”：请确认这些儿童都属于此类别。").format(
                label=named.label
            )
            if named is not None
            else ""
        )

    def village(self) -> str | None:
        return self.village_row.village()

    def category(self) -> Category | None:
        """The category given to rows that name none (None: leave them without)."""
        chosen = self.default_category.currentData()
        return Category(chosen) if chosen else None

    def mapping(self) -> dict[str, str | None]:
        """The columns whose field was changed by hand."""
        chosen = {letter: combo.currentData() for letter, combo in self.combos.items()}
        return {k: v for k, v in chosen.items() if v != self.detected.get(k)}

    def validatePage(self) -> bool:
        try:
            assert self.wizard_.preview is not None
            header = ledger_import.apply_mapping(self.wizard_.preview.header, self.mapping())
        except DomainError as error:
            self.setSubTitle(error_text(error))
            return False
        named = any(c.target and c.target.key == "child.region_code" for c in header.columns)
        missing = self.village_row.missing(named)
        if missing:
            self.setSubTitle(missing)
        return not missing


class _RunPage(QWizardPage):
    """The dry run (试导入) or the import itself, with progress and the report."""

    def __init__(self, wizard: ImportWizard, *, dry_run: bool) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.dry_run = dry_run
        self.setTitle(self.tr("试导入（不保存）") if dry_run else self.tr("导入"))
        self.setSubTitle(
            self.tr("逐行检查，结果与正式导入相同，但不保存任何内容。")
            if dry_run
            else self.tr("导入在一个事务中完成：中途取消或出错，不会留下一半。")
        )
        if not dry_run:
            self.setCommitPage(True)  # no going back once imported
        layout = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        layout.addWidget(self.progress)
        self.summary = plain(QLabel())
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("import_rows")
        self.table.setHorizontalHeaderLabels(
            [self.tr("行号"), self.tr("姓名"), self.tr("结果"), self.tr("原因或提示")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.cancel = QPushButton(self.tr("取消导入"))
        self.cancel.setObjectName("cancel_import")
        self.cancel.clicked.connect(wizard.cancel_job)
        self.save = QPushButton(self.tr("保存报告…"))
        self.save.setObjectName("save_report")
        self.save.clicked.connect(lambda: wizard.save_report())
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.wizard_.run_import(dry_run=self.dry_run)

    def started(self) -> None:
        self.finished = False
        self.progress.setRange(0, 0)
        self.summary.setText(self.tr("正在逐行检查…") if self.dry_run else self.tr("正在导入…"))
        self.table.setRowCount(0)
        self.cancel.setEnabled(True)
        self.save.setEnabled(False)
        self.completeChanged.emit()

    def progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def show_report(self, report: ImportReport) -> None:
        self.finished = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.summary.setText(ledger_report.summary_line(report))
        order = {Outcome.REJECTED: 0, Outcome.SKIPPED: 1}
        rows = sorted(report.rows, key=lambda r: (order.get(r.outcome, 2), not r.problems, r.row))
        rows = rows[:SHOWN_ROWS]
        self.table.setRowCount(len(rows))
        for index, result in enumerate(rows):
            cells = (
                str(result.row),
                result.name,
                result.outcome.label,
                "\n".join(str(p) for p in result.problems) or "；".join(result.changes),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if result.outcome is Outcome.REJECTED:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(index, col, item)
        self.table.resizeRowsToContents()
        self.table.resizeColumnToContents(2)
        self.cancel.setEnabled(False)
        self.save.setEnabled(True)
        if self.dry_run:
            self.setButtonText(QWizard.WizardButton.NextButton, self.tr("导入"))
        self.completeChanged.emit()

    def failed(self, text: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText(text)
        self.cancel.setEnabled(False)

    def isComplete(self) -> bool:
        return self.finished


def open_wizard(tasks: Tasks, parent: QWidget | None = None, **kwargs: Any) -> ImportWizard:
    wizard = ImportWizard(tasks, parent, **kwargs)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
