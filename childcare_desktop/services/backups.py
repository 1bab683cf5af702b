"""Automatic encrypted backups: written without anyone clicking, kept 7 daily / 4 weekly /
6 monthly, each verified after writing, listed with their dates for a restore.

Two places: the store's own folder (a deleted or damaged store file, a bad migration) and a
second place the user chooses (another disk, a USB stick: a dead disk or a stolen laptop).
A second place that is not there (the stick is not plugged in) is skipped with a note, never
an error; the next backup goes there again once it is back.

Where it is kept: the second place, the times of the last good backups and the name of the
backup folder live in the store's own settings (storage/settings.py BACKUP_*), not in
QSettings. Each store of a shared PC has its own; ``childcare backup --auto`` reads the same
as the app; a restored store brings its folder name back with it; and a path that may name
a person's disk is encrypted with the rest. Nothing needs a migration (the settings table is
key/value).

Layout: ``<place>/childcare-backups/<store name>-<8 hex>/backup-YYYYMMDD-HHMMSS.db``. File
names carry the date and time the backup was taken (local clock), never a child's name.
Each file is the whole store, encrypted with the store's key (the same passphrase opens
it; storage.maintenance.backup_store writes it under a temporary name, verifies it, then
renames it).
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session

from sync.recovery import write_atomically

from ..core.backup_rotation import backup_due, backups_to_keep, second_place_stale
from ..core.errors import DomainError, Kind
from ..storage import backups as checks
from ..storage import maintenance, recovery, settings
from ..storage.store import Store

FOLDER = "childcare-backups"
RECOVERY_COPY = "store.recovery"  # the store's recovery file, beside its backups
_NAME = re.compile(r"^backup-(\d{8}-\d{6})(?:-\d+)?\.db$")
_STAMP = "%Y%m%d-%H%M%S"


class Place(StrEnum):
    STORE = "store"  # beside the store file
    SECOND = "second"  # the chosen second place


class Outcome(StrEnum):
    WRITTEN = "written"
    NOT_SET = "not_set"  # no second place chosen
    ABSENT = "absent"  # chosen, but not there now (a USB stick not plugged in)
    FAILED = "failed"  # a full disk, a stick pulled out: ``error`` says which


class State(StrEnum):
    GOOD = "good"  # opens with the store's key and passes every check
    DAMAGED = "damaged"  # never offered as good
    OTHER_KEY = "other_key"  # made before the passphrase was changed: the old one opens it


@dataclass(frozen=True, slots=True)
class PlaceResult:
    place: Place
    outcome: Outcome
    folder: Path | None = None
    written: Path | None = None
    removed: int = 0  # older backups the rotation deleted
    error: DomainError | None = None


@dataclass(frozen=True, slots=True)
class BackupReport:
    at: datetime
    places: list[PlaceResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(p.outcome is not Outcome.FAILED for p in self.places)


@dataclass(frozen=True, slots=True)
class BackupEntry:
    path: Path
    place: Place
    taken: datetime
    size: int
    state: State


@dataclass(frozen=True, slots=True)
class BackupStatus:
    second_place: str | None
    last_store: datetime | None
    last_second: datetime | None
    due: bool  # the daily backup is due
    warn: bool  # the 工作台 says so: no second place, or its last backup is over a week old
    demo: bool = False  # the demo store is never backed up (nor warned about)


def backup_status(session: Session, *, now: datetime | None = None) -> BackupStatus:
    """What the 设置 page and the 工作台 show of the automatic backups."""
    now = now or datetime.now()
    last = settings.read(session, settings.BACKUP_LAST)
    store, second = _parse(last.get(Place.STORE)), _parse(last.get(Place.SECOND))
    place = settings.read(session, settings.BACKUP_PLACE)
    demo = bool(settings.read(session, settings.DEMO))
    return BackupStatus(
        second_place=place,
        last_store=store,
        last_second=second,
        due=backup_due(store, now),
        warn=not demo and (place is None or second_place_stale(second, now)),
        demo=demo,
    )


def set_backup_place(session: Session, *, folder: Path | None) -> None:
    """Choose (or, with None, forget) the second place; it need not be there now."""
    settings.write(session, settings.BACKUP_PLACE, str(folder) if folder else None)


def backup_folders(store: Store) -> dict[Place, Path | None]:
    """Where this store's backups go: beside it, and on the second place (None if unset)."""
    with store.session() as session:
        ident = settings.read(session, settings.BACKUP_ID)
        if ident is None:
            ident = uuid.uuid4().hex[:8]
            settings.write(session, settings.BACKUP_ID, ident)
        place = settings.read(session, settings.BACKUP_PLACE)
    name = f"{store.path.stem}-{ident}"
    second = Path(place) / FOLDER / name if place else None
    return {Place.STORE: store.path.parent / FOLDER / name, Place.SECOND: second}


def run_auto_backup(
    store: Store, *, now: datetime | None = None, check: Callable[[], None] = lambda: None
) -> BackupReport:
    """Back ``store`` up to its folder and to the second place, verify each copy, then
    keep 7 daily, 4 weekly and 6 monthly backups in each (core.backup_rotation).

    ``check`` is called before each place (a safe point to stop: it may raise). A place
    that fails (full disk, stick pulled out) is reported, not raised; the store and the
    other place are untouched by it. The times of the good ones are recorded.
    """
    now = (now or datetime.now()).replace(microsecond=0)  # as the file names have it
    report = BackupReport(at=now)
    for place, folder in backup_folders(store).items():
        check()
        report.places.append(_back_up_to(store, place, folder, now))
    written = {p.place.value: now.isoformat() for p in report.places if p.written}
    if written:
        with store.session() as session:
            last = settings.read(session, settings.BACKUP_LAST)
            settings.write(session, settings.BACKUP_LAST, {**last, **written})
    return report


def _back_up_to(store: Store, place: Place, folder: Path | None, now: datetime) -> PlaceResult:
    if folder is None:
        return PlaceResult(place, Outcome.NOT_SET)
    if place is Place.SECOND and not folder.parent.parent.is_dir():
        return PlaceResult(place, Outcome.ABSENT, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_partials(folder)
        written = maintenance.backup_store(store, _free_name(folder, now))
    except DomainError as err:
        return PlaceResult(place, Outcome.FAILED, folder, error=err)
    except OSError as err:
        try:
            checks.raise_write_error(err, folder)
        except DomainError as known:
            return PlaceResult(place, Outcome.FAILED, folder, error=known)
        raise
    removed = rotate(folder, keep_also=(now,))
    _recovery_beside(store, folder)
    return PlaceResult(place, Outcome.WRITTEN, folder, written, removed)


def _recovery_beside(store: Store, folder: Path) -> None:
    """The store's recovery file beside its backups (``RECOVERY_COPY``): a dead disk and
    a forgotten passphrase together still leave the county a way into the backups on the
    stick (the file holds the keys of earlier passphrases too). It names no child."""
    source = recovery.recovery_path(store.path)
    if not source.is_file():
        return
    with contextlib.suppress(OSError):  # the backup itself is written and checked
        write_atomically(folder / RECOVERY_COPY, source.read_text(encoding="utf-8"))


def _remove_partials(folder: Path) -> None:
    """A backup cut short by a power cut leaves ``*.partial``: never a backup, just room."""
    for leftover in folder.glob("backup-*.db.partial"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _free_name(folder: Path, now: datetime) -> Path:
    base = f"backup-{now.strftime(_STAMP)}"
    path, n = folder / f"{base}.db", 1
    while path.exists():  # two backups in one second (closing right after the daily one)
        n += 1
        path = folder / f"{base}-{n}.db"
    return path


def rotate(folder: Path, *, keep_also: tuple[datetime, ...] = ()) -> int:
    """Delete the backups of ``folder`` the retention rule does not keep; returns how many."""
    found = _dated_files(folder)
    kept = backups_to_keep((t for t, _ in found), keep_also=keep_also)
    removed = 0
    for taken, path in found:
        if taken not in kept:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


def list_backups(store: Store) -> list[BackupEntry]:
    """Every backup of ``store`` in both places, newest first, each checked (opened with
    the store's key: cipher_integrity_check and integrity_check). A damaged one says so."""
    key = checks.key_of(store)
    entries = []
    for place, folder in backup_folders(store).items():
        if folder is None or not folder.is_dir():
            continue
        for taken, path in _dated_files(folder):
            entries.append(BackupEntry(path, place, taken, _size(path), _state(path, key)))
    return sorted(entries, key=lambda e: (e.taken, e.place), reverse=True)


def _state(path: Path, key: str) -> State:
    try:
        checks.verify_file(path, key)
    except DomainError as err:
        return State.OTHER_KEY if err.kind is Kind.WRONG_PASSPHRASE else State.DAMAGED
    return State.GOOD


def _dated_files(folder: Path) -> list[tuple[datetime, Path]]:
    """The backups in ``folder`` with the time in their names, newest first."""
    found: list[tuple[datetime, Path]] = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and path.is_file():
                with contextlib.suppress(ValueError):
                    found.append((datetime.strptime(match.group(1), _STAMP), path))
    return sorted(found, reverse=True)


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
