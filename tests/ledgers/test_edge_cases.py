"""Ledgers as they also come: name-only rows, merged data cells, tick columns named 其他,
sheets named with digits, chart sheets, formula errors, TRUE/FALSE cells; and cancelling."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart
from sqlalchemy import func, select

from childcare_desktop.core.errors import DomainError, Kind, ValidationError
from childcare_desktop.core.vocab import Relation, SchoolStage, YesNo
from childcare_desktop.services import ledger_import
from childcare_desktop.services.common import Progress
from childcare_desktop.services.ledger_import import ImportReport, Outcome
from childcare_desktop.storage.models import Child, FamilyMember
from childcare_desktop.storage.store import Store
from tests.factories import make_id


def write(path: Path, *rows: list[Any], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    ws = book.active
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    book.save(path)
    return path


def run_import(store: Store, path: Path, **options: Any) -> ImportReport:
    with store.session() as session:
        return ledger_import.import_ledger(session, path, **options)


def children(store: Store) -> list[Child]:
    with store.session() as session:
        return list(session.scalars(select(Child).order_by(Child.name)))


def test_rows_without_id_numbers_reimport_without_new_children(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "l.xlsx", ["姓名", "出生日期"], ["王芳", None], ["王芳", "2015-01-01"])
    first = run_import(store, path)
    assert [r.outcome for r in first.rows] == [Outcome.IMPORTED, Outcome.MERGED]
    for _ in range(2):
        again = run_import(store, path)
        assert {r.outcome for r in again.rows} == {Outcome.UNCHANGED}
    assert [c.birth_date for c in children(store)] == [date(2015, 1, 1)]


def test_a_ledger_with_id_numbers_and_one_without_are_the_same_children(
    store: Store, tmp_path: Path
) -> None:
    birth = date(2014, 6, 1)
    number = make_id(birth, male=False)
    without = write(tmp_path / "a.xlsx", ["姓名", "出生日期"], ["李红", "2014.6.1"])
    with_id = write(tmp_path / "b.xlsx", ["姓名", "身份证号"], ["李红", number])
    assert run_import(store, without).rows[0].outcome is Outcome.IMPORTED
    assert run_import(store, with_id).rows[0].outcome is Outcome.MERGED  # the number filled in
    assert run_import(store, without).rows[0].outcome is Outcome.UNCHANGED
    assert [(c.name, c.id_number) for c in children(store)] == [("李红", number)]


def test_two_children_of_one_name_need_something_to_tell_them_apart(
    store: Store, tmp_path: Path
) -> None:
    two = write(
        tmp_path / "two.xlsx", ["姓名", "出生日期"], ["张伟", "2012-01-01"], ["张伟", "2015-05-05"]
    )
    run_import(store, two)
    vague = write(tmp_path / "vague.xlsx", ["姓名", "联系电话"], ["张伟", "13800000000"])
    row = run_import(store, vague).rows[0]
    assert row.outcome is Outcome.REJECTED and row.problems[0].cell == "A2"
    assert "同名儿童" in row.problems[0].message
    assert len(children(store)) == 2


def test_a_father_merged_down_over_two_siblings_belongs_to_both(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "l.xlsx",
        ["姓名", "父亲姓名", "父亲联系电话", "现住址"],
        ["哥哥", "刘大", "13800001111", "柳溪村1组"],
        ["妹妹", None, None, None],
        ["邻居", "赵二", None, None],
        merges=("B2:B3", "C2:C3", "D2:D3"),
    )
    run_import(store, path)
    kids = {c.name: c for c in children(store)}
    assert kids["妹妹"].current_address == "柳溪村1组" and kids["邻居"].current_address is None
    with store.session() as session:
        fathers = {
            m.child_id: (m.name, m.phone)
            for m in session.scalars(
                select(FamilyMember).where(FamilyMember.relation == Relation.FATHER)
            )
        }
    assert fathers[kids["妹妹"].id] == ("刘大", "13800001111")
    assert fathers[kids["邻居"].id] == ("赵二", None)


def test_other_under_a_choice_group_is_a_tick_not_the_notes(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "l.xlsx",
        ["姓名", "就学情况", None, None, "备注", "编号"],
        [None, "小学", "初中", "其他", None, None],
        ["李明", "√", None, None, "父母离异，随奶奶生活", 1],
        merges=("A1:A2", "B1:D1", "E1:E2", "F1:F2"),
    )
    report = run_import(store, path)
    mapped = {c.letter: (c.target.key if c.target else None) for c in report.header.columns}
    assert mapped["D"] == "child.school_stage=其他" and mapped["E"] == "child.notes"
    assert mapped["F"] is None  # 编号 is a row counter, not the file number
    child = children(store)[0]
    assert child.notes == "父母离异，随奶奶生活" and child.school_stage is SchoolStage.PRIMARY
    assert child.file_no != "1"


def test_sheets_named_with_digits_and_chart_sheets(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "说明"
    book.create_chartsheet("图表").add_chart(BarChart())
    data = book.create_sheet("2024")
    data.append(["姓名", "是否寄宿", "现住址"])
    data.append(["周六", True, "#N/A"])
    path = tmp_path / "l.xlsx"
    book.save(path)
    preview = ledger_import.preview(path)
    assert preview.sheets == ("说明", "2024") and preview.header.sheet == "2024"
    report = run_import(store, path, sheet="2024")
    assert any("错误值" in p.message and p.cell == "C2" for p in report.rows[0].problems)
    child = children(store)[0]
    assert child.boarding is YesNo.YES and child.current_address is None


def test_a_mapping_by_a_header_that_two_columns_share_is_refused(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "l.xlsx",
        ["姓名", "父亲", None, "母亲", None],
        [None, "姓名", "联系电话", "姓名", "联系电话"],
        merges=("A1:A2", "B1:C1", "D1:E1"),
    )
    with pytest.raises(ValidationError) as caught:
        run_import(store, path, mapping={"联系电话": None})
    assert caught.value.kind is Kind.MAPPING_INVALID and "C、E" in caught.value.params["reason"]


class _StopAtOnce(Progress):
    def cancelled(self) -> bool:
        return True


def test_a_cancelled_import_keeps_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "l.xlsx", ["姓名"], ["甲"], ["乙"])
    with pytest.raises(DomainError) as caught:
        run_import(store, path, progress=_StopAtOnce())
    assert caught.value.kind is Kind.CANCELLED
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Child)) == 0
