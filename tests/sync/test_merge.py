"""Merge rules end to end: laptops, the real server on loopback, real stores."""

from __future__ import annotations

import hashlib
import sqlite3

import requests
from sqlalchemy import select, text

from childcare_desktop.services import attachments, syncing
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.protocol import BLOB_CHUNK_BYTES, Operation, OpKind, Refusal, encode_ops
from sync.server import schema
from sync.server.db import mark_restored
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer


def _two(server: LiveServer, make_laptop) -> tuple[Laptop, Laptop, str]:
    server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", server, user="wang")
    b = make_laptop("b", server, user="wang")
    with a.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a.run().ok and b.run().ok
    return a, b, child_id


def _get(laptop: Laptop, child_id: str, column: str):
    with laptop.store.connection() as conn:
        return conn.execute(
            text(f"SELECT {column} FROM child WHERE id = :i"), {"i": child_id}
        ).scalar()


def _set(laptop: Laptop, child_id: str, **values) -> None:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        for k, v in values.items():
            setattr(child, k, v)


def test_the_same_field_edited_on_two_laptops_keeps_both_values(server, make_laptop) -> None:
    a, b, child_id = _two(server, make_laptop)
    _set(a, child_id, phone="13800000001")
    _set(b, child_id, phone="13900000002")
    assert a.run().ok
    second = b.run()
    assert second.ok and second.conflicts == 1
    assert a.run().ok
    # The later arrival shows everywhere, flagged; both values are kept with who and when.
    assert _get(a, child_id, "phone") == _get(b, child_id, "phone") == "13900000002"
    for laptop in (a, b):
        (conflict,) = syncing.conflicts(laptop.store)
        assert conflict.child_id == child_id and conflict.field == "phone"
        assert {c.value for c in conflict.candidates} == {"13800000001", "13900000002"}
        assert all(c.received is not None for c in conflict.candidates)
    # Keeping the first value on laptop A settles it for everyone.
    syncing.resolve(a.store, conflict.id, "13800000001")
    assert _get(a, child_id, "phone") == "13800000001"  # shown at once
    assert syncing.status(a.store).open_conflicts == 0
    assert a.run().ok and b.run().ok
    assert _get(b, child_id, "phone") == "13800000001"
    assert syncing.conflicts(b.store) == []
    assert a.sync.pending_count() == b.sync.pending_count() == 0


def test_an_identity_field_keeps_the_first_value_until_reviewed(server, make_laptop) -> None:
    a, b, child_id = _two(server, make_laptop)
    _set(a, child_id, sex="female")
    _set(b, child_id, sex="male" if _get(b, child_id, "sex") == "female" else "unknown")
    assert a.run().ok
    second = b.run()
    assert second.ok and second.kept == 1 and second.conflicts == 0
    assert _get(b, child_id, "sex") == "female"  # B shows the value the server kept
    (conflict,) = syncing.conflicts(b.store)
    assert conflict.policy == "keep_first" and len(conflict.candidates) == 2


def test_a_delete_racing_an_edit_keeps_the_record(server, make_laptop) -> None:
    a, b, child_id = _two(server, make_laptop)
    _set(a, child_id, deleted=True)
    _set(b, child_id, notes="今天见到了孩子")
    assert a.run().ok and b.run().ok and a.run().ok
    for laptop in (a, b):
        assert _get(laptop, child_id, "deleted") == 0
        assert _get(laptop, child_id, "notes") == "今天见到了孩子"
        assert [c.field for c in syncing.conflicts(laptop.store)] == ["deleted"]


def test_a_change_outside_the_users_region_is_quarantined_not_lost(server, make_laptop) -> None:
    server.user("liu", "director", VILLAGE_B)  # enrolled for village B ...
    laptop = make_laptop("wrong", server, user="liu")
    with laptop.store.session() as session:
        make_child(session, name="周小平")  # ... but the store is village A's
    report = laptop.run()
    assert report.ok and report.quarantined > 0
    assert laptop.sync.pending_count() == 0  # the queue never blocks
    held = syncing.quarantined(laptop.store)
    assert held and all(h.hold.refusal is Refusal.OUT_OF_SCOPE for h in held)
    assert {h.child_name for h in held} == {"周小平"}  # whose change it is, named
    with server.db.read() as conn:
        assert conn.execute(select(schema.quarantine.c.ctr)).all()
        assert not conn.execute(select(schema.row.c.row_id)).all()
    assert syncing.status(laptop.store).quarantined == len(held)


def test_a_server_restored_from_an_older_backup_gets_everything_again(
    sqlite_server, make_laptop, tmp_path
) -> None:
    a, b, child_id = _two(sqlite_server, make_laptop)
    server_file = sqlite_server.db.url.removeprefix("sqlite:///")
    backup = tmp_path / "server-backup.db"
    with sqlite3.connect(server_file) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    _set(a, child_id, notes="备份之后的修改")
    with a.store.session() as session:
        later = make_child(session, name="孙小兰").id
    assert a.run().ok
    with sqlite3.connect(backup) as old, sqlite3.connect(server_file) as live:
        old.backup(live)  # the county restores yesterday's backup ...
    sqlite_server.db.engine.dispose()
    with sqlite_server.db.write() as conn:
        mark_restored(conn)  # ... and starts a new epoch
    report = a.run()
    assert report.ok and report.requeued > 0, report
    assert b.run().ok
    assert _get(b, child_id, "notes") == "备份之后的修改"
    assert _get(b, later, "name") == "孙小兰"


def test_a_store_copied_to_another_laptop_becomes_a_new_site(server, make_laptop, tmp_path) -> None:
    a, b, child_id = _two(server, make_laptop)
    copy_path = tmp_path / "copy.db"
    maintenance.backup_store(a.store, copy_path)  # a whole copy of the file, site id and token too
    copy = open_store(copy_path, PASSPHRASE, actor="copy")
    try:
        c = Laptop("copy", copy, StoreSync(copy))
        _set(a, child_id, notes="原电脑")
        _set(c, child_id, phone="13700000003")
        assert a.run().ok
        report = c.run()
        assert report.ok and report.new_site, report
        assert c.sync.sync_state().site_id != a.sync.sync_state().site_id
        assert b.run().ok
        assert (_get(b, child_id, "notes"), _get(b, child_id, "phone")) == ("原电脑", "13700000003")
    finally:
        copy.close()


def test_duplicate_and_out_of_order_batches(server, make_laptop) -> None:
    a, _b, child_id = _two(server, make_laptop)
    _set(a, child_id, notes="一")
    _set(a, child_id, notes="二")
    ops = a.sync.pending(10)
    state = a.sync.sync_state()
    session = requests.Session()
    headers = {"Authorization": f"Bearer {state.token}"}
    url = f"{server.url}/v1/push"
    later = session.post(
        url, json={"site": state.site_id, "ops": encode_ops(ops[1:])}, headers=headers
    )
    assert later.status_code == 409 and later.json()["error"] == "gap"
    assert later.json()["expected"] == ops[0].ctr
    first = session.post(url, json={"site": state.site_id, "ops": encode_ops(ops)}, headers=headers)
    again = session.post(url, json={"site": state.site_id, "ops": encode_ops(ops)}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["results"] == again.json()["results"]
    forged = Operation(
        state.site_id,
        ops[0].ctr,
        "child",
        child_id,
        OpKind.SET,
        "notes",
        "别的",
        "",
        ops[0].hlc,
        ops[0].device_ms,
        ops[0].base,
    )
    clash = session.post(
        url, json={"site": state.site_id, "ops": encode_ops([forged])}, headers=headers
    )
    assert clash.status_code == 409 and clash.json()["error"] == "cloned_site"
    assert a.run().ok and a.sync.pending_count() == 0


class _CutAfter(requests.adapters.HTTPAdapter):
    """Breaks the connection on the n-th attachment chunk, as a phone hotspot does."""

    def __init__(self, cuts: set[int]) -> None:
        super().__init__()
        self.cuts = cuts
        self.chunks = 0
        self.sent = 0

    def send(self, request, *args, **kwargs):
        if request.method == "PATCH":
            self.chunks += 1
            if self.chunks in self.cuts:
                raise requests.ConnectionError("cut")
            self.sent += len(request.body or b"")
        return super().send(request, *args, **kwargs)


def test_an_attachment_resumes_after_cuts(server, make_laptop) -> None:
    a, _b, child_id = _two(server, make_laptop)
    data = hashlib.sha512(b"seed").digest() * (3 * 1024 * 1024 // 64)  # 3 MB
    with a.store.session() as session:
        attachments.add_attachment(session, child_id=child_id, name="户口本.jpg", data=data)
    adapter = _CutAfter({2, 4, 6, 8, 10})
    from sync.client import Transport

    a.transport = Transport(server.url, backoff_s=0.0, attempts=1)
    a.transport.session.mount("http://", adapter)
    report = a.run()
    assert report.ok and report.blobs_uploaded == 1, report
    sha = hashlib.sha256(data).hexdigest()
    with server.db.read() as conn:
        assert conn.execute(
            select(schema.blob.c.complete).where(schema.blob.c.sha256 == sha)
        ).scalar()
    assert adapter.sent == len(data)  # nothing re-sent: each cut resumes at the server's offset
    assert a.sync.blobs_to_upload() == []
    assert BLOB_CHUNK_BYTES <= 256 * 1024
