"""Nobody reads or writes a village that is not theirs; refused devices lose nothing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import requests
from sqlalchemy import text, update

from childcare_desktop.storage.models import Child
from sync.protocol import MAX_BODY_BYTES
from sync.server import accounts, schema
from sync.server.app import now_ms
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B, Laptop, LiveServer


def _children(laptop: Laptop) -> set[str]:
    with laptop.store.connection() as conn:
        return {r[0] for r in conn.execute(text("SELECT region_code FROM child"))}


def _outbox(laptop: Laptop) -> list[tuple]:
    with laptop.store.connection() as conn:
        return conn.execute(text("SELECT site_id, ctr, state FROM outbox ORDER BY ctr")).all()


@pytest.fixture
def villages(server: LiveServer, make_laptop) -> tuple[Laptop, Laptop, Laptop]:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    server.user("town", "supervisor", TOWNSHIP)
    a = make_laptop("a", server, user="a_dir")
    b = make_laptop("b", server, user="b_dir")
    town = make_laptop("town", server, user="town")
    with a.store.session() as session:
        make_child(session, name="甲村孩子")
    assert a.run().ok
    return a, b, town


def test_a_director_never_receives_another_village(villages) -> None:
    _a, b, town = villages
    assert b.run().ok and town.run().ok
    assert VILLAGE_A not in _children(b)  # B's store holds only what it pulled: nothing of A
    assert VILLAGE_A in _children(town)  # ... and the township supervisor sees them


def test_a_pull_asking_for_another_village_gets_nothing(villages, server) -> None:
    _a, b, _town = villages
    state = b.sync.sync_state()
    answer = requests.post(
        f"{server.url}/v1/pull",
        json={"cursors": {VILLAGE_A: 0}},
        headers={"Authorization": f"Bearer {state.token}"},
        timeout=10,
    )
    assert answer.status_code == 200
    assert all(page["r"] != VILLAGE_A for page in answer.json()["pages"])


def test_a_push_into_another_village_is_quarantined_and_kept(villages, server) -> None:
    a, b, _town = villages
    with a.store.connection() as conn:
        child_id = conn.execute(text("SELECT id FROM child WHERE name = '甲村孩子'")).scalar()
    # Laptop B forges an edit of village A's child (its own outbox, its own token).
    with b.store.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")
        conn.exec_driver_sql(
            "INSERT INTO child (id, region_code, name, registered_on) "
            "VALUES (?, ?, '甲村孩子', '2026-01-01')",
            (child_id, VILLAGE_A),
        )
        conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")
    with b.store.session() as session:
        session.get(Child, child_id).notes = "越权修改"
    report = b.run()
    assert report.ok and report.quarantined == 1
    assert [s for (_site, _ctr, s) in _outbox(b)][-1] == "quarantined"  # kept, with its reason
    assert a.run().ok
    with a.store.connection() as conn:
        assert (
            conn.execute(text("SELECT notes FROM child WHERE id = :i"), {"i": child_id}).scalar()
            is None
        )


@pytest.mark.parametrize("how", ["revoked", "expired", "forged"])
def test_a_refused_device_keeps_its_changes(villages, server, how: str) -> None:
    a, _b, _town = villages
    with a.store.session() as session:
        make_child(session, name="待上传")
    before = _outbox(a)
    state = a.sync.sync_state()
    with server.db.write() as conn:
        if how == "revoked":
            with a.store.connection() as local:
                device = local.exec_driver_sql("SELECT device_id FROM sync_state").scalar()
            assert accounts.revoke(conn, device, now_ms=now_ms())
        elif how == "expired":
            conn.execute(update(schema.device).values(expires_ms=now_ms() - 1))
    if how == "forged":
        with a.store.connection() as conn:
            conn.exec_driver_sql("UPDATE sync_state SET token = 'forged-token-xxxxxxxx'")
    report = a.run()
    assert not report.ok
    assert (
        report.error
        == {"revoked": "device_revoked", "expired": "token_expired", "forged": "bad_token"}[how]
    )
    assert _outbox(a) == before  # nothing marked sent, nothing dropped
    assert any(s == "pending" for (_site, _ctr, s) in before)
    assert state.site_id == a.sync.sync_state().site_id


def test_oversized_and_bomb_bodies_are_refused(villages, server) -> None:
    a, _b, _town = villages
    token = a.sync.sync_state().token
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    big = b"[" + b"0," * (MAX_BODY_BYTES // 2) + b"0]"
    answer = requests.post(f"{server.url}/v1/push", data=big, headers=headers, timeout=30)
    assert answer.status_code == 413
    bomb = gzip.compress(json.dumps({"site": "0" * 32, "ops": [[0] * 10] * 4_000_000}).encode())
    assert len(bomb) < MAX_BODY_BYTES
    answer = requests.post(
        f"{server.url}/v1/push",
        data=bomb,
        timeout=30,
        headers={**headers, "Content-Encoding": "gzip"},
    )
    assert answer.status_code == 413
    assert a.run().ok  # the device itself is unharmed


def test_enrollment_is_rate_limited_and_codes_work_once(server: LiveServer, make_laptop) -> None:
    server.user("c_dir", "director", VILLAGE_A)
    code = server.code("c_dir")
    url = f"{server.url}/v1/enroll"
    first = requests.post(url, json={"user": "c_dir", "code": code}, timeout=10)
    assert first.status_code == 200
    reused = requests.post(url, json={"user": "c_dir", "code": code}, timeout=10)
    assert reused.status_code == 401 and reused.json()["error"] == "bad_code"
    statuses = [
        requests.post(url, json={"user": "c_dir", "code": "WRONG-CODE"}, timeout=10).status_code
        for _ in range(6)
    ]
    assert 429 in statuses


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)  # reads the database file
def test_tokens_and_codes_are_stored_only_as_hashes(villages, server) -> None:
    a, _b, _town = villages
    token = a.sync.sync_state().token
    code = server.code("b_dir")
    path = Path(server.db.url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert token.encode() not in stored
    assert code.replace("-", "").encode() not in stored


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_every_endpoint_is_in_the_openapi_schema(server: LiveServer) -> None:
    schema_doc = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    documented = {(m.upper(), p) for p, ops in schema_doc["paths"].items() for m in ops}
    routes = {(m, r.path) for r in server.app.routes if r.path.startswith("/v1") for m in r.methods}
    assert routes and routes <= documented
    assert "requestBody" in schema_doc["paths"]["/v1/push"]["post"]
