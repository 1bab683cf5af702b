"""Table views as the app wants them: whole rows, sortable, columns remembered, and never
narrower than what they show: a column grows to fit its header and rows when the data or
the font changes (large text), so nothing reads "逾期2…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# Rows measured to fit a column (the visible ones, then more up to this many): enough to
# see the long ones, and cheap.
MEASURED_ROWS = 60
# The roster's model resets on every key typed in its search: fit once typing pauses, so a
# keystroke stays within its 50 ms (bench/ui_bench.py).
FIT_DELAY_MS = 200


def list_table(table: QTableView) -> None:
    """A page's plain list of records (a row is one record, found by its position):
    whole rows, one at a time, read only, the last column taking the room; no sorting,
    which would part a row from its record."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()


def configure_table(table: QTableView, key: str) -> None:
    """Rows select whole; the column layout the user leaves is restored next time."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)
    # Keep the order the use case gave (overdue first, highest risk first) until the
    # user clicks a column header.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(MEASURED_ROWS)
    # A column's width is measured over the rows the *vertical* header's precision allows
    # (Qt's sizeHintForColumn): without this, 1,000 rows for each column at every fit.
    table.verticalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    state = QSettings().value(f"tables/{key}")
    if state is not None and not header.restoreState(state):
        QSettings().remove(f"tables/{key}")
        state = None
    # No layout to restore: the first rows set the widths (narrow ones too); after that,
    # columns only grow to fit.
    table.setProperty("fitted", state is not None)
    model = table.model()
    if model is not None:
        timer = QTimer(table)
        timer.setSingleShot(True)
        timer.setInterval(FIT_DELAY_MS)
        timer.timeout.connect(lambda: fit_columns(table))
        # The first rows are fitted at once (nobody should see "联系（电话/…" for a moment);
        # later resets wait for typing to pause.
        model.modelReset.connect(
            lambda: timer.start() if table.property("fitted") else fit_columns(table)
        )
    table.installEventFilter(_Refitter(table))
    fit_columns(table)
    header.sectionResized.connect(lambda *_: _remember(table, key))
    header.sectionMoved.connect(lambda *_: _remember(table, key))
    header.sortIndicatorChanged.connect(lambda *_: _remember(table, key))


def show_column(table: QTableView, column: int, show: bool) -> bool:
    """Show or hide ``column``; True when it was hidden and is now shown (to be fitted)."""
    was_hidden = table.isColumnHidden(column)
    table.setColumnHidden(column, not show)
    return was_hidden and show


def row_height(table: QTableView) -> int:
    """A row as tall as the table's font needs (large text makes it taller)."""
    return table.fontMetrics().height() + 10


def fit_columns(table: QTableView) -> None:
    """Widen every column that is narrower than its header or rows; rows as tall as the font;
    then the last column takes the width left over (it is never narrower than it needs).

    Only widen: a column the user made wider stays so, and a saved layout from a smaller
    font (or before the data grew) is corrected instead of cutting the text.
    """
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    table.verticalHeader().setDefaultSectionSize(row_height(table))
    last = _last_visible(table)
    if not table.property("fitted"):
        if model.rowCount() == 0:
            return
        table.setProperty("fitted", True)
        to_contents(table)
    for column in range(model.columnCount()):
        if header.isSectionHidden(column) or column == last:
            continue
        needed = min(_needed(table, column), widest(table))
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)
    if last >= 0:
        _fill_with_last(table, last)


def to_contents(table: QTableView) -> None:
    """Every column as wide as its header and rows, the last aside no wider than ``widest``
    (a long list of categories is cut, its tooltip shows it whole)."""
    table.resizeColumnsToContents()
    header, last = table.horizontalHeader(), _last_visible(table)
    for column in range(header.count()):
        if column != last and header.sectionSize(column) > widest(table):
            header.resizeSection(column, widest(table))


def widest(table: QTableView) -> int:
    """The widest a column other than the last is made: sixteen characters. A longer text
    (several categories, a long address) is cut with "…" and shown whole in its tooltip, so
    that in large text one such column does not push the others off the screen."""
    return 16 * table.fontMetrics().horizontalAdvance("中") + 12


def _needed(table: QTableView, column: int) -> int:
    header = table.horizontalHeader()
    return max(table.sizeHintForColumn(column), header.sectionSizeHint(column))


def _last_visible(table: QTableView) -> int:
    header = table.horizontalHeader()
    for visual in reversed(range(header.count())):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            return logical
    return -1


def _fill_with_last(table: QTableView, last: int) -> None:
    """The last column stretches over what the others leave, once they have their widths.
    Resizing a stretched section by hand (as fitting does) stops its stretch until the next
    resize, so it is set again here."""
    header = table.horizontalHeader()
    needed = _needed(table, last)
    if header.stretchLastSection():
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)
    if header.sectionSize(last) < needed:  # no room left: it scrolls rather than cuts
        header.resizeSection(last, needed)


class _Refitter(QObject):
    """Refits the columns when the font changes (大字模式 switched on or off) and when the
    table is resized (the last column fills the new width, never below what it shows)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.resized = QTimer(self)
        self.resized.setSingleShot(True)
        self.resized.setInterval(0)  # once per burst of resize events
        self.resized.timeout.connect(lambda: fit_columns(table))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            # after the header and the rows have the new font too (the order Qt tells the
            # widgets of a new application font in is not fixed)
            QTimer.singleShot(0, self._refit)
        elif event.type() == QEvent.Type.Resize and self.table.property("fitted"):
            self.resized.start()
        return False

    def _refit(self) -> None:
        if self.table.property("fitted"):
            to_contents(self.table)
        fit_columns(self.table)


def _remember(table: QTableView, key: str) -> None:
    QSettings().setValue(f"tables/{key}", table.horizontalHeader().saveState())


def height_to_rows(table: QTableView, *, least: int = 1, most: int = 4) -> None:
    """Keep ``table`` as tall as its rows (``least`` to ``most`` of them; beyond, it scrolls),
    in the current font: a short list should not take the height its neighbours need."""
    model = table.model()
    fit = _RowHeight(table, least, most)
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(fit.update)
    fit.update()


class _RowHeight(QObject):
    def __init__(self, table: QTableView, least: int, most: int) -> None:
        super().__init__(table)
        self.table, self.least, self.most = table, least, most
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self.update)  # once the rows have their new height
        return False

    def update(self, *_args: object) -> None:
        table = self.table
        rows = min(max(table.model().rowCount(), self.least), self.most)
        table.verticalHeader().setDefaultSectionSize(row_height(table))
        bar = table.horizontalScrollBar()
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows * row_height(table)
            + 2 * table.frameWidth()
            + (bar.sizeHint().height() if bar.isVisible() else 0)
        )
        table.setFixedHeight(height)
