"""Sync by USB stick for the front ends (issue 16; :mod:`sync.client.bundles` does the work).

A laptop that cannot reach the county server writes a bundle onto a stick; any machine
that can carries it there (:func:`relay`) and writes the reply beside it; the laptop
reads the reply. Each step is audited (no child is named in a bundle or an entry).
"""

from __future__ import annotations

from pathlib import Path

from sync.client import SyncError, Transport, bundles
from sync.client.bundles import BundleReport
from sync.client.transport import check_server_url
from sync.sealing import BundleError

from .. import __version__
from ..storage.store import Store
from ..storage.syncstore import StoreSync
from .common import record_audit
from .syncing import refuse_demo, transport

__all__ = [
    "BundleError",
    "BundleReport",
    "SyncError",
    "export_bundle",
    "import_replies",
    "import_reply",
    "relay",
]


def export_bundle(store: Store, out: Path) -> Path:
    """Write this laptop's next bundle to ``out`` (a folder: under its own name, which
    names no child). Raises SyncError (not enrolled, revoked, no keys yet) or OSError
    (the stick is full or gone: nothing half-written is left under the name)."""
    refuse_demo(store)
    sync = StoreSync(store)
    name, data = bundles.export(sync, app_version=__version__)
    path = out / name if out.is_dir() else out
    bundles.write_whole(path, data)
    with store.session() as session:
        record_audit(session, "bundle_exported", None, n=int(name.split("-")[-1].split(".")[0]))
    return path


def import_reply(store: Store, path: Path) -> BundleReport:
    """Read the reply bundle at ``path`` into the store. Raises BundleError (not a
    reply, not this laptop's, altered or cut) or OSError (the file cannot be read)."""
    refuse_demo(store)
    data = bundles.read_bounded(path)
    report = bundles.read_reply(StoreSync(store), data)
    if not report.stale:
        with store.session() as session:
            record_audit(
                session,
                "bundle_imported",
                None,
                n=report.n,
                acknowledged=report.acknowledged,
                pulled=report.pulled,
            )
    return report


def import_replies(store: Store, folder: Path) -> list[tuple[str, BundleReport | str]]:
    """Read every reply in ``folder`` meant for this store, newest first (a reply
    answers everything its bundle carried, which includes what earlier bundles did; the
    older ones are stale after it and change nothing): (file, report)
    for each read, (file, code) for one not read: ``not_for_us`` for another laptop's on
    a shared stick (or one altered: the two cannot be told apart), another code for a
    file cut or spoilt otherwise."""
    done: list[tuple[str, BundleReport | str]] = []
    for path in sorted(folder.glob(f"*{bundles.REPLY_SUFFIX}"), reverse=True):
        try:
            done.append((path.name, import_reply(store, path)))
        except BundleError as exc:
            done.append((path.name, exc.code))
    return done


def relay(
    folder: Path, *, server: str | None = None, store: Store | None = None
) -> list[tuple[str, str]]:
    """Carry the bundles of ``folder`` to the server (``server``'s address, or the one
    ``store`` is enrolled with, its certificate checked as at enrolment)."""
    if server is not None:
        link: Transport | None = Transport(check_server_url(server), attempts=3)
    elif store is not None:
        link = transport(store)
    else:
        link = None
    if link is None:
        raise SyncError("not_enrolled", "no server to carry the bundles to")
    return bundles.relay(folder, link)
