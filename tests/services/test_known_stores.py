"""This PC's list of stores (shared township PCs): who is whose, kept outside every store."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from childcare_desktop.services import known_stores
from childcare_desktop.services.preferences import WorkSettings

WORK = WorkSettings("王芳", "柳溪村", "青山镇", "示范县", "349901101201", 15, "director")
TOWNSHIP = WorkSettings("李强", "", "青山镇", "示范县", "349901101", 15, "supervisor")


def test_opening_stores_lists_them_with_whose_they_are(tmp_path: Path) -> None:
    listed, a, b = tmp_path / "stores.json", tmp_path / "a.db", tmp_path / "b.db"
    a.write_bytes(b"x")
    known_stores.remember(a, WORK, now=datetime(2026, 11, 1, 9), file=listed)
    known_stores.remember(b, TOWNSHIP, now=datetime(2026, 11, 2, 9), file=listed)
    known_stores.remember(a, WORK, now=datetime(2026, 11, 3, 9), file=listed)
    first, second = known_stores.load(listed)
    assert (first.path, first.name, first.role, first.place) == (a, "王芳", "director", "柳溪村")
    assert first.last_opened.startswith("2026-11-03T09:00")  # opened again: the same row
    assert (second.name, second.role, second.place) == ("李强", "supervisor", "青山镇")
    assert not first.missing and second.missing  # b.db was never made
    known_stores.set_label(b, " 乡镇办公室 ", file=listed)
    assert known_stores.load(listed)[1].label == "乡镇办公室"
    assert [s.path for s in known_stores.forget(b, file=listed)] == [a]
    assert a.read_bytes() == b"x"  # forgetting never touches a file


def test_the_list_holds_no_child_and_a_damaged_list_is_an_empty_one(tmp_path: Path) -> None:
    listed = tmp_path / "stores.json"
    known_stores.remember(tmp_path / "a.db", WORK, file=listed)
    row = json.loads(listed.read_text(encoding="utf-8"))["stores"][0]
    assert set(row) == {"path", "name", "role", "place", "label", "last_opened"}
    listed.write_text("{not json", encoding="utf-8")
    assert known_stores.load(listed) == []
    assert known_stores.load(tmp_path / "none.json") == []
