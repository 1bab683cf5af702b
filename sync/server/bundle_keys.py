"""The server's bundle keys and the devices' pinned signing keys (issue 16, :mod:`sync.sealing`).

The server's key pairs are made once, at the first hello or enrolment that needs them,
and journalled like the accounts: a server restored from a backup keeps them (the
laptops hold its public keys and seal their bundles to them). The private keys never
leave the database and the journal, which hold the children's records anyway.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..sealing import Keys
from . import journal
from . import schema as s


def public(conn: Connection, *, now_ms: int) -> dict[str, str]:
    """The server's public keys (made on first use; ``conn`` writes)."""
    return keys(conn, now_ms=now_ms).public()


def keys(conn: Connection, *, now_ms: int | None = None) -> Keys:
    """The server's key pairs; made now if there are none and ``now_ms`` is given."""
    found = conn.execute(select(s.server_key).where(s.server_key.c.id == 1)).first()
    if found is not None:
        return Keys.load({"box": found.box, "sign": found.sign})
    if now_ms is None:
        raise LookupError("the server has no bundle keys yet")
    made = Keys.new()
    row = {"id": 1, **made.dump(), "created_ms": now_ms}
    conn.execute(insert(s.server_key).values(**row))
    journal.record(conn, "row", table=s.server_key.name, row=row)
    return made


def pin(conn: Connection, device_id: str, sign: str, n: int, *, now_ms: int) -> str | None:
    """Check a bundle's signer against the device's pinned key (pinned now if it has
    none) and its number against the last answered. Returns why it is refused, if it is:
    ``other_key`` (a copy of the token with another key: not this laptop), or None."""
    d = s.device_key.c
    found = conn.execute(select(s.device_key).where(d.device_id == device_id)).first()
    if found is None:
        if _first(conn, device_id, sign, n, now_ms):
            return None
        found = conn.execute(select(s.device_key).where(d.device_id == device_id)).first()
        assert found is not None
    if found.sign != sign:
        return "other_key"
    conn.execute(
        update(s.device_key)
        .where(d.device_id == device_id)
        .values(last_n=max(int(found.last_n), n), last_ms=now_ms)
    )
    return None


def pin_online(conn: Connection, device_id: str, sign: str, *, now_ms: int) -> None:
    """The device's signing key, said in a hello over HTTPS with its token: pinned, or
    pinned anew (a laptop restored from an old backup signs with the key it holds; over
    the network its token is all a device needs anyway)."""
    d = s.device_key.c
    found = conn.execute(select(d.sign).where(d.device_id == device_id)).first()
    if found is None:
        _first(conn, device_id, sign, 0, now_ms)
    elif found.sign != sign:
        conn.execute(update(s.device_key).where(d.device_id == device_id).values(sign=sign))


def _first(conn: Connection, device_id: str, sign: str, n: int, now_ms: int) -> bool:
    """Pin a device's first key; False if another request pinned one meanwhile (two
    relays of its first bundle at once: the database says which came first)."""
    try:
        with conn.begin_nested():
            conn.execute(
                insert(s.device_key).values(
                    device_id=device_id, sign=sign, first_ms=now_ms, last_n=n, last_ms=now_ms
                )
            )
    except IntegrityError:
        return False
    return True
