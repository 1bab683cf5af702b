"""Looking after store files through the use cases (what the command line calls)."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.core.errors import DomainError, Kind
from childcare_desktop.services import maintenance, stores
from childcare_desktop.storage.store import Store
from tests.conftest import PASSPHRASE


def test_a_half_built_demo_store_is_deleted(store: Store, store_path: Path) -> None:
    maintenance.build_demo_store(store, children=3, seed=1, as_of=None)
    # The same invented children again: their ID numbers are taken, and building fails.
    with pytest.raises(DomainError) as failed:
        maintenance.build_demo_store(store, children=3, seed=1, as_of=None)
    assert failed.value.kind is Kind.ID_DUPLICATE
    assert list(store_path.parent.iterdir()) == []  # nor its -wal and -shm files


def test_only_a_demo_store_is_removed(store: Store, store_path: Path, tmp_path: Path) -> None:
    store.close()
    with pytest.raises(DomainError) as refused:
        maintenance.remove_demo_store(store_path, PASSPHRASE)
    assert refused.value.kind is Kind.STORE_EXISTS and store_path.exists()
    demo_path = tmp_path / "demo" / "demo.db"
    demo = stores.create(demo_path, PASSPHRASE, actor="测试员", region_code=None)
    maintenance.build_demo_store(demo, children=2, seed=1, as_of=None)
    demo.close()
    maintenance.remove_demo_store(demo_path, PASSPHRASE)
    assert list(demo_path.parent.iterdir()) == []


def test_restore_backup_returns_the_store_it_kept(store: Store, tmp_path: Path) -> None:
    backup = stores.backup(store, tmp_path / "backup.db")
    store.close()
    kept = maintenance.restore_backup(backup, store.path, PASSPHRASE, actor="测试员")
    assert kept is not None and kept.exists() and kept != store.path
    restored = stores.unlock(store.path, PASSPHRASE, actor="测试员")
    try:
        assert maintenance.check_store(restored).ok
    finally:
        restored.close()
