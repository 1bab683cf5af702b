"""Review of the worklist kept in memory (issue 19): cases its own tests did not try.

Each compares the kept worklist (``get_worklist`` on a store whose worklist was asked
before) with one built from nothing, after something a user or a pull can do: a
transaction rolled back after it asked for the worklist, a second Store object on the
same file, a child moved out of a village's view, a registration day ahead, the weekly
plan.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from childcare_desktop.core.worklist import WorkItem, build_worklist
from childcare_desktop.services import demo, visits, worklist_kept, workload
from childcare_desktop.services.facts import child_facts
from childcare_desktop.services.worklist import current_policy, gather_records, get_worklist
from childcare_desktop.storage import spot_findings as storage_findings
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE, open_copy

TODAY = date.today()
VILLAGE = "349901101201"
OTHER_VILLAGE = "349901101202"


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Path:
    """The demo village, built once for this module's tests (each edits a copy)."""
    path = tmp_path_factory.mktemp("kept-review") / "village.db"
    shutil.copyfile(template_store, path)
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        demo.build_demo_village(s, children=40, seed=7, as_of=TODAY)
    store.close()
    return path


@pytest.fixture
def path(tmp_path: Path, demo_village: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copyfile(demo_village, path)
    return path


@pytest.fixture
def village(path: Path, demo_village: Path) -> Iterator[Store]:
    store = open_copy(path, demo_village)
    yield store
    store.close()


def full(session: Session, region_prefix: str | None = None) -> tuple[WorkItem, ...]:
    """The worklist built from nothing, as before the kept one."""
    policy = current_policy(session, as_of=TODAY)[0]
    facts = child_facts(session, as_of=TODAY, region_prefix=region_prefix)
    records = gather_records(session, as_of=TODAY, region_prefix=region_prefix)
    return tuple(build_worklist(facts, TODAY, policy, records))


def kept(session: Session, region_prefix: str | None = None) -> tuple[WorkItem, ...]:
    return get_worklist(session, as_of=TODAY, region_prefix=region_prefix).items


def _with_visit_work(session: Session) -> list[str]:
    """Children with a visit or contact on today's list (a visit today takes it off)."""
    found = {i.child_id for i in kept(session) if i.kind in ("home_visit", "contact")}
    return sorted(found)


def test_a_worklist_asked_in_a_transaction_rolled_back_is_not_kept(village: Store) -> None:
    """A dialog logs a visit, shows the worklist it would leave, then is cancelled:
    the visit and its log entry roll back, and the next edit reuses the log's numbers."""
    with village.session() as s:
        first, second = _with_visit_work(s)[:2]
    with pytest.raises(RuntimeError), village.session() as s:
        visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
        assert first not in {i.child_id for i in kept(s) if i.kind == "home_visit"}
        raise RuntimeError("cancelled")
    with village.session() as s:  # two entries: past the one rolled back
        visits.log_visit(s, child_id=second, visited_on=TODAY, mode="home")
        visits.log_visit(s, child_id=second, visited_on=TODAY - timedelta(days=1), mode="phone")
    with village.session() as s:
        assert kept(s) == full(s)
        assert first in {i.child_id for i in kept(s) if i.kind in ("home_visit", "contact")}


def test_a_worklist_asked_in_a_savepoint_rolled_back_is_not_kept(village: Store) -> None:
    """As an import rolls back one row's savepoint, the rest of its transaction kept."""
    with village.session() as s:
        first, second = _with_visit_work(s)[:2]
    with village.session() as s:
        nested = s.begin_nested()
        visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
        kept(s)
        nested.rollback()
    with village.session() as s:
        visits.log_visit(s, child_id=second, visited_on=TODAY, mode="home")
        visits.log_visit(s, child_id=second, visited_on=TODAY - timedelta(days=1), mode="phone")
    with village.session() as s:
        assert kept(s) == full(s)


def test_a_rolled_back_worklist_with_no_edit_after_it(village: Store) -> None:
    with village.session() as s:
        first = _with_visit_work(s)[0]
    with pytest.raises(RuntimeError), village.session() as s:
        visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
        kept(s)
        raise RuntimeError("cancelled")
    with village.session() as s:
        assert kept(s) == full(s)


def test_an_edit_through_another_store_object_on_the_same_file(village: Store, path: Path) -> None:
    with village.session() as s:
        first = _with_visit_work(s)[0]
    other = open_store(path, PASSPHRASE)
    try:
        with other.session() as s:
            kept(s)  # its own kept worklist
        with village.session() as s:
            visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
        with other.session() as s:
            assert kept(s) == full(s)
        with other.session() as s:
            visits.log_visit(s, child_id=first, visited_on=TODAY, mode="phone")
        with village.session() as s:
            assert kept(s) == full(s)
    finally:
        other.close()


def test_a_child_moved_out_of_and_back_into_a_village_view(village: Store) -> None:
    with village.session() as s:
        assert kept(s, VILLAGE) == full(s, VILLAGE)
        child = _with_visit_work(s)[0]
    for region in (OTHER_VILLAGE, VILLAGE):
        with village.session() as s:  # as a pulled change of the child's file
            s.execute(text("UPDATE sync_site SET applying = 1"))
            s.execute(
                text("UPDATE child SET region_code = :r WHERE id = :id"), {"r": region, "id": child}
            )
            s.execute(text("UPDATE sync_site SET applying = 0"))
        with village.session() as s:
            assert kept(s, VILLAGE) == full(s, VILLAGE)
            assert (child in {i.child_id for i in kept(s, VILLAGE)}) is (region == VILLAGE)


def test_a_registration_day_ahead_and_back(village: Store) -> None:
    with village.session() as s:
        child = _with_visit_work(s)[0]
    for day in (TODAY + timedelta(days=3), TODAY - timedelta(days=400)):
        with village.session() as s:
            s.execute(text("UPDATE sync_site SET applying = 1"))
            s.execute(
                text("UPDATE child SET registered_on = :d WHERE id = :id"),
                {"d": day.isoformat(), "id": child},
            )
            s.execute(text("UPDATE sync_site SET applying = 0"))
        with village.session() as s:
            assert kept(s) == full(s)


def test_the_weekly_plan_follows_a_new_cap_and_edits(village: Store) -> None:
    with village.session() as s:
        kept(s)
        workload.set_weekly_visit_cap(s, cap=3)
    with village.session() as s:
        first = _with_visit_work(s)[0]
        visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
    with village.session() as s:
        kept_list = get_worklist(s, as_of=TODAY)
    worklist_kept._KEPT.clear()
    with village.session() as s:
        assert get_worklist(s, as_of=TODAY) == kept_list
        assert kept_list.plan is not None


@pytest.mark.parametrize("edited", [2, 3])
def test_the_touched_children_at_and_past_the_limit(
    village: Store, monkeypatch: pytest.MonkeyPatch, edited: int
) -> None:
    monkeypatch.setattr(worklist_kept, "MAX_TOUCHED", 2)
    with village.session() as s:
        ids = _with_visit_work(s)[:edited]
    with village.session() as s:
        for child in ids:
            visits.log_visit(s, child_id=child, visited_on=TODAY, mode="home")
    with village.session() as s:
        assert kept(s) == full(s)


def test_a_pruned_log_then_vacuum_keeps_its_numbers(
    village: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worklist_kept, "PRUNE_AFTER", 0)
    worklist_kept._KEPT.clear()
    with village.session() as s:
        first, second = _with_visit_work(s)[:2]
        visits.log_visit(s, child_id=first, visited_on=TODAY, mode="home")
    worklist_kept._KEPT.clear()
    with village.session() as s:
        kept(s)  # a full one, that prunes the log
    with village.connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM work_touched")).scalar() == 0
    with village.raw_connection() as raw:
        raw.execute("VACUUM")
    monkeypatch.setattr(worklist_kept, "PRUNE_AFTER", 20_000)
    with village.session() as s:
        visits.log_visit(s, child_id=second, visited_on=TODAY, mode="home")
    with village.session() as s:
        assert kept(s) == full(s)
        assert second not in {i.child_id for i in kept(s) if i.kind == "home_visit"}


def test_a_hello_that_repeats_the_open_findings_logs_no_child(village: Store) -> None:
    """Each hello's answer lists the open findings again: unchanged, they must not log
    their children (past MAX_TOUCHED of them, every worklist after a sync was a full one)."""
    with village.session() as s:
        ids = [r[0] for r in s.execute(text("SELECT id FROM child ORDER BY id LIMIT 5"))]
    findings = [
        {"id": f"{n:032x}", "child": child, "item": "file", "label": "档案", "drawn": str(TODAY)}
        for n, child in enumerate(ids)
    ]
    count = text("SELECT count(*) FROM work_touched")
    with village.connection() as conn:
        storage_findings.receive(conn, findings, [])
        before = conn.execute(count).scalar()
    with village.connection() as conn:
        storage_findings.receive(conn, findings, [])
        assert conn.execute(count).scalar() == before
    findings[0]["note"] = "缺照片"
    with village.connection() as conn:  # a changed one does
        storage_findings.receive(conn, findings, [])
        assert conn.execute(count).scalar() == before + 2
    with village.session() as s:
        assert kept(s) == full(s)
