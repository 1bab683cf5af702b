"""The laptop talks to the county over HTTPS: plain HTTP only to this machine unless
allowed, and a county's own certificate trusted when given (the real server, over TLS on
a loopback port, on SQLite and on PostgreSQL)."""

from __future__ import annotations

import socket
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from childcare_desktop.cli import main as run_cli
from childcare_desktop.messages import sync_error_text
from childcare_desktop.services import syncing
from sync.client.transport import check_server_url
from sync.server.app import create_app
from sync.server.db import Database, sqlite_url
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer

NOT_HERE = "http://192.0.2.10:8080"  # TEST-NET-1: refused before any packet is sent


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, as a county might make."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "county.pem", folder / "county.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=county-test", "-keyout", str(key),
         "-out", str(cert), "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def serve_tls(db: Database, cert: Path, key: Path) -> Iterator[LiveServer]:
    db.migrate()
    app = create_app(db)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", ssl_certfile=str(cert), ssl_keyfile=str(key)
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # startup takes a few ms; nothing to wait on but the flag
        thread.join(0.01)
    try:
        yield LiveServer(f"https://127.0.0.1:{port}", app, db)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def tls_server(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path], tmp_path: Path
) -> Iterator[LiveServer]:
    if request.param == "sqlite":
        yield from serve_tls(Database(sqlite_url(tmp_path / "server.db")), *certificate)
        return
    pg: PostgreSQLExecutor = request.getfixturevalue("postgresql_proc")
    name = f"county_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=pg.user, host=pg.host, port=pg.port, dbname=name):
        url = f"postgresql+psycopg://{pg.user}@{pg.host}:{pg.port}/{name}"
        yield from serve_tls(Database(url), *certificate)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # where the PEM is written


def test_without_the_county_certificate_nothing_is_sent(
    tls_server: LiveServer, make_laptop: Callable[..., Laptop], certificate: tuple[Path, Path]
) -> None:
    tls_server.user("a_dir", "director", VILLAGE_A)
    laptop = make_laptop("a")
    code = tls_server.code("a_dir")
    with pytest.raises(syncing.SyncError) as refused:
        syncing.enroll(laptop.store, tls_server.url, user="a_dir", code=code, label="a")
    assert refused.value.code == "certificate"
    assert "self-signed certificate" in refused.value.message
    assert "证书无法验证" in sync_error_text(refused.value.code)
    assert not syncing.status(laptop.store).enrolled
    assert not syncing.ping(tls_server.url, timeout=5)
    # The code was never spent: the same one enrolls once the certificate is given.
    syncing.enroll(
        laptop.store,
        tls_server.url,
        user="a_dir",
        code=code,
        label="a",
        ca_pem=certificate[0].read_text(),
    )
    assert syncing.status(laptop.store).enrolled


def test_with_the_county_certificate_enroll_and_sync_work(
    tls_server: LiveServer, make_laptop: Callable[..., Laptop], certificate: tuple[Path, Path]
) -> None:
    tls_server.user("a_dir", "director", VILLAGE_A)
    laptop = make_laptop("a")
    pem = certificate[0].read_text()
    who = syncing.enroll(
        laptop.store,
        tls_server.url,
        user="a_dir",
        code=tls_server.code("a_dir"),
        label="a",
        ca_pem=pem,
    )
    assert who["user"] == "a_dir"
    with laptop.store.session() as session:
        make_child(session, name="加密传送")
    report = syncing.run(laptop.store)  # the transport checks against the stored PEM
    assert report.ok and report.pushed > 0, report.message
    state = syncing.status(laptop.store)
    assert state.pending == 0 and state.ca_file and Path(state.ca_file).read_text() == pem
    assert syncing.ping(tls_server.url, timeout=5, ca_file=state.ca_file)
    assert syncing.transport(laptop.store).verify == state.ca_file  # the app's syncer's link


def test_the_command_line_enrolls_with_ca_file_and_syncs(
    tls_server: LiveServer,
    make_laptop: Callable[..., Laptop],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tls_server.user("a_dir", "director", VILLAGE_A)
    laptop = make_laptop("a")
    laptop.store.close()  # the command opens it itself
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    store = ["--store", str(laptop.store.path)]
    enroll = ["enroll", *store, "--server", tls_server.url, "--user", "a_dir"]
    assert run_cli([*enroll, "--code", tls_server.code("a_dir")]) == 1
    assert "证书无法验证" in capsys.readouterr().err
    bad = certificate[1].parent / "not-a-certificate.pem"
    bad.write_text("hello")
    assert run_cli([*enroll, "--code", tls_server.code("a_dir"), "--ca-file", str(bad)]) == 2
    assert "证书文件无法读取" in capsys.readouterr().err
    code = tls_server.code("a_dir")
    assert run_cli([*enroll, "--code", code, "--ca-file", str(certificate[0])]) == 0
    assert run_cli(["sync", *store]) == 0


def test_plain_http_only_to_this_machine_unless_allowed(
    make_laptop: Callable[..., Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for url in (
        "http://127.0.0.1:8080",
        "http://127.3.4.5",
        "http://localhost:1/",
        "http://[::1]:9",
    ):
        assert check_server_url(url) == url.rstrip("/")
    for url in (NOT_HERE, "http://county.example", "http://10.0.0.1", "http://[2001:db8::1]"):
        with pytest.raises(syncing.SyncError) as refused:
            check_server_url(url)
        assert refused.value.code == "plain_http"
        assert check_server_url(url, allow_http=True) == url
    assert check_server_url("https://county.example/") == "https://county.example"
    with pytest.raises(syncing.SyncError, match="http"):
        check_server_url("ftp://county.example")

    laptop = make_laptop("a")
    with pytest.raises(syncing.SyncError) as refused:
        syncing.enroll(laptop.store, NOT_HERE, user="a_dir", code="x", label="a")
    assert refused.value.code == "plain_http" and "https://" in sync_error_text("plain_http")
    with pytest.raises(syncing.SyncError):
        syncing.set_server(laptop.store, NOT_HERE)
    syncing.set_server(laptop.store, NOT_HERE, allow_http=True)  # said explicitly: kept
    assert syncing.status(laptop.store).server_url == NOT_HERE
    laptop.store.close()
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    store = ["--store", str(laptop.store.path)]
    code = run_cli(["enroll", *store, "--server", NOT_HERE, "--user", "a_dir", "--code", "x"])
    assert code == 2 and "只能用加密的 https://" in capsys.readouterr().err
    assert run_cli(["sync", *store, "--server", "http://county.example"]) == 2
