"""A pull brings each field once, with its latest value (issue 19).

Every edit goes up and the county keeps each in its log; a laptop that pulls after a
field changed five times gets its last value alone, its base the last version (so its
own next edit of the field is no conflict). A group's fields (an agreement's state and
its dates) come with every change of theirs, so no laptop shows a state with the dates
of another change between two pages.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text

from childcare_desktop.services import agreements
from sync.server import schema
from tests.factories import make_id
from tests.sync.conftest import VILLAGE_A, LiveServer
from tests.sync.test_merge import _get, _set, _two
from tests.sync.test_regressions import _draft


def _logged(server: LiveServer, row_id: str, field: str | None = None) -> int:
    log = schema.change_log.c
    query = select(func.count()).where(log.row_id == row_id)
    if field is not None:
        query = query.where(log.field == field)
    with server.db.read() as conn:
        return int(conn.execute(query).scalar_one())


def test_a_field_edited_five_times_comes_down_once_with_its_last_value(
    server: LiveServer, make_laptop
) -> None:
    a, b, child_id = _two(server, make_laptop)
    for n in range(5):
        _set(a, child_id, phone=f"1380000000{n}", notes=f"第{n}次")
    pushed = a.run()
    assert pushed.ok and pushed.pushed == 10  # every edit goes up
    assert _logged(server, child_id, "phone") == 5  # and the county keeps each
    pulled = b.run()
    assert pulled.ok and pulled.pulled == 2  # the phone and the notes, once each
    assert _get(b, child_id, "phone") == "13800000004"
    assert _get(b, child_id, "notes") == "第4次"
    # B's base is the last version: its own edit of the field is no conflict.
    _set(b, child_id, phone="13900000009")
    answer = b.run()
    assert answer.ok and answer.conflicts == 0
    assert a.run().ok and _get(a, child_id, "phone") == "13900000009"


def test_a_groups_fields_come_with_every_change(server: LiveServer, make_laptop) -> None:
    server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", server, user="wang")
    b = make_laptop("b", server, user="wang")
    agreement_id = _draft(a)
    assert a.run().ok and b.run().ok
    with a.store.session() as session:
        agreements.sign_agreement(
            session,
            agreement_id=agreement_id,
            signed_on=date.today(),
            signed_by_principal="陈父",
            signed_by_carer="李奶奶",
            witness="村儿童主任",
        )
    with a.store.session() as session:
        agreements.end_agreement(
            session, agreement_id=agreement_id, ended_on=date.today(), reason="父亲返乡"
        )
    before = _logged(server, agreement_id)
    assert a.run().ok
    changes = _logged(server, agreement_id) - before
    pulled = b.run()
    assert pulled.ok and pulled.pulled == changes > 2  # the state twice, each with its dates
    query = text("SELECT * FROM care_agreement WHERE id = :i")
    rows = []
    for laptop in (a, b):
        with laptop.store.connection() as conn:
            rows.append(conn.execute(query, {"i": agreement_id}).one()._mapping["state"])
    assert rows[0] == rows[1] == "ended"


def test_a_document_type_comes_with_the_number_it_was_checked_with(
    server: LiveServer, make_laptop
) -> None:
    """A laptop checks a pulled document type with the number as it stands: a number
    passed over (set again later) would leave the type checked against an older one,
    set aside for good, and the laptop showing a passport with an ID card's number."""
    a, b, child_id = _two(server, make_laptop)
    born = date.fromisoformat(str(_get(a, child_id, "birth_date")))
    _set(a, child_id, id_type="passport", id_number="E12345678")
    assert a.run().ok and b.run().ok
    first, second = make_id(born), make_id(born)
    for values in ({"id_number": first}, {"id_type": "resident_id"}, {"id_number": second}):
        _set(a, child_id, **values)  # each step valid as the record then stood
        assert a.run().ok
    assert _logged(server, child_id, "id_number") == 3
    pulled = b.run()
    assert pulled.ok
    with b.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one() == 0
    shown = (_get(b, child_id, "id_type"), _get(b, child_id, "id_number"))
    assert shown == ("resident_id", second)
