"""A hostile device against the rules across a record's fields (core.row_rules) on the
real server, found by an attack pass:

- a quarter past the calendar's end (9999Q4, 0000Q1, in full-width digits) failed the
  whole push with a server error, for good (the laptop sends the same batch again);
  one in full-width digits (２０２６Q1) was stored, where the county compares 2026Q1;
  one an earlier server stored (before it checked quarters) failed a laptop's whole
  pull: not even the child beside it was applied;
- a change checked against a partner the push also sets was applied though that
  partner was held (a value of the wrong type, or one the rules refused), leaving a
  pairing that ends before it began and a problem due before it was found;
- a record under another village's owner was held for the owner's date (before_found)
  rather than as one naming no record: the hold told a date, and that the record
  exists, outside the device's scope.

Each is held now, one record at a time, and the rest of the push applied."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import func, select, update

from sync.protocol import Hold, Refusal, Status
from sync.server import schema as s
from tests.sync.conftest import VILLAGE_A, VILLAGE_B
from tests.sync.hostile import Forger, child_row
from tests.sync.test_cross_field_rules_on_server import (
    _check,
    _held,
    _pairing,
    _problem,
    _step,
    _with_child,
)
from tests.sync.township import World


def _stored(world: World, row_id: str, *names: str) -> tuple[Any, ...]:
    f = s.field.c
    with world.server.db.read() as conn:
        found = dict(
            conn.execute(select(f.field, f.value).where(f.row_id == row_id, f.field.in_(names)))
            .tuples()
            .all()
        )
    return tuple(json.loads(found[n]) for n in names)


def test_a_quarter_past_the_calendar_is_held_and_the_push_goes_on(
    sqlite_world: World,
) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    bad = ("9999Q4", "0000Q1", "１８９９Q4", "９９９９Q4", "２０２６Q1")
    results = device.push(
        *(device.insert("quarterly_check", VILLAGE_A, **_check(child, quarter=q)) for q in bad),
        device.insert("quarterly_check", VILLAGE_A, **_check(child)),
    )
    assert [(_held(r).field, _held(r).rule) for r in results[:-1]] == [
        ("quarter", "quarter_invalid")
    ] * len(bad)
    assert results[-1][1] == Status.APPLIED, results[-1]


def test_a_quarter_past_the_calendar_an_earlier_server_kept_is_held_on_the_laptop(
    sqlite_world: World,
) -> None:
    laptop = sqlite_world.laptop("dir_a")
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    check = str(uuid.uuid4())
    (r,) = device.push(device.insert("quarterly_check", VILLAGE_A, check, **_check(child)))
    assert r[1] == Status.APPLIED, r
    log, f = s.change_log.c, s.field.c
    with sqlite_world.server.db.write() as conn:  # as a server before the quarter's rule
        old = func.replace(log.value, '"2026Q1"', '"9999Q4"')
        conn.execute(update(s.change_log).where(log.row_id == check).values(value=old))
        kept = update(s.field).where(f.row_id == check, f.field == "quarter")
        conn.execute(kept.values(value='"9999Q4"'))
    assert laptop.run().ok
    with laptop.store.engine.connect() as conn:
        held = conn.exec_driver_sql("SELECT row_id, reason FROM sync_held").all()
        children = conn.exec_driver_sql("SELECT id FROM child").scalars().all()
    assert held == [(check, "invalid|quarter|quarter_invalid")]
    assert children == [child]


def test_a_change_relying_on_a_partner_that_is_held_is_held(sqlite_world: World) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    typed, reset, problem, check = (str(uuid.uuid4()) for _ in range(4))
    inserted = device.push(
        device.insert("pairing", VILLAGE_A, typed, **_pairing(child)),  # since 2026-03-01
        device.insert("pairing", VILLAGE_A, reset, **_pairing(child)),
        device.insert("problem", VILLAGE_A, problem, **_problem(child)),  # found 2026-03-10
        device.insert("quarterly_check", VILLAGE_A, check, **_check(child)),  # 2026Q1
    )
    assert all(r[1] == Status.APPLIED for r in inserted), inserted
    results = device.push(
        # a start of the wrong type, held: the end before the real start is held too
        device.set("pairing", typed, "since", 12345),
        device.set("pairing", typed, "until", "2026-01-01"),
        # an end before the start, passing on an earlier start the push then sets back
        # to one after it (held): the start moves, the end stays before the first start
        device.set("pairing", reset, "until", "2026-01-01"),
        device.set("pairing", reset, "since", "2025-12-01"),
        device.set("pairing", reset, "until", "2025-01-01"),
        # a target before the finding, passing on a finding's date that is no date
        device.set("problem", problem, "found_on", "2026-13-01"),
        device.set("problem", problem, "target_on", "2026-01-01"),
        device.set("problem", problem, "handled_by", "村委会"),  # a field of no rule
        # a date in the next quarter, passing on a quarter no change may set
        device.set("quarterly_check", check, "quarter", "2026Q2"),
        device.set("quarterly_check", check, "checked_on", "2026-05-10"),
    )
    held = [i for i, r in enumerate(results) if r[1] == Status.QUARANTINED]
    assert held == [0, 1, 4, 5, 6, 8, 9], results
    assert all(results[i][1] == Status.APPLIED for i in (2, 3, 7)), results
    rules = [_held(results[i]).rule for i in (1, 4, 6, 9)]
    assert rules == ["date_order", "date_order", "before_found", "outside_quarter"]
    assert _stored(sqlite_world, typed, "since", "until") == ("2026-03-01", None)
    assert _stored(sqlite_world, reset, "since", "until") == ("2025-12-01", "2026-01-01")
    assert _stored(sqlite_world, problem, "found_on", "target_on") == ("2026-03-10", "2026-04-10")
    assert _stored(sqlite_world, check, "quarter", "checked_on") == ("2026Q1", "2026-02-10")


def test_an_owner_in_another_village_reads_as_a_missing_one(sqlite_world: World) -> None:
    a = Forger.enrolled(sqlite_world.server, "dir_a")
    b = Forger.enrolled(sqlite_world.server, "dir_b")
    child, problem = str(uuid.uuid4()), str(uuid.uuid4())
    (r,) = b.push(b.insert("child", VILLAGE_B, child, **child_row("桃园儿童")))
    assert r[1] == Status.APPLIED, r
    (r,) = b.push(b.insert("problem", VILLAGE_B, problem, **_problem(child)))  # found 03-10
    assert r[1] == Status.APPLIED, r
    results = a.push(
        a.insert("problem_step", VILLAGE_A, **_step(problem, "2026-03-01")),  # before
        a.insert("problem_step", VILLAGE_A, **_step(problem, "2026-03-20")),  # after
        a.insert("problem_step", VILLAGE_A, **_step(str(uuid.uuid4()), "2026-03-01")),  # none
    )
    holds = [Hold.decode(r[3]) for r in results]
    assert holds == [Hold(Refusal.MISSING_PARENT, "problem_id")] * 3, holds
