"""A pulled page's writes (values, flags, bases, cursor) are one transaction: a laptop
dying between any two of them keeps nothing of the page, and the page applied again
gives what it gives once. Values older than a field's base stay out."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from childcare_desktop.storage import applying, pulled
from childcare_desktop.storage.store import Store, open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.client.store import Entry
from sync.protocol import EntryKind
from tests.conftest import PASSPHRASE, VILLAGE
from tests.factories import make_child, make_id

CHILD = str(uuid.UUID(int=1))
ADULT = str(uuid.UUID(int=2))
ELDER_ID = make_id(date(1950, 5, 1), male=False)
STATE = (
    "SELECT notes, phone, school_name FROM child",
    "SELECT tbl, row_id, field, version FROM field_base ORDER BY 1, 2, 3",
    "SELECT tbl, row_id, field, flag, version FROM sync_flag ORDER BY 1, 2, 3",
    "SELECT cursors FROM sync_state",
    "SELECT tbl, row_id, field, reason FROM sync_held ORDER BY 1, 2, 3",
    "SELECT id_number FROM left_behind_adult",
)


class Killed(Exception):
    """The power cut, between two statements of a page."""


@pytest.fixture
def puller(store: Store, template_store: Path, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "puller.db"
    shutil.copyfile(template_store, path)
    opened = open_store(path, PASSPHRASE, actor="乡镇")
    with store.session() as session:
        made = make_child(session, name="李四").id
    with store.connection() as conn:  # a child as the server sends it: its whole record
        child = json.loads(
            conn.exec_driver_sql(
                "SELECT value FROM outbox WHERE row_id = ? AND kind = 'insert'", (made,)
            ).scalar_one()
        )
    adult = {"kind": "elder", "name": "张奶奶", "sex": "female", "birth_date": "1950-05-01"}
    adult.update(health="unknown", registered_on="2026-02-01", region_code=VILLAGE, deleted=False)
    StoreSync(opened).apply_page(
        VILLAGE,
        2,
        [
            Entry(1, 1, EntryKind.INSERT, "child", CHILD, None, child),
            Entry(2, 2, EntryKind.INSERT, "left_behind_adult", ADULT, None, adult),
        ],
    )
    with opened.connection() as conn:  # this laptop's own edit, acknowledged at 50
        conn.exec_driver_sql(
            "UPDATE field_base SET version = 50 WHERE row_id = ? AND field = 'phone'", (CHILD,)
        )
    yield opened
    opened.close()


def _state(store: Store) -> list[list[Any]]:
    with store.connection() as conn:
        return [[tuple(r) for r in conn.exec_driver_sql(sql)] for sql in STATE]


def _page() -> list[Entry]:
    return [
        Entry(10, 10, EntryKind.SET, "child", CHILD, "notes", "第一次"),
        Entry(11, 11, EntryKind.SET, "child", CHILD, "phone", "13900000011"),  # older
        Entry(12, 12, EntryKind.SET, "child", CHILD, "school_name", "第一小学"),
        Entry(13, 13, EntryKind.SET, "child", CHILD, "notes", "第二次", "future|notes"),
        Entry(14, 14, EntryKind.SET, "left_behind_adult", ADULT, "id_number", ELDER_ID),
    ]


@pytest.mark.parametrize(
    ("target", "real"),
    [
        # after the first field's values, after the flags, after the bases (not the cursor)
        ("childcare_desktop.storage.applying.set_fields", applying.set_fields),
        ("childcare_desktop.storage.pulled.write_flags", pulled.write_flags),
        ("childcare_desktop.storage.syncstore._upsert_bases", applying.upsert_bases),
    ],
)
def test_a_page_cut_between_its_writes_keeps_nothing(
    puller: Store, monkeypatch: pytest.MonkeyPatch, target: str, real: Any
) -> None:
    before = _state(puller)

    def dying(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        raise Killed

    monkeypatch.setattr(target, dying)
    with pytest.raises(Killed):
        StoreSync(puller).apply_page(VILLAGE, 14, _page())
    assert _state(puller) == before
    monkeypatch.undo()
    StoreSync(puller).apply_page(VILLAGE, 14, _page())
    once = _state(puller)
    StoreSync(puller).apply_page(VILLAGE, 14, _page())  # pulled again after a cut answer
    assert _state(puller) == once != before


def test_a_page_writes_its_latest_values_and_leaves_out_the_older(puller: Store) -> None:
    StoreSync(puller).apply_page(VILLAGE, 14, _page())
    values, bases, flags, cursors, held, adults = _state(puller)
    assert values[0][:3] == ("第二次", None, "第一小学")  # the phone's base (50) is newer
    base = {(b[1], b[2]): b[3] for b in bases}
    assert base[(CHILD, "notes")] == 13 and base[(CHILD, "phone")] == 50
    assert base[(CHILD, "school_name")] == 12 and base[(ADULT, "id_number")] == 14
    assert flags == [("child", CHILD, "notes", "future", 13)]
    assert cursors == [(f'{{"{VILLAGE}": 14}}',)] and held == []
    assert adults == [(ELDER_ID,)]  # an adult's number: checked without a document type
