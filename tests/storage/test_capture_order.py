"""Parents first in the outbox, whatever order a transaction wrote them in."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from sqlalchemy import text

from childcare_desktop.core.entities import BY_TABLE
from childcare_desktop.services import ledger_import
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.capture_order import Captured, ordered
from childcare_desktop.storage.store import Store
from tests.conftest import VILLAGE
from tests.ledgers import dirty


def _outbox(store: Store) -> list[tuple]:
    with store.connection() as conn:
        return conn.execute(
            text("SELECT ctr, tbl, row_id, kind, field, value, hlc FROM outbox ORDER BY ctr")
        ).all()


def _assert_parents_first(rows: list[tuple]) -> None:
    """Each insert after the inserts of what it references; each set after its insert."""
    position = {(r.tbl, r.row_id): n for n, r in enumerate(rows) if r.kind == "insert"}
    for n, r in enumerate(rows):
        if r.kind == "set":
            assert position.get((r.tbl, r.row_id), -1) < n, r
            continue
        values = json.loads(r.value)
        for ref in BY_TABLE[r.tbl].refs:
            target = values.get(ref.ref_table) if ref.ref == "*" else ref.ref
            parent = position.get((target, values.get(ref.name)))
            assert parent is None or parent < n, (r.tbl, ref.name)


def _assert_gapless(store: Store, rows: list[tuple]) -> None:
    ctrs = [r.ctr for r in rows]
    assert ctrs == list(range(1, len(ctrs) + 1))
    hlcs = [r.hlc for r in rows]
    assert hlcs == sorted(hlcs)  # clocks stay with their counters, never backwards
    with store.connection() as conn:
        assert conn.execute(text("SELECT ctr FROM sync_site")).scalar() == ctrs[-1]


def test_a_ledger_import_sends_each_child_before_its_family_and_carers(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "register.xlsx"
    dirty.register(path)  # children with father, mother, grandmother and a carer each
    with store.session() as session:
        ledger_import.import_ledger(session, path)
    rows = _outbox(store)
    children = {r.row_id: n for n, r in enumerate(rows) if r.tbl == "child" and r.kind == "insert"}
    dependants = [
        (json.loads(r.value)["child_id"], n)
        for n, r in enumerate(rows)
        if r.kind == "insert" and r.tbl in ("family_member", "carer", "category_membership")
    ]
    assert children and len(dependants) >= 2 * len(children)
    assert all(children[child] < n for child, n in dependants)
    _assert_parents_first(rows)
    _assert_gapless(store, rows)
    assert maintenance.check_store(store).ok


def test_raw_sql_inserting_visits_before_their_child_comes_out_child_first(store: Store) -> None:
    child, visits = str(uuid.uuid4()), [str(uuid.uuid4()) for _ in range(3)]
    amendment = str(uuid.uuid4())
    with store.connection() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for n, visit in enumerate(visits):
            conn.exec_driver_sql(
                "INSERT INTO visit (id, child_id, region_code, visited_on, mode) "
                "VALUES (?, ?, ?, ?, 'phone')",
                (visit, child, VILLAGE, f"2026-01-0{n + 1}"),
            )
        conn.exec_driver_sql(
            "INSERT INTO visit_amendment (id, visit_id, region_code, field, reason, amended_on) "
            "VALUES (?, ?, ?, 'void', '重复录入', '2026-01-05')",
            (amendment, visits[0], VILLAGE),
        )
        conn.exec_driver_sql(
            "INSERT INTO child (id, region_code, name, registered_on) "
            "VALUES (?, ?, '后到的孩子', '2026-01-01')",
            (child, VILLAGE),
        )
        conn.exec_driver_sql("UPDATE child SET notes = '补记' WHERE id = ?", (child,))
    rows = _outbox(store)
    order = [(r.tbl, r.row_id, r.kind) for r in rows]
    assert order == [
        ("child", child, "insert"),
        *[("visit", v, "insert") for v in visits],
        ("visit_amendment", amendment, "insert"),
        ("child", child, "set"),
    ]
    _assert_parents_first(rows)
    _assert_gapless(store, rows)
    assert maintenance.check_store(store).ok


def test_a_transaction_already_in_order_is_left_alone(store: Store) -> None:
    with store.connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO child (id, region_code, name, registered_on) "
            "VALUES ('c1', ?, '甲', '2026-01-01')",
            (VILLAGE,),
        )
    before = _outbox(store)
    with store.connection() as conn:  # the next transaction: its child is already sent
        conn.exec_driver_sql(
            "INSERT INTO visit (id, child_id, region_code, visited_on, mode) "
            "VALUES ('v1', 'c1', ?, '2026-01-02', 'phone')",
            (VILLAGE,),
        )
    after = _outbox(store)
    assert after[: len(before)] == before and [r.tbl for r in after[len(before) :]] == ["visit"]


def test_the_order_pulls_parents_forward_and_keeps_the_rest() -> None:
    def row(ctr: int, tbl: str, row_id: str, kind: str = "insert", **values: str) -> Captured:
        field = next(iter(values)) if kind == "set" else None
        value = json.dumps(values[field] if field else values)
        return Captured(ctr, tbl, row_id, kind, field, value)

    rows = [
        row(1, "carer", "k1", child_id="c1"),
        row(2, "family_member", "f1", child_id="c1"),
        row(3, "child", "c0"),
        row(4, "child", "c1"),
        row(5, "care_agreement", "a1", "set", carer_id="k2"),  # an agreement made earlier
        row(6, "carer", "k2", child_id="c0"),
        row(7, "attachment", "t1", child_id="c0", owner_table="incident", owner_id="i1"),
        row(8, "incident", "i1", child_id="c0"),
    ]
    order = ordered(rows)
    assert order is not None
    assert [rows[i].row_id for i in order] == ["c1", "k1", "f1", "c0", "k2", "a1", "i1", "t1"]
    assert ordered([rows[2], rows[3], rows[0]]) is None
