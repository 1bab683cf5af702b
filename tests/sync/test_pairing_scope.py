"""结对帮扶 and 告知学校 on the real server: another village's director cannot pair a helper
with a child of village A, log a contact on village A's pairing, nor record a school
notice for village A's child; the server checks them by the registry's owner chain
(pairing_contact -> pairing -> child)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select

from childcare_desktop.services import pairing
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


def test_another_village_cannot_pair_log_or_tell_for_a_child_of_village_a(
    server: LiveServer, make_laptop: Callable[..., Laptop]
) -> None:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    a = make_laptop("a", server, user="a_dir")
    with a.store.session() as s:
        child = make_child(s, name="甲村孩子", birth_date=years_ago(10))
        p = pairing.add_pairing(
            s,
            child_id=child.id,
            helper_name="陈干部",
            helper_role="cadre",
            since=TODAY - timedelta(days=9),
        )
    assert a.run().ok
    assert p.id in _rows(server, "pairing")

    b = Forger.enrolled(server, "b_dir")
    contact, paired, notice = (str(uuid.uuid4()) for _ in range(3))
    results = b.push(
        b.insert(
            "pairing_contact",
            VILLAGE_B,
            contact,
            pairing_id=p.id,
            contacted_on=TODAY.isoformat(),
            mode="phone",
            content=None,
        ),
        b.insert(
            "pairing",
            VILLAGE_B,
            paired,
            child_id=child.id,
            helper_name="乙村人",
            helper_role="other",
            phone=None,
            since=TODAY.isoformat(),
            until=None,
            end_reason=None,
        ),
        b.insert(
            "school_notice",
            VILLAGE_B,
            notice,
            child_id=child.id,
            school_name="乙村小学",
            told_on=TODAY.isoformat(),
            mode="phone",
            contents=["situation"],
            told_whom=None,
            note=None,
        ),
    )
    assert all(r[1] != Status.APPLIED for r in results), results
    assert contact not in _rows(server, "pairing_contact")
    assert paired not in _rows(server, "pairing")
    assert notice not in _rows(server, "school_notice")
