"""Save dialogs start in the user's documents folder (issue 14), not wherever the program
was started: one helper (``ui.file_dialogs``) opens them all, window-modal without blocking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from tests.ui.test_print_view import children, show_print_page


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of its own with a documents folder in it (as on Windows)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    return home / "Documents"


def file_dialog(qtbot: Any, parent: Any) -> QFileDialog:
    def shown() -> QFileDialog | None:
        found = [d for d in parent.findChildren(QFileDialog) if d.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=5_000)
    dialog = shown()
    assert dialog is not None and dialog.isModal()
    return dialog


def save_in(dialog: QFileDialog, name: str) -> None:
    """Type the name into the dialog's file field and press its 保存 button."""
    (field,) = [w for w in dialog.findChildren(QLineEdit) if w.objectName() == "fileNameEdit"]
    field.setText(name)
    (box,) = dialog.findChildren(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Save).click()


def test_save_as_pdf_starts_in_documents(qtbot: Any, main: Any, documents: Path) -> None:
    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    view.save_button.click()
    dialog = file_dialog(qtbot, view)
    assert Path(dialog.directory().absolutePath()) == documents
    assert dialog.selectedFiles()[0].endswith(".pdf")  # a name is offered
    with qtbot.waitSignal(view.saved, timeout=20_000) as saved:
        save_in(dialog, "档案.pdf")
    assert saved.args[0] == documents / "档案.pdf"
    assert (documents / "档案.pdf").read_bytes().startswith(b"%PDF")


def test_backup_and_export_start_in_documents(qtbot: Any, main: Any, documents: Path) -> None:
    main.show_page("settings")
    view = main.settings
    view.backup_button.click()
    dialog = file_dialog(qtbot, view)
    assert Path(dialog.directory().absolutePath()) == documents
    save_in(dialog, "备份.db")
    qtbot.waitUntil(lambda: "已备份" in view.message.text(), timeout=20_000)
    assert (documents / "备份.db").exists()

    view.export_json_button.click()
    dialog = file_dialog(qtbot, view)
    assert Path(dialog.directory().absolutePath()) == documents
    dialog.reject()  # 取消: nothing written
    assert view.export_json_button.isEnabled()


def test_the_batch_folder_starts_in_documents(qtbot: Any, main: Any, documents: Path) -> None:
    view = show_print_page(qtbot, main, children(qtbot, main, 1)[0])
    view.batch_all.click()
    dialog = file_dialog(qtbot, view)
    assert Path(dialog.directory().absolutePath()) == documents
    assert dialog.fileMode() == QFileDialog.FileMode.Directory
    dialog.reject()
