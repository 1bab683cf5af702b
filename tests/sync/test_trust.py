"""The county server holds against a hostile or broken device (issue 12, findings 1, 2, 4
and the reporter's confidentiality): every operation is checked against the registry's
rules and the device's scope, the row AND everything it refers to; what fails is held
with its reason and never reaches another laptop; what waits for a record is applied
when the record arrives, whatever the order."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from childcare_desktop.services import family, files, incidents, ledger_import, printing, roster
from childcare_desktop.storage.models import Child
from sync.protocol import Hold, Refusal, Status
from sync.server import schema
from tests.factories import make_child
from tests.ledgers import dirty
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B, Laptop, LiveServer
from tests.sync.hostile import (
    Forger,
    agreement_row,
    carer_row,
    child_row,
    family_row,
    incident_row,
    visit_row,
)

COUNTY = VILLAGE_A[:6]


@dataclass
class County:
    a: Laptop  # village A's director
    town: Laptop  # the township's supervisor
    child_id: str
    carer_id: str


@pytest.fixture
def county(server: LiveServer, make_laptop) -> County:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    server.user("town", "supervisor", TOWNSHIP)
    a = make_laptop("a", server, user="a_dir")
    with a.store.session() as session:
        child_id = make_child(session, name="甲村孩子").id
        carer_id = family.add_carer(
            session, child_id=child_id, name="甲村奶奶", relation="paternal_grandmother"
        ).id
    assert a.run().ok
    town = make_laptop("town", server, user="town")
    return County(a, town, child_id, carer_id)


def _holds(results: list[list]) -> list[Hold | None]:
    return [Hold.decode(r[3]) if r[1] == Status.QUARANTINED else None for r in results]


def _names(laptop: Laptop) -> set[str]:
    with laptop.store.connection() as conn:
        return {r[0] for r in conn.execute(text("SELECT name FROM child"))}


def _dossier_text(laptop: Laptop, child_id: str) -> str:
    with laptop.store.session() as session:
        pdf = printing.dossier(session, child_id=child_id)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_director_cannot_write_into_another_villages_file(county: County, server) -> None:
    b = Forger.enrolled(server, "b_dir")
    own = b.insert("child", VILLAGE_B, **child_row("乙村孩子"))
    results = b.push(
        own,
        b.insert("visit", VILLAGE_B, **visit_row(county.child_id)),
        b.insert("family_member", VILLAGE_B, **family_row(county.child_id, name="伪造父亲")),
        b.insert("family_member", VILLAGE_A, **family_row(county.child_id, name="伪造父亲")),
        b.insert(
            "care_agreement", VILLAGE_B, **agreement_row(own.row_id, carer_id=county.carer_id)
        ),
        b.set("carer", county.carer_id, "phone", "13900000000"),
    )
    assert results[0][1] == Status.APPLIED
    assert _holds(results)[1:] == [
        Hold(Refusal.MISSING_PARENT, "child_id"),
        Hold(Refusal.MISSING_PARENT, "child_id"),
        Hold(Refusal.OUT_OF_SCOPE),
        Hold(Refusal.MISSING_PARENT, "carer_id"),
        Hold(Refusal.OUT_OF_SCOPE),
    ]
    # The township's dossier of A's child prints no forged father and no forged visit.
    assert county.town.run().ok
    with county.town.store.session() as session:
        file = files.get_child_file(session, child_id=county.child_id)
    assert [m.name for m in file.family] == [] and file.visits == ()
    assert [c.phone for c in file.carers] == [None]
    printed = _dossier_text(county.town, county.child_id)
    assert "甲村孩子" in printed and "伪造" not in printed


def test_a_supervisor_cannot_tie_one_village_s_record_to_another_s(county, server) -> None:
    town = Forger.enrolled(server, "town")
    results = town.push(
        town.insert("visit", VILLAGE_B, **visit_row(county.child_id)),
        town.insert("visit", VILLAGE_A, **visit_row(county.child_id, findings="乡镇走访")),
    )
    assert _holds(results) == [Hold(Refusal.MISSING_PARENT, "child_id"), None]


def test_a_held_reference_is_not_released_into_another_village(county, server) -> None:
    """B names a child id A has not sent yet; when A's child arrives, B's visit is
    checked again as B's, and stays held: it points into another village."""
    b = Forger.enrolled(server, "b_dir")
    future = str(uuid.uuid4())
    (result,) = b.push(b.insert("visit", VILLAGE_B, **visit_row(future)))
    assert _holds([result]) == [Hold(Refusal.MISSING_PARENT, "child_id")]
    with county.a.store.session() as session:
        session.add(
            Child(
                id=future, region_code=VILLAGE_A, name="后来的孩子", registered_on=date(2026, 1, 2)
            )
        )
    assert county.a.run().ok
    assert county.town.run().ok
    with county.town.store.session() as session:
        assert files.get_child_file(session, child_id=future).visits == ()
    with server.db.read() as conn:
        (reason,) = conn.execute(select(schema.quarantine.c.reason)).scalars()
    assert Hold.decode(reason) == Hold(Refusal.MISSING_PARENT, "child_id")


def test_a_conflict_is_never_resolved_with_a_reference_outside_the_village(county, server) -> None:
    a = Forger.enrolled(server, "a_dir")
    b = Forger.enrolled(server, "b_dir")
    own_b = b.insert("child", VILLAGE_B, **child_row("乙村孩子"))
    b_carer = b.insert("carer", VILLAGE_B, **carer_row(own_b.row_id))
    assert all(r[1] == Status.APPLIED for r in b.push(own_b, b_carer))
    deal = a.insert("care_agreement", VILLAGE_A, **agreement_row(county.child_id))
    second = a.insert("carer", VILLAGE_A, **carer_row(county.child_id, name="甲村爷爷"))
    a.push(deal, second)
    # Two laptops change the carer over the same version: a conflict.
    (applied,) = a.push(a.set("care_agreement", deal.row_id, "carer_id", county.carer_id))
    other = Forger.enrolled(server, "a_dir")
    base = applied[2] - 1
    other.push(other.set("care_agreement", deal.row_id, "carer_id", second.row_id, base=base))
    with server.db.read() as conn:
        (conflict_id,) = conn.execute(select(schema.conflict.c.id)).scalars()
    answer = a.transport.post("/resolve", {"conflict": conflict_id, "value": b_carer.row_id})
    assert answer["state"] == "open"
    assert Hold.decode(answer["refused"]) == Hold(Refusal.MISSING_PARENT, "carer_id")
    bad = a.transport.post("/resolve", {"conflict": conflict_id, "value": "x" * 80})
    assert Hold.decode(bad["refused"]) == Hold(Refusal.INVALID, "carer_id", "invalid_type")
    with server.db.read() as conn:
        f = schema.field.c
        value = conn.execute(
            select(f.value).where(f.row_id == deal.row_id, f.field == "carer_id")
        ).scalar_one()
    assert value == f'"{second.row_id}"'
    good = a.transport.post("/resolve", {"conflict": conflict_id, "value": county.carer_id})
    assert good["state"] == "resolved" and "refused" not in good


def test_malformed_records_are_held_with_their_reason_and_the_rest_applied(county, server) -> None:
    f = Forger.enrolled(server, "a_dir")
    visit = f.insert("visit", VILLAGE_A, **visit_row(county.child_id, findings="真实走访"))
    f.push(visit)
    cases = [
        (f.insert("child", VILLAGE_A, **child_row("坏日期", birth_date="not-a-date")),
         Hold(Refusal.INVALID, "birth_date", "date_invalid")),
        (f.insert("incident", VILLAGE_A, **incident_row(county.child_id, description=None)),
         Hold(Refusal.INVALID, "description", "required")),
        (f.insert("child", VILLAGE_A, **child_row("坏号码", id_type="resident_id",
                                                   id_number="349901201001011235")),
         Hold(Refusal.INVALID, "id_number", "id_bad_check_digit")),
        (f.insert("child", VILLAGE_A, **child_row("<b>粗体</b>")),
         Hold(Refusal.INVALID, "name", "markup_in_name")),
        (f.insert("child", VILLAGE_A, **child_row("多一个字段", shoe_size=42)),
         Hold(Refusal.INVALID, "shoe_size", "unknown_field")),
        (f.insert("child", VILLAGE_A, **child_row("坏选项", sex="alien")),
         Hold(Refusal.INVALID, "sex", "invalid_choice")),
        (f.insert("child", VILLAGE_A, **child_row("长" * 51)),
         Hold(Refusal.INVALID, "name", "too_long")),
        (f.insert("child", VILLAGE_A, **child_row("未来出生", birth_date="2999-01-01")),
         Hold(Refusal.INVALID, "birth_date", "date_in_future")),
        (f.insert("child", VILLAGE_A, **child_row(None)), Hold(Refusal.INVALID, "name", "required")),
        (f.insert("visit", VILLAGE_A, **visit_row(county.child_id, visited_on=17)),
         Hold(Refusal.INVALID, "visited_on", "date_invalid")),
        (f.insert("child", "3499011012", **child_row("坏区划")), Hold(Refusal.BAD_REGION)),
        (f.insert("no_such_table", VILLAGE_A, x=1), Hold(Refusal.UNKNOWN_TABLE)),
        (f.insert("county_policy", COUNTY, body={}, version=1, effective_from="2026-01-01"),
         Hold(Refusal.NOT_PERMITTED)),
        (f.set("child", county.child_id, "birth_date", "not-a-date"),
         Hold(Refusal.INVALID, "birth_date", "date_invalid")),
        (f.set("child", county.child_id, "name", None), Hold(Refusal.INVALID, "name", "required")),
        (f.set("child", county.child_id, "sex", "alien"),
         Hold(Refusal.INVALID, "sex", "invalid_choice")),
        (f.set("child", county.child_id, "id_number", "123"),
         Hold(Refusal.INVALID, "id_number", "id_bad_length")),
        (f.set("child", county.child_id, "region_code", VILLAGE_B),
         Hold(Refusal.FIXED_FIELD, "region_code")),
        (f.set("carer", county.carer_id, "child_id", str(uuid.uuid4())),
         Hold(Refusal.FIXED_FIELD, "child_id")),
        (f.set("child", county.child_id, "shoe_size", 42), Hold(Refusal.UNKNOWN_FIELD, "shoe_size")),
        (f.set("visit", visit.row_id, "findings", "改写"), Hold(Refusal.INSERT_ONLY)),
    ]  # fmt: skip
    good = f.insert("child", VILLAGE_A, **child_row("好孩子"))
    results = f.push(*(op for op, _ in cases), good)
    assert _holds(results) == [want for _, want in cases] + [None]
    # Nothing of it reaches the township; every child that is right does.
    report = county.town.run()
    assert report.ok, report
    assert _names(county.town) == {"甲村孩子", "好孩子"}
    with county.town.store.session() as session:
        listed = roster.search_roster(session)
        assert {r.name for r in listed} == {"甲村孩子", "好孩子"}
    assert "甲村孩子" in _dossier_text(county.town, county.child_id)


def test_records_arriving_before_their_parent_are_applied_when_it_arrives(county, server) -> None:
    f = Forger.enrolled(server, "a_dir")
    child = f.insert("child", VILLAGE_A, **child_row("先到的照护人的孩子"))
    carer = f.insert("carer", VILLAGE_A, **carer_row(child.row_id))
    father = f.insert("family_member", VILLAGE_A, **family_row(child.row_id))
    deal = f.insert(
        "care_agreement", VILLAGE_A, **agreement_row(child.row_id, carer_id=carer.row_id)
    )
    edit = f.set("carer", carer.row_id, "phone", "13911112222")
    # In one batch, dependants first (a ledger import's capture order).
    assert [r[1] for r in f.push(deal, carer, edit, father, child)] == [Status.APPLIED] * 5
    # Across batches: the carer waits, and is applied when its child comes.
    later = f.insert("child", VILLAGE_A, **child_row("后到的孩子"))
    waiting = f.insert("carer", VILLAGE_A, **carer_row(later.row_id, name="等待的照护人"))
    assert _holds(f.push(waiting)) == [Hold(Refusal.MISSING_PARENT, "child_id")]
    assert f.push(later)[0][1] == Status.APPLIED
    assert f.hello().get("held") == []
    assert county.town.run().ok
    with county.town.store.session() as session:
        assert [c.phone for c in files.get_child_file(session, child_id=child.row_id).carers] == [
            "13911112222"
        ]
        assert [c.name for c in files.get_child_file(session, child_id=later.row_id).carers] == [
            "等待的照护人"
        ]
    with server.db.read() as conn:
        assert conn.execute(select(schema.quarantine.c.id)).all() == []


def test_a_ledger_import_syncs_with_nothing_set_aside(county, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    dirty.register(path)
    with county.a.store.session() as session:
        outcome = ledger_import.import_ledger(session, path)
    assert outcome.count(ledger_import.Outcome.IMPORTED) > 0
    report = county.a.run()
    assert report.ok and report.quarantined == 0, report
    assert county.town.run().ok
    assert _names(county.town) >= {"甲村孩子"}


def test_the_reporter_stays_on_the_reporting_laptop(county, server, make_laptop) -> None:
    server.user("viewer", "county-viewer", COUNTY)
    with county.a.store.session() as session:
        report = incidents.file_report(
            session,
            child_id=county.child_id,
            discovered_at="2026-01-06 10:00",
            situations=["living_alone"],
            description="孩子独自在家",
            reported_to="某派出所",
            reported_at="2026-01-06 11:00",
            reporter_name="报告人甲",
            reporter_phone="13812345678",
        )
    assert county.a.run().ok
    second = make_laptop("a2", server, user="a_dir")
    viewer = make_laptop("viewer", server, user="viewer")
    for laptop in (county.town, second, viewer):
        assert laptop.run().ok, laptop.name
    for laptop in (county.town, second):
        with laptop.store.connection() as conn:
            row = conn.execute(
                text("SELECT description, reporter_name, reporter_phone FROM incident")
            ).one()
        assert tuple(row) == ("孩子独自在家", None, None), laptop.name
    with viewer.store.connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM incident")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM child")).scalar() == 1
    with county.a.store.connection() as conn:
        kept = conn.execute(text("SELECT reporter_name FROM incident")).scalar()
    assert kept == "报告人甲"  # the reporting laptop keeps it
    with server.db.read() as conn:
        logged = " ".join(conn.execute(select(schema.change_log.c.value)).scalars())
        fields = " ".join(conn.execute(select(schema.field.c.value)).scalars())
        c = schema.confidential.c
        secret = {r[0]: r[1] for r in conn.execute(select(c.field, c.value))}
    assert "报告人甲" not in logged + fields and "13812345678" not in logged + fields
    assert secret == {"reporter_name": '"报告人甲"', "reporter_phone": '"13812345678"'}
    assert report.id


def test_a_held_report_shows_no_reporter(county, server) -> None:
    f = Forger.enrolled(server, "a_dir")
    missing = str(uuid.uuid4())
    f.push(f.insert("incident", VILLAGE_A, **incident_row(missing, reporter_name="报告人乙")))
    response = f.transport.request("GET", f"/quarantine/{f.site}", b"", {})
    assert "报告人乙" not in response.text
    (held,) = response.json()
    assert held["op"]["value"]["reporter_name"] == "***"


def test_garbage_never_breaks_a_batch_nor_another_laptop_s_sync(county, server) -> None:
    """Names and ids no column can hold, NUL characters, deep values: each operation is
    held with a reason (no 500, no failed statement for the batch), the good one in the
    same batch is applied, and the township's sync goes on."""
    f = Forger.enrolled(server, "a_dir")
    deep: object = "底"
    for _ in range(60):
        deep = [deep]
    nasty = [
        f.insert("x" * 500, VILLAGE_A, name="超长表名"),
        f.insert("child", VILLAGE_A, row_id="a\x00b", **child_row("坏编号")),
        f.insert("child", "1" * 100, **child_row("超长区划")),
        f.insert("child", VILLAGE_A, **child_row("控制\x00字符")),
        f.insert("child", VILLAGE_A, **{"f" * 300: 1, **child_row("超长字段名")}),
        f.insert("child", VILLAGE_A, **{"name\x00": 1, **child_row("空字符字段名")}),
        f.insert("visit", VILLAGE_A, **visit_row("z" * 64 + "\x00")),
        f.set("child", county.child_id, "f" * 1000, 1),
        f.set("child", county.child_id, "name\x00", "x"),
        f.set("child", county.child_id, "notes", deep),
        f.set("child", "c" * 64, "notes", "记录不存在"),
        f.set("carer" + "\x00", county.carer_id, "phone", "13900000000"),
    ]
    good = f.set("child", county.child_id, "notes", "正常的备注")
    results = f.push(*nasty, good)
    assert [r[1] for r in results[:-1]] == [Status.QUARANTINED] * len(nasty)
    assert results[-1][1] == Status.CONFLICT  # over no base: the laptop's value was there
    assert all(len(r[3]) <= 200 for r in results[:-1])
    assert county.town.run().ok
    with county.town.store.connection() as conn:
        notes = conn.execute(text("SELECT notes FROM child WHERE name = '甲村孩子'")).scalar()
    assert notes == "正常的备注"
