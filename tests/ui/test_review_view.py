"""审核 through the real window: a supervisor returns an item with a comment and approves
another on the 审核 page; a director's 工作台 shows the township's answers, the return's
comment first, and "已修改，等待复审" once the record is corrected."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import delete, select

from childcare_desktop.core.vocab import ReviewDecision, ReviewKind
from childcare_desktop.services import children
from childcare_desktop.storage import settings
from childcare_desktop.storage.models import Outbox, Review
from childcare_desktop.ui.main_window import PAGES
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import opened
from tests.ui.test_form_input import type_into
from tests.ui.test_supervisor_store import TOWNSHIP, new_township_store, save_who

VILLAGE_A = TOWNSHIP + "201"


def _seed(session: Any) -> tuple[str, str]:
    settings.write(session, settings.REVIEW_SINCE_HLC, 0)  # as after a first sync
    one = make_child(session, name="柳小溪", region_code=VILLAGE_A, categories=[])
    two = make_child(session, name="桃小园", region_code=VILLAGE_A, categories=[])
    as_received(session)
    return one.id, two.id


def as_received(session: Any) -> None:
    """The records as a director's work arrives by sync: none of it in this store's
    outbox (the supervisor's own work waits for no one's review)."""
    session.execute(delete(Outbox))


def _select(qtbot: Any, view: Any, name: str) -> None:
    rows = [r for r in range(view.model.rowCount()) if view.model.record(r).child_name == name]
    view.table.selectRow(rows[0])
    qtbot.waitUntil(view.return_button.isEnabled, timeout=5_000)


def test_the_supervisor_returns_with_a_comment_and_approves(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    main = new_township_store(qtbot, controller, tmp_path / "township.db")
    save_who(qtbot, main)
    assert not main.nav.item(PAGES.index("review")).isHidden()  # 审核 is the supervisor's
    one, two = run(qtbot, main, _seed)
    main.show_page("review")
    view = main.review
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert view.count.text() == "待审核 2 项"

    _select(qtbot, view, "柳小溪")
    dialog = opened(qtbot, main, view.return_button.click)
    assert QApplication.activeModalWidget() is dialog
    assert not dialog.ok.isEnabled()  # a return says what to correct
    type_into(qtbot, dialog.text, "户口本页未上传")
    assert dialog.ok.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        dialog.ok.click()
    assert [view.model.record(r).child_name for r in range(view.model.rowCount())] == ["桃小园"]

    _select(qtbot, view, "桃小园")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.approve_button.click()
    assert view.model.rowCount() == 0
    answers = run(
        qtbot,
        main,
        lambda s: [(r.subject_id, r.decision, r.comment, r.decided_by) for r in s.scalars(
            select(Review).order_by(Review.decided_at, Review.created_hlc)
        )],
    )  # fmt: skip
    assert answers == [
        (one, ReviewDecision.RETURNED, "户口本页未上传", "周督导"),
        (two, ReviewDecision.APPROVED, None, "周督导"),
    ]


def _answered(session: Any, child_id: str, decision: ReviewDecision, comment: str | None) -> None:
    """An answer as the director's laptop receives it from the township."""
    from childcare_desktop.services.review_items import RULES, digest
    from childcare_desktop.storage.models import Child

    child = session.get(Child, child_id)
    session.add(
        Review(
            child_id=child_id,
            region_code=child.region_code,
            subject_table="child",
            subject_id=child_id,
            subject_kind=ReviewKind.REGISTRATION,
            subject_digest=digest(child, RULES[ReviewKind.REGISTRATION].fields),
            decision=decision,
            comment=comment,
            decided_by="周督导",
            decided_at=datetime.now().replace(microsecond=0),
        )
    )


def test_the_director_s_workbench_shows_the_answers(qtbot: Any, main: Any) -> None:
    assert main.nav.item(PAGES.index("review")).isHidden()  # a director has no 审核 page
    panel = main.workbench.review_answers
    assert panel.isHidden()

    def seed(session: Any) -> str:
        back = make_child(session, name="柳小溪")
        fine = make_child(session, name="桃小园")
        _answered(session, back.id, ReviewDecision.RETURNED, "出生日期与户口本不符，请核对")
        _answered(session, fine.id, ReviewDecision.APPROVED, None)
        return back.id

    returned = run(qtbot, main, seed)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        main.workbench.refresh()
    assert panel.isVisible()
    comment = panel.findChild(object, "return_comment")
    assert comment.text() == "出生日期与户口本不符，请核对" and comment.isVisible()
    assert panel.findChild(object, "returns_head").text().startswith("审核退回 1 项")
    assert "审核通过 1 项：新登记 桃小园" in panel.findChild(object, "approvals").text()

    button = next(b for b in panel.findChildren(object) if getattr(b, "text", None) and (
        b.metaObject().className() == "QPushButton") and b.text() == "打开档案")  # fmt: skip
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        button.click()
    assert main.current_page() == "file" and main.file.file.child.id == returned

    run(qtbot, main, lambda s: children.update_child(s, child_id=returned, name="柳晓溪"))
    main.show_page("workbench")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        main.workbench.refresh()
    assert panel.findChild(object, "return_comment") is None
    assert "等待督导员复审" in panel.findChild(object, "returns_head").text()


def test_the_review_page_narrows_to_a_village_as_the_roster_does(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    main = new_township_store(qtbot, controller, tmp_path / "township.db")
    save_who(qtbot, main)

    def seed(session: Any) -> None:
        _seed(session)
        make_child(session, name="河小口", region_code=TOWNSHIP + "202", categories=[])
        as_received(session)

    run(qtbot, main, seed)
    main.show_page("review")
    view = main.review
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    assert view.village.isVisible() and view.village.count() == 3  # 全部村 and both villages
    with qtbot.waitSignal(view.village.chosen, timeout=5_000):
        view.village.setCurrentIndex(view.village.findData(TOWNSHIP + "202"))
    assert [view.model.record(r).child_name for r in range(view.model.rowCount())] == ["河小口"]
    assert view.count.text() == "待审核 1 项"
    view.refresh()  # chosen again after the page reloads (remembered, like the roster's)
    qtbot.waitSignal(view.loaded, timeout=10_000)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.village.code() == TOWNSHIP + "202"
