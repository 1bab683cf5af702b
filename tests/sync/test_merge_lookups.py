"""The merge's bulk lookups (``merge.state._fetch``): exactly the rows whose key is
asked for, on both server databases, and on SQLite through the table's index, never a
scan of the whole table per list of keys (issue 19: 180 ms a chunk of 500 keys)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from sync.server import schema as s
from sync.server.merge import state
from tests.sync.conftest import LiveServer

ROWS = [("child", f"c{i:04d}", name) for i in range(60) for name in ("phone", "notes")]


def _fields(server: LiveServer) -> None:
    with server.db.write() as conn:
        conn.execute(
            s.field.insert(),
            [
                {"tbl": t, "row_id": r, "field": f, "value": f'"{r}{f}"', "version": 1}
                for t, r, f in ROWS
            ],
        )


def test_exactly_the_rows_asked_for(server: LiveServer) -> None:
    _fields(server)
    wanted = [ROWS[0], ROWS[7], ("child", "c0003", "illness"), ("child", "nobody", "phone")]
    wanted += [("family", "c0001", "phone"), ROWS[7]]  # another table; twice
    columns = ("tbl", "row_id", "field", "value")
    with server.db.write() as conn:
        found = list(state._fetch(conn, s.field, ("tbl", "row_id", "field"), wanted, columns))
        by_row = list(state._fetch(conn, s.field, ("tbl", "row_id"), [("child", "c0002")], columns))
        pairs = [(t, r) for t, r, _f in ROWS[:10]]  # five records, both fields of each
        state.CHUNK, chunk = 2, state.CHUNK  # several statements on SQLite
        try:
            chunked = list(state._fetch(conn, s.field, ("tbl", "row_id"), pairs, columns))
        finally:
            state.CHUNK = chunk
    assert sorted(tuple(r) for r in found) == [
        (*ROWS[0], '"c0000phone"'),
        (*ROWS[7], '"c0003notes"'),
    ]
    assert sorted(r.field for r in by_row) == ["notes", "phone"]
    assert sorted((r.row_id, r.field) for r in chunked) == sorted((r, f) for _t, r, f in ROWS[:10])


def test_sqlite_looks_each_key_up_by_the_index(sqlite_server: LiveServer) -> None:
    _fields(sqlite_server)
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        statements.append((sql, params))

    engine = sqlite_server.db.engine
    event.listen(engine, "before_cursor_execute", seen)
    lookups = [
        (s.field, ("tbl", "row_id", "field"), ROWS[:20], ("value",)),
        (s.row, ("tbl", "row_id"), [("child", "c1")], ("region",)),
        (s.conflict, ("tbl", "row_id"), [("child", "c1")], ("body",)),
    ]
    plans = []
    try:
        with sqlite_server.db.write() as conn:
            for table, keys, values, columns in lookups:
                statements.clear()
                list(state._fetch(conn, table, keys, values, columns))
                ((sql, params),) = statements
                plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)
                plans.append(" / ".join(r[3] for r in plan))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(plans) == 3, plans
    for plan, table in zip(plans, ("field_state", "row_state", "conflict"), strict=True):
        assert "SEARCH t USING INDEX" in plan, plan
        assert f"SCAN {table}" not in plan and "SCAN t" not in plan, plan
