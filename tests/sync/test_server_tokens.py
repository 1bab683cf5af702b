"""Device tokens have a fixed maximum age and rotate: a hello hands out a new token once
the current one is old enough; the old one works until the new one is used (or a short
grace passes), so a hello answer lost on a cut link locks nobody out."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import select, update

from sync.client import Transport
from sync.server import accounts, schema
from sync.server.app import now_ms
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer
from tests.sync.faults import FaultAdapter, Plan

DAY = accounts.DAY_MS


@pytest.fixture
def laptop(server: LiveServer, make_laptop) -> Laptop:
    server.user("wang", "director", VILLAGE_A)
    laptop = make_laptop("a", server, user="wang")
    assert laptop.run().ok
    return laptop


def _age_token(server: LiveServer, days: int) -> None:
    """Make the device's current token ``days`` old (expiring as a token of that age does)."""
    issued = now_ms() - days * DAY
    with server.db.write() as conn:
        conn.execute(
            update(schema.device).values(
                token_issued_ms=issued, expires_ms=issued + accounts.TOKEN_MAX_DAYS * DAY
            )
        )


def _device(server: LiveServer):
    with server.db.read() as conn:
        return conn.execute(select(schema.device)).one()


def _pull_status(server: LiveServer, token: str) -> tuple[int, str | None]:
    """What the server says to a pull with ``token`` (a pull never rotates a token)."""
    answer = requests.post(
        f"{server.url}/v1/pull",
        json={"cursors": {}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    return answer.status_code, answer.json().get("error")


def test_hello_rotates_an_old_token_and_the_old_one_ends_once_the_new_one_is_used(
    server: LiveServer, laptop: Laptop
) -> None:
    old = laptop.sync.sync_state().token
    assert old is not None
    assert laptop.run().ok
    assert laptop.sync.sync_state().token == old  # a young token is kept (and not extended)
    _age_token(server, accounts.TOKEN_ROTATE_DAYS + 1)
    assert laptop.run().ok
    new = laptop.sync.sync_state().token
    assert new is not None and new != old
    device = _device(server)
    assert device.token_hash == accounts.token_digest(new)
    assert device.expires_ms - device.token_issued_ms == accounts.TOKEN_MAX_DAYS * DAY
    assert _pull_status(server, old)[0] == 200  # until the new one is used
    assert laptop.run().ok  # ... which it is now
    assert _pull_status(server, old) == (401, "bad_token")
    assert _pull_status(server, new)[0] == 200


def test_a_lost_hello_answer_still_lets_the_laptop_sync_next_time(
    server: LiveServer, laptop: Laptop
) -> None:
    old = laptop.sync.sync_state().token
    assert old is not None
    _age_token(server, accounts.TOKEN_ROTATE_DAYS + 1)
    adapter = FaultAdapter()
    laptop.transport = Transport(server.url, attempts=2, backoff_s=0.0)
    laptop.transport.session.mount("http://", adapter)
    adapter.plans.append(Plan("cut_response", "/hello", fraction=0.5, hits=2))
    cut = laptop.run()
    assert not cut.ok and cut.error == "offline"
    # The server handed out a new token the laptop never got; the laptop keeps the old.
    assert _device(server).token_hash != accounts.token_digest(old)
    assert laptop.sync.sync_state().token == old
    adapter.heal()
    # A moment later the old token still works, and is not replaced again at once (two
    # syncs of one laptop at the same time must not replace each other's new token).
    assert laptop.run().ok
    assert laptop.sync.sync_state().token == old
    with server.db.write() as conn:  # ... some minutes later it is
        later = schema.device.c.token_issued_ms - accounts.REISSUE_AFTER_MS - 1
        conn.execute(update(schema.device).values(token_issued_ms=later))
    assert laptop.run().ok
    new = laptop.sync.sync_state().token
    assert new is not None and new != old
    assert _device(server).token_hash == accounts.token_digest(new)
    assert laptop.run().ok
    assert _pull_status(server, old) == (401, "bad_token")


def test_the_replaced_token_ends_after_its_grace(server: LiveServer, laptop: Laptop) -> None:
    old = laptop.sync.sync_state().token
    assert old is not None
    _age_token(server, accounts.TOKEN_ROTATE_DAYS + 1)
    adapter = FaultAdapter()
    laptop.transport = Transport(server.url, attempts=1, backoff_s=0.0)
    laptop.transport.session.mount("http://", adapter)
    adapter.plans.append(Plan("cut_response", "/hello", fraction=0.5, hits=1))
    assert not laptop.run().ok
    with server.db.write() as conn:
        conn.execute(update(schema.device).values(prev_token_until_ms=now_ms() - 1))
    report = laptop.run()
    assert not report.ok and report.error == "token_expired"


def test_a_token_past_its_maximum_age_is_refused(server: LiveServer, laptop: Laptop) -> None:
    _age_token(server, accounts.TOKEN_MAX_DAYS + 1)
    report = laptop.run()
    assert not report.ok and report.error == "token_expired"
    token = laptop.sync.sync_state().token
    assert token is not None
    assert _pull_status(server, token) == (401, "token_expired")
