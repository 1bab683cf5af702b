"""Importing dirty ledgers: every row's outcome, the values as stored, and re-import."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from childcare_desktop.core.errors import DomainError, Kind, ValidationError
from childcare_desktop.core.vocab import (
    Category,
    EntrustReason,
    Health,
    LifeStatus,
    Relation,
    YesNo,
)
from childcare_desktop.services import ledger_import, ledger_report
from childcare_desktop.services.ledger_import import ImportReport, Outcome
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.models import (
    Carer,
    CategoryMembership,
    Child,
    FamilyMember,
    Outbox,
)
from childcare_desktop.storage.store import Store
from tests.factories import make_child
from tests.ledgers import dirty


def run_import(store: Store, path: Path, **options: object) -> ImportReport:
    with store.session() as session:
        return ledger_import.import_ledger(session, path, **options)  # type: ignore[arg-type]


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Child, FamilyMember, Carer, CategoryMembership, Outbox)
        }


def children_by_name(store: Store) -> dict[str, Child]:
    with store.session() as session:
        return {c.name: c for c in session.scalars(select(Child))}


def assert_outcomes(report: ImportReport, expected: dict[int, dirty.Expect]) -> None:
    got = {r.row: r for r in report.rows}
    assert sorted(got) == sorted(expected), "every non-blank row has exactly one line"
    for number, want in expected.items():
        row = got[number]
        assert row.outcome.value == want.outcome, (number, row)
        text = " ".join(str(p) for p in row.problems)
        if want.cell:
            assert any(p.cell == want.cell for p in row.problems), (number, text)
        if want.note:
            assert want.note in text, (number, text)


@pytest.mark.parametrize("build", [dirty.roster, dirty.register, dirty.second_sheet])
def test_every_row_of_a_dirty_ledger_ends_as_expected(
    store: Store, tmp_path: Path, build: Callable[[Path], dict[int, dirty.Expect]]
) -> None:
    path = tmp_path / "ledger.xlsx"
    expected = build(path)
    report = run_import(store, path)
    assert_outcomes(report, expected)
    stored = children_by_name(store)
    for row in report.rows:
        want = expected[row.row]
        if row.outcome in (Outcome.IMPORTED, Outcome.MERGED):
            assert stored[row.name].birth_date == want.birth, row


def test_roster_values_as_people_typed_them(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    report = run_import(store, path)
    assert report.blank_rows == 2 and report.sheet == "花名册"
    kids = children_by_name(store)
    assert "王芳" in kids  # the spaces typed to line up a two-character name are gone
    odd = kids["李<小>&明"]  # stored as typed: < and & are not markup
    assert odd.phone == "13800000002" and "13900000002" in (odd.notes or "")
    assert "家有<&>记号" in (odd.notes or "")
    assert kids["赵三"].id_number.isascii()  # full-width digits folded
    assert kids["赵三"].boarding is YesNo.YES and kids["钱四"].boarding is YesNo.NO
    assert kids["孙五"].phone == "13800000005" and kids["孙五"].boarding is YesNo.YES
    assert kids["王芳"].notes == "重复一行"  # the duplicate row filled what the first lacked
    with store.session() as session:
        held = {
            (c.name, m.category)
            for m, c in session.execute(
                select(CategoryMembership, Child).join(
                    Child, Child.id == CategoryMembership.child_id
                )
            )
        }
        carers = {c.name: c.relation for c in session.scalars(select(Carer))}
        father = session.scalars(
            select(FamilyMember).where(FamilyMember.relation == Relation.FATHER)
        ).first()
    assert ("赵三", Category.ORPHAN) in held and ("赵三", Category.SEVERE_DISABILITY) in held
    assert ("郑八", Category.LEFT_BEHIND) not in held  # 外星儿童 is not a category; warned
    assert carers["奶奶"] is Relation.PATERNAL_GRANDMOTHER  # 监护人 "奶奶" gave the relation
    assert carers["李大山"] is Relation.PATERNAL_GRANDFATHER
    assert father is not None and (father.work_province, father.work_city) == ("广东省", "深圳市")


def test_register_layout_with_merged_three_row_header(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    dirty.register(path)
    report = run_import(store, path)
    assert (report.header.first_row, report.header.last_row, report.header.data_row) == (3, 5, 7)
    kids = children_by_name(store)
    one, two = kids["刘一"], kids["刘二"]
    assert one.health is Health.HEALTHY and two.health is Health.SERIOUS_ILLNESS
    assert one.entrust_reason is EntrustReason.BOTH_AWAY
    with store.session() as session:
        family = {(m.child_id, m.relation): m for m in session.scalars(select(FamilyMember))}
        carer = session.scalars(select(Carer).where(Carer.child_id == one.id)).one()
    assert family[(one.id, Relation.PATERNAL_GRANDMOTHER)].life is LifeStatus.DEAD
    assert family[(two.id, Relation.PATERNAL_GRANDMOTHER)].name == "张桂花"
    assert family[(one.id, Relation.FATHER)].phone == "13800001111"
    assert carer.name == "刘奶奶" and carer.relation is Relation.PATERNAL_GRANDMOTHER
    assert carer.id_number and carer.phone == "13700003333"


def test_reimporting_the_same_file_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    first = run_import(store, path)
    before = counts(store)
    again = run_import(store, path)
    assert counts(store) == before
    assert again.count(Outcome.IMPORTED) == 0 and again.count(Outcome.MERGED) == 0
    assert again.count(Outcome.UNCHANGED) == first.count(Outcome.IMPORTED) + first.count(
        Outcome.MERGED
    )
    assert again.count(Outcome.REJECTED) == first.count(Outcome.REJECTED)
    report = maintenance.check_store(store)  # foreign keys, capture, the audit chain
    assert report.ok, report.problems


def test_a_dry_run_checks_everything_and_keeps_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    expected = dirty.roster(path)
    before = counts(store)
    report = run_import(store, path, dry_run=True)
    assert report.dry_run and counts(store) == before
    assert_outcomes(report, expected)  # the same outcomes a real import gives


def test_a_ledger_row_merges_into_the_child_already_on_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    book = load_workbook(path)
    number = book.active["D3"].value
    with store.session() as session:
        make_child(session, name="王芳", id_number=number, sex="male", current_address="东坪村")
    report = run_import(store, path)
    row = next(r for r in report.rows if r.row == 3)
    assert row.outcome is Outcome.MERGED
    assert any("保留档案中的值" in p.message and "柳溪村1组" in p.message for p in row.problems)
    assert children_by_name(store)["王芳"].current_address == "东坪村"  # the file's value kept


def test_a_mapping_file_maps_a_column_by_hand(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "second.xlsx"
    dirty.second_sheet(path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"F": None, "困境类别": "child.notes"}), encoding="utf-8")
    report = run_import(store, path, mapping=ledger_import.load_mapping(mapping))
    child = children_by_name(store)["何小红"]
    assert child.notes == "事实无人抚养"
    assert [c.letter for c in report.header.columns if c.target is None] == ["F"]
    with store.session() as session:
        assert session.scalars(select(Carer)).one().phone is None


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, Kind.LEDGER_OLD_FORMAT),
        (b"name,id\n", Kind.LEDGER_OLD_FORMAT),
        (None, Kind.LEDGER_UNREADABLE),  # a truncated workbook
    ],
)
def test_files_that_are_not_whole_workbooks_are_refused_clearly(
    store: Store, tmp_path: Path, content: bytes | None, kind: Kind
) -> None:
    path = tmp_path / "ledger.xlsx"
    if content is None:
        dirty.roster(path)
        content = path.read_bytes()[:-300]
    path.write_bytes(content)
    before = counts(store)
    with pytest.raises(ValidationError) as caught:
        run_import(store, path)
    assert caught.value.kind is kind and counts(store) == before


def test_a_sheet_without_a_name_column_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    dirty.roster(path)
    with pytest.raises(ValidationError) as caught:
        run_import(store, path, sheet="填表说明")
    assert caught.value.kind is Kind.LEDGER_NO_HEADER
    with pytest.raises(ValidationError) as caught:
        run_import(store, path, sheet="没有这张表")
    assert caught.value.kind is Kind.LEDGER_NO_SHEET


def test_the_report_is_saved_as_a_workbook(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    report = run_import(store, path)
    saved = ledger_report.save_report(report, tmp_path / "report.xlsx")
    book = load_workbook(saved, read_only=True)
    assert book.sheetnames == ["导入结果", "列对照", "概况"]
    lines = list(book["导入结果"].iter_rows(min_row=2, values_only=True))
    assert len(lines) == len(report.rows)
    rejected = [line for line in lines if line[2] == Outcome.REJECTED.label]
    assert any("D10" in (line[3] or "") for line in rejected)
    assert "新建" in ledger_report.summary_line(report)


def test_a_name_typed_with_a_space_in_the_app_matches_the_ledger(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    number = load_workbook(path).active["D3"].value
    with store.session() as session:
        make_child(session, name="王 芳", id_number=number, sex="male")
    row = next(r for r in run_import(store, path).rows if r.row == 3)
    assert row.outcome is Outcome.MERGED  # not refused as another child's ID number


def test_a_report_that_cannot_be_written_says_so(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    dirty.roster(path)
    report = run_import(store, path, dry_run=True)
    with pytest.raises(DomainError) as caught:
        ledger_report.save_report(report, path / "report.xlsx")  # a file is not a folder
    assert caught.value.kind is Kind.READ_ONLY
    assert not list(tmp_path.glob(".childcare-*"))  # no temporary file left behind
