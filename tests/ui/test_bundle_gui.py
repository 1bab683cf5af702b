"""U盘同步 on the 同步 page (issue 16), through the real window and a real server: the
director writes a bundle into a folder (the stick), the same window relays it (this
test laptop reaches the server), reads the reply, reads it again (nothing changes),
and is told in words about a spoilt file and another laptop's reply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from childcare_desktop.storage.syncstore import StoreSync
from sync.sealing import MAGIC
from tests.conftest import VILLAGE
from tests.factories import make_child
from tests.sync.conftest import LiveServer, sqlite_server
from tests.ui.conftest import run
from tests.ui.test_sync_view import QUIET, enroll_app, on_store, show_sync_page

__all__ = ["sqlite_server"]  # the fixture used below


def _click(qtbot: Any, main: Any, name: str) -> str:
    box = main.sync.bundles
    with qtbot.waitSignal(box.done, timeout=20_000) as said:
        qtbot.mouseClick(getattr(box, name), Qt.MouseButton.LeftButton)
    return str(said.args[0])


def test_export_relay_and_read_a_bundle_from_the_sync_page(
    qtbot: Any, main: Any, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    main.syncer.set_timings(QUIET)
    sqlite_server.user("wang", "director", VILLAGE)
    enroll_app(qtbot, main, sqlite_server, "wang")
    run(qtbot, main, lambda s: make_child(s, name="柳小满"))
    show_sync_page(qtbot, main)
    box = main.sync.bundles
    assert "请先插入U盘" in _click(qtbot, main, "export_button")  # no folder yet

    stick = tmp_path / "usb"  # (typed: QTest types ASCII only)
    stick.mkdir()
    box.folder.clear()
    qtbot.keyClicks(box.folder, str(stick))
    said = _click(qtbot, main, "export_button")
    (bundle,) = stick.glob("*.bundle")
    assert "已写出" in said and bundle.name in said
    assert "柳小满".encode() not in bundle.read_bytes()

    said = _click(qtbot, main, "relay_button")
    assert "已转送 1 个同步包" in said
    said = _click(qtbot, main, "import_button")
    assert "已读入 1 个回执" in said and "确认" in said
    assert on_store(qtbot, main, lambda store: StoreSync(store).pending_count()) == 0
    assert "回执都已读过，没有改动" in _click(qtbot, main, "import_button")

    (stick / "zz-cut.reply").write_bytes(MAGIC + b"R" + b"\x00" * 40)  # spoilt on the stick
    said = _click(qtbot, main, "import_button")
    assert "回执都已读过" in said and "另有 1 个回执不是本机的（或已损坏）" in said
    (stick / "zz-cut.reply").write_bytes(b"PK\x03\x04 a zip, not a bundle")
    assert "这个文件不是同步包" in _click(qtbot, main, "import_button")
