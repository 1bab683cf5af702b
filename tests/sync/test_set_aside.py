"""Issue 12, finding 2 (the laptop's half) and 4: a malformed change on the county server
never stops a laptop's sync nor hides other children. The laptop sets it aside (shown on
the 同步 page with its reason) and applies the rest; a later valid change releases it,
and what belongs to a held record comes with it.

The bad changes are written straight into the server's tables: a server that checks what
it is sent refuses them at push, but a laptop must survive whatever it pulls.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from childcare_desktop.cli import main
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.search import pinyin_key
from childcare_desktop.services import exports, family, incidents, printing, stats, syncing
from childcare_desktop.services.roster import search_roster
from childcare_desktop.storage.models import Child, FamilyMember, Incident
from sync.protocol import Hold, Refusal
from sync.server import schema
from sync.server.db import mark_restored
from tests.conftest import PASSPHRASE
from tests.factories import make_child, make_id, years_ago
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, Laptop, LiveServer
from tests.sync.planting import inserted_row, plant_insert, plant_set


@dataclass
class Township:
    server: LiveServer
    village: Laptop  # the director's laptop, which made the valid records
    town: Laptop  # the supervisor's laptop, which pulls them
    children: dict[str, str]  # name -> id
    member: str  # a family member's id (a valid payload to copy)
    report: str  # a mandatory report's id (likewise)


@pytest.fixture
def township(server: LiveServer, make_laptop: Callable[..., Laptop]) -> Township:
    server.user("cun", "director", VILLAGE_A)
    server.user("zhen", "supervisor", TOWNSHIP)
    village = make_laptop("cun", server, user="cun")
    with village.store.session() as session:
        children = {n: make_child(session, name=n).id for n in ("王一", "王二", "王三")}
        member = family.add_family_member(
            session, child_id=children["王二"], relation="father", name="王大"
        ).id
        found = datetime.now() - timedelta(days=2)
        report = incidents.file_report(
            session,
            child_id=children["王三"],
            discovered_at=found,
            situations=["living_alone"],
            description="发现孩子独自在家",
            reported_to="派出所",
            reported_at=found + timedelta(hours=1),
        ).id
    assert village.run().ok
    town = make_laptop("zhen", server, user="zhen")
    return Township(server, village, town, children, member, report)


def _new_child(t: Township, **changes: object) -> tuple[str, dict[str, object]]:
    row = inserted_row(t.village.store, "child", t.children["王一"])
    row.update(id_number=make_id(years_ago(8)), file_no=None, **changes)
    return str(uuid.uuid4()), row


def _member_of(t: Township, child_id: str) -> tuple[str, dict[str, object]]:
    row = inserted_row(t.village.store, "family_member", t.member)
    row.update(child_id=child_id, name="赵父")
    return str(uuid.uuid4()), row


def _names(laptop: Laptop) -> set[str]:
    with laptop.store.session() as session:
        return {c.name for c in search_roster(session)}


def _held(laptop: Laptop) -> dict[str, Hold]:
    return {f"{h.table}:{h.field or ''}": h.hold for h in syncing.set_aside(laptop.store)}


def _cli_sync(laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    return main(["sync", "--store", str(laptop.store.path)])


def test_a_bad_child_and_a_bad_report_are_set_aside_and_the_rest_arrives(
    township: Township, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    t = township
    bad_id, bad = _new_child(t, name="赵坏", birth_date="not-a-date")
    plant_insert(t.server, VILLAGE_A, "child", bad_id, bad)
    member_id, member = _member_of(t, bad_id)
    plant_insert(t.server, VILLAGE_A, "family_member", member_id, member)
    report = inserted_row(t.village.store, "incident", t.report)
    del report["description"]  # NOT NULL in every store
    report_id = str(uuid.uuid4())
    plant_insert(t.server, VILLAGE_A, "incident", report_id, report)

    assert _cli_sync(t.town, monkeypatch) == 0  # was: exit 1, 内部错误
    assert _names(t.town) == {"王一", "王二", "王三"}
    assert _held(t.town) == {
        "child:": Hold(Refusal.INVALID, "birth_date", Kind.DATE_INVALID.value),
        "family_member:": Hold(Refusal.MISSING_PARENT, "child_id"),
        "incident:": Hold(Refusal.INVALID, "description", Kind.REQUIRED.value),
    }
    whose = {h.table: h.child_name for h in syncing.set_aside(t.town.store)}
    assert whose == {"child": "赵坏", "family_member": "赵坏", "incident": "王三"}
    assert syncing.status(t.town.store).set_aside == 3
    with t.town.store.session() as session:  # every view of the township still works
        assert stats.store_stats(session)["children"] == 3
        assert printing.roster(session, region_prefix=TOWNSHIP).startswith(b"%PDF")
        assert printing.dossier(session, child_id=t.children["王三"]).startswith(b"%PDF")
        assert exports.export_xlsx(session, tmp_path / "town.xlsx").children == 3
        assert session.get(Incident, report_id) is None
    # Nothing is pulled twice: the cursor is past the bad rows, and a sync has nothing to do.
    again = t.town.run()
    assert again.ok and again.pulled == 0
    assert len(syncing.set_aside(t.town.store)) == 3

    # The village corrects the birth date: the child arrives, and its father with it.
    plant_set(t.server, VILLAGE_A, "child", bad_id, "birth_date", "2017-05-04")
    assert _cli_sync(t.town, monkeypatch) == 0
    assert _names(t.town) == {"王一", "王二", "王三", "赵坏"}
    with t.town.store.session() as session:
        assert session.get(Child, bad_id).birth_date == date(2017, 5, 4)
        assert session.get(FamilyMember, member_id).name == "赵父"
    assert _held(t.town) == {"incident:": Hold(Refusal.INVALID, "description", "required")}
    # The director's laptop pulled the same rows and is as well off.
    assert t.village.run().ok
    assert _names(t.village) == {"王一", "王二", "王三", "赵坏"}


def test_a_bad_value_of_a_child_already_here_waits_and_a_later_one_replaces_it(
    township: Township,
) -> None:
    t = township
    child = t.children["王一"]
    assert t.town.run().ok
    plant_set(t.server, VILLAGE_A, "child", child, "notes", "上学正常")
    plant_set(t.server, VILLAGE_A, "child", child, "birth_date", "not-a-date")
    plant_set(t.server, VILLAGE_A, "child", child, "hukou_type", "martian")
    report = t.town.run()
    assert report.ok and report.pulled == 3
    with t.town.store.session() as session:
        got = session.get(Child, child)
        assert got.notes == "上学正常"  # the valid change of the same record is applied
        assert got.birth_date == years_ago(9)  # the bad ones are not
        assert got.hukou_type.value == "rural"
    held = syncing.set_aside(t.town.store)
    assert [(h.field, h.hold.rule, h.child_name) for h in held] == [
        ("birth_date", Kind.DATE_INVALID.value, "王一"),
        ("hukou_type", Kind.INVALID_CHOICE.value, "王一"),
    ]
    plant_set(t.server, VILLAGE_A, "child", child, "birth_date", "2016-02-03")
    assert t.town.run().ok
    with t.town.store.session() as session:
        assert session.get(Child, child).birth_date == date(2016, 2, 3)
    assert [h.field for h in syncing.set_aside(t.town.store)] == ["hukou_type"]


def test_names_are_cleaned_and_a_name_with_markup_is_held(township: Township) -> None:
    t = township
    tagged_id, tagged = _new_child(t, name="<b>x</b>")
    plant_insert(t.server, VILLAGE_A, "child", tagged_id, tagged)
    spaced_id, spaced = _new_child(t, name="  李\u3000 四 ", current_address=" 三组 ")
    plant_insert(t.server, VILLAGE_A, "child", spaced_id, spaced)
    plant_set(t.server, VILLAGE_A, "family_member", t.member, "name", " 王  大 ")
    assert t.town.run().ok
    assert _names(t.town) == {"王一", "王二", "王三", "李 四"}
    with t.town.store.session() as session:
        arrived = session.get(Child, spaced_id)
        assert arrived.current_address == "三组"
        assert arrived.name_pinyin == pinyin_key("李 四")  # derived from the cleaned name
        assert session.get(FamilyMember, t.member).name == "王 大"
    (held,) = syncing.set_aside(t.town.store)
    assert held.hold == Hold(Refusal.INVALID, "name", Kind.MARKUP_IN_NAME.value)
    assert held.row_id == tagged_id and held.child_name == "<b>x</b>"


def test_a_record_that_arrives_before_its_child_waits_for_it(township: Township) -> None:
    """Finding 4: whatever the order, what waits for a record is applied when it comes."""
    t = township
    child_id, child = _new_child(t, name="孙小")
    member_id, member = _member_of(t, child_id)
    plant_insert(t.server, VILLAGE_A, "family_member", member_id, member)
    assert t.town.run().ok
    (held,) = syncing.set_aside(t.town.store)
    assert held.hold == Hold(Refusal.MISSING_PARENT, "child_id")
    assert held.child_id == child_id and held.child_name is None  # not received yet
    plant_insert(t.server, VILLAGE_A, "child", child_id, child)
    assert t.town.run().ok
    assert syncing.set_aside(t.town.store) == []
    with t.town.store.session() as session:
        assert session.get(FamilyMember, member_id).child_id == child_id
    with t.server.db.read() as conn:  # the server's log is as it was: only the laptop held it
        assert conn.execute(
            select(schema.row.c.row_id).where(schema.row.c.row_id == member_id)
        ).all()


def test_unknown_fields_fixed_fields_and_a_set_aside_set_of_a_held_record(
    township: Township,
) -> None:
    t = township
    assert t.town.run().ok
    child = t.children["王二"]
    plant_set(t.server, VILLAGE_A, "child", child, "favourite_colour", "蓝")
    plant_set(t.server, VILLAGE_A, "child", child, "region_code", "349901101299")
    plant_set(t.server, VILLAGE_A, "family_member", t.member, "child_id", t.children["王一"])
    plant_set(t.server, VILLAGE_A, "incident", t.report, "description", "改写")
    assert t.town.run().ok
    assert _held(t.town) == {
        "child:favourite_colour": Hold(Refusal.UNKNOWN_FIELD, "favourite_colour"),
        "child:region_code": Hold(Refusal.FIXED_FIELD, "region_code"),
        "family_member:child_id": Hold(Refusal.FIXED_FIELD, "child_id"),
        "incident:description": Hold(Refusal.INSERT_ONLY, "description"),
    }
    with t.town.store.session() as session:
        assert session.get(Child, child).region_code == VILLAGE_A
        assert session.get(FamilyMember, t.member).child_id == child
        assert session.get(Incident, t.report).description == "发现孩子独自在家"


def test_a_bad_first_value_kept_by_the_server_is_never_written_here(
    township: Township,
) -> None:
    """A held bad birth date stays the server's first value: this laptop's own edit of it
    becomes a kept-first conflict, and neither the kept value nor choosing it in the
    conflict may put "not-a-date" into the store."""
    t = township
    child = t.children["王一"]
    plant_set(t.server, VILLAGE_A, "child", child, "birth_date", "not-a-date")
    assert t.village.run().ok
    with t.village.store.session() as session:
        session.get(Child, child).birth_date = date(2016, 1, 2)
    report = t.village.run()
    assert report.ok and report.kept == 1, report
    assert "王一" in _names(t.village)  # the roster still reads
    with t.village.store.session() as session:
        assert session.get(Child, child).birth_date == date(2016, 1, 2)
    (conflict,) = syncing.conflicts(t.village.store)
    assert {c.value for c in conflict.candidates} == {"not-a-date", "2016-01-02"}
    with pytest.raises(ValidationError) as refused:
        syncing.resolve(t.village.store, conflict.id, "not-a-date")
    assert refused.value.kind is Kind.DATE_INVALID and refused.value.field == "birth_date"
    syncing.resolve(t.village.store, conflict.id, "2016-01-02")
    assert t.village.run().ok
    assert "王一" in _names(t.village)


def test_after_a_server_restore_what_is_pulled_again_is_set_aside_once(
    township: Township,
) -> None:
    """A restored server sends everything again: what it still holds is set aside again
    (once), what its backup lacks is no longer listed."""
    t = township
    kept_id, kept = _new_child(t, name="赵坏", birth_date="not-a-date")
    plant_insert(t.server, VILLAGE_A, "child", kept_id, kept)
    plant_set(t.server, VILLAGE_A, "child", kept_id, "notes", "后来补充")
    gone_id, gone = _new_child(t, name="钱坏", birth_date="2016-13-01")
    plant_insert(t.server, VILLAGE_A, "child", gone_id, gone)
    assert t.town.run().ok
    assert [h.row_id for h in syncing.set_aside(t.town.store)] == [kept_id, gone_id]
    with t.server.db.write() as conn:  # the county restores a backup made before 钱坏 came
        for table in (schema.change_log, schema.row, schema.field):
            conn.execute(delete(table).where(table.c.row_id == gone_id))
        mark_restored(conn)
    report = t.town.run()
    assert report.ok and report.server_restored and report.pulled > 2
    after = syncing.set_aside(t.town.store)
    assert [(h.table, h.row_id, h.hold) for h in after] == [
        ("child", kept_id, Hold(Refusal.INVALID, "birth_date", "date_invalid"))
    ]
    assert _names(t.town) == {"王一", "王二", "王三"}
