"""A document type and its number changed in one edit (a passport's number corrected to
an ID card's): found in review of issue 19.

The edit travels as two changes of the record, the type first. The server checked the
type against the number it replaces (an ID card's type with a passport's number) and set
it aside, as did a laptop pulling it: the county and the other laptops kept "passport"
beside an ID card's number. Each is now checked with the other as the push (or the
pulled page) leaves it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from sync.server import schema
from tests.factories import make_id
from tests.sync.conftest import LiveServer
from tests.sync.test_merge import _get, _set, _two


def test_a_passport_corrected_to_an_id_card_in_one_edit(server: LiveServer, make_laptop) -> None:
    a, b, child_id = _two(server, make_laptop)
    born = date.fromisoformat(str(_get(a, child_id, "birth_date")))
    _set(a, child_id, id_type="passport", id_number="E12345678")
    assert a.run().ok and b.run().ok
    assert _get(b, child_id, "id_number") == "E12345678"
    number = make_id(born)
    _set(a, child_id, id_type="resident_id", id_number=number)
    pushed = a.run()
    with server.db.read() as conn:
        reasons = conn.execute(select(schema.quarantine.c.reason)).scalars().all()
    assert pushed.ok and pushed.quarantined == 0, reasons
    pulled = b.run()
    assert pulled.ok and pulled.pulled == 2
    with b.store.connection() as conn:
        held = conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar()
    assert held == 0
    for laptop in (a, b):
        assert (_get(laptop, child_id, "id_type"), _get(laptop, child_id, "id_number")) == (
            "resident_id",
            number,
        )
