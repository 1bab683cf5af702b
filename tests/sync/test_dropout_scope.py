"""辍学 on the real server: another village's director cannot file a dropout for a child
of village A, nor add a persuasion (劝返) to village A's dropout; the server checks them
by the owner chain of the registry (persuasion -> dropout -> child)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select

from childcare_desktop.services import dropouts
from sync.protocol import Status
from sync.server import schema
from tests.factories import make_child, years_ago
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer
from tests.sync.hostile import Forger

TODAY = date.today()


def _rows(server: LiveServer, table: str) -> set[str]:
    f = schema.field.c
    with server.db.read() as conn:
        return set(conn.execute(select(f.row_id).where(f.tbl == table)).scalars())


def test_another_village_cannot_persuade_or_file_for_a_child_of_village_a(
    server: LiveServer, make_laptop: Callable[..., Laptop]
) -> None:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    a = make_laptop("a", server, user="a_dir")
    with a.store.session() as s:
        child = make_child(s, name="甲村孩子", birth_date=years_ago(13))
        d = dropouts.record_dropout(
            s, child_id=child.id, left_on=TODAY - timedelta(days=9), reason="厌学"
        )
    assert a.run().ok
    assert d.id in _rows(server, "dropout")

    b = Forger.enrolled(server, "b_dir")
    persuasion, dropout = str(uuid.uuid4()), str(uuid.uuid4())
    results = b.push(
        b.insert(
            "persuasion",
            VILLAGE_B,
            persuasion,
            dropout_id=d.id,
            on_date=TODAY.isoformat(),
            done_by="王主任",
            method="电话",
            outcome="returned",
            note=None,
        ),
        b.insert(
            "dropout",
            VILLAGE_B,
            dropout,
            child_id=child.id,
            school=None,
            grade=None,
            left_on=TODAY.isoformat(),
            reason="other",
            notes=None,
            state="open",
            reported_on=None,
        ),
    )
    assert all(r[1] != Status.APPLIED for r in results), results
    assert persuasion not in _rows(server, "persuasion")
    assert dropout not in _rows(server, "dropout")
