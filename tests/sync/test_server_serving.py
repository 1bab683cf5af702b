"""How the county server is served: HTTPS with its own certificate, and forwarded
addresses believed only from the proxies named (the enrollment rate limit is keyed by
the client's address)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import requests
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from sync import client
from sync.client import Transport
from sync.server.db import Database, sqlite_url
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, LiveServer, serve

Served = Callable[..., AbstractContextManager[LiveServer]]


@pytest.fixture(params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """Start the county server with serving options, on each of its databases."""
    if request.param == "sqlite":
        yield lambda **options: contextmanager(serve)(
            Database(sqlite_url(tmp_path / "server.db")), **options
        )
        return
    pg: PostgreSQLExecutor = request.getfixturevalue("postgresql_proc")
    name = f"serving_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=pg.user, host=pg.host, port=pg.port, dbname=name):
        url = f"postgresql+psycopg://{pg.user}@{pg.host}:{pg.port}/{name}"
        yield lambda **options: contextmanager(serve)(Database(url), **options)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made by the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_the_server_speaks_https_with_its_own_certificate(
    served: Served, certificate: tuple[Path, Path], make_laptop
) -> None:
    cert, key = certificate
    with served(certfile=str(cert), keyfile=str(key)) as server:
        assert server.url.startswith("https://")
        assert requests.get(f"{server.url}/v1/ping", verify=str(cert), timeout=10).ok
        with pytest.raises(requests.exceptions.SSLError):  # not trusted without the cert
            requests.get(f"{server.url}/v1/ping", timeout=10)
        with pytest.raises(requests.ConnectionError):  # no plain HTTP on that port
            requests.get(server.url.replace("https:", "http:") + "/v1/ping", timeout=10)
        # A laptop syncs over it (trusting the certificate).
        server.user("wang", "director", VILLAGE_A)
        laptop = make_laptop("a")
        laptop.transport = Transport(server.url, attempts=2, backoff_s=0.0, verify=str(cert))
        client.enroll(
            server.url,
            user="wang",
            code=server.code("wang"),
            label="a",
            store=laptop.sync,
            transport=laptop.transport,
        )
        with laptop.store.session() as session:
            make_child(session, name="加密传输")
        report = laptop.run()
        assert report.ok and report.pushed > 0


def _enroll_statuses(server: LiveServer, forwarded: list[str]) -> list[int]:
    return [
        requests.post(
            f"{server.url}/v1/enroll",
            json={"user": "nobody", "code": "WRONG-CODE"},
            headers={"X-Forwarded-For": address},
            timeout=10,
        ).status_code
        for address in forwarded
    ]


def test_a_forwarded_address_is_ignored_without_a_trusted_proxy(served: Served) -> None:
    with served() as server:
        spoofed = [f"203.0.113.{n}" for n in range(1, 8)]
        assert _enroll_statuses(server, spoofed)[-2:] == [429, 429]
        assert set(server.app.state.enroll_limit.seen) == {"127.0.0.1"}


def test_a_trusted_proxy_forwards_each_client_address(served: Served) -> None:
    with served(trusted_proxies=["127.0.0.1"]) as server:
        clients = [f"203.0.113.{n}" for n in range(1, 8)]
        assert 429 not in _enroll_statuses(server, clients)  # seven clients, one try each
        assert _enroll_statuses(server, ["198.51.100.9"] * 6)[-1] == 429
        assert "127.0.0.1" not in server.app.state.enroll_limit.seen
