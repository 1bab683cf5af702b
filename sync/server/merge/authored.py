"""A record the county writes on the server itself: a new version of its policy.

The county works the server, not a laptop (the console's 县级政策 page). Its new
version takes the path a device's insert takes, as a transfer decision does
(:mod:`.decide`): checked by the same rules (``rules.refusal``: the registry's field
rules, the county's scope), written as the server's own change (no site, no counter)
in the county's feed, so every laptop of the county pulls it exactly as if a laptop had
authored it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Role

from ...protocol import Operation, OpKind, Status, canonical, version
from .. import schema as s
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from .rules import refusal
from .state import FieldState, load
from .write import entry, write

POLICY = "county_policy"


def next_version(conn: Connection, county: str) -> int:
    """One more than the highest version the county's policy has had (deleted ones too)."""
    r, f = s.row.c, s.field.c
    found = conn.execute(
        select(f.value)
        .join(s.row, (r.tbl == f.tbl) & (r.row_id == f.row_id))
        .where(r.tbl == POLICY, r.region == county, f.field == "version")
    ).scalars()
    numbers = [int(v) for v in found if v.isdigit()]
    return max(numbers, default=0) + 1


def insert_policy(
    db: Database,
    conn: Connection,
    row_id: str,
    county: str,
    *,
    body: dict[str, Any],
    number: int,
    effective_from: date,
    by: str,
    epoch_no: int,
    now_ms: int,
) -> bool:
    """Write version ``number`` of the county's policy as record ``row_id`` (``by``: the
    staff member, for the change log's user name). False when the server holds that
    record already (a journal line replayed twice). ``SyncRefused(400)`` for a value
    the registry's rules refuse."""
    values = {
        "body": body,
        "version": number,
        "effective_from": effective_from.isoformat(),
        "region_code": county,
        "deleted": False,
    }
    op = Operation("", 0, POLICY, row_id, OpKind.INSERT, None, values, county, 0, 0)
    b = load(db, conn, [op], epoch_no=epoch_no, now_ms=now_ms)
    if (POLICY, row_id) in b.rows:
        return False
    who = Principal("", 0, by or "county", Role.COUNTY_ADMIN, county)
    refused = refusal(b, who, op)
    if refused is not None:
        raise SyncRefused(
            400,
            "refused",
            f"服务器拒绝此值 / the server refuses this value: {refused.hold.encode()}",
        )
    seq = b.next_seq(county)
    ver = version(b.epoch_no, seq)
    b.rows[(POLICY, row_id)] = county
    b.new_rows.append(
        {"tbl": POLICY, "row_id": row_id, "region": county, "op_hash": op.digest(), "version": ver}
    )
    for name, value in values.items():
        b.fields[(POLICY, row_id, name)] = FieldState(canonical(value), ver, None, None, new=True)
    b.log.append(
        entry(
            b,
            who,
            region=county,
            seq=seq,
            kind=OpKind.INSERT.value,
            table=POLICY,
            row_id=row_id,
            field=None,
            value=canonical(values),
            status=Status.APPLIED,
            version=ver,
        )
    )
    write(conn, b, who)
    return True
