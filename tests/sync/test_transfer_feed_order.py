"""A township laptop holds several villages and pulls each one's feed on its own: a file
that moved (A->B, A->B->A, B->A->B, A->B->C, A->B->A->B) reaches it as entries spread over the
feeds, in an order that is not the order of the moves. The server numbers a child's
moves (the exit's body and each moved record's insert carry the number, ``merge.moving``)
and the laptop applies them in that order (``storage.moves``): whether it synced before
the moves, between them, only after them, or was enrolled after them, and whichever
feed it reads first, it ends with the record filed where the server has it, the
server's values, and the versions of that village's feed as the fields' bases (its next
edit is a plain edit, no conflict)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services import transfers
from childcare_desktop.services.children import update_child
from sync.client.transport import Transport
from sync.server import merge
from sync.server import schema as s
from sync.server.cli import main
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.township import VILLAGE_C, World

DIRECTOR = {VILLAGE_A: "dir_a", VILLAGE_B: "dir_b", VILLAGE_C: "dir_c"}
CHAINS = {
    "A-B": (VILLAGE_A, VILLAGE_B),
    "A-B-A": (VILLAGE_A, VILLAGE_B, VILLAGE_A),
    "B-A-B": (VILLAGE_B, VILLAGE_A, VILLAGE_B),
    "A-B-C": (VILLAGE_A, VILLAGE_B, VILLAGE_C),
    "A-B-A-B": (VILLAGE_A, VILLAGE_B, VILLAGE_A, VILLAGE_B),
}
# When the supervisor's laptop syncs: before the moves and after each; first after the
# first move; first after all of them; enrolled after all of them.
WHEN = ("each", "between", "after", "enrolled_after")


class Reversed(Transport):
    """The real transport, handing a pull answer's villages to the laptop last first
    (a laptop may hold any of its feeds ahead of the others)."""

    def lines(self, path: str, body: Any) -> Iterator[Any]:
        got = list(super().lines(path, body))
        pages = [v for v in got if isinstance(v, dict) and "r" in v]
        for region in sorted({p["r"] for p in pages}, reverse=True):
            yield from (p for p in pages if p["r"] == region)
        yield from (v for v in got if not (isinstance(v, dict) and "r" in v))


def _accept(world: World, transfer_id: str) -> None:
    """The county accepts (``childcare-server transfers accept``: no device to enrol)."""
    journal = world.server.db.journal
    where = ["--journal", str(journal.path)] if journal is not None else []
    argv = ["--db", world.server.db.url, *where, "transfers", "accept", transfer_id]
    assert main([*argv, "--by", "郑科长"]) == 0


def _move(world: World, child_id: str, here: str, to: str, step: int) -> None:
    """The director of ``here`` asks for the move (after an edit of their own), the
    county accepts; the director of ``to`` edits."""
    d = world.laptop(DIRECTOR[here])
    assert d.run().ok
    with d.store.session() as session:
        update_child(session, child_id=child_id, current_address=f"第{step}站 {here[-3:]} 号")
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=to, reason="随父母搬迁"
        ).id
    assert d.run().ok
    _accept(world, asked)
    there = world.laptop(DIRECTOR[to])
    assert there.run().ok
    with there.store.session() as session:
        update_child(session, child_id=child_id, phone=f"1390000000{step}")
    assert there.run().ok


def _server(world: World, child_id: str) -> tuple[str, dict[str, Any], dict[str, int]]:
    with world.server.db.read() as conn:
        r, f = s.row.c, s.field.c
        region = conn.execute(
            select(r.region).where(r.tbl == "child", r.row_id == child_id)
        ).scalar_one()
        found = conn.execute(
            select(f.field, f.value, f.version).where(f.tbl == "child", f.row_id == child_id)
        ).all()
    return (
        region,
        {x.field: json.loads(x.value) for x in found},
        {x.field: x.version for x in found},
    )


def _laptop(laptop: Laptop, child_id: str) -> tuple[dict[str, Any] | None, dict[str, int]]:
    with laptop.store.connection() as conn:
        row = conn.exec_driver_sql("SELECT * FROM child WHERE id = ?", (child_id,)).first()
        bases = conn.exec_driver_sql(
            "SELECT field, version FROM field_base WHERE tbl = 'child' AND row_id = ?",
            (child_id,),
        ).all()
    return (dict(row._mapping) if row else None), {b.field: b.version for b in bases}


def _supervisor(world: World, reverse: bool) -> Laptop:
    sup = world.laptop("sup_1")
    if reverse:
        sup.transport = Reversed(world.server.url)
    return sup


def _chain(world: World, chain: tuple[str, ...], when: str, reverse: bool) -> str:
    start = world.laptop(DIRECTOR[chain[0]])
    with start.store.session() as session:
        child_id = make_child(session, name="张小明").id
        for n in range(12):  # the first village's feed runs ahead of the others'
            make_child(session, name=f"其他儿童{n}")
    assert start.run().ok
    if when in ("each", "after"):
        sup = _supervisor(world, reverse)
        if when == "each":
            assert sup.run().ok
    for step, (here, to) in enumerate(pairwise(chain), start=1):
        _move(world, child_id, here, to, step)
        if when == "each" or (when == "between" and step == 1):
            assert _supervisor(world, reverse).run().ok
    return child_id


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "last-first"])
@pytest.mark.parametrize("when", WHEN)
@pytest.mark.parametrize("name", list(CHAINS))
def test_a_township_laptop_ends_where_the_file_is(
    sqlite_world: World, name: str, when: str, reverse: bool
) -> None:
    world = sqlite_world
    child_id = _chain(world, CHAINS[name], when, reverse)
    sup = _supervisor(world, reverse)
    assert sup.run().ok
    region, values, versions = _server(world, child_id)
    row, bases = _laptop(sup, child_id)
    if region == VILLAGE_C:  # out of the township: gone from its laptop
        assert row is None and bases == {}
        return
    assert row is not None and row["region_code"] == region
    for field in ("name", "current_address", "phone", "region_code"):
        assert row[field] == values[field], field
    # every base is the version the server holds (versions of the village's feed)
    assert bases and {f: versions[f] for f in bases} == bases
    with sup.store.session() as session:
        update_child(session, child_id=child_id, school_name="镇中心小学")
    assert sup.run().ok
    with world.server.db.read() as conn:
        conflicts = conn.execute(select(s.conflict.c.field)).scalars().all()
        held = conn.execute(select(s.quarantine.c.reason)).scalars().all()
    assert conflicts == [] and held == []
    assert _server(world, child_id)[1]["school_name"] == "镇中心小学"


@pytest.mark.parametrize("name", list(CHAINS))
def test_directors_laptops_work_as_before(sqlite_world: World, name: str) -> None:
    """Each village's director, synced along the chain: the file is on the laptop of the
    village it ended in (the server's values, its feed's versions as bases), on no
    other; the moves' numbers are no future dates to review (``childcare-server
    flagged``)."""
    world = sqlite_world
    chain = CHAINS[name]
    child_id = _chain(world, chain, "none", reverse=False)
    region, values, versions = _server(world, child_id)
    for village in sorted(set(chain)):
        laptop = world.laptop(DIRECTOR[village])
        assert laptop.run().ok
        row, bases = _laptop(laptop, child_id)
        if village != region:
            assert row is None, village
            continue
        assert row is not None and row["region_code"] == region
        for field in ("name", "current_address", "phone"):
            assert row[field] == values[field], field
        assert bases and {f: versions[f] for f in bases} == bases
        with laptop.store.session() as session:
            update_child(session, child_id=child_id, school_name="村小")
        assert laptop.run().ok
    with world.server.db.read() as conn:
        assert conn.execute(select(s.conflict.c.field)).scalars().all() == []
        assert merge.flagged(conn) == []
        exits = conn.execute(
            select(s.change_log.c.value).where(s.change_log.c.kind == "exit")
        ).scalars()
        assert sorted(json.loads(v)["n"] for v in exits) == list(range(1, len(chain)))
    assert _server(world, child_id)[1]["school_name"] == "村小"


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "last-first"])
def test_a_township_edit_sent_before_it_had_the_move_stands(
    sqlite_world: World, reverse: bool
) -> None:
    """sup_1 held the file in A and edits it offline after it moved to B (a late edit,
    applied in B; the pull leaves its own change out): the move's insert, older, does
    not overwrite it on the laptop, and its next edit is a plain one."""
    world = sqlite_world
    child_id = _chain(world, (VILLAGE_A,), "each", reverse)
    _move(world, child_id, VILLAGE_A, VILLAGE_B, 1)
    sup = _supervisor(world, reverse)
    with sup.store.session() as session:
        update_child(session, child_id=child_id, school_name="镇中心小学")
    assert sup.run().ok
    region, values, versions = _server(world, child_id)
    row, bases = _laptop(sup, child_id)
    assert region == VILLAGE_B and values["school_name"] == "镇中心小学"
    assert row is not None and row["region_code"] == VILLAGE_B
    assert row["school_name"] == "镇中心小学" and row["phone"] == values["phone"]
    assert {f: versions[f] for f in bases} == bases
    with sup.store.session() as session:
        update_child(session, child_id=child_id, school_name="镇第二小学")
    assert sup.run().ok
    with world.server.db.read() as conn:
        assert conn.execute(select(s.conflict.c.field)).scalars().all() == []
    assert _server(world, child_id)[1]["school_name"] == "镇第二小学"


def test_a_file_gone_from_the_township_keeps_its_move_numbers(sqlite_world: World) -> None:
    """A file that left the township (A->B->C, C another township's) is gone from the
    supervisor's laptop, and the laptop keeps the move's number of its record, also when
    the exit is all the page holds of the file (the laptop had B's last edit of it):
    whatever a feed still holds of the file from before the move is over, not filed
    again."""
    world = sqlite_world
    child_id = _chain(world, (VILLAGE_A, VILLAGE_B), "each", reverse=False)
    sup = _supervisor(world, reverse=False)
    b = world.laptop(DIRECTOR[VILLAGE_B])
    assert b.run().ok
    with b.store.session() as session:
        update_child(session, child_id=child_id, current_address="第2站 B 号")
    assert b.run().ok
    assert sup.run().ok  # the supervisor has B's edit: the next page holds only the exit
    with b.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_C, reason="随父母搬迁"
        ).id
    assert b.run().ok
    _accept(world, asked)
    assert sup.run().ok
    row, bases = _laptop(sup, child_id)
    assert row is None and bases == {}
    with sup.store.connection() as conn:
        kept = conn.exec_driver_sql(
            "SELECT n FROM sync_move WHERE tbl = 'child' AND row_id = ?", (child_id,)
        ).scalar()
    assert kept == 2
