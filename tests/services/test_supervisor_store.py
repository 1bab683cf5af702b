"""A township's store (a supervisor's, 9 digits) files each child under a village of the
township, chosen when the child is registered or named by the ledger's row; a director's
store files under its own village as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from childcare_desktop.cli import main
from childcare_desktop.core.errors import DomainError, Kind
from childcare_desktop.services import ledger_import, preferences
from childcare_desktop.services.children import register_child
from childcare_desktop.services.ledger_import import Outcome
from childcare_desktop.services.villages import held_villages
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE, VILLAGE
from tests.factories import make_id

TOWNSHIP = VILLAGE[:9]  # 349901101
OTHER_VILLAGE = TOWNSHIP + "202"
OUTSIDE = "349901102201"  # the next township's village


def as_supervisor(store: Store) -> None:
    with store.session() as s:
        preferences.set_work_settings(
            s, name="周督导", role="supervisor", region_code=TOWNSHIP, township="青石镇"
        )


def write(path: Path, *rows: list[Any]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def filed(store: Store) -> dict[str, tuple[str, str | None]]:
    with store.session() as s:
        rows = s.execute(select(Child.name, Child.region_code, Child.file_no))
        return {name: (code, file_no) for name, code, file_no in rows}


def test_a_township_store_files_a_child_under_the_village_chosen(store: Store) -> None:
    as_supervisor(store)
    with store.session() as s:
        child = register_child(
            s, name="林晓", region_code=VILLAGE, id_number=make_id(date(2016, 3, 1), male=False)
        )
    assert child.region_code == VILLAGE
    # 档案编号 is the village's code, the year and a running number within the village.
    assert child.file_no == f"{VILLAGE}-{date.today().year}-0001"
    with store.session() as s:
        other = register_child(s, name="林朝", region_code=OTHER_VILLAGE)
        again = register_child(s, name="林夕", region_code=VILLAGE)
        assert [(v.code, v.children) for v in held_villages(s)] == [
            (VILLAGE, 2),
            (OTHER_VILLAGE, 1),
        ]
    assert other.file_no == f"{OTHER_VILLAGE}-{date.today().year}-0001"
    assert again.file_no == f"{VILLAGE}-{date.today().year}-0002"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (None, Kind.REQUIRED),  # the store has no village of its own
        (TOWNSHIP, Kind.REGION_INVALID),  # the township itself is no village
        (OUTSIDE, Kind.REGION_OUTSIDE),
    ],
)
def test_a_township_store_refuses_a_child_without_a_village_of_its_own(
    store: Store, code: str | None, kind: Kind
) -> None:
    as_supervisor(store)
    with store.session() as s, pytest.raises(DomainError) as caught:
        register_child(s, name="林晓", region_code=code)
    assert (caught.value.kind, caught.value.field) == (kind, "region_code")
    if kind is Kind.REGION_OUTSIDE:
        assert caught.value.params == {"value": OUTSIDE, "township": TOWNSHIP}
    assert filed(store) == {}


def test_a_directors_store_is_unchanged(store: Store) -> None:
    with store.session() as s:
        child = register_child(s, name="王小明")
        assert held_villages(s) == []  # nothing to choose
    assert child.region_code == VILLAGE
    assert child.file_no == f"{VILLAGE}-{date.today().year}-0001"


def test_a_township_import_files_each_row_under_its_village(store: Store, tmp_path: Path) -> None:
    as_supervisor(store)
    path = write(
        tmp_path / "乡镇台账.xlsx",
        ["姓名", "身份证号", "村级区划代码"],
        ["柳一", make_id(date(2016, 3, 1), male=True), VILLAGE],
        ["柳二", make_id(date(2017, 5, 2), male=False), OTHER_VILLAGE],
        ["柳三", make_id(date(2015, 1, 9), male=True), OUTSIDE],
        ["柳四", make_id(date(2014, 2, 3), male=False), None],
    )
    with store.session() as s:
        report = ledger_import.import_ledger(s, path)
    outcomes = {r.name: r for r in report.rows}
    assert outcomes["柳三"].outcome is Outcome.REJECTED
    assert "C4" in str(outcomes["柳三"].problems[0]) and "不是本乡镇" in str(
        outcomes["柳三"].problems[0]
    )
    assert outcomes["柳四"].outcome is Outcome.REJECTED  # no village, none chosen
    assert "没有所在村" in str(outcomes["柳四"].problems[0])
    assert {k: v[0] for k, v in filed(store).items()} == {"柳一": VILLAGE, "柳二": OTHER_VILLAGE}
    # Again with a village for the rows that name none: 柳四 goes there.
    with store.session() as s:
        ledger_import.import_ledger(s, path, village=OTHER_VILLAGE)
    assert filed(store)["柳四"][0] == OTHER_VILLAGE
    assert filed(store)["柳四"][1] == f"{OTHER_VILLAGE}-{date.today().year}-0002"


def test_a_village_chosen_outside_the_township_stops_the_import(
    store: Store, tmp_path: Path
) -> None:
    as_supervisor(store)
    path = write(tmp_path / "l.xlsx", ["姓名", "出生日期"], ["柳一", "2016-03-01"])
    with store.session() as s, pytest.raises(DomainError) as caught:
        ledger_import.import_ledger(s, path, village=OUTSIDE)
    assert caught.value.kind is Kind.REGION_OUTSIDE
    assert filed(store) == {}


def test_a_directors_import_leaves_a_village_column_aside(store: Store, tmp_path: Path) -> None:
    # The roster export's 所在村 holds the village's name in a director's store.
    path = write(
        tmp_path / "l.xlsx", ["姓名", "出生日期", "所在村"], ["柳一", "2016-03-01", "桃源村"]
    )
    with store.session() as s:
        report = ledger_import.import_ledger(s, path, village=OUTSIDE)  # ignored too
    assert [r.outcome for r in report.rows] == [Outcome.IMPORTED]
    assert filed(store)["柳一"][0] == VILLAGE


def test_the_command_line_import_takes_the_village(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    store = open_store(store_path, PASSPHRASE)
    as_supervisor(store)
    store.close()
    path = write(tmp_path / "l.xlsx", ["姓名", "出生日期"], ["柳一", "2016-03-01"])
    args = ["import-xlsx", "--store", str(store_path), str(path), "--json"]
    assert main([*args, "--village", OUTSIDE]) != 0  # refused before any row
    assert main([*args, "--village", OTHER_VILLAGE]) == 0
    store = open_store(store_path, PASSPHRASE)
    try:
        assert filed(store) == {
            "柳一": (OTHER_VILLAGE, f"{OTHER_VILLAGE}-{date.today().year}-0001")
        }
    finally:
        store.close()
