"""A real county server on a loopback port (SQLite file or PostgreSQL) and laptops
(real SQLCipher stores) enrolled with it."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import uvicorn
from fastapi import FastAPI
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

from childcare_desktop.storage.store import Store
from childcare_desktop.storage.syncstore import StoreSync
from sync import client
from sync.client import SyncEngine, SyncReport, Transport
from sync.server import accounts, serving
from sync.server.app import create_app, now_ms
from sync.server.db import Database, sqlite_url
from tests.conftest import open_copy

if TYPE_CHECKING:
    from tests.sync.pull_ahead import FilledVillage, PullTemplates
    from tests.sync.township import World

VILLAGE_A = "349901101201"
VILLAGE_B = "349901101202"
TOWNSHIP = "349901101"


@dataclass
class LiveServer:
    url: str
    app: FastAPI
    db: Database

    def user(self, name: str, role: str, region: str) -> None:
        with self.db.write() as conn:
            accounts.create_user(conn, name, role, region, now_ms=now_ms())

    def code(self, name: str) -> str:
        with self.db.write() as conn:
            return accounts.issue_code(conn, name, now_ms=now_ms())


def serve(db: Database, **options: Any) -> Iterator[LiveServer]:
    """The county server on a free loopback port, configured as ``childcare-server serve``
    configures it (``options``: those of :func:`sync.server.serving.config`)."""
    db.migrate()
    app = create_app(db)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = serving.config(app, log_level="warning", lifespan="off", **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():  # startup takes a few ms; nothing
        thread.join(0.01)  # to wait on but the flag
    if not server.started:
        raise RuntimeError("the county server did not start")
    scheme = "https" if options.get("certfile") else "http"
    try:
        yield LiveServer(f"{scheme}://127.0.0.1:{port}", app, db)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        db.dispose()


@pytest.fixture(autouse=True)
def _journal_of_this_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``childcare-server`` run by a test writes its decisions to the test's own journal,
    the one its server fixture keeps (PostgreSQL's default, the user data folder, is
    shared by every test of a worker: a journal ahead of a fresh database is refused as
    a restore not marked)."""
    monkeypatch.setenv("CHILDCARE_SERVER_JOURNAL", str(tmp_path / "server-decisions.jsonl"))


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[LiveServer]:
    yield from serve(Database(sqlite_url(tmp_path / "server.db")))


@pytest.fixture(scope="session")
def postgresql_proc() -> Iterator[PostgreSQLExecutor]:
    """One PostgreSQL 15 for the session (pytest-postgresql's executor; as the postgres
    user when the tests run as root), a fresh database for each test.

    Its folder is our own, never under pytest's temporary root: as root, PostgreSQL runs
    as the postgres user, who must walk into its folder, and every pytest run that starts
    as root makes that root private again (0700), which cut a running PostgreSQL off from
    its files (13 errors). The folder sits in a temporary directory every user may walk
    through already (``/tmp``), so nothing's permissions are changed for it but its own
    (tests/sync/pg_ctl hands it to the postgres user)."""
    folder = Path(tempfile.mkdtemp(prefix="childcare-pg-", dir=_walkable_temp()))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    executor = PostgreSQLExecutor(
        executable=str(Path(__file__).with_name("pg_ctl")),
        host="127.0.0.1",
        port=port,
        datadir=str(folder / "data"),
        unixsocketdir=str(folder),
        logfile=str(folder / "postgresql.log"),
        startparams="-w",
        dbname="tests",
    )
    try:
        executor.start()
        executor.wait_for_postgres()
        yield executor
    finally:
        executor.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _walkable_temp() -> str:
    """The temporary directory, if every user may walk into it (so the postgres user can
    when the tests run as root); else /tmp, which every user may."""
    folder = Path(tempfile.gettempdir()).resolve()
    if all(p.stat().st_mode & 0o001 for p in (folder, *folder.parents)):
        return str(folder)
    return "/tmp"


@pytest.fixture
def pg_server(postgresql_proc: PostgreSQLExecutor, tmp_path: Path) -> Iterator[LiveServer]:
    pg = postgresql_proc
    name = f"county_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=pg.user, host=pg.host, port=pg.port, dbname=name):
        url = f"postgresql+psycopg://{pg.user}@{pg.host}:{pg.port}/{name}"
        # The decision journal where an SQLite file's would be (sync.server.journal).
        yield from serve(Database(url, tmp_path / "server-decisions.jsonl"))


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest) -> LiveServer:
    """The county server on each of its databases."""
    fixture = {"sqlite": "sqlite_server", "postgresql": "pg_server"}[request.param]
    return request.getfixturevalue(fixture)


@dataclass
class Laptop:
    name: str
    store: Store
    sync: StoreSync
    transport: Transport | None = None

    def run(self, **kwargs: Any) -> SyncReport:
        engine = SyncEngine(self.sync, transport=self.transport, **kwargs)
        if self.transport is None:
            engine.transport.backoff_s = 0.0
            engine.transport.attempts = 2
        return engine.run()


def new_laptop(
    template_store: Path,
    folder: Path,
    name: str,
    server: LiveServer | None = None,
    *,
    user: str | None = None,
) -> Laptop:
    """A laptop of its own in ``folder`` (a copy of the template store, a new site),
    enrolled with ``server`` as ``user`` when both are given; the caller closes its store."""
    path = folder / f"{name}.db"
    shutil.copyfile(template_store, path)
    store = open_copy(path, template_store, actor=name)
    laptop = Laptop(name, store, StoreSync(store))
    try:
        laptop.sync.become_new_site()  # copies of one template would be one site
        if server is not None and user is not None:
            client.enroll(
                server.url, user=user, code=server.code(user), label=name, store=laptop.sync
            )
    except BaseException:
        store.close()
        raise
    return laptop


@pytest.fixture
def make_laptop(template_store: Path, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    opened: list[Store] = []

    def make(name: str, server: LiveServer | None = None, *, user: str | None = None) -> Laptop:
        laptop = new_laptop(template_store, tmp_path, name, server, user=user)
        opened.append(laptop.store)
        return laptop

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def world(server: LiveServer, make_laptop: Callable[..., Laptop]) -> Any:
    """Two townships, three villages and their people (``tests.sync.township``), on the
    real server, SQLite and PostgreSQL."""
    from tests.sync.township import make_world

    return make_world(server, make_laptop)


@pytest.fixture
def sqlite_world(sqlite_server: LiveServer, make_laptop: Callable[..., Laptop]) -> Any:
    """The same on the SQLite server only (for slow tests)."""
    from tests.sync.township import make_world

    return make_world(sqlite_server, make_laptop)


@pytest.fixture(scope="session")
def pull_templates(template_store: Path, tmp_path_factory: pytest.TempPathFactory) -> PullTemplates:
    """Villages whose laptops filed and sent their children, built once per worker
    (``tests.sync.pull_ahead``)."""
    from tests.sync.pull_ahead import PullTemplates

    return PullTemplates(tmp_path_factory.mktemp("pull-templates"), template_store)


@pytest.fixture
def filled_village(
    pull_templates: PullTemplates, tmp_path: Path, make_laptop: Callable[..., Laptop]
) -> Iterator[Callable[..., FilledVillage]]:
    """``filled_village(children, notes)``: laptop A of village A filed ``children``
    children (named 儿童0..., ``notes(i)``) and sent them to a real SQLite server of the
    test's own; laptop B of the same director is enrolled and has pulled nothing."""
    with ExitStack() as stack:
        yield partial(pull_templates.village, stack, tmp_path, make_laptop)


@pytest.fixture
def filled_township(
    pull_templates: PullTemplates, tmp_path: Path, make_laptop: Callable[..., Laptop]
) -> Iterator[Callable[..., World]]:
    """``filled_township(children, notes)``: the county of ``tests.sync.township`` on a
    real SQLite server of the test's own, where the directors of villages A and B each
    filed ``children`` children (``notes(i, village)``) and sent them; the supervisor's
    laptop and the others are made on first use, as in ``sqlite_world``."""
    with ExitStack() as stack:
        yield partial(pull_templates.township, stack, tmp_path, make_laptop)
