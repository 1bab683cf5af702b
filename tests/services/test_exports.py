"""Exports: the 登记表 and 花名册 workbook, the county's JSON, and the import round trip."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from childcare_desktop.core.identity import mask_id
from childcare_desktop.core.records import ChildRecord
from childcare_desktop.core.vocab import Category, EconomicSource
from childcare_desktop.ledgers import columns, values
from childcare_desktop.services import (
    assessments,
    enrollment,
    exports,
    family,
    incidents,
    ledger_import,
    visits,
)
from childcare_desktop.services.ledger_import import Outcome
from childcare_desktop.storage import settings
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE
from tests.factories import make_child, make_id, years_ago

TODAY = date.today()
ODD_NAME = "李<小>&明"


def child_with_file(store: Store, name: str = ODD_NAME, **overrides: Any) -> dict[str, Any]:
    """A left-behind child in a poor family, both parents away, grandmother as carer."""
    birth = years_ago(9, 40)
    father_id = make_id(years_ago(38))
    carer_id = make_id(years_ago(66), male=False)
    with store.session() as s:
        values_: dict[str, Any] = {
            "name": name,
            "birth_date": birth,
            "id_number": make_id(birth),
            "categories": ["left_behind", "poverty"],
            "ethnicity": "汉族",
            "hukou_registered": "yes",
            "hukou_address": "青石村三组",
            "current_address": "青石村三组12号",
            "phone": "13912345678",
            "health": "disabled",
            "disability_kind": "physical",
            "disability_grade": 3,
            "school_stage": "primary",
            "school_name": "青石小学",
            "school_grade": "三年级",
            "boarding": "no",
            "economic_sources": ["wages", "government"],
            "entrust_reason": "both_away",
            "has_carer": "yes",
            "notes": '=HYPERLINK("x")',
        }
        values_.update(overrides)
        child = make_child(s, **values_)
        family.add_family_member(
            s,
            child_id=child.id,
            relation="father",
            name="李大山",
            id_number=father_id,
            phone="13800138000",
            work_province="广东省",
            work_city="深圳市",
            away_for_work="yes",
            away_since=date(2020, 3, 1),
        )
        mother = family.add_family_member(
            s, child_id=child.id, relation="mother", name="王小花", work_province="浙江"
        )
        family.add_family_member(
            s, child_id=child.id, relation="paternal_grandfather", name="李老汉", life="dead"
        )
        family.add_family_member(
            s,
            child_id=child.id,
            relation="paternal_grandmother",
            name="张桂兰",
            birth_date=years_ago(66),
        )
        family.add_carer(
            s,
            child_id=child.id,
            name="张桂兰",
            relation="paternal_grandmother",
            id_number=carer_id,
            phone="13700001111",
            address="青石村三组12号",
            health="weak",
        )
    return {"child": child, "father_id": father_id, "carer_id": carer_id, "mother": mother}


def export(store: Store, path: Path, **options: Any) -> exports.ExportResult:
    with store.session() as s:
        return exports.export_xlsx(s, path, **options)


def sheet_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    book = load_workbook(path)
    try:
        return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def audit_details(store: Store, action: str) -> list[dict[str, Any]]:
    with store.session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        return [json.loads(r.detail) for r in rows]


def test_every_register_header_is_read_back_as_the_field_it_holds() -> None:
    assert exports.REGISTER_HEADERS[0] == "序号"
    assert columns.ignored_reason(("序号",)) is not None
    for header, target in zip(exports.REGISTER_HEADERS[1:], exports.REGISTER_TARGETS, strict=True):
        found = columns.match((header,))
        assert found is not None and found.key == target.key, header
    assert len(set(exports.REGISTER_HEADERS)) == len(exports.REGISTER_HEADERS)
    assert "父亲务工地点" in exports.REGISTER_HEADERS
    assert "受委托照护人与儿童关系" in exports.REGISTER_HEADERS


@pytest.mark.parametrize("vocabulary", [Category, EconomicSource])
def test_every_category_and_income_source_reads_back_from_a_joined_cell(
    vocabulary: type[Category] | type[EconomicSource],
) -> None:
    members = list(vocabulary)
    cell = "、".join(exports.many_text(m) for m in members)
    assert [vocabulary.parse(part) for part in values.many(cell)] == members


def test_the_workbook_holds_the_register_and_the_roster(store: Store, tmp_path: Path) -> None:
    made = child_with_file(store)
    child: ChildRecord = made["child"]
    path = tmp_path / "out" / "export.xlsx"
    result = export(store, path)
    assert result == exports.ExportResult(path, 1, "xlsx", ("登记表", "花名册"))

    book = load_workbook(path)
    assert book.sheetnames == ["登记表", "花名册"]  # an import takes the first: the 登记表
    register = book["登记表"]
    header = [c.value for c in register[1]]
    assert tuple(header) == exports.REGISTER_HEADERS
    row = {h: c for h, c in zip(header, register[2], strict=True)}
    assert row["姓名"].value == ODD_NAME
    assert row["公民身份号码"].value == child.id_number and row["公民身份号码"].data_type == "s"
    assert row["联系电话"].value == "13912345678" and row["联系电话"].data_type == "s"
    assert row["出生日期"].value.date() == child.birth_date and row["出生日期"].is_date
    assert row["性别"].value == "男" and row["就学情况"].value == "小学"
    assert row["是否寄宿"].value == "否" and row["是否登记户口"].value == "是"
    assert row["残疾类别及等级"].value == "肢体残疾三级"
    assert row["儿童类别"].value == "农村留守儿童、困难家庭儿童"
    assert row["家庭经济来源"].value == "打工收入、政府救助"
    assert row["委托照料原因"].value == "父母双方外出"
    assert row["祖父姓名"].value == "—"  # 已故
    assert row["祖母姓名"].value == "张桂兰"
    assert row["父亲务工地点"].value == "广东省深圳市"
    assert row["父亲公民身份号码"].value == made["father_id"]
    assert row["母亲务工地点"].value == "浙江"
    assert row["受委托照护人姓名"].value == "张桂兰"
    assert row["受委托照护人与儿童关系"].value == "祖母"
    assert row["受委托照护人公民身份号码"].value == made["carer_id"]
    assert row["外祖父姓名"].value is None and row["户籍性质"].value == "农村居民户口"
    assert row["备注"].value == '=HYPERLINK("x")' and row["备注"].data_type == "s"  # not a formula

    roster = book["花名册"]
    assert "花名册" in roster["A1"].value and "共 1 名" in roster["A1"].value
    header = [c.value for c in roster[2]]
    assert tuple(header) == exports.ROSTER_HEADERS
    line = dict(zip(header, (c.value for c in roster[3]), strict=True))
    book.close()
    assert line["姓名"] == ODD_NAME and line["年龄"] == "9"
    assert line["公民身份号码"] == mask_id(child.id_number or "") != child.id_number
    assert line["监护人/受委托照护人"] == "张桂兰（祖母）" and line["联系电话"] == "13700001111"
    assert line["在册状态"] == "在册" and line["档案编号"] == child.file_no

    full = export(store, tmp_path / "full.xlsx", full_ids=True)
    assert sheet_rows(full.path, "花名册")[2][6] == child.id_number
    assert audit_details(store, "exported") == [
        {
            "format": "xlsx",
            "children": 1,
            "sheets": ["登记表", "花名册"],
            "scope": "all",
            "include_exited": False,
            "full_ids": full_ids,
        }
        for full_ids in (False, True)
    ]


def test_exited_children_only_when_asked(store: Store, tmp_path: Path) -> None:
    stays = child_with_file(store, name="留下")["child"]
    leaves = child_with_file(store, name="离开")["child"]
    with store.session() as s:
        enrollment.exit_child(s, child_id=leaves.id, on_date=TODAY, reason="moved")
    result = export(store, tmp_path / "a.xlsx")
    assert result.children == 1
    assert [r[2] for r in sheet_rows(result.path, "登记表")[1:]] == [stays.name]
    result = export(store, tmp_path / "b.xlsx", include_exited=True)
    roster = {r[2]: r[-1] for r in sheet_rows(result.path, "花名册")[2:]}
    assert result.children == 2 and roster == {"留下": "在册", "离开": "已退出"}
    assert len(sheet_rows(result.path, "登记表")) == 3


def test_an_export_imported_back_is_stable(
    store: Store, template_store: Path, tmp_path: Path
) -> None:
    child_with_file(store)
    child_with_file(store, name="王芳", categories=["orphan"], health="healthy", notes=None)
    with store.session() as s:
        make_child(s, name="赵空白", categories=[], hukou_type="unknown")
    first = export(store, tmp_path / "first.xlsx").path

    with store.session() as s:  # into the store it came from: nothing changes
        report = ledger_import.import_ledger(s, first)
    assert report.sheet == "登记表"
    assert [(r.outcome, r.problems) for r in report.rows] == [(Outcome.UNCHANGED, ())] * 3

    other = tmp_path / "other.db"  # into an empty store: the same files again
    shutil.copyfile(template_store, other)
    fresh = open_store(other, PASSPHRASE, actor="测试员")
    try:
        with fresh.session() as s:
            report = ledger_import.import_ledger(s, first)
        assert [(r.outcome, r.problems) for r in report.rows] == [(Outcome.IMPORTED, ())] * 3
        second = export(fresh, tmp_path / "second.xlsx").path
    finally:
        fresh.close()
    assert sheet_rows(second, "登记表") == sheet_rows(first, "登记表")


def test_the_county_json_holds_every_file_but_no_reporter(store: Store, tmp_path: Path) -> None:
    made = child_with_file(store)
    child = made["child"]
    other = child_with_file(store, name="离开")["child"]
    found = datetime.now().replace(microsecond=0) - timedelta(hours=5)
    with store.session() as s:
        visit = visits.log_visit(s, child_id=child.id, visited_on=TODAY, mode="home")
        visits.amend_visit(s, visit_id=visit.id, field="findings", value="正常", reason="补记")
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY, level="fair", colour="yellow"
        )
        report = incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=found,
            situations=["violence_signs"],
            description="手臂淤青",
            reported_to="青石镇派出所",
            reported_at=found + timedelta(minutes=30),
            reporter_name="赵报告",
            reporter_phone="13600002222",
        )
        incidents.add_followup(
            s, incident_id=report.id, stage="emergency", on_date=TODAY, action="送医"
        )
        family.remove_family_member(s, member_id=made["mother"].id)
        enrollment.exit_child(s, child_id=other.id, on_date=TODAY, reason="moved")

    path = tmp_path / "county.json"
    with store.session() as s:
        result = exports.export_json(s, path)
    assert result == exports.ExportResult(path, 2, "json")
    text = path.read_text(encoding="utf-8")
    assert "赵报告" not in text and "13600002222" not in text and "reporter" not in text
    data = json.loads(text)
    assert data["format"] == "childcare-export" and data["version"] == 1
    assert data["schema_revision"] and data["includes_reports"] is True
    assert data["counts"] == {"children": 2} and datetime.fromisoformat(data["exported_at"])
    assert [r["code"] for r in data["regions"]] == [child.region_code]
    by_name = {c["name"]: c for c in data["children"]}
    mine = by_name[ODD_NAME]
    assert mine["id_number"] == child.id_number and "name_pinyin" not in mine
    assert date.fromisoformat(mine["birth_date"]) == child.birth_date
    assert mine["sex"] == "male" and mine["economic_sources"] == ["government", "wages"]
    assert {m["relation"] for m in mine["family"]} == {  # the removed mother is left out
        "father",
        "paternal_grandfather",
        "paternal_grandmother",
    }
    assert all("deleted" not in m and "updated_hlc" not in m for m in mine["family"])
    assert [c["relation"] for c in mine["carers"]] == ["paternal_grandmother"]
    assert [v["amendments"][0]["field"] for v in mine["visits"]] == ["findings"]
    assert mine["assessments"][0]["colour"] == "yellow"
    (incident,) = mine["incidents"]
    assert incident["description"] == "手臂淤青" and incident["followups"][0]["action"] == "送医"
    assert datetime.fromisoformat(incident["reported_at"]) == found + timedelta(minutes=30)
    exited = by_name["离开"]
    assert [e["kind"] for e in exited["enrollment_events"]] == ["exit"]
    ended = {c["category"]: c["ended_on"] for c in exited["categories"]}
    assert ended == {"left_behind": TODAY.isoformat(), "poverty": TODAY.isoformat()}
    assert audit_details(store, "exported") == [
        {"format": "json", "children": 2, "scope": "all", "reports": True}
    ]

    with store.session() as s:  # a role that may not see reports gets none of them
        settings.write(s, settings.ROLE, "viewer")
        exports.export_json(s, path, region_prefix=child.region_code[:9])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["includes_reports"] is False and data["scope"] == child.region_code[:9]
    assert all("incidents" not in c for c in data["children"]) and len(data["children"]) == 2
    assert "淤青" not in path.read_text(encoding="utf-8")


def test_a_failed_export_leaves_no_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child_with_file(store)
    path = tmp_path / "out" / "county.json"
    path.parent.mkdir()
    path.write_text("the previous export", encoding="utf-8")

    def broken(*_args: Any) -> Any:
        yield {"id": "x"}
        raise OSError("disk full")

    monkeypatch.setattr(exports, "_json_children", broken)
    with store.session() as s, pytest.raises(OSError):
        exports.export_json(s, path)
    assert path.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in path.parent.iterdir()] == ["county.json"]  # no temporary file
    assert audit_details(store, "exported") == []
