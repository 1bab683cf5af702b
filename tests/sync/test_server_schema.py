"""The server's migrations build exactly sync/server/schema.py, on SQLite and PostgreSQL,
and 0005 carries a 0004 database's devices and attachments over."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor
from sqlalchemy import select, text

from sync.server import schema
from sync.server.db import Database, sqlite_url

VILLAGE = "349901101201"


@pytest.fixture(params=["sqlite", "postgresql"])
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty server database (nothing migrated yet)."""
    if request.param == "sqlite":
        db = Database(sqlite_url(tmp_path / "server.db"))
        yield db
        db.dispose()
        return
    pg: PostgreSQLExecutor = request.getfixturevalue("postgresql_proc")
    name = f"schema_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=pg.user, host=pg.host, port=pg.port, dbname=name):
        db = Database(f"postgresql+psycopg://{pg.user}@{pg.host}:{pg.port}/{name}")
        yield db
        db.dispose()


def test_a_migrated_database_matches_the_schema(blank: Database) -> None:
    blank.migrate()
    with blank.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def _fill_0004(db: Database) -> tuple[str, str]:
    """A 0004 database: a device with a site, an attachment record and its blob, and a
    blob no record names."""
    named = b"scan of a document" * 100
    orphan = b"half an upload"
    sha_named = hashlib.sha256(named).hexdigest()
    sha_orphan = hashlib.sha256(orphan).hexdigest()
    with db.write() as conn:
        rows: list[tuple[str, dict[str, object]]] = [
            (
                "INSERT INTO app_user (id, name, role, region, created_ms, active) "
                "VALUES (1, 'wang', 'director', :v, 1, :t)",
                {"v": VILLAGE, "t": True},
            ),
            (
                "INSERT INTO device (id, user_id, label, token_hash, created_ms, expires_ms) "
                "VALUES ('d1', 1, 'laptop', :h, 1000, 99999999999999)",
                {"h": "a" * 64},
            ),
            (
                "INSERT INTO site (site_id, device_id, hwm, created_ms) VALUES (:s, 'd1', 0, 1000)",
                {"s": "1" * 32},
            ),
            (
                "INSERT INTO row_state (tbl, row_id, region) VALUES ('attachment', 'a1', :v)",
                {"v": VILLAGE},
            ),
            (
                "INSERT INTO field_state (tbl, row_id, field, value, version) "
                "VALUES ('attachment', 'a1', 'sha256', :val, 1)",
                {"val": f'"{sha_named}"'},
            ),
        ]
        for statement, values in rows:
            conn.execute(text(statement), values)
        for sha, data, complete in ((sha_named, named, True), (sha_orphan, orphan, False)):
            conn.execute(
                text(
                    "INSERT INTO blob (sha256, size, received, complete, created_ms) "
                    "VALUES (:s, :n, :n, :c, 5)"
                ),
                {"s": sha, "n": len(data), "c": complete},
            )
            conn.execute(
                text('INSERT INTO blob_chunk (sha256, "offset", data) VALUES (:s, 0, :d)'),
                {"s": sha, "d": data},
            )
    return sha_named, sha_orphan


def test_0005_files_blobs_under_their_region_and_keeps_devices(blank: Database) -> None:
    blank.migrate("0004")
    sha_named, sha_orphan = _fill_0004(blank)
    blank.migrate()
    with blank.read() as conn:
        blobs = {
            r.sha256: (r.region, r.complete, r.device_id) for r in conn.execute(select(schema.blob))
        }
        chunks = {
            (r.region, r.sha256): len(r.data) for r in conn.execute(select(schema.blob_chunk))
        }
        device = conn.execute(select(schema.device)).one()
    assert blobs == {sha_named: (VILLAGE, True, None), sha_orphan: ("", False, None)}
    assert chunks == {(VILLAGE, sha_named): 1800, ("", sha_orphan): 14}
    assert device.token_issued_ms == 1000 and device.prev_token_hash is None
    # ... and back down to 0004 and up again.
    blank.downgrade("0004")
    with blank.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM blob_chunk")).scalar_one() == 2
    blank.migrate()
    with blank.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
