"""The per-address limit on failed console logins, beside each account's lockout.

An account locks after :data:`.staff.MAX_FAILED` wrong tries in a row; that stops
guessing one account's password, not trying a few passwords on each of many names. So
at most :data:`MAX_FAILURES` failed logins (a wrong name or password, a wrong TOTP or
recovery code, a try on a locked account) from one client address within
:data:`WINDOW_MS`, whatever the names: after that the address is refused (HTTP 429)
before any password is checked, until its oldest failure leaves the window.

The address is the one uvicorn gives (``request.client``): the peer's, or the
``X-Forwarded-For`` of a proxy the server was told to trust (``--trusted-proxy``), never
a header anyone else sends (see :mod:`sync.server.serving`). The failures are kept in the
database (``login_failure``), not in memory: the server may run several workers, and a
restart must not wipe an attacker's count. Two workers counting at the same instant may
let one or two tries past the limit; the account lockout still holds.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from .. import schema as s

MAX_FAILURES = 20
WINDOW_MINUTES = 15
WINDOW_MS = WINDOW_MINUTES * 60_000


def refused(conn: Connection, client: str, *, now_ms: int) -> bool:
    """Whether ``client`` has failed :data:`MAX_FAILURES` times within the window."""
    f = s.login_failure.c
    query = (
        select(func.count())
        .select_from(s.login_failure)
        .where(f.client == client[:64], f.at_ms > now_ms - WINDOW_MS)
    )
    return int(conn.execute(query).scalar() or 0) >= MAX_FAILURES


def failed(conn: Connection, client: str, *, now_ms: int) -> None:
    """Count a failed login of ``client`` (and forget those past the window, anyone's)."""
    f = s.login_failure.c
    conn.execute(delete(s.login_failure).where(f.at_ms <= now_ms - WINDOW_MS))
    conn.execute(s.login_failure.insert().values(client=client[:64], at_ms=now_ms))
