"""Schema versions: migrations match the models, and every released store still opens."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, StoreError
from childcare_desktop.services import visits
from childcare_desktop.storage import capture, maintenance, migrate
from childcare_desktop.storage.models import Base, Child
from childcare_desktop.storage.store import Store, open_store
from tests.factories import make_child
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


def test_an_older_store_is_copied_aside_before_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    shutil.copyfile(DATA / "store-0001.db", path)
    original = path.read_bytes()
    open_store(path, FIXTURE_PASSPHRASE).close()
    (backup,) = tmp_path.glob("store.db.before-*")
    assert backup.read_bytes() == original  # the schema-0001 file, byte for byte
    assert backup.read_bytes()[:16] == path.read_bytes()[:16]  # same salt: still encrypted


def migration(name: str) -> Any:
    """A store migration's module (its file name starts with a digit)."""
    path = Path(migrate.__file__).parent / "migrations" / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_migration_can_rebuild_a_table_that_others_point_at(store: Store) -> None:
    """A batch alter of ``child`` (copy, drop, rename) keeps every visit and its link."""
    from alembic.operations import Operations

    with store.session() as session:
        child = make_child(session, name="甲")
        visits.log_visit(session, child_id=child.id, visited_on=date(2026, 3, 1), mode="home")
    with migrate.schema_change(store.engine) as conn:
        ops = Operations(MigrationContext.configure(conn))
        with ops.batch_alter_table("child", recreate="always") as batch:
            batch.add_column(sa.Column("nickname", sa.String(40)))
        capture.install(conn.exec_driver_sql, [capture.spec_for(Child.__table__)])
        # and the worklist's log of touched children (0023), as such a migration must
        for name, body in migration("0023_work_touched").TRIGGERS.items():
            if name.startswith("child__"):
                conn.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    with store.connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM visit")).scalar() == 1
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1  # back on after
    assert maintenance.check_store(store).ok


def test_a_migration_that_breaks_a_link_is_rolled_back(store: Store) -> None:
    with store.session() as session:
        child = make_child(session, name="甲")
        visits.log_visit(session, child_id=child.id, visited_on=date(2026, 3, 1), mode="home")
    with pytest.raises(StoreError) as caught, migrate.schema_change(store.engine) as conn:
        conn.exec_driver_sql("UPDATE sync_site SET applying = 1")
        conn.exec_driver_sql("DELETE FROM child")
    assert caught.value.kind is Kind.INTEGRITY_FAILED
    with store.connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM child")).scalar() == 1
