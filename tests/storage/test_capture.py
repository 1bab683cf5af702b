"""Change capture: every write, by any path, lands in the outbox in the same transaction."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from childcare_desktop.core import hlc
from childcare_desktop.storage.capture import spec_for, trigger_sql
from childcare_desktop.storage.models import SYNCED_MODELS, Child
from childcare_desktop.storage.store import Store
from tests.conftest import VILLAGE


def outbox(store: Store) -> list[dict]:  # type: ignore[type-arg]
    with store.connection() as conn:
        rows = conn.execute(text("SELECT * FROM outbox ORDER BY ctr")).mappings().all()
    return [dict(r) for r in rows]


def counter(store: Store) -> int:
    with store.connection() as conn:
        return int(conn.execute(text("SELECT ctr FROM sync_site")).scalar_one())


RAW_INSERT = text(
    "INSERT INTO child (id, name, region_code, registered_on, sex) "
    "VALUES (:id, :name, :region, '2026-01-05', 'male')"
)


def test_raw_sql_is_captured_exactly_like_the_orm(store: Store) -> None:
    with store.session() as session:
        session.add(
            Child(
                id="orm-1",
                name="张三",
                region_code=VILLAGE,
                registered_on=date(2026, 1, 5),
                sex="male",
            )
        )
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "raw-1", "name": "张三", "region": VILLAGE})
    orm_op, raw_op = outbox(store)
    for op in (orm_op, raw_op):
        assert (op["tbl"], op["kind"], op["field"], op["state"]) == (
            "child",
            "insert",
            None,
            "pending",
        )
        assert op["region_code"] == VILLAGE
    assert json.loads(orm_op["value"]) == json.loads(raw_op["value"])
    assert [orm_op["ctr"], raw_op["ctr"]] == [1, 2]


def test_an_update_captures_each_changed_field_and_nothing_else(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "张三", "region": VILLAGE})
        conn.execute(
            text(
                "UPDATE child SET name = '张三丰', sex = 'male', notes = '<script>' WHERE id = 'c1'"
            )
        )
    ops = outbox(store)[1:]
    assert [(o["kind"], o["field"], json.loads(o["value"])) for o in ops] == [
        ("set", "name", "张三丰"),
        ("set", "notes", "<script>"),  # sex did not change: no op
    ]


def test_counters_have_no_gaps_even_after_rolled_back_writes(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "甲", "region": VILLAGE})
    with pytest.raises(RuntimeError), store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c2", "name": "乙", "region": VILLAGE})
        raise RuntimeError("the user cancelled")
    with pytest.raises(IntegrityError), store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "重复", "region": VILLAGE})
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c3", "name": "丙", "region": VILLAGE})
    assert [o["ctr"] for o in outbox(store)] == [1, 2]
    assert [o["row_id"] for o in outbox(store)] == ["c1", "c3"]
    assert counter(store) == 2


def test_hard_deletes_and_id_changes_are_refused(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "甲", "region": VILLAGE})
    with pytest.raises(IntegrityError, match="never deleted"), store.connection() as conn:
        conn.execute(text("DELETE FROM child WHERE id = 'c1'"))
    with pytest.raises(IntegrityError, match="never changes"), store.connection() as conn:
        conn.execute(text("UPDATE child SET id = 'c9' WHERE id = 'c1'"))
    with store.connection() as conn:
        conn.execute(text("UPDATE child SET deleted = 1 WHERE id = 'c1'"))  # the tombstone
    assert [(o["kind"], o["field"], o["value"]) for o in outbox(store)][-1] == (
        "set",
        "deleted",
        "1",
    )


def test_visits_are_insert_only(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "甲", "region": VILLAGE})
        conn.execute(
            text(
                "INSERT INTO visit (id, child_id, region_code, visited_on, mode) "
                "VALUES ('v1', 'c1', :r, '2026-02-01', 'home')"
            ),
            {"r": VILLAGE},
        )
    with pytest.raises(IntegrityError, match="insert-only"), store.connection() as conn:
        conn.execute(text("UPDATE visit SET visited_on = '2026-02-02' WHERE id = 'v1'"))
    # REPLACE deletes the old row without firing delete triggers: refused all the same.
    with pytest.raises(IntegrityError, match="never replaced"), store.connection() as conn:
        conn.execute(
            text(
                "INSERT OR REPLACE INTO visit (id, child_id, region_code, visited_on, mode) "
                "VALUES ('v1', 'c1', :r, '2026-02-02', 'home')"
            ),
            {"r": VILLAGE},
        )
    with store.connection() as conn:
        assert conn.execute(text("SELECT visited_on FROM visit")).scalar() == "2026-02-01"
    with store.connection() as conn:
        stamps = conn.execute(text("SELECT created_hlc, updated_hlc FROM visit")).one()
    assert stamps[0] is not None and stamps[0] == stamps[1]


def test_changes_applied_from_the_server_are_not_captured_again(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(text("UPDATE sync_site SET applying = 1"))
        conn.execute(RAW_INSERT, {"id": "remote", "name": "远端", "region": VILLAGE})
        conn.execute(text("UPDATE sync_site SET applying = 0"))
    assert outbox(store) == []
    assert counter(store) == 0


def test_rows_are_stamped_and_the_clock_never_goes_back(store: Store) -> None:
    ahead = hlc.pack(4_000_000_000_000)  # a clock that once ran to the year 2096
    with store.connection() as conn:
        conn.execute(text("UPDATE sync_site SET hlc = :h"), {"h": ahead})
        conn.execute(RAW_INSERT, {"id": "c1", "name": "甲", "region": VILLAGE})
        conn.execute(text("UPDATE child SET name = '乙' WHERE id = 'c1'"))
        created, updated = conn.execute(text("SELECT created_hlc, updated_hlc FROM child")).one()
    stamps = [o["hlc"] for o in outbox(store)]
    assert stamps == [ahead + 1, ahead + 2]  # the SQL trigger applies core.hlc.tick
    assert (created, updated) == (ahead + 1, ahead + 2)


def test_the_sql_clock_follows_the_wall_clock(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "甲", "region": VILLAGE})
    op = outbox(store)[0]
    wall, _ = hlc.unpack(op["hlc"])
    assert abs(wall - op["device_ms"]) < 1000
    assert op["hlc"] == hlc.tick(0, op["device_ms"])


def test_installed_triggers_match_the_current_models(store: Store) -> None:
    """A migration that changes a synced table must re-install its triggers."""
    with store.connection() as conn:
        installed = {
            r.name: r.sql
            for r in conn.execute(
                text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            )
        }
    for model in SYNCED_MODELS:
        spec = spec_for(model.__table__)  # type: ignore[attr-defined]
        for statement in trigger_sql(spec):
            name = statement.split()[2]
            assert installed.get(name) == statement, f"trigger {name} is out of date"


def test_pending_changes_read_as_protocol_operations(store: Store) -> None:
    from childcare_desktop.storage.outbox import pending_operations
    from sync.protocol import OpKind, decode_ops, encode_ops

    with store.connection() as conn:
        conn.execute(RAW_INSERT, {"id": "c1", "name": "张三", "region": VILLAGE})
        conn.execute(text("UPDATE child SET notes = '备注' WHERE id = 'c1'"))
        ops = pending_operations(conn)
    assert [(o.ctr, o.kind, o.field) for o in ops] == [
        (1, OpKind.INSERT, None),
        (2, OpKind.SET, "notes"),
    ]
    assert ops[0].value["name"] == "张三" and ops[1].value == "备注"
    wire = decode_ops(ops[0].site_id, encode_ops(ops))  # a set does not repeat the region
    assert [(o.ctr, o.field, o.value, o.hlc, o.base) for o in wire] == [
        (o.ctr, o.field, o.value, o.hlc, o.base) for o in ops
    ]


def test_a_batch_never_ends_inside_one_change_of_a_record(store: Store) -> None:
    """Signing sets an agreement's state and its dates in one update: whatever the batch
    size, those operations travel in one batch (the server and the other laptops never
    see an agreement signed without its date)."""
    from childcare_desktop.services import agreements, family
    from childcare_desktop.storage.outbox import pending_operations
    from tests.factories import make_child

    with store.session() as s:
        child = make_child(s)
        carer = family.add_carer(
            s, child_id=child.id, name="李奶奶", relation="paternal_grandmother"
        )
        draft = agreements.draft_agreement(
            s,
            child_id=child.id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date(date.today().year + 1, 1, 1),
        )
    with store.connection() as conn:
        before = conn.execute(text("SELECT MAX(ctr) FROM outbox")).scalar()
    with store.session() as s:
        agreements.sign_agreement(
            s,
            agreement_id=draft.id,
            signed_on=date.today(),
            signed_by_principal="陈父",
            signed_by_carer="李奶奶",
            witness="村儿童主任",
        )
    with store.connection() as conn:
        signing = [
            r.ctr
            for r in conn.execute(text("SELECT ctr FROM outbox WHERE ctr > :c"), {"c": before})
        ]
        assert len(signing) >= 4
        for limit in range(1, before + len(signing) + 1):
            batch = [op.ctr for op in pending_operations(conn, limit=limit)]
            inside = [c for c in signing if c in batch]
            assert len(batch) <= limit or inside == signing, (limit, batch)
            assert inside in ([], signing) or len(signing) > limit, (limit, batch)
