"""Backup, restore, change of passphrase and the integrity check.

Backups are whole stores, encrypted with the same key (the same passphrase opens them),
written to a temporary name, synced to disk and only then renamed, so a USB stick
pulled out halfway leaves no file that looks like a good backup. A restore never
deletes the store it replaces: that one is kept aside under a dated name.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import text

from ..core.entities import BY_TABLE
from ..core.errors import Kind, StoreError
from . import audit, backups, keys, migrate, recovery
from .capture import trigger_names
from .models import SYNCED_MODELS
from .store import Store, check_file, open_store, raw_key_for, sidecars

log = logging.getLogger(__name__)

# Created by the first migration: the audit log is append-only, the site row permanent.
GUARD_TRIGGERS = ("audit_log__no_update", "audit_log__no_delete", "sync_site__keep")
# They keep visit_latest (store migration 0022) in step with the visits.
# The tables whose writes log the child in work_touched (store migration 0023), read by
# the worklist kept in memory (services.worklist): three triggers each.
TOUCHED_TABLES = (
    "child",
    "assessment",
    "visit",
    "visit_amendment",
    "category_membership",
    "care_agreement",
    "enrollment_event",
    "spot_finding",
    "dropout",
    "persuasion",
    "problem",
    "service_plan",
    "quarterly_check",
    "pairing",
    "pairing_contact",
    "school_notice",
    "incident",
    "incident_followup",
)
DERIVED_TRIGGERS = (
    "visit__latest_ins",
    "visit__latest_upd",
    "visit__latest_del",
    *(f"{t}__touched_{op}" for t in TOUCHED_TABLES for op in ("ins", "upd", "del")),
)
_LATEST_FROM_VISITS = (
    "SELECT child_id, max(visited_on), max(CASE WHEN mode = 'home' THEN visited_on END)"
    " FROM visit WHERE deleted = 0 GROUP BY child_id"
)
_LATEST_KEPT = "SELECT child_id, last_on, last_home_on FROM visit_latest WHERE last_on IS NOT NULL"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_store(store: Store, dest: Path | str) -> Path:
    """Write an encrypted, verified copy of ``store`` to ``dest`` (which must not exist).

    Verified: it opens with the key, passes cipher_integrity_check and integrity_check,
    and every table holds the rows the store held when it was copied (storage.backups).
    A full disk or a vanished USB stick raises DISK_FULL / READ_ONLY; the store is untouched.
    """
    dest = Path(dest)
    if dest.exists():
        raise StoreError(Kind.STORE_EXISTS, path=str(dest))
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    key = backups.key_of(store)
    try:
        with store.raw_connection() as conn:
            conn.execute("ATTACH DATABASE ? AS backup KEY ?", (str(partial), key))
            try:
                # One read transaction around the export: it copies table after table,
                # and the copy must be one snapshot even if the app writes meanwhile.
                conn.execute("BEGIN")
                try:
                    conn.execute("SELECT sqlcipher_export('backup')")
                    counts = backups.table_counts(conn)  # the snapshot's, to check the copy
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:  # SQLite ends it itself on a full disk
                        conn.execute("ROLLBACK")
                    raise
            finally:
                conn.execute("DETACH DATABASE backup")
        _fsync(partial)
        backups.verify_file(partial, key, counts)
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
    except BaseException as err:
        with contextlib.suppress(OSError):  # a stick pulled out: nothing left to remove
            partial.unlink(missing_ok=True)
        backups.raise_write_error(err, dest.parent)
        raise
    with store.connection() as conn:
        audit.append_raw(conn, actor=store.actor, action="backup", detail={"file": dest.name})
    log.info("backup written")
    return dest


def restore_store(
    backup: Path | str, store_path: Path | str, passphrase: str, *, actor: str = ""
) -> tuple[Store, Path | None]:
    """Replace the store at ``store_path`` with ``backup``; the old one is kept aside.

    Returns the opened store and where the replaced store was kept (None if there was
    none). The restored store becomes a new sync site, and its changes that were not
    yet sent are re-stamped for it, so nothing is lost and nothing is sent twice under
    one identity.
    """
    backup, store_path = Path(backup), Path(store_path)
    check_file(backup)
    if store_path.exists() and _same_file(backup, store_path):
        raise StoreError(Kind.SAME_FILE, path=backup.name)
    key = raw_key_for(backup, passphrase)
    _verify_copy(backup, key)
    # Copy and verify beside the store before touching it: a full disk or a bad USB
    # stick fails here, with the current store still in place.
    partial = store_path.with_name(store_path.name + ".partial")
    try:
        shutil.copyfile(backup, partial)
        _fsync(partial)
        _verify_copy(partial, key)
    except BaseException as err:
        partial.unlink(missing_ok=True)
        _raise_known(err, partial)
        raise
    kept = None
    try:
        kept = _move_aside(store_path) if store_path.exists() else None
        os.replace(partial, store_path)
        _fsync_dir(store_path.parent)
    except BaseException as err:
        if kept is not None:
            _put_back(kept, store_path)
        partial.unlink(missing_ok=True)
        _raise_known(err, store_path)
        raise
    store = open_store(store_path, passphrase, actor=actor)
    with store.connection() as conn:
        old_site, new_site, moved = become_new_site(conn)
        audit.append_raw(
            conn,
            actor=actor,
            action="restored",
            detail={
                "from": backup.name,
                "old_site": old_site,
                "new_site": new_site,
                "restamped": moved,
            },
        )
    recovery.seal_store(store)  # the backup's key, which may be older than the store's
    return store, kept


def change_passphrase(store: Store, new_passphrase: str) -> Store:
    """Re-encrypt the store under ``new_passphrase``; returns the store reopened with it."""
    problems = keys.passphrase_problems(new_passphrase, (store.path.stem, store.actor))
    if problems:
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)
    path, actor, old_key = store.path, store.actor, backups.key_of(store)
    salt = keys.read_salt(path)
    new_key = keys.raw_key_pragma_value(keys.derive_key(new_passphrase, salt), salt)
    store.close()
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute(f'PRAGMA key = "{old_key}"')
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # rekey rewrites every page; in rollback-journal mode that is one atomic step.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f'PRAGMA rekey = "{new_key}"')
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    reopened = open_store(path, new_passphrase, actor=actor)
    with reopened.connection() as conn:
        audit.append_raw(conn, actor=actor, action="passphrase_changed")
    recovery.seal_store(reopened)  # the raw key changed: the county's copy must follow
    return reopened


def check_store(store: Store) -> CheckReport:
    """Encryption (HMAC of every page), SQLite integrity, foreign keys, the outbox
    counter, the capture triggers, each child's latest visits and the audit chain."""
    report = CheckReport()
    with store.raw_connection() as conn:
        report.problems += [
            f"cipher: {r[0]}" for r in conn.execute("PRAGMA cipher_integrity_check")
        ]
        try:
            report.problems += [
                f"integrity: {r[0]}" for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"
            ]
            report.problems += [
                f"foreign key: {r[0]} row {r[1]} -> {r[2]}"
                for r in conn.execute("PRAGMA foreign_key_check")
            ]
        except sqlcipher3.DatabaseError as err:  # too damaged to check further
            report.problems.append(f"integrity: {err}")
            return report
    with store.connection() as conn:
        report.problems += _outbox_problems(conn)
        present = {
            r[0]
            for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        }
        wanted = {*GUARD_TRIGGERS, *DERIVED_TRIGGERS}
        for model in SYNCED_MODELS:
            wanted.update(trigger_names(model.__tablename__)[:-1])
            if BY_TABLE[model.__tablename__].insert_only:
                wanted.add(f"{model.__tablename__}__insert_only")
        report.problems += [f"missing trigger: {n}" for n in sorted(wanted - present)]
        astray = conn.execute(
            text(
                f"SELECT (SELECT count(*) FROM ({_LATEST_FROM_VISITS} EXCEPT {_LATEST_KEPT}))"
                f" + (SELECT count(*) FROM ({_LATEST_KEPT} EXCEPT {_LATEST_FROM_VISITS}))"
            )
        ).scalar()
        if astray:
            report.problems.append(f"visit_latest: {astray} rows differ from the visits")
        broken = audit.verify(conn)
        if broken is not None:
            report.problems.append(f"audit chain broken at entry {broken}")
        for table in ("child", "visit", "outbox", "audit_log"):
            report.counts[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
    return report


def _outbox_problems(conn: Any) -> list[str]:
    site_id, ctr = conn.execute(text("SELECT site_id, ctr FROM sync_site WHERE id = 1")).one()
    low, high, count = conn.execute(
        text("SELECT min(ctr), max(ctr), count(*) FROM outbox WHERE site_id = :s"),
        {"s": site_id},
    ).one()
    if count == 0:
        return [] if ctr == 0 or ctr is None else [f"outbox empty but counter is {ctr}"]
    problems = []
    if high != ctr:
        problems.append(f"outbox ends at {high} but the counter is {ctr}")
    if count != high - low + 1:
        problems.append(f"outbox has {high - low + 1 - count} missing counter values")
    return problems


def become_new_site(conn: Any) -> tuple[str, str, int]:
    old = conn.execute(text("SELECT site_id FROM sync_site WHERE id = 1")).scalar()
    new = uuid.uuid4().hex
    pending = conn.execute(
        text("SELECT site_id, ctr FROM outbox WHERE state = 'pending' ORDER BY hlc, ctr")
    ).all()
    for number, (site, ctr) in enumerate(pending, start=1):
        conn.execute(
            text("UPDATE outbox SET site_id = :new, ctr = :n WHERE site_id = :s AND ctr = :c"),
            {"new": new, "n": number, "s": site, "c": ctr},
        )
    conn.execute(
        text("UPDATE sync_site SET site_id = :new, ctr = :n WHERE id = 1"),
        {"new": new, "n": len(pending)},
    )
    return old, new, len(pending)


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.before-restore-{stamp}")
    for src, dst in zip((path, *sidecars(path)), (kept, *sidecars(kept)), strict=True):
        if src.exists():
            os.replace(src, dst)
    return kept


def _put_back(kept: Path, path: Path) -> None:
    for src, dst in zip((kept, *sidecars(kept)), (path, *sidecars(path)), strict=True):
        if src.exists():
            os.replace(src, dst)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _raise_known(err: BaseException, path: Path) -> None:
    """Re-raise a full disk or a read-only place as its error kind; else return."""
    if not isinstance(err, OSError):
        return
    if err.errno == errno.ENOSPC:
        raise StoreError(Kind.DISK_FULL, path=path.name) from err
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        raise StoreError(Kind.READ_ONLY, path=str(path.parent)) from err


def _verify_copy(path: Path, key: str) -> str:
    """Open a copy read-only with ``key`` and check it; returns its schema revision."""
    with backups.opened(path, key) as conn:
        try:
            status = conn.execute("PRAGMA quick_check").fetchall()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlcipher3.DatabaseError as err:
            raise StoreError(Kind.BACKUP_INVALID, path=path.name) from err
    if status != [("ok",)] or revision is None:
        raise StoreError(Kind.BACKUP_INVALID, path=path.name)
    if revision[0] not in migrate.known_revisions():
        raise StoreError(Kind.STORE_TOO_NEW, revision=revision[0], head=migrate.HEAD)
    return str(revision[0])


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
