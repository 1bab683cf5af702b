"""The scope exits the server has told each site of, in its pull answers (issue 15).

A late edit of a moved file is accepted on the strength of the cursors its site claims
at its hello (:mod:`.late`); a device that has pulled the exit could go on claiming a low
one. So the server keeps, for each site, every exit a pull answer took it past (its
village's page reached the exit, or the pull asked from past it: a device that says it
has the exit has been told), and ``ctr``: the last counter of the site's operations that
count as made before. Later late edits of the file from that site are set aside
(:data:`~sync.protocol.Refusal.MOVED`), whatever it then says of its cursors.

``ctr`` is the site's high-water mark then, or more: the counter the laptop says it has
reached (``top``: changes captured while it pulled, not yet sent; its exit waits for
them), at most :data:`SLACK` past the mark, so a liar gains no more than that. Kept for
every site of the pulling device (the pull names its site only to leave its own changes
out, and a device could name another).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .. import schema as s
from ..principal import Principal
from .state import chunks
from .write import insert_many

SLACK = 200  # operations a laptop may capture while it pulls (a form's fields, a visit)

Exit = tuple[str, int]  # the village left, the exit's seq in its feed


def of_site(conn: Connection, site_id: str) -> dict[Exit, int]:
    """The exits the site has been told of, each with its last counter before."""
    c = s.site_exit.c
    query = select(c.region, c.exit_seq, c.ctr).where(c.site_id == site_id)
    return {(r.region, int(r.exit_seq)): int(r.ctr) for r in conn.execute(query)}


def passed(conn: Connection, who: Principal, cursors: dict[str, int], answer: Any) -> set[Exit]:
    """The exits a pull answer (or the cursors it was asked from) takes the device past
    and that are not kept yet for each of its sites."""
    levels = {r: int(v) for r, v in cursors.items() if _village(r)}
    for page in answer["pages"]:
        levels[page["r"]] = max(levels.get(page["r"], 0), int(page["to"]))
    m = s.moved.c
    found: set[Exit] = set()
    for part in chunks(sorted(levels)):
        query = select(m.from_region, m.exit_seq).where(m.from_region.in_(part)).distinct()
        found |= {
            (r.from_region, int(r.exit_seq))
            for r in conn.execute(query)
            if r.exit_seq <= levels[r.from_region]
        }
    if not found:
        return found
    sites = _sites(conn, who)
    kept = _kept(conn, [site for site, _ in sites])
    return {x for x in found for site, _ in sites if (site, *x) not in kept}


def record(
    conn: Connection,
    who: Principal,
    exits: set[Exit],
    *,
    site_id: str | None,
    top: int | None,
    now_ms: int,
) -> None:
    """Keep ``exits`` as told to each site of the device (those not kept yet)."""
    sites = _sites(conn, who)
    kept = _kept(conn, [site for site, _ in sites])
    rows = []
    for site, hwm in sites:
        ctr = max(hwm, min(top, hwm + SLACK)) if site == site_id and top is not None else hwm
        rows += [
            {"site_id": site, "region": r, "exit_seq": seq, "ctr": ctr, "told_ms": now_ms}
            for r, seq in sorted(exits)
            if (site, r, seq) not in kept
        ]
    # (two pulls of one device at once may both find an exit new: the later one's stands)
    insert_many(conn, s.site_exit, rows, upsert=("site_id", "region", "exit_seq"))


def _sites(conn: Connection, who: Principal) -> list[tuple[str, int]]:
    c = s.site.c
    query = select(c.site_id, c.hwm).where(c.device_id == who.device_id).order_by(c.site_id)
    return [(r.site_id, int(r.hwm)) for r in conn.execute(query)]


def _kept(conn: Connection, sites: list[str]) -> set[tuple[str, str, int]]:
    c = s.site_exit.c
    kept: set[tuple[str, str, int]] = set()
    for part in chunks(sites):
        query = select(c.site_id, c.region, c.exit_seq).where(c.site_id.in_(part))
        kept |= {(r.site_id, r.region, int(r.exit_seq)) for r in conn.execute(query)}
    return kept


def _village(region: str) -> bool:
    return region.isascii() and region.isdigit() and len(region) == 12
