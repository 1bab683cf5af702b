"""Schema versions: migrations match the models, and every released store still opens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from childcare_desktop.storage import maintenance, migrate
from childcare_desktop.storage.models import Base
from childcare_desktop.storage.store import Store, open_store
from tests.storage.make_fixture_store import DATA, FIXTURE_PASSPHRASE


def test_migrations_build_exactly_the_models(store: Store) -> None:
    """What ``alembic check`` does: autogenerate against a migrated store finds nothing."""
    with store.connection() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_head_and_known_revisions_agree_with_the_scripts() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_heads() == [migrate.HEAD]
    assert set(migrate.known_revisions()) == {s.revision for s in scripts.walk_revisions()}


def test_every_migration_can_be_downgraded() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    for script in scripts.walk_revisions():
        assert "def downgrade" in Path(script.path).read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", sorted(DATA.glob("store-*.db")), ids=lambda p: p.stem)
def test_released_stores_upgrade_and_pass_the_check(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    store = open_store(path, FIXTURE_PASSPHRASE)
    try:
        with store.connection() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            assert conn.execute(text("SELECT count(*) FROM child")).scalar() == 8
        assert maintenance.check_store(store).ok
    finally:
        store.close()


def test_an_older_store_is_copied_aside_before_the_upgrade(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "HEAD", "0002")  # as if this build knew one more revision
    store = open_store(store_path, "test-passphrase-口令")
    store.close()
    backup = store_path.with_name(store_path.name + ".before-0002")
    assert backup.exists()
    assert backup.read_bytes()[:16] == store_path.read_bytes()[:16]  # same salt: still encrypted
