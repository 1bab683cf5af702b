"""Write tests/storage/data/store-<HEAD>.db: a small store of the current schema.

Run once when a schema version is released (``python -m tests.storage.make_fixture_store``)
and commit the file; test_migrations upgrades every such store to the current HEAD.
Synthetic data only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from childcare_desktop.services import demo
from childcare_desktop.storage.migrate import HEAD
from childcare_desktop.storage.store import create_store

FIXTURE_PASSPHRASE = "fixture-passphrase"
DATA = Path(__file__).with_name("data")


def main() -> Path:
    path = DATA / f"store-{HEAD}.db"
    path.unlink(missing_ok=True)
    store = create_store(path, FIXTURE_PASSPHRASE, actor="fixture")
    with store.session() as session:
        demo.build_demo_village(session, children=8, seed=7, as_of=date(2026, 11, 1))
    with store.raw_connection() as conn:
        conn.execute("VACUUM")
    store.close()
    return path


if __name__ == "__main__":
    print(main())
