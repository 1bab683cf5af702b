"""Users, one-time enrollment codes and device tokens.

Codes and tokens are random, shown once, and stored only as SHA-256 hashes: a copy of
the server database lets nobody sync as a device. A device token expires after
:data:`TOKEN_DAYS` without a sync (each sync extends it) and can be revoked at once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Role

from . import schema as s
from .errors import SyncRefused, unauthorized
from .principal import Principal

DAY_MS = 86_400_000
TOKEN_DAYS = 180
CODE_DAYS = 7
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone


def digest(secret: str) -> str:
    return hashlib.sha256(secret.strip().upper().encode()).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(conn: Connection, name: str, role: str, region: str, *, now_ms: int) -> int:
    parsed = Role.parse(role)
    if parsed is None:
        raise SyncRefused(400, "bad_role", f"role must be one of {', '.join(Role)}")
    role = parsed.value
    if not re.fullmatch(rf"\d{{{parsed.region_digits}}}", region):
        raise SyncRefused(
            400, "bad_region", f"a {role} needs a {parsed.region_digits}-digit region code"
        )
    if not name.strip() or len(name) > 60:
        raise SyncRefused(400, "bad_name", "a user name of 1 to 60 characters")
    if conn.execute(select(s.user.c.id).where(s.user.c.name == name)).first():
        raise SyncRefused(409, "user_exists", f"user {name} exists")
    result = conn.execute(
        s.user.insert().values(name=name, role=role, region=region, created_ms=now_ms, active=True)
    )
    return int(result.inserted_primary_key[0])


def issue_code(conn: Connection, user_name: str, *, now_ms: int, days: int = CODE_DAYS) -> str:
    """A one-time enrollment code for one of the user's laptops (shown once)."""
    found = conn.execute(select(s.user.c.id).where(s.user.c.name == user_name)).first()
    if found is None:
        raise SyncRefused(404, "unknown_user", f"no user {user_name}")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    conn.execute(
        s.enroll_code.insert().values(
            code_hash=digest(code), user_id=found.id, expires_ms=now_ms + days * DAY_MS
        )
    )
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def enroll(
    conn: Connection, user_name: str, code: str, label: str, *, now_ms: int
) -> tuple[str, str, dict[str, Any]]:
    """Spend a code: a new device for the user and its token (returned once)."""
    u = s.user.c
    c = s.enroll_code.c
    found = conn.execute(
        select(c.code_hash, c.expires_ms, c.used_ms, u.id, u.name, u.role, u.region, u.active)
        .join(s.user, s.user.c.id == c.user_id)
        .where(c.code_hash == digest(code.replace("-", "")), u.name == user_name)
    ).first()
    if found is None or found.used_ms is not None or found.expires_ms < now_ms or not found.active:
        raise unauthorized("bad_code", "the code is wrong, used or expired")
    conn.execute(update(s.enroll_code).where(c.code_hash == found.code_hash).values(used_ms=now_ms))
    device_id = secrets.token_hex(8)
    token = secrets.token_urlsafe(32)
    conn.execute(
        s.device.insert().values(
            id=device_id,
            user_id=found.id,
            label=label[:100],
            token_hash=token_digest(token),
            created_ms=now_ms,
            expires_ms=now_ms + TOKEN_DAYS * DAY_MS,
        )
    )
    return device_id, token, {"user": found.name, "role": found.role, "region": found.region}


def authenticate(conn: Connection, token: str, *, now_ms: int) -> Principal:
    d = s.device.c
    u = s.user.c
    found = conn.execute(
        select(
            d.id, d.expires_ms, d.revoked_ms, u.id.label("uid"), u.name, u.role, u.region, u.active
        )
        .join(s.user, u.id == d.user_id)
        .where(d.token_hash == token_digest(token))
    ).first()
    if found is None:
        raise unauthorized("bad_token", "unknown device token")
    if found.revoked_ms is not None:
        raise unauthorized("device_revoked", "this device was revoked by the county")
    if found.expires_ms < now_ms:
        raise unauthorized("token_expired", "the device token expired; enroll again")
    if not found.active:
        raise unauthorized("user_disabled", "this user is disabled")
    role = Role.parse(found.role)
    if role is None:
        raise unauthorized("user_disabled", "this user's role is not known to this server")
    return Principal(found.id, found.uid, found.name, role, found.region)


def extend(conn: Connection, device_id: str, *, now_ms: int) -> None:
    conn.execute(
        update(s.device)
        .where(s.device.c.id == device_id)
        .values(expires_ms=now_ms + TOKEN_DAYS * DAY_MS, last_seen_ms=now_ms)
    )


def revoke(conn: Connection, device_id: str, *, now_ms: int) -> bool:
    result = conn.execute(
        update(s.device)
        .where(s.device.c.id == device_id, s.device.c.revoked_ms.is_(None))
        .values(revoked_ms=now_ms)
    )
    return bool(result.rowcount)


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
