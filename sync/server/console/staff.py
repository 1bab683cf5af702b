"""The county's staff accounts: who may open the console, never a device.

A password is kept as an argon2id hash (argon2-cffi's PHC string); a TOTP secret (pyotp,
RFC 6238: 30-second steps, 6 digits) when an administrator requires a second factor, each
code working once. :data:`MAX_FAILED` wrong passwords or codes in a row lock the account
for :data:`LOCK_MINUTES` minutes: while locked even the right password is refused.

Every change an administrator makes is written to the decision journal
(:mod:`sync.server.journal`) as the row stands, so a restored server keeps its staff;
every login, failure, lockout and change is written to ``staff_audit`` (:func:`audit`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.passphrase import passphrase_problems
from childcare_desktop.core.roles import Role

from .. import journal
from .. import schema as s
from ..errors import SyncRefused

MAX_FAILED = 5
LOCK_MINUTES = 15
MINUTE_MS = 60_000
ROLES = (Role.COUNTY_ADMIN, Role.COUNTY_VIEWER)
ISSUER = "儿童主任 county console"
_HASHER = PasswordHasher()  # argon2id, RFC 9106's second recommended parameters
_DUMMY = _HASHER.hash(secrets.token_hex(16))  # an unknown name costs what a known one does


@dataclass(frozen=True, slots=True)
class Staff:
    name: str
    role: Role
    totp_required: bool
    totp_set: bool = False  # required but not set: the login goes on to enrolment


class LoginRefused(Exception):
    """Why a login was refused: "bad" (name, password or code), "locked"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_password(password: str, name: str) -> None:
    """Refuse a password zxcvbn finds guessable (as the laptop refuses a passphrase)."""
    if problems := passphrase_problems(password, (name,)):
        reasons = ", ".join(p.value for p in problems)
        raise SyncRefused(400, "weak_password", f"the password is too easy to guess ({reasons})")


def create(
    conn: Connection, name: str, role: str, password: str, *, require_totp: bool, now_ms: int
) -> None:
    """A new staff account (its TOTP secret, if required, is set by :func:`new_totp`)."""
    parsed = Role.parse(role)
    if parsed not in ROLES:
        raise SyncRefused(400, "bad_role", f"a staff role is one of {', '.join(ROLES)}")
    if not re.fullmatch(r"[^\s/\\<>&\"']{1,60}", name):
        raise SyncRefused(400, "bad_name", "a name of 1 to 60 characters, no spaces")
    if conn.execute(select(s.staff.c.name).where(s.staff.c.name == name)).first():
        raise SyncRefused(409, "staff_exists", f"staff {name} exists")
    check_password(password, name)
    conn.execute(
        s.staff.insert().values(
            name=name,
            role=parsed.value,
            password_hash=_HASHER.hash(password),
            totp_required=require_totp,
            active=True,
            failed=0,
            created_ms=now_ms,
            changed_ms=now_ms,
        )
    )
    _journal(conn, name)


def set_password(conn: Connection, name: str, password: str, *, now_ms: int) -> None:
    """A new password (an administrator's reset): the account's sessions end, a lock lifts."""
    _known(conn, name)
    check_password(password, name)
    _change(
        conn, name, now_ms, password_hash=_HASHER.hash(password), failed=0, locked_until_ms=None
    )
    _end_sessions(conn, name, now_ms)


def new_totp(conn: Connection, name: str, *, now_ms: int) -> str:
    """A new TOTP secret, required from now on; returns its provisioning URI (shown once)."""
    _known(conn, name)
    secret = pyotp.random_base32()
    _change(conn, name, now_ms, totp_secret=secret, totp_required=True, totp_last=None)
    _end_sessions(conn, name, now_ms)
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def set_active(conn: Connection, name: str, active: bool, *, now_ms: int) -> None:
    """Enable or disable an account; a disabled one's sessions end at once."""
    _known(conn, name)
    _change(conn, name, now_ms, active=active, failed=0, locked_until_ms=None)
    if not active:
        _end_sessions(conn, name, now_ms)


def listing(conn: Connection, *, now_ms: int) -> list[dict[str, Any]]:
    """Every account, without its secrets."""
    c = s.staff.c
    rows = conn.execute(
        select(
            c.name, c.role, c.active, c.totp_required, c.totp_secret, c.locked_until_ms
        ).order_by(c.name)
    ).mappings()
    return [
        {
            "name": r["name"],
            "role": r["role"],
            "active": r["active"],
            "totp_required": r["totp_required"],
            "totp_set": r["totp_secret"] is not None,
            "locked": (r["locked_until_ms"] or 0) > now_ms,
        }
        for r in rows
    ]


def login(conn: Connection, name: str, password: str, *, now_ms: int) -> Staff:
    """The account if ``password`` is its own and it may log in (its second factor, when
    required, still to be checked by :func:`second_factor`); else :class:`LoginRefused`."""
    found = conn.execute(_locked(name)).mappings().first()
    if found is None:
        _verify(_DUMMY, password)
        raise LoginRefused("bad")
    if (found["locked_until_ms"] or 0) > now_ms:
        raise LoginRefused("locked")
    if not _verify(found["password_hash"], password):
        raise LoginRefused(_failed(conn, name, found["failed"], now_ms))
    if not found["active"]:
        raise LoginRefused("bad")
    if _HASHER.check_needs_rehash(found["password_hash"]):
        _change(conn, name, now_ms, password_hash=_HASHER.hash(password), journalled=False)
    if not found["totp_required"]:
        _change(conn, name, now_ms, failed=0, locked_until_ms=None, journalled=False)
    role = Role.parse(found["role"])
    if role not in ROLES:
        raise LoginRefused("bad")
    return Staff(name, role, bool(found["totp_required"]), bool(found["totp_secret"]))


def second_factor(conn: Connection, name: str, code: str, *, now_ms: int) -> None:
    """Check a TOTP code (the step before and after count: clocks drift); a code used
    once is refused after. :class:`LoginRefused` when wrong or the account is locked."""
    found = conn.execute(_locked(name)).mappings().first()
    if found is None or not found["active"] or not found["totp_secret"]:
        raise LoginRefused("bad")
    if (found["locked_until_ms"] or 0) > now_ms:
        raise LoginRefused("locked")
    totp = pyotp.TOTP(found["totp_secret"])
    step = now_ms // 1000 // totp.interval
    code = code.strip().replace(" ", "")
    for used in (step - 1, step, step + 1):
        if used > (found["totp_last"] or -1) and secrets.compare_digest(
            totp.generate_otp(used), code
        ):
            _change(
                conn, name, now_ms, totp_last=used, failed=0, locked_until_ms=None, journalled=False
            )
            return
    raise LoginRefused(_failed(conn, name, found["failed"], now_ms))


def role_of(conn: Connection, name: str) -> Role | None:
    """The role of an active account (None: unknown or disabled)."""
    c = s.staff.c
    found = conn.execute(select(c.role, c.active).where(c.name == name)).first()
    role = Role.parse(found.role) if found is not None and found.active else None
    return role if role in ROLES else None


def audit(
    conn: Connection, who: str, action: str, detail: str = "", *, client: str, now_ms: int
) -> None:
    """Record what a staff member (or the command line: "cli") did, and journal it."""
    row = {
        "id": secrets.token_hex(16),
        "at_ms": now_ms,
        "staff": who[:60],
        "action": action,
        "detail": detail,
        "client": client[:64],
    }
    conn.execute(s.staff_audit.insert().values(**row))
    journal.record(conn, "row", table=s.staff_audit.name, row=row)


def audit_trail(conn: Connection, *, limit: int = 200) -> list[dict[str, Any]]:
    c = s.staff_audit.c
    query = select(c.at_ms, c.staff, c.action, c.detail, c.client).order_by(c.at_ms.desc())
    return [dict(r) for r in conn.execute(query.limit(limit)).mappings()]


def _locked(name: str) -> Any:
    """The account's row, locked until the transaction ends (PostgreSQL; SQLite's write
    transaction holds the whole database): two wrong passwords at once count as two."""
    return select(s.staff).where(s.staff.c.name == name).with_for_update()


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _failed(conn: Connection, name: str, failed: int, now_ms: int) -> str:
    """Count a failure; the :data:`MAX_FAILED`-th locks the account ("locked", else "bad")."""
    if failed + 1 >= MAX_FAILED:
        until = now_ms + LOCK_MINUTES * MINUTE_MS
        _change(conn, name, now_ms, failed=0, locked_until_ms=until, journalled=False)
        return "locked"
    _change(conn, name, now_ms, failed=failed + 1, journalled=False)
    return "bad"


def _known(conn: Connection, name: str) -> None:
    if not conn.execute(select(s.staff.c.name).where(s.staff.c.name == name)).first():
        raise SyncRefused(404, "unknown_staff", f"no staff {name}")


def _change(
    conn: Connection, name: str, now_ms: int, *, journalled: bool = True, **values: Any
) -> None:
    if journalled:
        values["changed_ms"] = now_ms
    conn.execute(update(s.staff).where(s.staff.c.name == name).values(**values))
    if journalled:
        _journal(conn, name)


def _journal(conn: Connection, name: str) -> None:
    found = conn.execute(select(s.staff).where(s.staff.c.name == name)).mappings().one()
    journal.record(conn, "row", table=s.staff.name, row=dict(found))


def _end_sessions(conn: Connection, name: str, now_ms: int) -> None:
    c = s.staff_session.c
    conn.execute(
        update(s.staff_session).where(c.staff == name, c.ended_ms.is_(None)).values(ended_ms=now_ms)
    )
