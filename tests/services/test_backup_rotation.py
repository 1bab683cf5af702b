"""Automatic backups: 200 days of backups keep exactly 7 daily, 4 weekly and 6 monthly;
each backup is verified; a damaged one is found; a missing or full second place is a note
and the store is untouched. Real stores, real files (a real full disk where we may mount)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from childcare_desktop.core.backup_rotation import backup_due, backups_to_keep
from childcare_desktop.core.errors import Kind
from childcare_desktop.services import backups, roster, stores
from childcare_desktop.services.backups import Outcome, Place, State
from childcare_desktop.services.maintenance import check_store
from childcare_desktop.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.factories import make_child

START = datetime(2026, 1, 1, 8, 0)  # a Thursday; day 199 is Sunday 2026-07-19


def _days(*spec: str) -> set[date]:
    return {date.fromisoformat(s) for s in spec}


# After 200 days of backups (2026-01-01 .. 2026-07-19): the last 7 days, the last day of
# each of the 3 weeks before this one (this week's is today), and the last day of each of
# the 5 months before this one. January is gone.
KEPT_AFTER_200_DAYS = _days(
    *(f"2026-07-{d}" for d in range(13, 20)),  # daily
    "2026-07-12",
    "2026-07-05",
    "2026-06-28",  # weekly (Sundays)
    "2026-06-30",
    "2026-05-31",
    "2026-04-30",
    "2026-03-31",
    "2026-02-28",  # monthly
)


def test_200_days_of_backups_keep_7_daily_4_weekly_6_monthly() -> None:
    kept: set[datetime] = set()
    for day in range(200):
        morning = START + timedelta(days=day)  # the daily one
        evening = morning.replace(hour=17, minute=30)  # on closing the app
        kept = backups_to_keep(kept | {morning}, keep_also=(morning,))
        kept = backups_to_keep(kept | {evening}, keep_also=(evening,))
    assert {t.date() for t in kept} == KEPT_AFTER_200_DAYS
    assert len(kept) == len(KEPT_AFTER_200_DAYS) == 15
    assert all(t.hour == 17 for t in kept)  # the newest backup of a day is the one kept


def test_a_laptop_left_in_a_drawer_keeps_its_old_backups() -> None:
    before = {START + timedelta(days=d) for d in range(30)}
    after_a_year = START + timedelta(days=400)
    kept = backups_to_keep(before | {after_a_year})
    # counted among the backups there are, not back from today: 6 daily of January stay
    assert after_a_year in kept and len({t for t in kept if t.month == 1}) >= 6


def test_a_clock_set_years_back_still_keeps_the_new_backup() -> None:
    recent = {START + timedelta(days=d) for d in range(200)}
    wrong = datetime(2019, 5, 1, 9, 0)
    assert wrong not in backups_to_keep(recent | {wrong})
    assert wrong in backups_to_keep(recent | {wrong}, keep_also=(wrong,))
    assert backup_due(START, wrong)  # the clock went back: not "done for years"


def test_a_daily_backup_is_due_after_a_day() -> None:
    assert backup_due(None, START)
    assert not backup_due(START, START + timedelta(hours=23))
    assert backup_due(START, START + timedelta(days=1))


def test_200_days_of_automatic_backups_on_real_files(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "stick"
    second.mkdir()
    with store.session() as session:
        backups.set_backup_place(session, folder=second)
    for day in range(200):
        report = backups.run_auto_backup(store, now=START + timedelta(days=day))
        assert [p.outcome for p in report.places] == [Outcome.WRITTEN, Outcome.WRITTEN]
    listed = backups.list_backups(store)
    for place in Place:
        dates = {e.taken.date() for e in listed if e.place is place}
        assert dates == KEPT_AFTER_200_DAYS
    assert all(e.state is State.GOOD for e in listed)
    names = [e.path.name for e in listed]
    assert "backup-20260719-080000.db" in names
    with store.session() as session:
        status = backups.backup_status(session, now=START + timedelta(days=203))
    assert status.last_second == START + timedelta(days=199) and not status.warn
    with store.session() as session:
        later = backups.backup_status(session, now=START + timedelta(days=207))
    assert later.warn  # the second place's last backup is over a week old


def test_every_table_of_the_backup_matches_the_store(store: Store) -> None:
    with store.session() as session:
        make_child(session, name="备份里有")
    report = backups.run_auto_backup(store)
    written = report.places[0].written
    assert written is not None and written.parent.parent.name == "childcare-backups"
    assert written.name.startswith("backup-") and "备份" not in str(written.parent)
    assert report.places[1].outcome is Outcome.NOT_SET
    [entry] = backups.list_backups(store)
    assert entry.state is State.GOOD and entry.size == written.stat().st_size


def test_a_damaged_backup_is_listed_as_damaged(store: Store) -> None:
    written = backups.run_auto_backup(store).places[0].written
    assert written is not None
    data = bytearray(written.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    written.write_bytes(bytes(data))
    [entry] = backups.list_backups(store)
    assert entry.state is State.DAMAGED


def test_a_missing_second_place_is_skipped_with_a_note(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        backups.set_backup_place(session, folder=tmp_path / "unplugged-stick")
    report = backups.run_auto_backup(store)
    assert [p.outcome for p in report.places] == [Outcome.WRITTEN, Outcome.ABSENT]
    assert report.ok and not (tmp_path / "unplugged-stick").exists()
    with store.session() as session:
        status = backups.backup_status(session)
    assert status.last_store is not None and status.last_second is None and status.warn


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs), as a USB stick with no room left."""
    mount = tmp_path / "small-stick"
    mount.mkdir()
    if not shutil.which("mount"):
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_second_place_says_so_and_leaves_the_store_alone(
    store: Store, full_disk: Path
) -> None:
    with store.session() as session:
        make_child(session, name="满盘之前")
        backups.set_backup_place(session, folder=full_disk)
    report = backups.run_auto_backup(store)
    stored, second = report.places
    assert stored.outcome is Outcome.WRITTEN
    assert second.outcome is Outcome.FAILED and second.error is not None
    assert second.error.kind is Kind.DISK_FULL
    leftovers = [p.name for p in (full_disk / "childcare-backups").rglob("*") if p.is_file()]
    assert leftovers == []  # no half-written file that looks like a backup
    assert not report.ok
    with store.session() as session:  # the store still works and holds the child
        assert [c.name for c in roster.search_roster(session)] == ["满盘之前"]
    assert check_store(store).ok


def test_a_backup_cut_short_is_never_listed_and_its_leftover_goes(store: Store) -> None:
    first = backups.run_auto_backup(store).places[0].written
    assert first is not None
    leftover = first.parent / "backup-20260101-080000.db.partial"  # a power cut mid-copy
    leftover.write_bytes(b"\0" * 4096)
    assert [e.path for e in backups.list_backups(store)] == [first]
    backups.run_auto_backup(store)
    assert not leftover.exists()


def test_a_backup_from_before_a_new_passphrase_is_not_called_damaged(store: Store) -> None:
    backups.run_auto_backup(store, now=START)
    reopened = stores.change_passphrase(store, PASSPHRASE, "lantern-river-cabbage-2031")
    try:
        backups.run_auto_backup(reopened, now=START + timedelta(days=1))
        states = {e.taken: e.state for e in backups.list_backups(reopened)}
    finally:
        reopened.close()
    assert states == {START: State.OTHER_KEY, START + timedelta(days=1): State.GOOD}
