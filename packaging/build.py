"""Build the desktop bundle with PyInstaller, then check that it starts.

    python packaging/build.py          # -> dist/childcare/childcare(.exe)

The check runs the bundle: ``--version``; ``--smoke`` offscreen, which creates the demo
store (running the migrations from inside the bundle), opens the main window, previews a
dossier and quits; on Linux, without a display and with a library of Qt's xcb plugin made
unloadable (each must say so in one line and exit 4 or 5, not abort), and ``--smoke`` on a
real X server (Xvfb) with the xcb platform (skipped without ``xvfb-run`` unless
``CHILDCARE_REQUIRE_XCB_CHECK`` is set, as CI sets it). A bundle that misses a data file
or a library fails here, not on a village laptop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(ROOT / "dist"),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "childcare.spec"),
        ],
        check=True,
    )
    name = "childcare.exe" if sys.platform == "win32" else "childcare"
    return ROOT / "dist" / "childcare" / name


def check(executable: Path) -> None:
    version = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, check=True, timeout=120
    )
    print("bundle says:", (version.stdout or version.stderr).strip())
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": home,
            "XDG_DATA_HOME": home,
            "CHILDCARE_LOG_DIR": home,
            "QT_QPA_PLATFORM": "offscreen",
        }
        subprocess.run([str(executable), "--smoke"], env=env, check=True, timeout=300)
        demo = Path(home) / "childcare" / "demo.db"
        assert demo.exists() and demo.stat().st_size > 0, "the bundle did not build its demo store"
        print("bundle starts offscreen, builds the demo store, previews a dossier: ok")
        if sys.platform.startswith("linux"):
            check_linux_window(executable, env)


def check_linux_window(executable: Path, env: dict[str, str]) -> None:
    """On Linux the bundle says why no window can open, in one line, instead of Qt's abort;
    and it opens its window on a real X server (Xvfb) with Qt's xcb platform."""
    bare = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    bare.pop("QT_QPA_PLATFORM")
    said = _run(executable, bare)
    assert said.returncode == 4 and "no display" in said.stderr, said
    # The bundle brings the xcb libraries of the machine that built it but takes the GL
    # ones from the system: an empty libEGL first on the library path fails to load as a
    # missing one does.
    with tempfile.TemporaryDirectory() as broken:
        Path(broken, "libEGL.so.1").write_bytes(b"")
        said = _run(
            executable,
            {**bare, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1", "LD_LIBRARY_PATH": broken},
        )
    assert said.returncode == 5 and "missing system packages libegl1" in said.stderr, said
    print("bundle without a display or a library of the xcb plugin says so:", said.stderr.strip())
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CHILDCARE_REQUIRE_XCB_CHECK"):
            raise SystemExit("xvfb-run is missing: apt-get install xvfb xauth")
        print("skipped the start on a real X server: no xvfb-run (apt-get install xvfb xauth)")
        return
    xvfb = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", str(executable), "--smoke"]
    shown = subprocess.run(
        xvfb, env={**bare, "QT_QPA_PLATFORM": "xcb"}, capture_output=True, text=True, timeout=300
    )
    assert shown.returncode == 0 and "(platform xcb)" in shown.stdout, shown
    print("bundle opens its main window on Xvfb with the xcb platform: ok")


def _run(executable: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable)], env=env, capture_output=True, text=True, timeout=120)


if __name__ == "__main__":
    check(build())
