"""打印 in the app: preview, print, save, batches with cancel, and checking an agreement code."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from sqlalchemy import text

from childcare_desktop.core.printing import qr_payload
from childcare_desktop.services import agreements, family, printing
from tests.factories import make_child
from tests.ui.conftest import run


def children(qtbot: Any, main: Any, count: int) -> list[str]:
    def job(session: Any) -> list[str]:
        return [make_child(session, name=f"李<小>&明{i}").id for i in range(count)]

    made = run(qtbot, main, job)
    main._mark_stale()
    return made


def show_print_page(qtbot: Any, main: Any, child_id: str | None = None) -> Any:
    view = main.printing
    if child_id is None:
        main.show_page("print")
    else:
        main.print_child(child_id)
    qtbot.waitUntil(lambda: not view.stale and view.child.count() > 0, timeout=10_000)
    return view


def printed(qtbot: Any, main: Any) -> list[str]:
    def job(session: Any) -> list[str]:
        rows = session.execute(text("SELECT detail FROM audit_log WHERE action = 'printed'"))
        return list(rows.scalars())

    return run(qtbot, main, job)


def test_the_file_view_opens_the_print_page_and_the_preview_shows_every_page(
    qtbot: Any, main: Any
) -> None:
    child_id = children(qtbot, main, 1)[0]
    view = show_print_page(qtbot, main, child_id)
    assert main.current_page() == "print"
    assert view.child.currentData() == child_id  # chosen even before the list had loaded
    with qtbot.waitSignal(view.rendered, timeout=20_000) as shown:
        view.preview_button.click()
    assert shown.args[0] >= 1 and view.pages.count() == shown.args[0]
    assert PdfReader(_bytes(view.pdf)).pages[0].extract_text().count("李<小>&明0") >= 1
    assert len(printed(qtbot, main)) == 1


def test_print_to_a_printer_and_save_as_pdf(qtbot: Any, main: Any, tmp_path: Path) -> None:
    """打印… opens the system's print dialog; its 打印 button prints every page (to a PDF
    file here: the dialog's own file field). It raised on every click on PySide6 6.11
    while this test called the method behind it (issue 14)."""
    child_id = children(qtbot, main, 1)[0]
    view = show_print_page(qtbot, main, child_id)
    with qtbot.waitSignal(view.rendered, timeout=20_000) as shown:
        view.preview_button.click()
    view.print_button.click()
    qtbot.waitUntil(
        lambda: view.print_dialog is not None and view.print_dialog.isVisible(),
        timeout=10_000,
    )
    dialog = view.print_dialog
    assert dialog is not None
    (name,) = [w for w in dialog.findChildren(QLineEdit) if w.objectName() == "filename"]
    name.setText(str(tmp_path / "printer.pdf"))
    (box,) = dialog.findChildren(QDialogButtonBox)
    with qtbot.waitSignal(view.printed, timeout=30_000) as sent:
        box.button(QDialogButtonBox.StandardButton.Ok).click()
    assert sent.args[0] == shown.args[0]
    assert len(PdfReader(tmp_path / "printer.pdf").pages) == shown.args[0]
    target = tmp_path / "saved" / "档案.pdf"
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.save_to(target)
    assert target.read_bytes() == view.pdf  # the document previewed, not a new one
    assert len(printed(qtbot, main)) == 1


def test_reports_are_offered_only_to_roles_that_may_see_them(qtbot: Any, main: Any) -> None:
    from childcare_desktop.storage import settings

    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    assert view.with_reports.isEnabled()  # a director
    run(qtbot, main, lambda s: settings.write(s, settings.ROLE, "volunteer"))
    view.stale = True
    main.show_page("workbench")
    main.show_page("print")
    qtbot.waitUntil(lambda: not view.stale, timeout=10_000)
    assert not view.with_reports.isEnabled() and not view.request().with_reports


def test_a_batch_writes_one_pdf_per_child_and_can_be_cancelled(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    made = children(qtbot, main, 4)
    view = show_print_page(qtbot, main)
    with qtbot.waitSignal(view.batch_finished, timeout=60_000) as finished:
        view.start_batch(tmp_path / "all", made)
    assert not finished.args[0].cancelled
    assert len(list((tmp_path / "all").glob("*-儿童档案.pdf"))) == 4
    assert not any("李" in p.name for p in (tmp_path / "all").iterdir())

    view.batch_progress.connect(lambda done, total: view.cancel_batch())
    with qtbot.waitSignal(view.batch_finished, timeout=60_000) as finished:
        view.start_batch(tmp_path / "some", made)
    result = finished.args[0]
    assert result.cancelled and len(result.written) == 1
    assert [p.name for p in (tmp_path / "some").iterdir()] == [result.written[0].name]
    assert view.batch_all.isEnabled() and not view.batch_cancel.isEnabled()


def test_checking_an_agreement_code(qtbot: Any, main: Any) -> None:
    child_id = children(qtbot, main, 1)[0]

    def make_agreement(session: Any) -> str:
        father = family.add_family_member(
            session, child_id=child_id, relation="father", name="李父"
        )
        carer = family.add_carer(
            session, child_id=child_id, name="王奶奶", relation="paternal_grandmother"
        )
        draft = agreements.draft_agreement(
            session,
            child_id=child_id,
            carer_id=carer.id,
            principal_id=father.id,
            start_date=date.today() - timedelta(days=30),
            end_date=date.today() + timedelta(days=300),
        )
        return qr_payload(printing.agreement_document(session, agreement_id=draft.id))

    payload = run(qtbot, main, make_agreement)
    view = show_print_page(qtbot, main)
    view.code.setText(payload)
    with qtbot.waitSignal(view.verified, timeout=10_000) as checked:
        view.verify()
    assert checked.args[0].status == "match" and "一致" in view.verdict.text()
    view.code.setText("随便什么")
    with qtbot.waitSignal(view.failed, timeout=10_000):
        view.verify()
    assert "二维码" in view.verdict.text()


def _bytes(pdf: bytes | None) -> Any:
    import io

    assert pdf is not None
    return io.BytesIO(pdf)
