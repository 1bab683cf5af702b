"""Save a picture of every main screen and dialog, on a demo store, at 1366x768.

    python -m childcare_desktop.ui.screenshots OUTDIR [--language zh_CN|en]

Runs offscreen when there is no display. Settings and the demo store go to a temporary
folder, so nothing of the user's is touched. The README shows the pictures.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1366, 768)


def wait_for(signal: Any, timeout_ms: int = 15_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def capture(outdir: Path, language: str) -> list[Path]:
    from PySide6.QtCore import QSettings

    from .app import build_app
    from .views.settings_view import LANGUAGE_KEY

    QSettings().setValue(LANGUAGE_KEY, language)
    _app, controller = build_app([sys.argv[0]])
    saved: list[Path] = []

    def shot(widget: Any, name: str) -> None:
        settle()
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    unlock = controller.unlock
    unlock.resize(620, 420)
    unlock.ask_create(Path(tempfile.gettempdir()) / "childcare.db")
    unlock.first.setText("a-passphrase")
    unlock.show()
    shot(unlock, "01-first-run")
    controller.open_demo()
    wait_for(controller.main_shown, 120_000)
    main = controller.main
    assert main is not None
    main.resize(*SIZE)
    wait_for(main.workbench.loaded)
    shot(main, "02-workbench")
    main.show_page("roster")
    wait_for(main.roster.loaded)
    shot(main, "03-roster")
    initials = _initials(main)
    main.roster.search.setText(initials)
    shot(main, f"04-roster-search-{initials}")
    main.roster.search.clear()
    child = _busiest_child(main)
    main.open_child(child, "basic")
    wait_for(main.file.loaded)
    for index, key in enumerate(
        (
            "basic",
            "family",
            "care",
            "visits",
            "assessments",
            "incidents",
            "assistance",
            "attachments",
            "history",
        )
    ):
        main.file.tabs.setCurrentIndex(index)
        shot(main, f"05-file-{index + 1}-{key}")
    dialogs: list[tuple[str, Callable[[], Any]]] = [
        ("06-dialog-new-child", main.new_child),
        ("07-dialog-visit", main.file.log_visit),
        ("08-dialog-assessment", lambda: main.file.action_buttons["assess"].click()),
        ("09-dialog-report", lambda: main.file.action_buttons["report"].click()),
        ("10-dialog-exit", lambda: main.file.action_buttons["exit"].click()),
        ("11-dialog-family", lambda: main.file.family.buttons[_tr_file("添加家庭成员")].click()),
        ("12-dialog-carer", lambda: main.file.carers.buttons[_tr_file("添加照护人")].click()),
        ("13-dialog-agreement", lambda: main.file.agreements.buttons[_tr_file("起草协议")].click()),
        ("14-dialog-assistance", lambda: main.file.assistance.buttons[_tr_file("添加")].click()),
    ]
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    for name, open_it in dialogs:
        opened.clear()
        open_it()
        settle(400)
        if opened:
            shot(opened[-1], name)
            opened[-1].form.mark_clean()
            opened[-1].reject()
    main.print_child(_child_with_agreement(main), "agreement")
    _preview(main)
    shot(main, "15-print-agreement")
    main.printing.select_child(child, "summary")
    _preview(main)
    shot(main, "15-print-summary")
    main.show_page("settings")
    shot(main, "15-settings")
    controller.lock()
    shot(controller.unlock, "16-locked")
    controller.tasks.shutdown()  # no app.exec() here, so aboutToQuit never comes
    return saved


def _preview(main: Any) -> None:
    """Preview the chosen document once the print page has loaded its list of children."""
    view = main.printing
    deadline = time.monotonic() + 10
    while view.stale and time.monotonic() < deadline:
        settle(50)
    view.preview()  # the pages arrive through the event loop, after wait_for connects
    wait_for(view.rendered)


def _child_with_agreement(main: Any) -> str:
    from ..services import agreements
    from ..services.roster import search_roster

    def job(session: Any) -> str:
        for child in search_roster(session):
            if any(
                a.state.value == "signed"
                for a in agreements.list_agreements(session, child_id=child.id)
            ):
                return child.id
        return child.id

    box: list[str] = []
    main.tasks.run(job, box.append)
    while not box:
        settle(20)
    return box[0]


def _busiest_child(main: Any) -> str:
    """A child with a full file: the demo files its reports for red-risk children."""
    from ..core.vocab import RiskColour

    records = main.roster.model.records
    return max(records, key=lambda c: (c.colour is RiskColour.RED, len(c.categories))).id


def _initials(main: Any) -> str:
    """The first two pinyin initials of a child in the roster (what a user would type)."""
    key = main.roster.model.records[0].search_key.split()
    return key[1][:2] if len(key) > 1 else "zh"


def _tr_file(text: str) -> str:
    from .i18n import tr

    return tr("file", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "CHILDCARE_LOG_DIR"):
            os.environ[var] = str(Path(home) / var.lower())
        if not os.environ.get("DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        saved = capture(args.outdir, args.language)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
