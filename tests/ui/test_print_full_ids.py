"""The agreement prints its signers' and the child's ID numbers in full: the print page's
box says so there (ticked, fixed, with the reason), and keeps the user's own choice for
the other documents."""

from __future__ import annotations

from typing import Any

from tests.ui.test_print_view import children, show_print_page


def test_the_full_ids_box_tells_the_truth_for_each_document(qtbot: Any, main: Any) -> None:
    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    box = view.full_ids
    view.doc.setCurrentIndex(view.doc.findData("dossier"))
    assert box.isEnabled() and not box.isChecked()
    view.doc.setCurrentIndex(view.doc.findData("agreement"))
    assert box.isChecked() and not box.isEnabled() and "完整打印" in box.toolTip()
    view.doc.setCurrentIndex(view.doc.findData("dossier"))
    assert box.isEnabled() and not box.isChecked()  # the user's choice: masked
    assert not view.request().full_ids
    box.click()
    view.doc.setCurrentIndex(view.doc.findData("agreement"))
    view.doc.setCurrentIndex(view.doc.findData("roster"))
    assert box.isEnabled() and box.isChecked() and view.request().full_ids
    view.doc.setCurrentIndex(view.doc.findData("summary"))
    assert not box.isEnabled() and not view.request().full_ids
