"""A pull asks for the next answer while it applies the one in hand (issue 19). A laptop
dying while it applies a page, with the next answer already asked for, keeps every page
before it whole and nothing of that one; its next sync pulls the rest, and it then holds
what the other laptop holds."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from childcare_desktop.storage import syncstore
from sync.client import SyncEngine
from tests.sync.conftest import VILLAGE_A, Laptop
from tests.sync.pull_ahead import FilledVillage

CHILDREN = 40


class Killed(Exception):
    """The power cut, inside a page's transaction."""


def _children(laptop: Laptop) -> dict[str, tuple[Any, ...]]:
    with laptop.store.connection() as conn:
        rows = conn.exec_driver_sql("SELECT id, name, phone, notes FROM child").all()
    return {r[0]: tuple(r[1:]) for r in rows}


def _cursor(laptop: Laptop) -> int:
    with laptop.store.connection() as conn:
        cursors = json.loads(
            conn.exec_driver_sql("SELECT cursors FROM sync_state WHERE id = 1").scalar_one()
        )
    return int(cursors.get(VILLAGE_A, 0))


def _notes(i: int) -> str:
    return f"第{i}户"


def test_a_laptop_dying_with_the_next_answer_asked_for_loses_nothing(
    filled_village: Callable[..., FilledVillage], monkeypatch: pytest.MonkeyPatch
) -> None:
    village = filled_village(CHILDREN, _notes)  # laptop A filed and sent them
    a, b = village.a, village.b
    engine = SyncEngine(b.sync)
    engine.transport.backoff_s = 0.0
    engine.link.high = engine.link.low  # small answers: the village comes in several
    asked: list[dict[str, Any]] = []
    third = threading.Event()
    lines = engine.transport.lines

    def counted(path: str, body: Any) -> Any:
        if path == "/pull":
            asked.append(body)
            if len(asked) == 3:
                third.set()
        return lines(path, body)

    monkeypatch.setattr(engine.transport, "lines", counted)
    applied: list[tuple[int, int]] = []  # (cursor to, children) of each page applied
    real_apply, real_bases = b.sync.apply_page, syncstore._upsert_bases

    def apply_page(region: str, to_seq: int, entries: Any) -> None:
        applied.append((to_seq, sum(e.table == "child" for e in entries)))
        real_apply(region, to_seq, entries)

    def dying(conn: Any, bases: Any) -> None:
        real_bases(conn, bases)
        if len(applied) == 2:  # the second page, its values written, not yet committed
            # the answer after it was asked for before it is applied
            assert third.wait(30), "the next answer was not asked for ahead"
            raise Killed

    monkeypatch.setattr(b.sync, "apply_page", apply_page)
    monkeypatch.setattr(syncstore, "_upsert_bases", dying)
    with pytest.raises(Killed):
        engine.run()
    first_to, first_children = applied[0]
    assert 0 < first_children < CHILDREN
    # The first page stays whole with its cursor; nothing of the second.
    assert _cursor(b) == first_to
    assert asked[2]["cursors"][VILLAGE_A] > asked[1]["cursors"][VILLAGE_A] == first_to
    assert len(_children(b)) == first_children

    monkeypatch.undo()
    again = b.run()
    assert again.ok, again
    assert again.pulled >= CHILDREN - first_children
    assert _children(b) == _children(a) and len(_children(a)) == CHILDREN
    with b.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one() == 0
        # A second laptop that pulled its village holds nothing of its own to send (what
        # bench/sync_bench.py makes of its laptop B): every field's base, as pulled.
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT ctr FROM sync_site").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM field_base").scalar_one() > CHILDREN
