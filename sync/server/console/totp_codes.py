"""A staff member's second factor, set up in the browser, and its recovery codes.

* Enrolment: an account that must use TOTP but has no secret gets one on the enrolment
  page (kept in ``staff.totp_pending`` so a reload shows the same one), and it becomes
  the account's only once a code made from it is typed back (:func:`confirm`).
* Recovery codes: :data:`RECOVERY_COUNT` one-time codes, shown once, each usable instead
  of a TOTP code at login. Kept as SHA-256 of name and code, not argon2: a code is 12
  characters drawn at random (59 bits), so no dictionary helps and a fast hash is as
  good as a slow one against a stolen database, which holds the TOTP secret itself in
  clear anyway (it must, to check a code); a slow hash would only make every try of a
  code cost a tenth of a second of the server's two cores.
* Reset (the staff member, or an administrator for another): the secret, the pending
  one and the recovery codes go, the account must enrol again at its next login.

Part of :mod:`.staff` (its row lock, failure count and journal), kept apart for size.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import pyotp
import segno
from markupsafe import Markup
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from .. import journal
from .. import schema as s
from . import staff
from .staff import LoginRefused

RECOVERY_COUNT = 10
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: copied by hand
RECOVERY_CHARS = 12


def pending_secret(conn: Connection, name: str) -> str:
    """The secret the enrolment page shows (made on the first visit, kept till confirmed)."""
    found = conn.execute(select(s.staff.c.totp_pending).where(s.staff.c.name == name)).scalar()
    if found:
        return str(found)
    secret = pyotp.random_base32()
    conn.execute(update(s.staff).where(s.staff.c.name == name).values(totp_pending=secret))
    return secret


def uri(name: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=staff.ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four, to type into an authenticator by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(text: str) -> Markup:
    """``text`` as a QR code, an inline SVG drawn here (segno): no script, no image URL."""
    svg = segno.make(text, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return Markup(svg)  # segno's own markup: the text is in its path, never as markup


def _step(secret: str, code: str, now_ms: int, after: int) -> int | None:
    """The time step (one back or ahead counts: clocks drift) whose code ``code`` is."""
    totp = pyotp.TOTP(secret)
    step = now_ms // 1000 // totp.interval
    code = code.strip().replace(" ", "")
    for used in (step - 1, step, step + 1):
        if used > after and secrets.compare_digest(totp.generate_otp(used), code):
            return used
    return None


def confirm(conn: Connection, name: str, code: str, *, now_ms: int) -> list[str] | None:
    """Make the pending secret the account's if ``code`` is one of its codes; then its
    new recovery codes (shown once). None when the code is wrong (nothing changes)."""
    pending = conn.execute(select(s.staff.c.totp_pending).where(s.staff.c.name == name)).scalar()
    used = _step(str(pending), code, now_ms, -1) if pending else None
    if used is None:
        return None
    staff._change(
        conn,
        name,
        now_ms,
        totp_secret=pending,
        totp_pending=None,
        totp_required=True,
        totp_last=used,
        failed=0,
        locked_until_ms=None,
    )
    return new_recovery(conn, name, now_ms=now_ms)


def new_recovery(conn: Connection, name: str, *, now_ms: int) -> list[str]:
    """:data:`RECOVERY_COUNT` new recovery codes (the old ones stop working)."""
    _drop_recovery(conn, name)
    codes = []
    for _ in range(RECOVERY_COUNT):
        raw = "".join(secrets.choice(ALPHABET) for _ in range(RECOVERY_CHARS))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_CHARS, 4)))
        row = {"code_hash": _digest(name, raw), "staff": name, "created_ms": now_ms}
        conn.execute(s.staff_recovery.insert().values(**row, used_ms=None))
        journal.record(conn, "row", table=s.staff_recovery.name, row={**row, "used_ms": None})
    return codes


def recovery_left(conn: Connection, name: str) -> int:
    r = s.staff_recovery.c
    query = select(func.count()).where(r.staff == name, r.used_ms.is_(None))
    return int(conn.execute(query).scalar() or 0)


def is_recovery(code: str) -> bool:
    """Whether what was typed at the code's prompt is a recovery code, not a TOTP code."""
    return not _normal(code).isdigit()


def use_recovery(conn: Connection, name: str, code: str, *, now_ms: int) -> int:
    """Spend one recovery code; how many are left. :class:`LoginRefused` when it is not
    one of the account's unused codes (a failure, counted as a wrong TOTP code is)."""
    found = conn.execute(staff._locked(name)).mappings().first()
    if found is None or not found["active"] or not found["totp_secret"]:
        raise LoginRefused("bad")
    if (found["locked_until_ms"] or 0) > now_ms:
        raise LoginRefused("locked")
    r = s.staff_recovery.c
    spent = conn.execute(
        update(s.staff_recovery)
        .where(r.code_hash == _digest(name, _normal(code)), r.staff == name, r.used_ms.is_(None))
        .values(used_ms=now_ms)
    ).rowcount
    if not spent:
        raise LoginRefused(staff._failed(conn, name, found["failed"], now_ms))
    staff._change(conn, name, now_ms, failed=0, locked_until_ms=None, journalled=False)
    row = conn.execute(select(s.staff_recovery).where(r.code_hash == _digest(name, _normal(code))))
    journal.record(conn, "row", table=s.staff_recovery.name, row=dict(row.mappings().one()))
    return recovery_left(conn, name)


def check(conn: Connection, name: str, password: str, code: str | None, *, now_ms: int) -> None:
    """The staff member is who the session says: their password, and (unless ``code`` is
    None) their TOTP code or a recovery code when they have a secret.
    :class:`LoginRefused` (counted as a failed login) if not."""
    who = staff.login(conn, name, password, now_ms=now_ms)
    if code is not None and who.totp_set:
        if is_recovery(code):
            use_recovery(conn, name, code, now_ms=now_ms)
        else:
            staff.second_factor(conn, name, code[:12], now_ms=now_ms)


def reset(conn: Connection, name: str, *, now_ms: int) -> None:
    """Forget the account's second factor: it enrols again at its next login (its
    sessions end)."""
    staff._known(conn, name)
    _drop_recovery(conn, name)
    staff._change(
        conn,
        name,
        now_ms,
        totp_secret=None,
        totp_pending=None,
        totp_last=None,
        totp_required=True,
    )
    staff._end_sessions(conn, name, now_ms)


def listing(conn: Connection, *, now_ms: int) -> list[dict[str, Any]]:
    """:func:`.staff.listing` with each account's recovery codes left."""
    rows = staff.listing(conn, now_ms=now_ms)
    for row in rows:
        row["recovery_left"] = recovery_left(conn, row["name"])
    return rows


def _drop_recovery(conn: Connection, name: str) -> None:
    r = s.staff_recovery.c
    for (code_hash,) in conn.execute(select(r.code_hash).where(r.staff == name)):
        journal.record(conn, "gone", table=s.staff_recovery.name, key={"code_hash": code_hash})
    conn.execute(delete(s.staff_recovery).where(r.staff == name))


def _normal(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()[:40]


def _digest(name: str, code: str) -> str:
    return hashlib.sha256(f"{name}\n{code}".encode()).hexdigest()
