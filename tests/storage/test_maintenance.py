"""Backup, restore, change of passphrase and the integrity check."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from childcare_desktop.core.errors import Kind, StoreError
from childcare_desktop.storage import audit, maintenance
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE
from tests.factories import make_child


def names(store: Store) -> list[str]:
    with store.connection() as conn:
        return list(conn.execute(text("SELECT name FROM child ORDER BY name")).scalars())


def test_backup_is_encrypted_verified_and_restorable(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        child = make_child(session, name="甲")
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = maintenance.backup_store(store, usb / "backup.db")
    assert b"SQLite format 3" not in backup.read_bytes()[:16]
    # The 18-digit ID number: three bytes of a name turn up in random bytes now and then.
    assert child.id_number and child.id_number.encode() not in backup.read_bytes()
    with store.session() as session:
        make_child(session, name="乙")  # made after the backup
    store.close()

    restored, kept = maintenance.restore_store(backup, store.path, PASSPHRASE, actor="督导员")
    try:
        assert names(restored) == ["甲"]
        assert maintenance.check_store(restored).ok
    finally:
        restored.close()
    assert kept is not None and kept.exists()  # the replaced store is kept, with 乙 in it
    previous = open_store(kept, PASSPHRASE)
    assert names(previous) == ["乙", "甲"]
    previous.close()


def test_a_restored_store_is_a_new_sync_site_with_its_changes_restamped(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as session:
        make_child(session, name="甲")
    with store.connection() as conn:
        old_site, pending = conn.execute(text("SELECT site_id, ctr FROM sync_site")).one()
    backup = maintenance.backup_store(store, tmp_path / "b.db")
    store.close()
    restored, _ = maintenance.restore_store(backup, store.path, PASSPHRASE)
    with restored.connection() as conn:
        site, ctr = conn.execute(text("SELECT site_id, ctr FROM sync_site")).one()
        ops = conn.execute(text("SELECT site_id, ctr FROM outbox ORDER BY ctr")).all()
    restored.close()
    assert site != old_site
    assert ctr == pending
    assert ops == [(site, n) for n in range(1, pending + 1)]


def test_backup_never_overwrites(store: Store, tmp_path: Path) -> None:
    existing = tmp_path / "old-backup.db"
    existing.write_bytes(b"an older backup")
    with pytest.raises(StoreError) as caught:
        maintenance.backup_store(store, existing)
    assert caught.value.kind is Kind.STORE_EXISTS
    assert existing.read_bytes() == b"an older backup"


def test_restore_with_a_wrong_passphrase_leaves_everything_in_place(
    store: Store, tmp_path: Path
) -> None:
    backup = maintenance.backup_store(store, tmp_path / "b.db")
    store.close()
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as caught:
        maintenance.restore_store(backup, store.path, "wrong-passphrase")
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["b.db", "store.db"]


def test_restore_refuses_a_truncated_backup(store: Store, tmp_path: Path) -> None:
    backup = maintenance.backup_store(store, tmp_path / "b.db")
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 3 // 4096 * 4096])
    with pytest.raises(StoreError) as caught:
        maintenance.restore_store(backup, tmp_path / "new.db", PASSPHRASE)
    assert caught.value.kind in (Kind.BACKUP_INVALID, Kind.NOT_A_STORE)
    assert not (tmp_path / "new.db").exists()


def test_change_passphrase(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        make_child(session, name="甲")
    old_backup = maintenance.backup_store(store, tmp_path / "old.db")
    changed = maintenance.change_passphrase(store, "a-new-passphrase")
    assert names(changed) == ["甲"]
    assert maintenance.check_store(changed).ok
    changed.close()
    with pytest.raises(StoreError) as caught:
        open_store(store.path, PASSPHRASE)
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    open_store(old_backup, PASSPHRASE).close()  # backups keep the passphrase they were made with


def test_change_to_a_weak_passphrase_is_refused(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        maintenance.change_passphrase(store, "123")
    assert caught.value.kind is Kind.WEAK_PASSPHRASE
    assert names(store) == []  # still open, still usable


def test_check_finds_a_gap_in_the_outbox(store: Store) -> None:
    with store.session() as session:
        make_child(session, name="甲")
        make_child(session, name="乙")  # four ops: two children, two categories
    with store.connection() as conn:
        conn.execute(text("DELETE FROM outbox WHERE ctr IN (2, 4)"))
    problems = maintenance.check_store(store).problems
    assert "outbox has 1 missing counter values" in problems
    assert "outbox ends at 3 but the counter is 4" in problems


def test_the_audit_log_is_append_only_and_tamper_evident(store: Store) -> None:
    with store.session() as session:
        make_child(session)
    with pytest.raises(IntegrityError, match="append-only"), store.connection() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    with pytest.raises(IntegrityError, match="append-only"), store.connection() as conn:
        conn.execute(text("DELETE FROM audit_log"))
    with store.connection() as conn:  # an outside tool drops the guard and edits an entry
        conn.execute(text("DROP TRIGGER audit_log__no_update"))
        conn.execute(text("UPDATE audit_log SET action = 'nothing' WHERE id = 2"))
        assert audit.verify(conn) == 2
    problems = maintenance.check_store(store).problems
    assert "audit chain broken at entry 2" in problems
    assert "missing trigger: audit_log__no_update" in problems


def test_check_reports_a_missing_capture_trigger(store: Store) -> None:
    with store.connection() as conn:
        conn.execute(text("DROP TRIGGER visit__capture_ins"))
    assert "missing trigger: visit__capture_ins" in maintenance.check_store(store).problems


def test_restore_refuses_the_store_itself(store: Store) -> None:
    store.close()
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as caught:
        maintenance.restore_store(store.path, store.path, PASSPHRASE)
    assert caught.value.kind is Kind.SAME_FILE
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before


def test_a_full_disk_during_restore_leaves_the_store_in_place(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.session() as session:
        make_child(session, name="甲")
    backup = maintenance.backup_store(store, tmp_path / "b.db")
    store.close()
    before = hashlib.sha256(store.path.read_bytes()).hexdigest()

    def disk_full(src: object, dst: object) -> None:
        Path(str(dst)).write_bytes(b"half a copy")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(maintenance.shutil, "copyfile", disk_full)
    with pytest.raises(StoreError) as caught:
        maintenance.restore_store(backup, store.path, PASSPHRASE)
    assert caught.value.kind is Kind.DISK_FULL
    assert hashlib.sha256(store.path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["b.db", "store.db"]
