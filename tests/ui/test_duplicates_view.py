"""疑似重复: the supervisor compares two files side by side and merges them field by
field, or marks them as different children, clicking the real buttons."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton
from sqlalchemy import select

from childcare_desktop.services import duplicates
from childcare_desktop.services.common import is_active
from childcare_desktop.storage.models import AuditEntry, Child, DuplicateCase, DuplicateDecision
from childcare_desktop.ui.main_window import PAGES
from tests.factories import make_child, years_ago
from tests.ui.conftest import run

BIRTH = years_ago(9, 5)


def _case(session: Any) -> tuple[str, str]:
    """Two files of one girl, as two villages wrote them (the county found the pair)."""
    one = make_child(session, name="刘小雨", sex="female", id_number=None, birth_date=BIRTH)
    two = make_child(session, name="刘小雨", sex="female", id_number=None, birth_date=BIRTH)
    first, second = sorted((one.id, two.id))  # a case names its files in id order
    a, b = session.get(Child, first), session.get(Child, second)
    a.phone = "13900001111"
    b.phone, b.current_address = "13900002222", "桃园村三组"
    session.add(
        DuplicateCase(
            id="case1",
            child_a=first,
            child_b=second,
            region_a=a.region_code,
            region_b=b.region_code,
            reason="name_birth",
            opened_ms=1,
            decidable=True,
        )
    )
    return first, second


def _open_comparison(qtbot: Any, main: Any) -> Any:
    main.show_page("duplicates")
    view = main.duplicates
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=10_000)
    qtbot.mouseClick(view.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=10_000)
    return view.dialog


def _click(qtbot: Any, dialog: Any, name: str) -> None:
    button = dialog.findChild(QRadioButton, name) or dialog.findChild(
        type(dialog.merge_button), name
    )
    assert button is not None, name
    if name.startswith("take_"):  # a row further down: scroll to it as a user would
        row = [r.field for r in dialog.rows].index(name[5:-2])
        dialog.table.scrollToItem(dialog.table.item(row, 0))
        qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def _shot(widget: Any, name: str) -> None:
    folder = os.environ.get("DUPLICATES_SHOTS")  # under xvfb: look at what is built
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def test_merge_field_by_field_from_the_side_by_side_dialog(qtbot: Any, main: Any) -> None:
    a, b = run(qtbot, main, _case)
    assert main.nav.item(PAGES.index("duplicates")).isHidden()  # a director: no 疑似重复 page
    dialog = _open_comparison(qtbot, main)
    rows = {dialog.table.item(i, 0).text(): i for i in range(dialog.table.rowCount())}
    assert any(label.endswith("≠") for label in rows)  # differences marked
    assert dialog.findChild(QRadioButton, "take_name_b") is None  # the same either way
    assert dialog.table.item(0, 0).text().endswith("≠")  # what differs comes first
    _shot(main, "duplicates-view.png")
    _shot(dialog, "duplicates-dialog.png")
    _click(qtbot, dialog, "keep_a")
    _click(qtbot, dialog, "take_phone_b")
    _click(qtbot, dialog, "merge")
    qtbot.waitUntil(lambda: "已合并" in main.duplicates.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: main.duplicates.table.rowCount() == 0, timeout=10_000)

    def check(session: Any) -> Any:
        kept, other = session.get(Child, a), session.get(Child, b)
        decision = session.scalars(select(DuplicateDecision)).one()
        actions = session.scalars(select(AuditEntry.action)).all()
        return (
            kept.phone,
            kept.current_address,
            is_active(session, b),
            (decision.child_id, decision.other_id, decision.outcome.value),
            other.name,
            "duplicate_merged" in actions,
            duplicates.merged_files(session, child_id=a),
        )

    phone, address, other_active, decision, other_name, audited, linked = run(qtbot, main, check)
    assert phone == "13900002222"  # B's, chosen
    assert address == "桃园村三组"  # A had none: B's by default
    assert not other_active and other_name == "刘小雨"  # left the roster, still there
    assert decision == (a, b, "merged") and audited and linked == [b]


def test_mark_as_different_children(qtbot: Any, main: Any) -> None:
    a, b = run(qtbot, main, _case)
    dialog = _open_comparison(qtbot, main)
    _click(qtbot, dialog, "distinct")
    qtbot.waitUntil(lambda: "不是同一人" in main.duplicates.message.text(), timeout=10_000)

    def check(session: Any) -> Any:
        d = session.scalars(select(DuplicateDecision)).one()
        return d.outcome.value, is_active(session, a), is_active(session, b)

    assert run(qtbot, main, check) == ("distinct", True, True)
    assert main.duplicates.table.rowCount() == 0
