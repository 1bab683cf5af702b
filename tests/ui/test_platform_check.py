"""``childcare-desktop`` without a usable display says so in one line and exits, instead of
hanging offscreen or letting Qt abort (the real entry point, in a subprocess)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's"),
]


def _entry_point() -> list[str]:
    script = Path(sys.executable).with_name("childcare-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "childcare_desktop"]


def _start(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    base.pop("QT_QPA_PLATFORM", None)
    private = {
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "CHILDCARE_LOG_DIR": str(tmp_path),
    }
    return subprocess.run(
        [*_entry_point(), *args],
        env={**base, **private, **env},
        capture_output=True,
        text=True,
        timeout=120,  # it used to wait forever offscreen
    )


def test_no_display_says_so_in_both_languages_and_exits_4(tmp_path: Path) -> None:
    done = _start(tmp_path, "--demo")
    assert done.returncode == 4, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "没有可用的显示器" in lines[0] and "no display" in lines[0]
    assert not (tmp_path / "childcare" / "demo.db").exists()  # nothing was started
    assert "no display" in (tmp_path / "childcare.log").read_text(encoding="utf-8")


def test_a_missing_xcb_library_is_named_with_its_package(tmp_path: Path) -> None:
    """What a fresh Debian desktop lacks: two libraries of the xcb plugin. Empty files
    first on the library path fail to load exactly as missing ones do (Qt then aborts
    naming libxcb-cursor0, which is there)."""
    broken = tmp_path / "lib"
    broken.mkdir()
    for name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
        (broken / name).write_bytes(b"")
    done = _start(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=":1", LD_LIBRARY_PATH=str(broken))
    assert done.returncode == 5, done.stderr  # Qt's abort() was -6
    [line] = done.stderr.strip().splitlines()
    assert "缺少系统软件包 libxcb-icccm4 libxcb-keysyms1" in line
    assert "missing system packages libxcb-icccm4 libxcb-keysyms1" in line
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in line
    assert "cursor" not in line


def test_a_display_where_no_x_server_runs_is_named(tmp_path: Path) -> None:
    display = next(f":{n}" for n in range(1900, 2000) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    done = _start(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    assert done.returncode == 4, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert (
        f"无法连接显示器 {display}" in line and f"cannot connect to the display {display}" in line
    )


def test_help_and_version_need_no_display(tmp_path: Path) -> None:
    done = _start(tmp_path, "--version")
    assert done.returncode == 0 and "childcare-desktop" in done.stdout


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (apt-get install xvfb)")
def test_the_self_check_opens_its_window_on_a_real_x_server(tmp_path: Path) -> None:
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", *_entry_point(), "--smoke"],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_DATA_HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path),
            "CHILDCARE_LOG_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke check passed (platform xcb)" in done.stdout
