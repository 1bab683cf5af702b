"""The rules across a record's fields (core.row_rules), declared once: each raises the
kind and field the services raised, on stored values (ISO text, codes) and on typed ones
(dates, members) alike; ``check_row`` runs them on a whole record."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from childcare_desktop.core.checks import check_row
from childcare_desktop.core.entities import BY_TABLE
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.row_rules import (
    HORIZON,
    RULES,
    check_adult,
    check_rules,
    rules_reading,
)
from childcare_desktop.core.vocab import LeftBehindAdultKind, Sex
from childcare_desktop.messages import MESSAGES
from tests.factories import make_id

TODAY = date(2026, 12, 1)


def _wrong_digit() -> str:
    number = make_id(date(1950, 5, 1), male=False)
    return number[:-1] + ("1" if number[-1] == "0" else "0")


def _fails(table: str, row: dict[str, Any], today: date | None = TODAY) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_rules(table, row, today=today)
    return caught.value


@pytest.mark.parametrize(
    ("table", "row", "field", "kind"),
    [
        ("quarterly_check", {"quarter": "2026Q5"}, "quarter", Kind.QUARTER_INVALID),
        ("quarterly_check", {"quarter": "2026q4"}, "quarter", Kind.QUARTER_INVALID),
        (
            "quarterly_check",
            {"quarter": "2026Q1", "checked_on": "2026-04-01"},
            "checked_on",
            Kind.OUTSIDE_QUARTER,
        ),
        ("quarterly_check", {"changes": []}, "changes", Kind.REQUIRED),
        ("quarterly_check", {"changes": ["none", "health"]}, "changes", Kind.NO_CHANGE_WITH_CHANGES),
        ("pairing", {"since": "2026-03-01", "until": "2026-02-28"}, "until", Kind.DATE_ORDER),
        (
            "pairing_contact",
            {"contacted_on": "2026-07-01", "owner.since": "2026-03-01", "owner.until": "2026-06-30"},
            "contacted_on",
            Kind.OUTSIDE_PAIRING,
        ),
        ("problem", {"found_on": "2026-03-10", "target_on": "9999-12-31"}, "target_on", Kind.DATE_TOO_FAR),
        ("problem", {"found_on": "2026-03-10", "target_on": "2026-03-09"}, "target_on", Kind.BEFORE_FOUND),
        ("problem", {"found_on": "2026-03-10", "closed_on": "2026-03-09"}, "closed_on", Kind.BEFORE_FOUND),
        ("problem_step", {"on_date": "2026-03-09", "owner.found_on": "2026-03-10"}, "on_date", Kind.BEFORE_FOUND),
        ("service_plan", {"written_on": "2026-03-01", "review_due": "2026-02-01"}, "review_due", Kind.DATE_ORDER),
        ("service_plan", {"written_on": "2026-03-01", "review_due": "9999-12-31"}, "review_due", Kind.DATE_TOO_FAR),
        ("clue", {"source": "other", "source_detail": None}, "source_detail", Kind.REQUIRED),
        ("clue", {"received_at": "2026-03-01 10:00:00", "closed_on": "2026-02-28"}, "closed_on", Kind.DATE_ORDER),
        ("persuasion", {"on_date": "2026-02-28", "owner.left_on": "2026-03-01"}, "on_date", Kind.BEFORE_DROPOUT),
        (
            "left_behind_adult",
            {"kind": "elder", "sex": "female", "birth_date": "1950-01-01", "registered_on": "2026-02-01", "exited_on": "2026-01-31"},
            "exited_on",
            Kind.BEFORE_REGISTERED,
        ),
        ("left_behind_adult_visit", {"visited_on": "2026-01-31", "owner.registered_on": "2026-02-01"}, "visited_on", Kind.BEFORE_REGISTERED),
    ],
)  # fmt: skip
def test_each_rule_names_the_field_and_kind_the_service_raised(
    table: str, row: dict[str, Any], field: str, kind: Kind
) -> None:
    err = _fails(table, row)
    assert (err.field, err.kind) == (field, kind)
    assert kind in MESSAGES  # the words beside the field


def test_typed_values_keep_the_same_rule_as_stored_ones() -> None:
    typed = _fails("problem", {"found_on": date(2026, 3, 10), "target_on": date(2026, 3, 9)})
    stored = _fails("problem", {"found_on": "2026-03-10", "target_on": "2026-03-09"})
    assert typed.kind is stored.kind and typed.params == stored.params
    assert typed.params == {"value": "2026-03-09", "found_on": "2026-03-10"}


def test_good_records_and_missing_values_pass() -> None:
    check_rules("quarterly_check", {"quarter": "2026Q1", "checked_on": "2026-03-31"})
    check_rules("pairing", {"since": "2026-03-01", "until": "2026-03-01"})  # the same day
    check_rules("pairing", {"since": "2026-03-01", "until": None})  # still in force
    check_rules("problem_step", {"on_date": "2026-01-01"})  # the owner not at hand
    check_rules("problem", {"found_on": "2026-03-10", "target_on": "9999-12-31"}, today=None)
    horizon = (TODAY + HORIZON).isoformat()
    check_rules("service_plan", {"written_on": "2026-03-01", "review_due": horizon}, today=TODAY)


def test_the_horizon_is_ten_years_after_today() -> None:
    assert timedelta(days=3653) == HORIZON
    just_over = (TODAY + HORIZON + timedelta(days=1)).isoformat()
    err = _fails("problem", {"found_on": "2026-03-10", "target_on": just_over})
    assert err.kind is Kind.DATE_TOO_FAR


@pytest.mark.parametrize(
    ("row", "field", "kind"),
    [
        ({"kind": "elder", "sex": "female"}, "birth_date", Kind.REQUIRED),
        ({"kind": "elder", "sex": "female", "birth_date": "2020-05-01"}, "birth_date", Kind.LEFT_BEHIND_AGE),
        ({"kind": "elder", "sex": "female", "birth_date": "1966-12-01"}, "birth_date", Kind.LEFT_BEHIND_AGE),
        ({"kind": "woman", "sex": "male", "birth_date": "1990-01-01"}, "sex", Kind.LEFT_BEHIND_SEX),
        ({"kind": "woman", "sex": "unknown", "birth_date": "1990-01-01"}, "sex", Kind.LEFT_BEHIND_SEX),
        ({"kind": "elder", "sex": "male", "id_number": make_id(date(1950, 5, 1), male=False)}, "sex", Kind.ID_SEX_MISMATCH),
        (
            {"kind": "elder", "sex": "female", "birth_date": "1950-05-02", "id_number": make_id(date(1950, 5, 1), male=False)},
            "birth_date",
            Kind.ID_BIRTH_MISMATCH,
        ),
        ({"kind": "elder", "sex": "female", "id_number": _wrong_digit()}, "id_number", Kind.ID_BAD_CHECK_DIGIT),
    ],
)  # fmt: skip
def test_a_left_behind_adult_s_identity(row: dict[str, Any], field: str, kind: Kind) -> None:
    with pytest.raises(ValidationError) as caught:
        check_adult(row, TODAY)
    assert (caught.value.field, caught.value.kind) == (field, kind)


def test_a_left_behind_adult_who_passes() -> None:
    elder_id = make_id(date(1950, 5, 1), male=False)
    check_adult({"kind": "elder", "sex": "female", "id_number": elder_id}, TODAY)  # the ID's
    check_adult({"kind": LeftBehindAdultKind.ELDER, "sex": Sex.UNKNOWN, "birth_date": date(1966, 11, 30)}, TODAY)  # fmt: skip
    check_adult({"kind": "woman", "sex": Sex.FEMALE, "birth_date": "1990-01-01"}, None)
    check_adult({"kind": "elder", "sex": "female", "birth_date": "1980-01-01"}, None)  # no today


def test_check_row_runs_the_rules_with_the_owner_s_fields() -> None:
    step = {"problem_id": "p1", "on_date": "2026-03-09", "action": "电话", "result": None}
    row = {"deleted": 0, **step}
    check_row(BY_TABLE["problem_step"], row, today=TODAY)  # no owner at hand: nothing to check
    with pytest.raises(ValidationError) as caught:
        check_row(BY_TABLE["problem_step"], row, today=TODAY, owner={"found_on": "2026-03-10"})
    assert caught.value.kind is Kind.BEFORE_FOUND
    with pytest.raises(ValidationError) as sent:  # a device cannot pass the owner's fields
        check_row(BY_TABLE["problem_step"], row | {"owner.found_on": "2000-01-01"}, today=TODAY)
    assert sent.value.kind is Kind.UNKNOWN_FIELD


def test_a_change_runs_only_the_rules_that_read_its_field() -> None:
    assert rules_reading("left_behind_adult", "exited_on") == (RULES["left_behind_adult"][1],)
    assert rules_reading("left_behind_adult", "notes") == ()
    # Only the exit's rule: the identity's would find no birth date in this partial row.
    row = {"registered_on": "2026-02-01", "exited_on": "2026-03-01"}
    check_rules("left_behind_adult", row, today=TODAY, fields=("exited_on",))
    with pytest.raises(ValidationError):
        check_rules("left_behind_adult", row, today=TODAY)


def test_every_rule_reads_fields_its_table_has() -> None:
    for table, rules in RULES.items():
        e = BY_TABLE[table]
        for rule in rules:
            for name in rule.reads:
                if name.startswith("owner."):
                    assert e.owner is not None
                    owner = BY_TABLE[str(e[e.owner].ref)]
                    assert name.removeprefix("owner.") in owner, (table, name)
                else:
                    assert name in e, (table, name)


def test_the_county_fetches_only_the_owner_s_fields_that_do_not_change() -> None:
    """A pairing's end and a registration may change after the records under them are
    made: the laptop checks them, the county holds a record to the start alone."""
    owned = {t: {n for r in rules for n in r.owner_fields} for t, rules in RULES.items()}
    assert owned["pairing_contact"] == {"since"}
    assert owned["left_behind_adult_visit"] == set()
    assert owned["problem_step"] == {"found_on"}
    assert owned["persuasion"] == {"left_on"}
