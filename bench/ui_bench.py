"""Desktop app benchmark on a store of 5,000 children with 12 visits each.

Prints: start to the unlocked main window, and to that window with the worklist shown
(a fresh process: imports, Qt, the font, key derivation, the first worklist), each also as
the process's CPU time, which a busy machine disturbs less; the 工作台 refreshed after a
visit is logged (as after every save); typing in the roster search to the filtered view;
opening a child's file (all tabs filled).

    python bench/ui_bench.py [--children 5000] [--keep DIR] [--compare DIR]

``--compare DIR`` runs the code in DIR (another checkout, e.g. a ``git worktree`` of main)
in turns with this one, each start in a fresh process. Bytecode is compiled first and one
start of each is run uncounted, as an installed app starts with its bytecode compiled.

Targets (issues 3 and 19): start to the unlocked window <= 1.0 s, to the worklist
<= 1.5 s, roster typing <= 50 ms, opening a file <= 150 ms.
Runs offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PASSPHRASE = "bench-passphrase"


def build_store(path: Path, children: int) -> None:
    sys.path.insert(0, str(HERE))
    from store_bench import VILLAGE, fill  # the same village as the store benchmark

    from childcare_desktop.storage.store import create_store

    store = create_store(path, PASSPHRASE, actor="bench", region_code=VILLAGE)
    fill(store, children, 12)
    store.close()


def probe(store: Path) -> dict[str, float]:
    """Run in a fresh process: start the app, unlock, then time search and file opening."""
    started = time.perf_counter()
    from PySide6.QtCore import QEventLoop, QTimer

    from childcare_desktop.ui.app import build_app

    def wait(signal: object) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()

    app, controller = build_app(["bench"])
    controller.start(store, demo=False)
    controller.unlock.passphrase.setText(PASSPHRASE)
    controller.unlock.unlock_button.click()
    wait(controller.main_shown)
    app.processEvents()  # the window painted
    figures = {"start_s": time.perf_counter() - started, "start_cpu_s": time.process_time()}
    main = controller.main
    assert main is not None
    if main.workbench.stale:
        wait(main.workbench.loaded)
    app.processEvents()
    figures["start_to_worklist_s"] = time.perf_counter() - started
    figures["start_to_worklist_cpu_s"] = time.process_time()
    figures["workbench_after_save_s"] = after_save(main, wait)
    main.show_page("roster")
    wait(main.roster.loaded)
    typing = []
    for text in ("w", "wa", "wan", "", "z", "zs", "zsy", "", "3499", "349901"):
        began = time.perf_counter()
        main.roster.search.setText(text)
        app.processEvents()  # the table repainted
        typing.append(time.perf_counter() - began)
    figures["roster_keystroke_s"] = statistics.median(typing)
    figures["roster_keystroke_max_s"] = max(typing)
    children = main.roster.model.records
    opening = []
    for child in children[:: max(1, len(children) // 7)][:7]:
        began = time.perf_counter()
        main.open_child(child.id, "visits")
        wait(main.file.loaded)
        app.processEvents()
        opening.append(time.perf_counter() - began)
    figures["open_file_s"] = statistics.median(opening)
    controller.tasks.shutdown()
    return figures


def after_save(main: Any, wait: Callable[[object], None]) -> float:
    """A visit logged (on the database thread, as a dialog's save is), then the 工作台
    refreshed, as it is after every save: the median of 5, to its table shown."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from childcare_desktop.core.vocab import VisitMode
    from childcare_desktop.services.visits import log_visit

    children = [i.child_id for i in main.workbench.model.records][:5]
    seconds = []
    for child_id in children:
        main.tasks.run(
            lambda s, c=child_id: log_visit(
                s, child_id=c, visited_on=date.today(), mode=VisitMode.PHONE
            )
        )
        began = time.perf_counter()
        main.workbench.refresh()
        wait(main.workbench.loaded)
        QApplication.processEvents()
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds)


def start_once(store: Path, code: Path | None) -> dict[str, float]:
    """One fresh process of the code in ``code`` (None: this checkout's)."""
    env = {**os.environ}
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"], env["CHILDCARE_LOG_DIR"] = home, home
        began = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--probe", str(store)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - began
    return result


def compile_code(code: Path) -> None:
    """Bytecode for every module, as an installed app has it."""
    for package in ("childcare_desktop", "sync"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / package)], check=True)


ROWS = (
    ("start to the unlocked window", "start_s", 1.0),
    ("  (its CPU time)", "start_cpu_s", None),
    ("start to the worklist shown", "start_to_worklist_s", 1.5),
    ("  (its CPU time)", "start_to_worklist_cpu_s", None),
    ("workbench after a save", "workbench_after_save_s", None),
    ("roster keystroke (median)", "roster_keystroke_s", 0.05),
    ("roster keystroke (slowest)", "roster_keystroke_max_s", 0.05),
    ("open a child's file", "open_file_s", 0.15),
    ("whole process", "process_s", None),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the store in this folder")
    parser.add_argument("--compare", type=Path, help="also run the code in this checkout")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe)))
        return
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / f"ui-bench-{args.children}.db"
    if not store.exists():
        print(f"building a store of {args.children} children…", flush=True)
        build_store(store, args.children)
    codes: list[Path | None] = [None] + ([args.compare.resolve()] if args.compare else [])
    for code in codes:
        compile_code(code or HERE.parent)
        start_once(store, code)  # uncounted: the disk cache warm, as on a second start
    runs: dict[Path | None, list[dict[str, float]]] = {code: [] for code in codes}
    for _ in range(args.runs):  # in turns, so both see the same load
        for code in codes:
            runs[code].append(start_once(store, code))
    med = {
        code: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for code, results in runs.items()
    }
    print(f"{args.children} children, median of {args.runs} fresh processes each")
    if args.compare:
        print(f"{'':<32}{'this code':>10}{'compared':>11}   (compared: {args.compare})")
    for name, key, target in ROWS:
        cells = "".join(f"{med[code][key] * 1000:9.1f} ms" for code in codes)
        verdict = "" if target is None else f"   target {target * 1000:.0f} ms"
        if target is not None:
            verdict += "  ok" if med[None][key] <= target else "  OVER"
        print(f"{name:<32}{cells}{verdict}")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
