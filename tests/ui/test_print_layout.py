"""The print page holds still (issue 14): choosing 儿童档案 once put 包含强制报告（保密） where
预览 had been, and a click meant for 预览 ticked the confidential box. A preview shown is
always the document the choices say."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.test_print_view import children, show_print_page


def place(view: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def test_the_buttons_and_options_never_move_whatever_the_document(qtbot: Any, main: Any) -> None:
    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    widgets = (
        view.preview_button,
        view.print_button,
        view.save_button,
        view.with_reports,
        view.batch_all,
    )
    seen = []
    for index in [*range(view.doc.count()), 0]:
        view.doc.setCurrentIndex(index)
        view.message.setText("共 3 页。" if index % 2 else "")  # a message comes and goes
        for _ in range(3):  # the nested layouts settle through posted layout requests
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        seen.append(tuple(place(view, w) for w in widgets))
        assert view.with_reports.isVisible()  # greyed where it does not apply, never hidden
        assert view.with_reports.isEnabled() == (view.doc.currentData() == "dossier")
    assert len(set(seen)) == 1, seen


def test_the_preview_is_cleared_when_a_choice_changes(qtbot: Any, main: Any) -> None:
    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    assert view.hint.is_showing() and view.pages.count() == 0  # 选择后点击预览
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.preview_button.click()
    assert view.pages.count() >= 1
    qtbot.waitUntil(lambda: not view.hint.is_showing(), timeout=5_000)

    view.doc.setCurrentIndex(view.doc.findData("roster"))
    assert view.pages.count() == 0 and view.pdf is None
    qtbot.waitUntil(view.hint.is_showing, timeout=5_000)

    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.preview_button.click()
    view.full_ids.click()
    assert view.pages.count() == 0 and view.pdf is None

    # a preview still being made when a choice changes is not shown when it arrives
    view.preview_button.click()
    view.doc.setCurrentIndex(view.doc.findData("summary"))
    qtbot.waitUntil(lambda: not main.tasks.busy, timeout=20_000)
    assert view.pages.count() == 0
    qtbot.waitUntil(view.hint.is_showing, timeout=5_000)
