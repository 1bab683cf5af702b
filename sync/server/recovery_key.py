"""The county's public recovery key, kept by the server to hand to laptops.

The server keeps only the public half (in ``server_meta``): laptops seal their store's
key to it (:mod:`sync.recovery`) at enrollment and re-seal at the hello after the county
rotated it. The private half stays offline in the county's safe; nothing here can open
a store.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ..recovery import CountyKey
from . import schema as s

META_KEY = "recovery_key"  # server_meta: {"key", "fingerprint", "set_ms"}


def set_key(conn: Connection, county: CountyKey, *, now_ms: int) -> bool:
    """Serve ``county`` to laptops from now on; whether it differs from the key served."""
    current = key(conn)
    value = json.dumps({**county.as_dict(), "set_ms": now_ms})
    if current is None:
        conn.execute(s.meta.insert().values(key=META_KEY, value=value))
        return True
    if current == county:
        return False
    conn.execute(update(s.meta).where(s.meta.c.key == META_KEY).values(value=value))
    return True


def key(conn: Connection) -> CountyKey | None:
    """The county key laptops are given, or None while the county has set none."""
    found = conn.execute(select(s.meta.c.value).where(s.meta.c.key == META_KEY)).scalar()
    return None if found is None else CountyKey.parse(json.loads(found))


def shown(conn: Connection) -> dict[str, Any] | None:
    """The key with when it was set, for ``recovery show``."""
    found = conn.execute(select(s.meta.c.value).where(s.meta.c.key == META_KEY)).scalar()
    return None if found is None else dict(json.loads(found))


def answer(conn: Connection) -> dict[str, Any]:
    """What an enroll or hello answer carries of it: ``{"recovery": {"fingerprint",
    "key"}}``, or nothing while none is set (an older laptop ignores it)."""
    county = key(conn)
    return {} if county is None else {"recovery": county.as_dict()}
