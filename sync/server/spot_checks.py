"""Spot checks (抽查, issue 17): the county draws a random sample of the files of a scope,
checks each against a list, and what fails (不合格) becomes a finding (问题) the laptops
of its village show as an item to fix until a director marks it fixed (已整改).

The draw can be redone by anyone: the ids of the children on the roll of the scope (as
:mod:`.oversight` decides: not deleted, registered, not exited) are sorted, and
``random.Random(seed).sample(ids, size)`` draws. The check records the seed, how many
ids there were and the SHA-256 of the sorted list joined by newlines (:func:`digest`),
so the same list and seed give the same files (:func:`redraw`).

Every row written here is journalled (:mod:`.journal`): a restored server keeps them.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, and_, delete, func, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.worklist import WorkKind, build_worklist

from . import health, journal, oversight, oversight_read, regions
from . import schema as s
from .days import county_day

ITEMS = (
    ("complete", "档案齐全"),
    ("visits", "走访按时"),
    ("agreement", "协议有效"),
    ("assessment", "评估按时"),
    ("followup", "问题有跟进"),
    ("other", "其他"),
)
LABELS = dict(ITEMS)
VERDICTS = {"pass": "合格", "fail": "不合格", "na": "不适用"}
SEED_MAX = 40
NOTE_MAX = 500
FINDINGS_MAX = 1000  # what a hello carries, and a laptop sends back fixed, at most


class Refused(Exception):
    """A draw or a record the county's rules refuse (``kind``; ``params`` to word it)."""

    def __init__(self, kind: str, **params: Any) -> None:
        super().__init__(kind)
        self.kind = kind
        self.params = params


@dataclass(frozen=True, slots=True)
class Draw:
    """What a draw was made of: enough to redo it."""

    ids: list[str]  # the roll of the scope, sorted
    seed: str
    sample: list[str]  # in draw order

    @property
    def digest(self) -> str:
        return digest(self.ids)


def digest(ids: list[str]) -> str:
    """The SHA-256 (hex) of the sorted ids joined by newlines: what a check records."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def redraw(ids: list[str], seed: str, size: int) -> list[str]:
    """The draw: ``random.Random(seed).sample(sorted(ids), size)`` (Python 3)."""
    return random.Random(seed).sample(sorted(ids), size)


def new_seed() -> str:
    """A seed for the form (the administrator may type another)."""
    return f"{secrets.randbelow(10**8):08d}"


def day(ms: int) -> str:
    """A moment as the county's date (Beijing time)."""
    return county_day(ms).isoformat()


def roll(conn: Connection, scope: str, today: date) -> list[str]:
    """The ids of the children on the roll of ``scope`` today, sorted."""
    records, places = oversight_read.load(conn, scope)
    return sorted(f.id for f in oversight.child_facts(records, places, today))


def draw(
    conn: Connection, scope: str, size: str, seed: str, *, who: str, today: date, now_ms: int
) -> str:
    """Draw ``size`` files of ``scope`` (the server's county, a township or a village of
    it) with ``seed`` and record the check; its id."""
    county = regions.county_of_server(conn) or ""
    if not (scope.isdigit() and len(scope) in (6, 9, 12) and county and scope.startswith(county)):
        raise Refused("bad_scope")
    seed = seed.strip()
    if not seed or len(seed) > SEED_MAX or not seed.isprintable():
        raise Refused("bad_seed", most=SEED_MAX)
    ids = roll(conn, scope, today)
    if not ids:
        raise Refused("empty")
    if not size.strip().isdigit() or not 1 <= int(size) <= len(ids):
        raise Refused("bad_size", most=len(ids))
    sample = redraw(ids, seed, int(size))
    check = {
        "id": secrets.token_hex(16),
        "scope": scope,
        "size": len(sample),
        "seed": seed,
        "population": len(ids),
        "digest": digest(ids),
        "sample": json.dumps(sample),
        "drawn_by": who,
        "drawn_ms": now_ms,
    }
    _put(conn, s.spot_check, check)
    where = _regions(conn, sample)
    for n, child in enumerate(sample):
        row = {"check_id": check["id"], "child_id": child, "region": where.get(child, scope)}
        _put(conn, s.spot_check_file, {**row, "position": n, "answers": None})
    return str(check["id"])


def checks(conn: Connection, county: str) -> list[dict[str, Any]]:
    """The county's checks, newest first, with how many files are recorded and findings."""
    c, f, x = s.spot_check.c, s.spot_check_file.c, s.spot_finding.c
    done = select(f.check_id, func.count()).where(f.recorded_ms.is_not(None))
    recorded = {r[0]: int(r[1]) for r in conn.execute(done.group_by(f.check_id))}
    counted = select(x.check_id, func.count()).group_by(x.check_id)
    found = {r[0]: int(r[1]) for r in conn.execute(counted)}
    rows = conn.execute(
        select(s.spot_check)
        .where(func.substr(c.scope, 1, len(county)) == county)
        .order_by(c.drawn_ms.desc())
    ).mappings()
    return [
        {**r, "recorded": recorded.get(r["id"], 0), "findings": found.get(r["id"], 0)} for r in rows
    ]


def check(conn: Connection, check_id: str) -> dict[str, Any] | None:
    """A check and its files (sample order), each with its child's name and answers."""
    found = conn.execute(select(s.spot_check).where(s.spot_check.c.id == check_id)).mappings()
    head = found.first()
    if head is None:
        return None
    f = s.spot_check_file.c
    files = [
        dict(r)
        for r in conn.execute(
            select(s.spot_check_file).where(f.check_id == check_id).order_by(f.position)
        ).mappings()
    ]
    names = _names(conn, [r["child_id"] for r in files])
    findings = _findings(conn, check_id)
    for r in files:
        r["name"] = names.get(r["child_id"], "")
        r["answers"] = json.loads(r["answers"]) if r["answers"] else None
        r["findings"] = [x for x in findings if x["child_id"] == r["child_id"]]
    done = all(r["answers"] for r in files)
    return {**head, "files": files, "findings": findings, "done": done}


def record(
    conn: Connection,
    check_id: str,
    child_id: str,
    answers: dict[str, tuple[str, str]],
    *,
    who: str,
    now_ms: int,
) -> list[str]:
    """Record one file's checklist (item -> (verdict, note)); each 不合格 a finding.
    Returns the items judged 不合格."""
    f = s.spot_check_file.c
    where = and_(f.check_id == check_id, f.child_id == child_id)
    row = conn.execute(select(s.spot_check_file).where(where)).mappings().first()
    if row is None:
        raise Refused("unknown_file")
    missing = [LABELS[k] for k, _ in ITEMS if answers.get(k, ("", ""))[0] not in VERDICTS]
    if missing:
        raise Refused("no_verdict", items="、".join(missing))
    long = [LABELS[k] for k, (_, note) in answers.items() if len(note) > NOTE_MAX]
    if long:
        raise Refused("long_note", items="、".join(long), most=NOTE_MAX)
    kept = {k: [answers[k][0], answers[k][1].strip()] for k, _ in ITEMS}
    values = {"answers": json.dumps(kept, ensure_ascii=False), "recorded_by": who}
    _put(conn, s.spot_check_file, {**row, **values, "recorded_ms": now_ms})
    drawn = conn.execute(select(s.spot_check.c.drawn_ms).where(s.spot_check.c.id == check_id))
    drawn_ms = int(drawn.scalar_one())
    failed = [k for k, _ in ITEMS if kept[k][0] == "fail"]
    for item, _ in ITEMS:
        _finding(conn, row, item, kept[item][1] if item in failed else None, drawn_ms)
    return failed


def _finding(conn: Connection, file: Any, item: str, note: str | None, drawn_ms: int) -> None:
    """Keep the finding of one item (``note`` None: the item is not a finding now). Its
    id is the same each time the file is recorded again: a laptop keeps its mark."""
    key = f"{file['check_id']}|{file['child_id']}|{item}"
    ident = hashlib.sha256(key.encode()).hexdigest()[:32]
    x = s.spot_finding.c
    old = conn.execute(select(s.spot_finding).where(x.id == ident)).mappings().first()
    if note is None:
        if old is not None:
            conn.execute(delete(s.spot_finding).where(x.id == ident))
            journal.record(conn, "gone", table=s.spot_finding.name, key={"id": ident})
        return
    row = dict(old) if old is not None else {"fixed_ms": None, "fixed_by": None}
    row |= {
        "id": ident,
        "check_id": file["check_id"],
        "child_id": file["child_id"],
        "region": file["region"],
        "item": item,
        "note": note,
        "drawn_ms": drawn_ms,
    }
    _put(conn, s.spot_finding, row)


def _findings(conn: Connection, check_id: str) -> list[dict[str, Any]]:
    x = s.spot_finding.c
    query = select(s.spot_finding).where(x.check_id == check_id)
    order = {k: n for n, (k, _) in enumerate(ITEMS)}
    found = [dict(r) for r in conn.execute(query).mappings()]
    return sorted(found, key=lambda r: (r["child_id"], order.get(r["item"], 99)))


def open_findings(conn: Connection, scope: str) -> list[dict[str, Any]]:
    """The findings not yet fixed of the files of ``scope`` (a region prefix), as the
    hello carries them to a laptop."""
    x = s.spot_finding.c
    query = select(x.id, x.child_id, x.item, x.note, x.drawn_ms).where(
        func.substr(x.region, 1, len(scope)) == scope, x.fixed_ms.is_(None)
    )
    return [
        {
            "id": r.id,
            "child": r.child_id,
            "item": r.item,
            "label": LABELS.get(r.item, r.item),
            "note": r.note,
            "drawn": day(int(r.drawn_ms)),
        }
        for r in conn.execute(query.order_by(x.drawn_ms, x.id))
    ]


def mark_fixed(
    conn: Connection, fixed: list[tuple[str, int]], *, scope: str, who: str, now_ms: int
) -> list[str]:
    """A laptop of ``scope`` says these findings were fixed (id, when): recorded once
    (the first mark stands). Returns every id it may forget (each was recorded, or is
    no finding of its scope to record).

    "When" is the laptop's clock, often wrong in a village: a time before the finding
    was drawn or after ``now_ms`` (the server's) is recorded as ``now_ms``, the moment
    the mark arrived, so the console never shows a fix before its finding or in the
    future."""
    x = s.spot_finding.c
    for ident, at_ms in fixed:
        row = conn.execute(select(s.spot_finding).where(x.id == ident)).mappings().first()
        if row is None or not row["region"].startswith(scope) or row["fixed_ms"] is not None:
            continue
        when = at_ms if row["drawn_ms"] <= at_ms <= now_ms else now_ms
        _put(conn, s.spot_finding, {**row, "fixed_ms": when, "fixed_by": who})
    return [ident for ident, _ in fixed]


def hints(conn: Connection, check_id: str, child_id: str, today: date) -> dict[str, Any]:
    """What the server's data suggests of each item of one file: (verdict or None, why).
    The inspector decides; only what is cheap to know is suggested."""
    f = s.spot_check_file.c
    region = conn.execute(
        select(f.region).where(f.check_id == check_id, f.child_id == child_id)
    ).scalar()
    if not region:
        return {}
    records, places = oversight_read.load(conn, region)
    facts = [x for x in oversight.child_facts(records, places, today) if x.id == child_id]
    if not facts:
        return {"complete": (None, "该儿童已不在册（已退出或已删除）。")}
    policy = health.policy_in_force(conn, region[:6], today)
    overdue = {i.kind for i in build_worklist(facts, today, policy) if i.overdue}
    reports = oversight.open_reports(records, facts)
    child = facts[0]
    return {
        "visits": _overdue_hint(overdue, {WorkKind.FIRST_VISIT, WorkKind.HOME_VISIT}, "走访"),
        "agreement": _overdue_hint(
            overdue, {WorkKind.AGREEMENT_MISSING, WorkKind.AGREEMENT_EXPIRED}, "委托照护协议"
        )
        if child.agreements or overdue & {WorkKind.AGREEMENT_MISSING}
        else (None, "服务器上没有协议记录（如不需要协议可选不适用）。"),
        "assessment": _overdue_hint(overdue, {WorkKind.ASSESSMENT}, "评估"),
        "followup": ("fail", f"有 {sum(reports.values())} 件强制报告未结案。")
        if reports
        else (None, "服务器上没有未结案的强制报告。"),
    }


def _overdue_hint(overdue: set[WorkKind], kinds: set[WorkKind], what: str) -> tuple[str, str]:
    if overdue & kinds:
        return ("fail", f"按工作台规则，{what}已逾期。")
    return ("pass", f"按工作台规则，{what}没有逾期。")


def _names(conn: Connection, ids: list[str]) -> dict[str, str]:
    f = s.field.c
    query = select(f.row_id, f.value).where(f.tbl == "child", f.field == "name", f.row_id.in_(ids))
    return {r.row_id: str(json.loads(r.value) or "") for r in conn.execute(query)}


def _regions(conn: Connection, ids: list[str]) -> dict[str, str]:
    r = s.row.c
    query = select(r.row_id, r.region).where(r.tbl == "child", r.row_id.in_(ids))
    return {x.row_id: x.region for x in conn.execute(query)}


def _put(conn: Connection, table: Table, row: dict[str, Any]) -> None:
    """Insert or update ``row`` of ``table``, and journal it whole."""
    keys = [c.name for c in table.primary_key.columns]
    where = and_(*(table.c[k] == row[k] for k in keys))
    values = {k: v for k, v in row.items() if k in table.c}
    if not conn.execute(update(table).where(where).values(**values)).rowcount:
        conn.execute(table.insert().values(**values))
    journal.record(conn, "row", table=table.name, row=values)
