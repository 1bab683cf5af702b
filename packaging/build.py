"""Build the desktop bundle with PyInstaller, then check that it starts.

    python packaging/build.py          # -> dist/childcare/childcare(.exe)

The check runs the bundle twice: ``--version``, and ``--smoke`` offscreen, which creates
the demo store (running the migrations from inside the bundle), opens the main window and
quits. A bundle that misses a data file fails here, not on a village laptop.
"""

from __future__ import annotations

import os
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
    print("bundle starts, builds the demo store, opens the main window and previews a dossier: ok")


if __name__ == "__main__":
    check(build())
