"""Names and notes that arrive by sync are shown as typed, never rendered as markup.

The rows go into the store raw, as a pulled page would write them (capture standing
aside, no name check), then every label of every screen that shows the child is read.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from tests.conftest import VILLAGE
from tests.ui.conftest import run

CHILD_NAME = "<b>粗</b>小明"
NOTES = "<img src=x>备注"
MEMBER = "<i>斜</i>父亲"
CARER = '<a href="x">链接</a>奶奶'
FINDINGS = "<h1>大字</h1>走访"
MARKUP = (CHILD_NAME, NOTES, MEMBER, CARER, FINDINGS)


def _plant(session: Any) -> str:
    """A child with markup everywhere, written as sync writes (see test_security)."""
    conn = session.connection()
    child = str(uuid.uuid4())
    conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")
    conn.exec_driver_sql(
        "INSERT INTO child (id, region_code, name, sex, notes, registered_on, birth_date) "
        "VALUES (?, ?, ?, 'male', ?, date('now', '-40 days'), '2016-03-01')",
        (child, VILLAGE, CHILD_NAME, NOTES),
    )
    rows = (
        ("category_membership (id, child_id, region_code, category, recognized_on)",
         "?, ?, ?, 'left_behind', date('now', '-40 days')", ()),
        ("family_member (id, child_id, region_code, relation, name, notes)",
         "?, ?, ?, 'father', ?, ?", (MEMBER, NOTES)),
        ("carer (id, child_id, region_code, relation, name, notes)",
         "?, ?, ?, 'paternal_grandmother', ?, ?", (CARER, NOTES)),
        ("visit (id, child_id, region_code, visited_on, mode, visitor, findings)",
         "?, ?, ?, date('now', '-3 days'), 'home', ?, ?", (MEMBER, FINDINGS)),
    )  # fmt: skip
    for table, values, extra in rows:
        conn.exec_driver_sql(
            f"INSERT INTO {table} VALUES ({values})", (str(uuid.uuid4()), child, VILLAGE, *extra)
        )
    conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")
    return child


def _labels(main: Any) -> list[QLabel]:
    """Every label of the app's windows and open dialogs (the 同步 page aside: its owner
    checks it)."""
    found = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and not _inside(widget, main.sync):
            found.append(widget)
    return found


def _inside(widget: QWidget, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def _renders_markup(label: QLabel) -> bool:
    fmt = label.textFormat()
    rich = fmt == Qt.TextFormat.RichText
    auto = fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text())
    return rich or auto


def _plain_widgets_text(widget: QWidget) -> str:
    """What an editor or a choice shows: plain text by nature (counted as seen)."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return " ".join(widget.itemText(i) for i in range(widget.count()))
    return ""


def _check(main: Any, seen: set[str]) -> None:
    for widget in QApplication.allWidgets():
        text = _plain_widgets_text(widget)
        seen.update(m for m in MARKUP if m in text)
    for label in _labels(main):
        assert not _renders_markup(label), (label.objectName(), label.text())
        seen.update(m for m in MARKUP if m in label.text())
    for table in main.findChildren(QTableView):
        model = table.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and any(m in text for m in MARKUP):
                    seen.update(m for m in MARKUP if m in text)
                    assert tip is None or tip == GuiQt.convertFromPlainText(text), tip


def test_no_label_renders_markup_from_synced_records(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, _plant)
    seen: set[str] = set()

    main.refresh_all(None)
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.show_page("workbench")
        main.workbench.refresh()
    _check(main, seen)

    with qtbot.waitSignal(main.roster.loaded, timeout=10_000):
        main.search_roster()
    _check(main, seen)

    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(child)
    for key in main.file.sections.keys:
        main.file.sections.show_part(key)
        _check(main, seen)

    opened: list[Any] = []
    main.file.dialog_opened.connect(opened.append)
    for key in ("visit", "assess", "report", "exit"):
        main.file.action_buttons[key].click()
    for records in (main.file.family, main.file.carers, main.file.visits):
        records.table.selectRow(0)
        next(iter(records.buttons.values())).click()  # 修改 / 更正 on the planted row
    main.file.agreements.buttons["起草协议"].click()
    assert len(opened) == 8
    _check(main, seen)
    for dialog in opened:
        dialog.reject()

    main.print_child(child)
    view = main.printing
    qtbot.waitUntil(lambda: not view.stale and view.child.currentData() == child, timeout=10_000)
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        view.preview_button.click()
    _check(main, seen)
    assert view.child.currentText().startswith(CHILD_NAME)  # a combo box: plain anyway

    assert seen == set(MARKUP)  # every planted text was on some screen that was read
