"""The store on disk: encrypted, refuses what it should, and never changes a file it refuses."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, StoreError
from childcare_desktop.storage.keys import SQLITE_HEADER
from childcare_desktop.storage.store import Store, create_store, open_store, raw_key_for
from tests.conftest import PASSPHRASE
from tests.factories import make_child


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_file_is_encrypted_and_holds_no_name(store: Store) -> None:
    with store.session() as session:
        make_child(session, name="欧阳晓梅")
        make_child(session, name="Zhangwei Latin")
    store.close()
    data = store.path.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    for needle in ("欧阳晓梅".encode(), "欧阳".encode("gbk"), b"Zhangwei", b"CREATE TABLE"):
        assert needle not in data
    assert not Path(f"{store.path}-wal").exists()  # checkpointed and removed on close


def test_plain_passphrase_opens_it_in_any_sqlcipher_tool(store_path: Path) -> None:
    conn = sqlcipher3.connect(str(store_path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    assert conn.execute("SELECT count(*) FROM sync_site").fetchone() == (1,)
    conn.close()


def test_without_the_passphrase_nothing_opens(store_path: Path) -> None:
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_is_refused_and_the_file_is_untouched(store_path: Path) -> None:
    before, listing = digest(store_path), sorted(store_path.parent.iterdir())
    with pytest.raises(StoreError) as caught:
        open_store(store_path, "not-the-passphrase")
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    assert digest(store_path) == before
    assert sorted(store_path.parent.iterdir()) == listing  # no -wal or -shm left behind


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", Kind.NOT_A_STORE),
        (b"hello", Kind.NOT_A_STORE),
        (b"\x00" * 4096 * 3, Kind.WRONG_PASSPHRASE),  # random pages are indistinguishable
    ],
)
def test_files_that_are_not_stores(tmp_path: Path, content: bytes, kind: Kind) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(path, PASSPHRASE)
    assert caught.value.kind is kind
    assert path.read_bytes() == content


def test_a_plain_sqlite_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(path, PASSPHRASE)
    assert (caught.value.kind, caught.value.params["reason"]) == (Kind.NOT_A_STORE, "unencrypted")
    assert digest(path) == before


def test_a_truncated_store_is_refused(store_path: Path) -> None:
    data = store_path.read_bytes()
    store_path.write_bytes(data[: len(data) // 2 + 100])
    with pytest.raises(StoreError) as caught:
        open_store(store_path, PASSPHRASE)
    assert caught.value.kind is Kind.NOT_A_STORE


def test_an_encrypted_database_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        open_store(path, PASSPHRASE)
    assert caught.value.kind is Kind.NOT_A_STORE


def test_a_store_from_a_newer_version_is_refused_untouched(store_path: Path) -> None:
    conn = sqlcipher3.connect(str(store_path))
    conn.execute(f'PRAGMA key = "{raw_key_for(store_path, PASSPHRASE)}"')
    conn.execute("UPDATE alembic_version SET version_num = '9001'")
    conn.commit()
    conn.close()
    before = digest(store_path)
    with pytest.raises(StoreError) as caught:
        open_store(store_path, PASSPHRASE)
    assert caught.value.kind is Kind.STORE_TOO_NEW
    assert caught.value.params["revision"] == "9001"
    assert digest(store_path) == before


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "nowhere.db", PASSPHRASE)
    assert caught.value.kind is Kind.STORE_NOT_FOUND


def test_create_refuses_an_existing_file_and_a_weak_passphrase(
    store_path: Path, tmp_path: Path
) -> None:
    with pytest.raises(StoreError) as caught:
        create_store(store_path, PASSPHRASE)
    assert caught.value.kind is Kind.STORE_EXISTS
    for weak in ("short", "aaaaaaaaaaa"):
        with pytest.raises(StoreError) as caught:
            create_store(tmp_path / "new.db", weak)
        assert caught.value.kind is Kind.WEAK_PASSPHRASE
    assert not (tmp_path / "new.db").exists()


def test_every_connection_is_set_up_for_durability(store: Store) -> None:
    with store.connection() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_disk_full_loses_nothing_already_saved(store: Store) -> None:
    with store.session() as session:
        kept = make_child(session, name="王小明")
    with pytest.raises(StoreError) as caught, store.session() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
        session.execute(text(f"PRAGMA max_page_count = {pages}"))  # the disk is now full
        for n in range(200):
            make_child(session, name=f"李{n}", notes="长" * 3000)
    assert caught.value.kind is Kind.DISK_FULL
    store.close()
    reopened = open_store(store.path, PASSPHRASE)
    with reopened.session() as session:
        names = session.execute(text("SELECT name FROM child")).scalars().all()
    reopened.close()
    assert names == [kept.name]
