"""Attachments are kept per region: a device learns nothing of another village's files
(a hash only they hold reads as missing, and is stored again), and each device has a
quota of stored bytes."""

from __future__ import annotations

import hashlib

import pytest
import requests
from sqlalchemy import select

from childcare_desktop.services import attachments
from sync.protocol import BLOB_CHUNK_BYTES
from sync.server import schema
from sync.server.app import Settings
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer

SCAN = hashlib.sha512(b"scan").digest() * (BLOB_CHUNK_BYTES // 64 + 100)  # two chunks
SHA = hashlib.sha256(SCAN).hexdigest()


@pytest.fixture
def villages(server: LiveServer, make_laptop) -> tuple[Laptop, Laptop]:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    return make_laptop("a", server, user="a_dir"), make_laptop("b", server, user="b_dir")


def _auth(laptop: Laptop) -> dict[str, str]:
    return {"Authorization": f"Bearer {laptop.sync.sync_state().token}"}


def _missing(server: LiveServer, laptop: Laptop, sha: str = SHA) -> dict[str, int]:
    answer = requests.post(
        f"{server.url}/v1/blobs/missing",
        json={"blobs": [[sha, len(SCAN)]]},
        headers=_auth(laptop),
        timeout=10,
    )
    assert answer.status_code == 200
    return answer.json()["missing"]


def _patch(server: LiveServer, laptop: Laptop, data: bytes, offset: int, total: int, sha: str):
    return requests.patch(
        f"{server.url}/v1/blobs/{sha}",
        data=data,
        headers={
            **_auth(laptop),
            "Upload-Offset": str(offset),
            "Upload-Length": str(total),
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=10,
    )


def _head(server: LiveServer, laptop: Laptop) -> tuple[str, str]:
    answer = requests.head(f"{server.url}/v1/blobs/{SHA}", headers=_auth(laptop), timeout=10)
    return answer.headers["Upload-Offset"], answer.headers["Upload-Complete"]


def test_another_village_cannot_tell_a_file_is_on_the_server(
    server: LiveServer, villages: tuple[Laptop, Laptop]
) -> None:
    a, b = villages
    with a.store.session() as session:
        child = make_child(session, name="甲村孩子")
        attachments.add_attachment(session, child_id=child.id, name="scan.jpg", data=SCAN)
    report = a.run()
    assert report.ok and report.blobs_uploaded == 1
    assert _missing(server, a) == {}
    assert _head(server, a) == (str(len(SCAN)), "True")
    # Village B: the file reads as missing everywhere, and B stores its own copy.
    assert _missing(server, b) == {SHA: 0}
    assert _head(server, b) == ("0", "False")
    first = _patch(server, b, SCAN[:BLOB_CHUNK_BYTES], 0, len(SCAN), SHA)
    assert first.status_code == 204 and first.headers["Upload-Offset"] == str(BLOB_CHUNK_BYTES)
    assert _missing(server, b) == {SHA: BLOB_CHUNK_BYTES}  # B's own partial copy
    assert _head(server, a) == (str(len(SCAN)), "True")  # A's is untouched
    rest = _patch(server, b, SCAN[BLOB_CHUNK_BYTES:], BLOB_CHUNK_BYTES, len(SCAN), SHA)
    assert rest.status_code == 204 and _missing(server, b) == {}
    with server.db.read() as conn:
        held = conn.execute(select(schema.blob.c.region, schema.blob.c.complete)).all()
    assert sorted(held) == [(VILLAGE_A, True), (VILLAGE_B, True)]


def test_a_device_cannot_pass_its_quota(
    server: LiveServer, villages: tuple[Laptop, Laptop]
) -> None:
    a, b = villages
    server.app.state.settings = Settings(blob_quota_bytes=len(SCAN) + 1000)
    whole = _patch(server, a, SCAN[:BLOB_CHUNK_BYTES], 0, len(SCAN), SHA)
    assert whole.status_code == 204  # counted at its whole size from the first chunk
    other = b"another scan" * 100
    sha = hashlib.sha256(other).hexdigest()
    refused = _patch(server, a, other, 0, len(other), sha)
    assert refused.status_code == 413 and refused.json()["error"] == "quota"
    assert _missing(server, a, sha) == {sha: 0}  # nothing was kept of it
    # The quota is the device's: another device of another village still has its own.
    assert _patch(server, b, other, 0, len(other), sha).status_code == 204
    # ... and the device finishes what it had begun.
    rest = _patch(server, a, SCAN[BLOB_CHUNK_BYTES:], BLOB_CHUNK_BYTES, len(SCAN), SHA)
    assert rest.status_code == 204 and _missing(server, a) == {}
