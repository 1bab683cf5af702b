"""Suspected duplicates across the county (疑似重复, issue 15).

After a push is applied (one call from ``merge.push``), each child it inserted, or whose
ID number, name, sex or birth date it changed, is compared with the county's other
children by the keys of ``core.duplicates``, looked up in ``child_key`` (indexed: never a
read of every child). A pair found for the first time opens a case; a pair already
proposed (open, merged or marked distinct) is never proposed again. Nothing here ever
refuses or holds a change: a duplicate is for the supervisors to judge.

A supervisor's decision arrives as an ordinary synced record (``duplicate_decision``):
the rules let it through only as it claims its case (``merge.merging``), which closes it.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.engine import Connection

from childcare_desktop.core.duplicates import KEY_FIELDS, CaseState, Keys, Reason, keys
from childcare_desktop.core.roles import Permission, in_scope

from ..protocol import Status
from . import journal
from . import schema as s
from .principal import Principal

MAX_SERVED = 500  # cases in one answer: a township rarely has more than a handful open
FOUND_EACH = 20  # candidates kept per key and child: a common name must not flood


def after_push(
    conn: Connection, log: Iterable[dict[str, Any]], who: Principal, now_ms: int
) -> None:
    """Look for duplicates of the children a push changed. ``log`` is the push's
    change-log entries (as ``merge.write.entry`` makes them)."""
    children: dict[str, str] = {}
    for e in log:
        if e["status"] not in (Status.APPLIED.value, Status.KEPT.value):
            continue
        if e["tbl"] == "child" and (e["kind"] == "insert" or e["field"] in KEY_FIELDS):
            children[e["row_id"]] = e["region"]
    for row_id, region in children.items():
        _index(conn, row_id, region, now_ms)


def _index(conn: Connection, row_id: str, region: str, now_ms: int) -> None:
    f = s.field.c
    values = {
        r.field: json.loads(r.value)
        for r in conn.execute(
            select(f.field, f.value).where(
                f.tbl == "child", f.row_id == row_id, f.field.in_(KEY_FIELDS)
            )
        )
    }
    conn.execute(delete(s.child_key).where(s.child_key.c.row_id == row_id))
    if values.get("deleted"):
        return
    k = keys(values)
    conn.execute(s.child_key.insert().values(row_id=row_id, region=region, **dataclasses.asdict(k)))
    for other, other_region, reason in _candidates(conn, row_id, k):
        _open(conn, (row_id, region), (other, other_region), reason, now_ms)


def _candidates(conn: Connection, row_id: str, k: Keys) -> list[tuple[str, str, Reason]]:
    c = s.child_key.c
    wanted: list[tuple[Reason, Any]] = []
    if k.id_number:
        wanted.append((Reason.ID_NUMBER, c.id_number == k.id_number))
    if k.birth_date and k.sex:
        same_day = and_(c.birth_date == k.birth_date, c.sex == k.sex)
        if k.name:
            wanted.append((Reason.NAME_BIRTH, and_(c.name == k.name, same_day)))
        if k.pinyin:
            wanted.append((Reason.PINYIN, and_(c.pinyin == k.pinyin, same_day)))
    found: dict[str, tuple[str, str, Reason]] = {}
    for reason, match in wanted:  # strongest first: a pair gets its strongest reason
        query = select(c.row_id, c.region).where(match, c.row_id != row_id).limit(FOUND_EACH)
        for r in conn.execute(query):
            found.setdefault(r.row_id, (r.row_id, r.region, reason))
    return list(found.values())


def _open(
    conn: Connection,
    one: tuple[str, str],
    two: tuple[str, str],
    reason: Reason,
    now_ms: int,
) -> None:
    (a, region_a), (b, region_b) = sorted((one, two))
    d = s.duplicate_case.c
    if conn.execute(select(d.id).where(d.child_a == a, d.child_b == b)).first() is not None:
        return  # proposed before: open, merged or judged distinct, never again
    conn.execute(
        s.duplicate_case.insert().values(
            id=uuid.uuid4().hex,
            child_a=a,
            child_b=b,
            region_a=region_a,
            region_b=region_b,
            reason=reason.value,
            state=CaseState.OPEN.value,
            opened_ms=now_ms,
        )
    )


def cases_for(conn: Connection, who: Principal) -> list[dict[str, Any]]:
    """The open cases that concern ``who``: either file in their scope, for a user who
    may merge. The files' villages are read now, not as they were when the case opened
    (a file transferred since is where it is now). ``decidable``: both files are in
    scope (a pair across townships is the county's, or one township's once a transfer
    has brought both files into it)."""
    if not who.may(Permission.MERGE_DUPLICATES):
        return []
    d = s.duplicate_case.c
    ra, rb = s.row.alias("ra"), s.row.alias("rb")
    prefix = who.region + "%"
    query = (
        select(
            d.id,
            d.child_a,
            d.child_b,
            d.reason,
            d.opened_ms,
            ra.c.region.label("region_a"),
            rb.c.region.label("region_b"),
        )
        .join(ra, and_(ra.c.tbl == "child", ra.c.row_id == d.child_a))
        .join(rb, and_(rb.c.tbl == "child", rb.c.row_id == d.child_b))
        .where(
            d.state == CaseState.OPEN.value,
            or_(ra.c.region.like(prefix), rb.c.region.like(prefix)),
        )
        .order_by(d.opened_ms, d.id)
        .limit(MAX_SERVED)
    )
    return [
        {
            **dict(r),
            "decidable": in_scope(who.region, r["region_a"])
            and in_scope(who.region, r["region_b"]),
        }
        for r in conn.execute(query).mappings()
    ]


def close_distinct(conn: Connection, case_id: str, *, by: str, now_ms: int) -> bool:
    """The county marks an open case 不是同一人 (``childcare-server duplicates distinct``):
    for a pair across townships, which no supervisor's laptop holds whole. Journalled:
    no laptop sends it again after a restore from a backup, ``mark-restored`` puts the
    case back as decided (and a pair proposed before is never proposed again)."""
    d = s.duplicate_case.c
    done = conn.execute(
        s.duplicate_case.update()
        .where(d.id == case_id, d.state == CaseState.OPEN.value)
        .values(state=CaseState.DISTINCT.value, closed_ms=now_ms, decided_by=by)
    )
    if not done.rowcount:
        return False
    row = conn.execute(select(s.duplicate_case).where(d.id == case_id)).mappings().one()
    journal.record(conn, "row", table=s.duplicate_case.name, row=dict(row))
    return True


def all_cases(conn: Connection, *, state: str | None = None) -> list[dict[str, Any]]:
    """Every case of the county (``childcare-server duplicates list``)."""
    d = s.duplicate_case.c
    query = select(s.duplicate_case).order_by(d.opened_ms, d.id)
    if state is not None:
        query = query.where(d.state == state)
    return [dict(r) for r in conn.execute(query).mappings()]
