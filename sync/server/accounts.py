"""Users, one-time enrollment codes and device tokens.

Codes and tokens are random, shown once, and stored only as SHA-256 hashes: a copy of
the server database lets nobody sync as a device. A device token is refused
:data:`TOKEN_MAX_DAYS` after it was issued, whatever it did since; a hello with a token
older than :data:`TOKEN_ROTATE_DAYS` hands the laptop a new one. The token it replaces
is still accepted until the new one is first used, for :data:`TOKEN_GRACE_DAYS` at
most: a hello answer lost on a cut link locks nobody out, and a copied token dies at the
latest then. A device can be revoked, and a user disabled, at once.

Every change of a user, a code or a device is also written to the decision journal
(:mod:`sync.server.journal`): restoring the database from a backup must not bring back
a revoked device nor forget a device enrolled since.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import unicodedata
from typing import Any

from sqlalchemy import Table, or_, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Role

from . import journal
from . import schema as s
from .errors import SyncRefused, unauthorized
from .principal import Principal

DAY_MS = 86_400_000
TOKEN_MAX_DAYS = 180  # a laptop that does not sync for half a year enrolls again
TOKEN_ROTATE_DAYS = 30
TOKEN_GRACE_DAYS = 7
REISSUE_AFTER_MS = 10 * 60_000  # a replaced token gets a newer one after this long
CODE_DAYS = 7
CODE_MAX_DAYS = 30
LABEL_MAX = 100
BLOB_QUOTA_BYTES = 2 * 1024**3  # attachments a device may store: a village's scans, many times
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone
# Terminal escape sequences (CSI, OSC, DCS/PM/APC and two-character ones, 7- and 8-bit):
# a label is printed by `childcare-server devices` on the administrator's terminal.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves...
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: titles...
    r"|\x1b[ -/]*[0-~]?"
)


def now_ms() -> int:
    """The server's clock, in milliseconds."""
    return int(time.time() * 1000)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(conn: Connection, name: str, role: str, region: str, *, now_ms: int) -> int:
    parsed = Role.parse(role)
    if parsed is None:
        raise SyncRefused(400, "bad_role", f"role must be one of {', '.join(Role)}")
    role = parsed.value
    if not re.fullmatch(rf"[0-9]{{{parsed.region_digits}}}", region):
        raise SyncRefused(
            400, "bad_region", f"a {role} needs a {parsed.region_digits}-digit region code"
        )
    if not name.strip() or len(name) > 60:
        raise SyncRefused(400, "bad_name", "a user name of 1 to 60 characters")
    if conn.execute(select(s.user.c.id).where(s.user.c.name == name)).first():
        raise SyncRefused(409, "user_exists", f"user {name} exists")
    conn.execute(
        s.user.insert().values(name=name, role=role, region=region, created_ms=now_ms, active=True)
    )
    _journal(conn, s.user, s.user.c.name == name)
    return _user_id(conn, name)


def issue_code(conn: Connection, user_name: str, *, now_ms: int, days: int = CODE_DAYS) -> str:
    """A one-time enrollment code for one of the user's laptops (shown once)."""
    if not 1 <= days <= CODE_MAX_DAYS:
        raise SyncRefused(400, "bad_days", f"a code lasts 1 to {CODE_MAX_DAYS} days")
    user_id = _user_id(conn, user_name)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    conn.execute(
        s.enroll_code.insert().values(
            code_hash=digest(code), user_id=user_id, expires_ms=now_ms + days * DAY_MS
        )
    )
    _journal(conn, s.enroll_code, s.enroll_code.c.code_hash == digest(code))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def cancel_codes(conn: Connection, user_name: str, *, now_ms: int) -> int:
    """Cancel the user's codes not yet used nor expired; how many."""
    c = s.enroll_code.c
    user_id = _user_id(conn, user_name)
    result = conn.execute(
        update(s.enroll_code)
        .where(
            c.user_id == user_id,
            c.used_ms.is_(None),
            c.cancelled_ms.is_(None),
            c.expires_ms >= now_ms,
        )
        .values(cancelled_ms=now_ms)
    )
    _journal(conn, s.enroll_code, c.user_id == user_id, c.cancelled_ms == now_ms)
    return int(result.rowcount)


def set_active(conn: Connection, user_name: str, active: bool) -> None:
    """Enable or disable a user: a disabled user's devices are refused from the next request."""
    user_id = _user_id(conn, user_name)
    conn.execute(update(s.user).where(s.user.c.id == user_id).values(active=active))
    _journal(conn, s.user, s.user.c.id == user_id)


def _user_id(conn: Connection, user_name: str) -> int:
    found = conn.execute(select(s.user.c.id).where(s.user.c.name == user_name)).first()
    if found is None:
        raise SyncRefused(404, "unknown_user", f"no user {user_name}")
    return int(found.id)


def clean_label(label: str) -> str:
    """A device label without terminal escapes, control or format characters, on one line."""
    text = _ESCAPE.sub("", label)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("C"))
    return " ".join(text.split())[:LABEL_MAX]


def enroll(
    conn: Connection, user_name: str, code: str, label: str, *, now_ms: int
) -> tuple[str, str, dict[str, Any]]:
    """Spend a code: a new device for the user and its token (returned once)."""
    u = s.user.c
    c = s.enroll_code.c
    found = conn.execute(
        select(c.code_hash, c.expires_ms, c.used_ms, c.cancelled_ms, u.id, u.name, u.role, u.region)
        .join(s.user, s.user.c.id == c.user_id)
        .where(
            c.code_hash == digest(code.replace("-", "")), u.name == user_name, u.active.is_(True)
        )
    ).first()
    if (
        found is None
        or found.used_ms is not None
        or found.cancelled_ms is not None
        or found.expires_ms < now_ms
    ):
        raise unauthorized("bad_code", "the code is wrong, used or expired")
    conn.execute(update(s.enroll_code).where(c.code_hash == found.code_hash).values(used_ms=now_ms))
    device_id = secrets.token_hex(8)
    token = secrets.token_urlsafe(32)
    conn.execute(
        s.device.insert().values(
            id=device_id,
            user_id=found.id,
            label=clean_label(label),
            token_hash=token_digest(token),
            created_ms=now_ms,
            token_issued_ms=now_ms,
            expires_ms=now_ms + TOKEN_MAX_DAYS * DAY_MS,
        )
    )
    _journal(conn, s.enroll_code, c.code_hash == found.code_hash)
    _journal(conn, s.device, s.device.c.id == device_id)
    return device_id, token, {"user": found.name, "role": found.role, "region": found.region}


def authenticate(conn: Connection, token: str, *, now_ms: int) -> Principal:
    """The device a token belongs to, or 401 with why."""
    return check(conn, token, now_ms=now_ms)[0]


def check(conn: Connection, token: str, *, now_ms: int) -> tuple[Principal, bool]:
    """:func:`authenticate`, and whether this is a device's new token while the one it
    replaced is still accepted (:func:`retire_previous` should then end that one)."""
    d = s.device.c
    u = s.user.c
    hashed = token_digest(token)
    found = conn.execute(
        select(
            d.id,
            d.token_hash,
            d.expires_ms,
            d.prev_token_hash,
            d.prev_token_until_ms,
            d.revoked_ms,
            u.id.label("uid"),
            u.name,
            u.role,
            u.region,
            u.active,
        )
        .join(s.user, u.id == d.user_id)
        .where(or_(d.token_hash == hashed, d.prev_token_hash == hashed))
    ).first()
    if found is None:
        raise unauthorized("bad_token", "unknown device token")
    if found.revoked_ms is not None:
        raise unauthorized("device_revoked", "this device was revoked by the county")
    current = found.token_hash == hashed
    until = found.expires_ms if current else found.prev_token_until_ms
    if until is None or until < now_ms:
        raise unauthorized("token_expired", "the device token expired; enroll again")
    if not found.active:
        raise unauthorized("user_disabled", "this user is disabled")
    role = Role.parse(found.role)
    if role is None:
        raise unauthorized("user_disabled", "this user's role is not known to this server")
    who = Principal(found.id, found.uid, found.name, role, found.region)
    return who, current and found.prev_token_hash is not None


def retire_previous(conn: Connection, token: str) -> None:
    """The new token was used: the one it replaced is refused from now on."""
    mine = s.device.c.token_hash == token_digest(token)
    conn.execute(
        update(s.device).where(mine).values(prev_token_hash=None, prev_token_until_ms=None)
    )
    _journal(conn, s.device, mine)


def rotate_if_due(conn: Connection, token: str, *, now_ms: int) -> str | None:
    """A new token for the device if ``token`` is older than :data:`TOKEN_ROTATE_DAYS`, or
    is the one a rotation replaced (the laptop never got the new one: it is replaced in
    turn, the grace of the old one unchanged). Returns the new token, shown once."""
    d = s.device.c
    hashed = token_digest(token)
    found = conn.execute(
        select(d.id, d.token_hash, d.token_issued_ms, d.expires_ms, d.prev_token_hash)
        .where(or_(d.token_hash == hashed, d.prev_token_hash == hashed))
        .with_for_update()
    ).first()
    if found is None:
        return None
    previous = found.prev_token_hash == hashed
    age = now_ms - found.token_issued_ms
    if not previous and age < TOKEN_ROTATE_DAYS * DAY_MS:
        return None
    if previous and age < REISSUE_AFTER_MS:
        # The new token was issued a moment ago and not used yet: two syncs of one laptop
        # at once (the app and a scheduled run) must not replace each other's new token.
        # The old one still works; a later sync is given a new one again.
        return None
    new = secrets.token_urlsafe(32)
    values: dict[str, Any] = {
        "token_hash": token_digest(new),
        "token_issued_ms": now_ms,
        "expires_ms": now_ms + TOKEN_MAX_DAYS * DAY_MS,
    }
    if not previous:
        grace = min(now_ms + TOKEN_GRACE_DAYS * DAY_MS, found.expires_ms)
        values.update(prev_token_hash=hashed, prev_token_until_ms=grace)
    conn.execute(update(s.device).where(d.id == found.id).values(**values))
    _journal(conn, s.device, d.id == found.id)
    return new


def extend(conn: Connection, token: str, *, now_ms: int) -> None:
    """A bundle came with the device's current token: it lives on as long as a token
    would that a sync replaces (a bundle cannot hand the laptop a new one safely: its
    reply may come back after the laptop synced over the network; and the bundle is
    signed with the laptop's pinned key besides)."""
    d = s.device.c
    conn.execute(
        update(s.device)
        .where(d.token_hash == token_digest(token), d.expires_ms < now_ms + TOKEN_MAX_DAYS * DAY_MS)
        .values(expires_ms=now_ms + TOKEN_MAX_DAYS * DAY_MS)
    )
    _journal(conn, s.device, d.token_hash == token_digest(token))


def seen(conn: Connection, device_id: str, *, now_ms: int) -> None:
    conn.execute(update(s.device).where(s.device.c.id == device_id).values(last_seen_ms=now_ms))


def revoke(conn: Connection, device_id: str, *, now_ms: int) -> bool:
    result = conn.execute(
        update(s.device)
        .where(s.device.c.id == device_id, s.device.c.revoked_ms.is_(None))
        .values(revoked_ms=now_ms)
    )
    _journal(conn, s.device, s.device.c.id == device_id)
    return bool(result.rowcount)


def _journal(conn: Connection, table: Table, *where: Any) -> None:
    """Journal the rows of ``table`` a change left (as they stand: replaying puts them back)."""
    for found in conn.execute(select(table).where(*where)).mappings():
        journal.record(conn, "row", table=table.name, row=dict(found))


def devices(conn: Connection) -> list[dict[str, Any]]:
    d = s.device.c
    rows = conn.execute(
        select(
            d.id, d.label, d.created_ms, d.expires_ms, d.revoked_ms, d.last_seen_ms, s.user.c.name
        )
        .join(s.user, s.user.c.id == d.user_id)
        .order_by(d.created_ms)
    )
    return [dict(r._mapping) for r in rows]


def users(conn: Connection) -> list[dict[str, Any]]:
    u = s.user.c
    return [
        dict(r._mapping) for r in conn.execute(select(u.id, u.name, u.role, u.region, u.active))
    ]


def codes(conn: Connection, *, now_ms: int, limit: int = 500) -> list[dict[str, Any]]:
    """The enrollment codes issued (never the codes themselves: only their hashes are
    kept), newest first, each with its user and its state: open, used, cancelled or expired."""
    c = s.enroll_code.c
    u = s.user.c
    rows = conn.execute(
        select(c.expires_ms, c.used_ms, c.cancelled_ms, u.name, u.role, u.region)
        .join(s.user, u.id == c.user_id)
        .order_by(c.expires_ms.desc())
        .limit(limit)
    )
    found = []
    for r in rows:
        if r.used_ms is not None:
            state = "used"
        elif r.cancelled_ms is not None:
            state = "cancelled"
        elif r.expires_ms < now_ms:
            state = "expired"
        else:
            state = "open"
        found.append(
            {
                "user": r.name,
                "role": r.role,
                "region": r.region,
                "expires_ms": r.expires_ms,
                "used_ms": r.used_ms,
                "cancelled_ms": r.cancelled_ms,
                "state": state,
            }
        )
    return found
