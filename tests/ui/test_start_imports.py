"""The start imports only what the first screen needs (issue 19): the unlocked main window
with its worklist, in a fresh process, has not imported the print chain (reportlab, PDFium),
openpyxl, nor requests (the sync client's HTTP, imported for the first sync), and has made
only its first screen's pages; the print chain loads on the first print, which then works
from that same window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from childcare_desktop.services import demo
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.slow

LAZY = ("reportlab", "openpyxl", "pypdfium2", "requests", "urllib3")

# The app as it starts: unlocked through its window, the worklist shown; then the modules
# it holds; then a child's dossier printed through 打印…'s dialog, to a PDF file.
PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from childcare_desktop.ui.app import build_app

def wait(signal=None, until=None):
    loop = QEventLoop()
    if signal is not None:
        signal.connect(loop.quit)
    if until is not None:
        poll = QTimer(loop)
        poll.timeout.connect(lambda: until() and loop.quit())
        poll.start(10)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()

store, passphrase, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app, controller = build_app(["test"])
controller.start(store, demo=False)
controller.unlock.passphrase.setText(passphrase)
controller.unlock.unlock_button.click()
wait(controller.main_shown)
main = controller.main
wait(until=lambda: not main.workbench.stale and main.workbench.model.rowCount() > 0)
app.processEvents()
at_start = sorted({name.split(".")[0] for name in sys.modules})
made = sorted(main.built)
child = main.workbench.model.record(0).child_id
main.print_child(child)
view = main.printing
wait(until=lambda: not view.stale and view.child.currentData() == child)
view.preview_button.click()
wait(view.rendered)
view.print_button.click()
wait(until=lambda: view.print_dialog is not None and view.print_dialog.isVisible())
dialog = view.print_dialog
[name] = [w for w in dialog.findChildren(QLineEdit) if w.objectName() == "filename"]
name.setText(out)
[box] = dialog.findChildren(QDialogButtonBox)
box.button(QDialogButtonBox.StandardButton.Ok).click()
wait(view.printed)
print(json.dumps({"at_start": at_start, "made": made, "pages": view.pages.count()}))
controller.tasks.shutdown()
"""


def test_the_first_screen_imports_no_print_chain_openpyxl_nor_requests_and_then_prints(
    store_path: Path, tmp_path: Path
) -> None:
    from childcare_desktop.storage.store import open_store

    store = open_store(store_path, PASSPHRASE, actor="测试员")
    with store.session() as session:
        demo.build_demo_village(session, children=20, seed=3)
    store.close()
    printed = tmp_path / "printed.pdf"
    env: dict[str, Any] = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.update(XDG_CONFIG_HOME=str(tmp_path), CHILDCARE_LOG_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store_path), PASSPHRASE, str(printed)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "sqlalchemy" in report["at_start"]  # the probe did see the unlocked store's modules
    assert [name for name in LAZY if name in report["at_start"]] == []
    assert report["made"] == ["settings", "workbench"]  # the other pages on first use
    assert report["pages"] >= 1
    assert len(PdfReader(printed).pages) == report["pages"]
