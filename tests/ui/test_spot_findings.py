"""工作台: a county spot-check finding (县级抽查问题) the server sent shows on the worklist
as an item to fix on the child's file; 办理 asks, and 已整改 marks it: it leaves the
worklist and waits to be sent to the county."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.storage import spot_findings as kept
from tests.factories import make_child
from tests.ui.conftest import run

FINDING = "0123456789abcdef0123456789abcdef"


def _served(session: Any, child_id: str) -> int:
    """What a hello's answer would leave in the store (the sync's own function)."""
    drawn = (date.today() - timedelta(days=3)).isoformat()
    finding = {
        "id": FINDING,
        "child": child_id,
        "item": "visits",
        "label": "走访按时",
        "note": "半年未入户",
        "drawn": drawn,
    }
    return kept.receive(session.connection(), [finding], [])


def _findings(main: Any) -> list[Any]:
    return [i for i in main.workbench.model.records if i.kind is WorkKind.SPOT_FINDING]


def test_a_finding_shows_on_the_worklist_and_is_marked_fixed(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="李四", categories=["poverty"]))
    assert run(qtbot, main, lambda s: _served(s, child.id)) == 1
    view = main.workbench
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    (item,) = _findings(main)
    row = view.model.records.index(item)
    shown = [view.model.data(view.model.index(row, c)) for c in range(view.model.columnCount())]
    assert "县级抽查问题" in shown and "走访按时：半年未入户" in shown and "待整改" in shown
    assert item.child_id == child.id
    view.kind.setCurrentIndex(view.kind.findData("findings"))
    assert view.model.records == [item]
    view.table.selectRow(0)
    view.do_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert "李四" in box.text() and "半年未入户" in box.text()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        next(b for b in box.buttons() if b.objectName() == "fixed").click()
    assert _findings(main) == []
    marked = run(qtbot, main, lambda s: kept.marked(s.connection()))
    assert list(marked) == [FINDING]  # to be sent at the next sync
    history = run(
        qtbot,
        main,
        lambda s: (
            s.connection()
            .exec_driver_sql("SELECT action FROM audit_log WHERE child_id = ?", (child.id,))
            .scalars()
            .all()
        ),
    )
    assert "spot_finding_fixed" in history
