"""``childcare-desktop`` starts here: make sure a window can open before Qt is asked to.

Qt does not fail gracefully on Linux. With no display, or with a library its xcb platform
plugin needs missing, ``QApplication()`` prints a few lines (naming libxcb-cursor0 even
when another library is the one missing) and calls ``abort()``: the user sees a core dump,
or, started from a menu, nothing at all. So before anything imports QtGui this module:

- with no display at all (no ``DISPLAY``, no ``WAYLAND_DISPLAY``, no ``QT_QPA_PLATFORM``)
  says so and exits 4, unless ``--smoke`` was asked for (the self-check runs offscreen);
- when Qt will use xcb, loads the xcb plugin itself, with ``dlopen`` as Qt does: the
  dynamic loader resolves every library the plugin and Qt's GUI libraries need, so what
  fails here is exactly what would fail inside Qt, in a few milliseconds and in-process
  (a probe subprocess would cost a second interpreter start and, in the bundle, a second
  entry point). When it fails, each library Qt's xcb support links to is tried on its own
  to name every missing one and its Debian/Ubuntu package; exit 5;
- then connects to the X server once through libxcb (the same call Qt makes): a
  ``DISPLAY`` naming no server is said in one line too; exit 4.

Each message is one line, in Chinese and in English: nothing Qt-made (translators, fonts)
exists yet. It goes to stderr and to the log file.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

EXIT_NO_DISPLAY = 4
EXIT_MISSING_LIBRARIES = 5

# What Qt's xcb platform plugin (and the Qt GUI libraries it loads) link to beyond the C
# library, with the Debian/Ubuntu package of each: `ldd` of PySide6's libqxcb.so,
# libQt6XcbQpa, libQt6Gui (PySide6 6.11, Debian 12). The README's apt line is this list.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}

NO_DISPLAY = (
    "没有可用的显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口；"
    "请在桌面中启动，或用 --smoke 自检 / "
    "no display (DISPLAY and WAYLAND_DISPLAY are not set): cannot open the window; "
    "start it from a desktop, or run --smoke for the self-check"
)
NO_X_SERVER = (
    "无法连接显示器 {display}，无法打开窗口 / "
    "cannot connect to the display {display}: cannot open the window"
)
MISSING = (
    "无法打开窗口：缺少系统软件包 {packages}，请安装：sudo apt-get install {packages} / "
    "cannot open the window: missing system packages {packages}; "
    "install them: sudo apt-get install {packages}"
)
UNLOADABLE = (
    "无法打开窗口：Qt 的 xcb 平台插件无法加载（{reason}）/ "
    "cannot open the window: Qt's xcb platform plugin cannot load ({reason})"
)
SMOKE_OFFSCREEN = "未检测到显示器，自检以无界面方式运行 / no display: the self-check runs offscreen"


def main(argv: Sequence[str] | None = None) -> int:
    """The desktop app's entry point: the checks, then the app (which imports QtGui)."""
    args = list(sys.argv if argv is None else argv)
    needs_window = not {"-h", "--help", "--version"} & set(args[1:])
    if needs_window and (code := prepare(os.environ, smoke="--smoke" in args[1:])) is not None:
        return code
    from .app import main as app_main

    return app_main(args)


def prepare(env: MutableMapping[str, str], *, smoke: bool) -> int | None:
    """None when Qt can open its window (``env`` set to offscreen for a display-less
    self-check); else the exit code, after the one line saying why."""
    if not sys.platform.startswith("linux"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "")
    display = env.get("DISPLAY", "")
    if not platform and not display and not env.get("WAYLAND_DISPLAY"):
        if smoke:
            env["QT_QPA_PLATFORM"] = "offscreen"
            print(SMOKE_OFFSCREEN, file=sys.stderr)
            return None
        return _refuse(NO_DISPLAY, EXIT_NO_DISPLAY)
    if not _uses_xcb(env):
        return None
    if problem := missing_libraries():
        return _refuse(problem, EXIT_MISSING_LIBRARIES)
    if not display:
        return _refuse(NO_DISPLAY, EXIT_NO_DISPLAY)
    if not x_server_answers(display):
        return _refuse(NO_X_SERVER.format(display=display), EXIT_NO_DISPLAY)
    return None


def _uses_xcb(env: MutableMapping[str, str]) -> bool:
    """Whether Qt will start on xcb: asked for by name, or its default on Linux when no
    Wayland session is running (Qt then prefers Wayland)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(";")[0].split(":")[0] == "xcb"
    wayland = env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland"
    return bool(env.get("DISPLAY")) and not wayland


def _refuse(line: str, code: int) -> int:
    from ..logging_setup import setup_logging

    print(line, file=sys.stderr)
    setup_logging()  # started from a menu, stderr is seen by nobody: the log keeps it
    log.error("the window cannot open: %s", line)
    return code


def missing_libraries() -> str | None:
    """The line naming what keeps Qt's xcb plugin from loading, or None when it loads."""
    try:
        plugin = _xcb_plugin()
    except ImportError as err:  # QtCore itself: a library of the C++ runtime or glib
        return UNLOADABLE.format(reason=err)
    if plugin is None:  # a build laid out otherwise: let Qt look for it itself
        log.warning("Qt's xcb platform plugin not found; not checked")
        return None
    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)  # Qt's QLibrary loads plugins lazily too
    except OSError as err:
        packages = [package for name, package in XCB_LIBRARIES.items() if not _loads(name)]
        if packages:
            return MISSING.format(packages=" ".join(packages))
        return UNLOADABLE.format(reason=str(err).strip())
    return None


def _xcb_plugin() -> Path | None:
    """Where Qt will find its xcb plugin: ``QT_PLUGIN_PATH`` first, then Qt's own plugin
    folder (PySide6's, or the bundle's through its qt.conf)."""
    from PySide6.QtCore import QLibraryInfo  # QtCore needs no window system

    folders = [p for p in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    folders.append(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    for folder in folders:
        plugin = Path(folder) / "platforms" / "libqxcb.so"
        if plugin.exists():
            return plugin
    return None


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name, mode=os.RTLD_LAZY)
    except OSError:
        return False
    return True


def x_server_answers(display: str) -> bool:
    """Whether an X server answers at ``display`` (libxcb's xcb_connect, as Qt's xcb
    plugin connects; the plugin's libraries are known to load by now)."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)  # frees an errored connection too
