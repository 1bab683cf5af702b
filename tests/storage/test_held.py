"""Pulled pages applied by the store itself (no server): what fails the checks is set
aside, the rest applied, the cursor moved, whatever the page holds."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import Store, open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.client.store import Entry
from sync.protocol import Hold, Refusal
from tests.conftest import PASSPHRASE, VILLAGE
from tests.factories import make_child

OTHER_VILLAGE = "349901101202"


@pytest.fixture
def puller(template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "puller.db"
    shutil.copyfile(template_store, path)
    opened = open_store(path, PASSPHRASE, actor="乡镇")
    yield opened
    opened.close()


def _row(store: Store, name: str) -> dict[str, Any]:
    with store.session() as session:
        child_id = make_child(session, name=name).id
    with store.connection() as conn:
        value = conn.exec_driver_sql(
            "SELECT value FROM outbox WHERE tbl = 'child' AND row_id = ? AND kind = 'insert'",
            (child_id,),
        ).scalar_one()
    return dict(json.loads(value))


def _page(*changes: tuple[int, str, str, str | None, Any]) -> list[Entry]:
    return [Entry(seq, seq, *change) for seq, change in enumerate(changes, start=1)]


def test_one_page_applies_what_passes_and_sets_aside_the_rest(store: Store, puller: Store) -> None:
    good, bad = str(uuid.uuid4()), str(uuid.uuid4())
    good_row = _row(store, "好孩子")
    moved = {**_row(store, "别村孩子"), "region_code": OTHER_VILLAGE}
    page = _page(
        (0, "child", good, None, good_row),
        (0, "child", bad, None, moved),
        (0, "child", str(uuid.uuid4()), None, ["not", "a", "row"]),
        (0, "no_such_table", "x", None, {"a": 1}),  # skipped: nothing to show it in
        (1, "child", good, "notes", "\u0001"),
        (1, "child", good, "school_name", "  第一小学 "),
        (2, "", "", None, {"not": "a conflict"}),
        (1, "child", str(uuid.uuid4()), "notes", "a record this store never had"),
    )
    StoreSync(puller).apply_page(VILLAGE, 9, page)
    with puller.session() as session:
        child = session.get(Child, good)
        assert child.name == "好孩子" and child.school_name == "第一小学"
        assert child.notes is None
        assert session.get(Child, bad) is None
    held = [(h.table, h.kind, h.field, h.hold) for h in syncing.set_aside(puller)]
    assert held == [
        ("child", "insert", None, Hold(Refusal.BAD_REGION, "region_code")),
        ("child", "insert", None, Hold(Refusal.INVALID, None, "invalid_type")),
        ("child", "set", "notes", Hold(Refusal.INVALID, "notes", "control_chars")),
        ("", "conflict", None, Hold(Refusal.INVALID, None, "invalid_type")),
    ]
    assert StoreSync(puller).sync_state().cursors == {VILLAGE: 9}
