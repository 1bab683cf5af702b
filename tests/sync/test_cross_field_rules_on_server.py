"""The server checks the rules across a record's fields (core.row_rules) that the laptop's
services check, so a hostile device pushing straight to it cannot skip them (found by an
attack pass: a quarter 2026Q5, a pairing ending before it began, a 留守老人 born in 2020, a
problem's target 9999-12-31 were all applied). A record that breaks one is held with the
field the form names; a good record in the same push is applied. A single field's change
is checked against the record as it will stand: an ID number and the birth date it
carries, changed together, pass; a birth date alone that disagrees with the ID is held."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sync.protocol import Hold, Refusal, Status
from tests.factories import make_id
from tests.sync.conftest import VILLAGE_A
from tests.sync.hostile import Forger, child_row
from tests.sync.test_console_quarantine_secret import _clue
from tests.sync.township import World


def _problem(child: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child,
        "kind": "other",
        "description": "家中无人照看",
        "found_on": "2026-03-10",
        "visit_id": None,
        "assessment_id": None,
        "handled_by": None,
        "target_on": "2026-04-10",
        "state": "open",
        "closed_on": None,
        "solution": None,
        **values,
    }


def _plan(child: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child,
        "colour": "yellow",
        "measures": "每月走访",
        "responsible": "李主任",
        "frequency": "每月",
        "written_on": "2026-03-01",
        "review_due": "2026-09-01",
        **values,
    }


def _check(child: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child,
        "quarter": "2026Q1",
        "checked_on": "2026-02-10",
        "changes": ["none"],
        "change_note": None,
        "benefits_ok": "yes",
        "benefits_note": None,
        "checked_by": "李主任",
        **values,
    }


def _pairing(child: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child,
        "helper_name": "王老师",
        "helper_role": "teacher",
        "phone": None,
        "since": "2026-03-01",
        "until": None,
        "end_reason": None,
        **values,
    }


def _adult(**values: Any) -> dict[str, Any]:
    return {
        "kind": "elder",
        "name": "张奶奶",
        "sex": "female",
        "birth_date": "1950-05-01",
        "id_number": None,
        "address": None,
        "work_place": None,
        "away_who": None,
        "health": "unknown",
        "phone": None,
        "registered_on": "2026-02-01",
        "notes": None,
        "exited_on": None,
        "exit_reason": None,
        **values,
    }


def _held(result: list[Any]) -> Hold:
    assert result[1] == Status.QUARANTINED, result
    hold = Hold.decode(result[3])
    assert hold.refusal is Refusal.INVALID, hold
    return hold


def _with_child(device: Forger) -> str:
    child = str(uuid.uuid4())
    (r,) = device.push(device.insert("child", VILLAGE_A, child, **child_row("规则儿童")))
    assert r[1] != Status.QUARANTINED, r
    return child


def test_records_whose_fields_disagree_are_held_and_a_good_one_applied(
    sqlite_world: World,
) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    elder_id = make_id(date(1950, 5, 1), male=False)
    bad = [
        ("quarterly_check", _check(child, quarter="2026Q5"), "quarter", "quarter_invalid"),
        ("quarterly_check", _check(child, quarter="26-1"), "quarter", "quarter_invalid"),
        ("quarterly_check", _check(child, checked_on="2026-05-10"), "checked_on", None),
        ("quarterly_check", _check(child, changes=["none", "health"]), "changes", None),
        ("pairing", _pairing(child, until="2026-02-01", end_reason="结束"), "until", None),
        ("left_behind_adult", _adult(birth_date=None), "birth_date", "required"),
        ("left_behind_adult", _adult(birth_date="2020-05-01"), "birth_date", None),
        ("left_behind_adult", _adult(birth_date="1970-05-01"), "birth_date", None),
        ("left_behind_adult", _adult(kind="woman", sex="male"), "sex", "left_behind_sex"),
        ("left_behind_adult", _adult(id_number=elder_id, sex="male"), "sex", None),
        (
            "left_behind_adult",
            _adult(id_number=elder_id, birth_date="1951-05-01"),
            "birth_date",
            None,
        ),
        (
            "left_behind_adult",
            _adult(exited_on="2026-01-01", exit_reason="moved"),
            "exited_on",
            None,
        ),
        ("problem", _problem(child, target_on="9999-12-31"), "target_on", "date_too_far"),
        ("problem", _problem(child, target_on="2026-03-01"), "target_on", "before_found"),
        (
            "problem",
            _problem(child, state="closed", closed_on="2026-03-01", solution="已解决"),
            "closed_on",
            "before_found",
        ),
        ("service_plan", _plan(child, review_due="9999-12-31"), "review_due", "date_too_far"),
        ("service_plan", _plan(child, review_due="2026-02-01"), "review_due", "date_order"),
        ("clue", _clue(child) | {"source": "other"}, "source_detail", "required"),
        (
            "clue",
            _clue(child) | {"state": "handled", "handling": "note", "handled_on": "2025-12-01"},
            "handled_on",
            "date_order",
        ),
    ]
    good = [
        ("quarterly_check", _check(child)),
        ("left_behind_adult", _adult(id_number=elder_id)),
        ("left_behind_adult", _adult(id_number=elder_id, birth_date=None)),  # the ID's
        ("problem", _problem(child)),
        ("service_plan", _plan(child, review_due=None)),
    ]
    ops = [device.insert(t, VILLAGE_A, **row) for t, row, *_ in bad]
    ops += [device.insert(t, VILLAGE_A, **row) for t, row in good]
    results = device.push(*ops)
    for (table, _row, field, rule), result in zip(bad, results, strict=False):
        hold = _held(result)
        assert (table, hold.field) == (table, field)
        assert rule is None or hold.rule == rule, (table, hold)
    for (table, _row), result in zip(good, results[len(bad) :], strict=True):
        assert result[1] != Status.QUARANTINED, (table, result)


def test_a_record_dated_before_its_owner_s_start_is_held(sqlite_world: World) -> None:
    """A step before its problem was found, a contact before its pairing began, a
    persuasion before the child left school: the owner's date as the server holds it,
    whether it came earlier or in the same push. What the owner may still change (the
    pairing's end, a registration corrected) is the laptop's to check: a contact logged
    offline after another laptop ended the pairing is applied, not held for good."""
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    problem, pairing, adult, dropout = (str(uuid.uuid4()) for _ in range(4))
    (r,) = device.push(device.insert("problem", VILLAGE_A, problem, **_problem(child)))
    assert r[1] != Status.QUARANTINED, r
    ended = _pairing(child, until="2026-06-30", end_reason="孩子转学")
    dropout_row = {
        "child_id": child,
        "school": None,
        "grade": None,
        "left_on": "2026-03-01",
        "reason": "other",
        "notes": None,
        "state": "open",
        "reported_on": None,
    }
    results = device.push(
        device.insert("pairing", VILLAGE_A, pairing, **ended),
        device.insert("left_behind_adult", VILLAGE_A, adult, **_adult()),
        device.insert("dropout", VILLAGE_A, dropout, **dropout_row),
        *(
            device.insert(table, VILLAGE_A, **row)
            for table, row in (
                ("problem_step", _step(problem, "2026-03-01")),
                ("pairing_contact", _contact(pairing, "2026-02-01")),
                ("persuasion", _persuasion(dropout, "2026-02-15")),
                ("problem_step", _step(problem, "2026-03-10")),
                ("pairing_contact", _contact(pairing, "2026-06-30")),
                ("pairing_contact", _contact(pairing, "2026-07-01")),  # after the end
                ("left_behind_adult_visit", _visit(adult, "2026-01-15")),  # corrected?
                ("persuasion", _persuasion(dropout, "2026-03-01")),
            )
        ),
    )
    assert all(r[1] != Status.QUARANTINED for r in results[:3]), results[:3]
    fields = [_held(r).field for r in results[3:6]]
    assert fields == ["on_date", "contacted_on", "on_date"]
    assert [_held(r).rule for r in results[3:6]] == [
        "before_found",
        "outside_pairing",
        "before_dropout",
    ]
    assert all(r[1] != Status.QUARANTINED for r in results[6:]), results[6:]


def test_a_single_field_change_is_checked_against_the_record_as_it_will_stand(
    sqlite_world: World,
) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    child = _with_child(device)
    check, pairing, problem, elder, woman = (str(uuid.uuid4()) for _ in range(5))
    rows = [
        ("quarterly_check", check, _check(child)),
        ("pairing", pairing, _pairing(child)),
        ("problem", problem, _problem(child)),
        ("left_behind_adult", elder, _adult(id_number=make_id(date(1950, 5, 1), male=False))),
        ("left_behind_adult", woman, _adult(kind="woman", birth_date="1990-01-01")),
    ]
    inserted = device.push(*(device.insert(t, VILLAGE_A, i, **row) for t, i, row in rows))
    assert all(r[1] != Status.QUARANTINED for r in inserted), inserted
    new_id = make_id(date(1955, 7, 1), male=False)
    results = device.push(
        device.set("quarterly_check", check, "checked_on", "2026-04-01"),
        device.set("quarterly_check", check, "changes", ["none", "economy"]),
        device.set("pairing", pairing, "until", "2026-02-01"),
        device.set("problem", problem, "target_on", "9999-12-31"),
        device.set("problem", problem, "closed_on", "2026-01-01"),
        device.set("left_behind_adult", elder, "birth_date", "2020-01-01"),
        device.set("left_behind_adult", woman, "sex", "male"),
        device.set("left_behind_adult", elder, "exited_on", "2026-01-01"),
        # good: applied
        device.set("problem", problem, "target_on", "2026-05-01"),
        device.set("pairing", pairing, "until", "2026-05-01"),
        # the ID and the birth date it carries, changed together: each checked with the other
        device.set("left_behind_adult", elder, "id_number", new_id),
        device.set("left_behind_adult", elder, "birth_date", "1955-07-01"),
    )
    assert [_held(r).field for r in results[:8]] == [
        "checked_on",
        "changes",
        "until",
        "target_on",
        "closed_on",
        "birth_date",
        "sex",
        "exited_on",
    ]
    assert all(r[1] == Status.APPLIED for r in results[8:]), results[8:]
    lone = device.push(device.set("left_behind_adult", elder, "birth_date", "1956-07-01"))
    assert _held(lone[0]).rule == "id_birth_mismatch"


def _step(problem: str, on: str) -> dict[str, Any]:
    return {"problem_id": problem, "on_date": on, "action": "电话联系家长", "result": None}


def _contact(pairing: str, on: str) -> dict[str, Any]:
    return {"pairing_id": pairing, "contacted_on": on, "mode": "phone", "content": None}


def _visit(adult: str, on: str) -> dict[str, Any]:
    return {"person_id": adult, "visited_on": on, "mode": "home", "notes": None}


def _persuasion(dropout: str, on: str) -> dict[str, Any]:
    return {
        "dropout_id": dropout,
        "on_date": on,
        "done_by": None,
        "method": None,
        "outcome": "not_returned",
        "note": None,
    }
