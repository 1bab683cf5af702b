"""A writer for test_kill: bursts of ORM and raw-SQL writes, reporting each commit.

Run as ``python -m tests.storage.kill_writer STORE``; the passphrase comes from
CHILDCARE_PASSPHRASE. After each commit it prints ``<n> <child id>`` and flushes, so
the parent knows which changes were durable before it kills this process.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.services.visits import log_visit
from childcare_desktop.storage.store import open_store
from tests.factories import make_child


def main(path: str) -> None:
    store = open_store(path, os.environ["CHILDCARE_PASSPHRASE"], actor="writer")
    day = date.today() - timedelta(days=300)
    for n in range(1_000_000):
        with store.session() as session:  # ORM path: a child, its category, visits
            child = make_child(session, name=f"儿童{n}")
            for k in range(5):
                log_visit(
                    session, child_id=child.id, visited_on=day + timedelta(days=k), mode="phone"
                )
        with store.connection() as conn:  # raw SQL path
            for k in range(10):
                conn.execute(
                    text("UPDATE child SET notes = :v WHERE id = :id"),
                    {"v": f"第{k}次修改", "id": child.id},
                )
        print(n, child.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
