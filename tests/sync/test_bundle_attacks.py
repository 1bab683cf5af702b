"""Sync by USB stick (issue 16) attacked: a hostile relay, a broken stick, a confused
user and a hostile device, with the real server. Seven of these were flaws when found
(strict xfail), fixed since: a copy of a store taking the original's reply, a copied
store refused for good, an old reply judged new by a fast server clock, hostile bodies
answered with a 500, two first bundles at once on PostgreSQL, a link planted on the
stick, keys made only at the first export; the others show defences the other bundle
tests do not."""

from __future__ import annotations

import base64
import contextlib
import copy
import http.client
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from nacl.signing import SigningKey
from sqlalchemy import select

from childcare_desktop.services import children
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.store import open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync import sealing
from sync.client import Transport, bundles
from sync.protocol import API
from sync.sealing import Keys
from sync.server import bundle_keys
from sync.server import schema as s
from sync.server.api import bundles as server_bundles
from sync.server.db import Database, sqlite_url
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import Laptop, serve
from tests.sync.test_bundles import _child_name, _cut_off, _read, _relay, _second_laptop, _stick
from tests.sync.township import World


def _opened(world: World, path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A bundle on the stick opened as the server opens it: header and body."""
    with world.server.db.read() as conn:
        server = bundle_keys.keys(conn)
    opened = sealing.open_sealed(path.read_bytes(), sealing.Direction.TO_SERVER, server.box)
    return dict(opened.header), opened.body()


def _resealed(
    laptop: Laptop, header: dict[str, Any], body: dict[str, Any], signer: SigningKey | None = None
) -> tuple[bytes, Keys]:
    """A bundle made by the laptop's own hand (its token, its pinned key): whatever a
    hostile device or a stolen laptop can send. With the key its reply opens with."""
    reply = Keys.new()
    sign = signer or SigningKey(base64.b64decode(laptop.sync.bundle_state()["keys"]["sign"]))
    head = {**header, "reply_to": reply.public()["box"]}
    head.pop("format", None)
    data = sealing.seal(
        sealing.Direction.TO_SERVER, head, body, sign, laptop.sync.bundle_state()["server"]["box"]
    )
    return data, reply


def _post(world: World, data: bytes) -> requests.Response:
    return requests.post(
        f"{world.server.url}{API}/bundles",
        data=data,
        headers={"Content-Type": "application/octet-stream"},
        timeout=30,
    )


def _answered(world: World, data: bytes, reply: Keys) -> dict[str, Any]:
    """The reply's header, the bundle answered in this thread as POST /v1/bundles answers
    it (what it raises is a 500 there; a 500 in the server's thread races pytest's own
    use of ``ast`` on Python 3.11, so the tests that meet one do not go over HTTP)."""
    answer = server_bundles.answer(world.server.db, data)
    return dict(sealing.open_sealed(answer, sealing.Direction.TO_LAPTOP, reply.box).header)


def _answer(world: World, data: bytes, reply: Keys) -> tuple[int, dict[str, Any]]:
    got = _post(world, data)
    if got.status_code != 200:
        return got.status_code, {"text": got.text[:300]}
    opened = sealing.open_sealed(got.content, sealing.Direction.TO_LAPTOP, reply.box)
    return 200, opened.header


def _held(world: World, child_id: str, field: str = "name") -> str | None:
    """The value the server holds of a child's field (JSON text)."""
    with world.server.db.read() as conn:
        r = s.field.c
        return conn.execute(
            select(r.value).where(r.tbl == "child", r.row_id == child_id, r.field == field)
        ).scalar()


@pytest.fixture
def copy_of_a(sqlite_world: World, tmp_path: Path):
    """Laptop A's store file copied (a second laptop, or the township PC, given a copy
    by a user who wants to work on both): same site, device token and bundle keys."""
    a = sqlite_world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name="柳小满").id
    first = _stick(tmp_path, a)
    assert _relay(sqlite_world, first.parent)[first.name] == "replied"
    assert _read(a, first).acknowledged >= 1 and a.sync.pending_count() == 0
    maintenance.backup_store(a.store, tmp_path / "copy.db")
    store = open_store(tmp_path / "copy.db", PASSPHRASE, actor="copy")
    try:
        copy_ = Laptop("copy", store, StoreSync(store))
        _cut_off(copy_)
        yield a, copy_, child_id
    finally:
        store.close()


def test_a_copy_of_the_store_does_not_take_the_original_s_reply_as_its_own(
    sqlite_world: World, tmp_path: Path, copy_of_a: tuple[Laptop, Laptop, str]
) -> None:
    world = sqlite_world
    a, copy_, child_id = copy_of_a
    with a.store.session() as session:
        children.update_child(session, child_id=child_id, name="柳原本")
    with copy_.store.session() as session:
        children.update_child(session, child_id=child_id, notes="副本的记录")
    assert copy_.sync.pending_count() == 1
    # the original's bundle goes and comes back; the user reads every reply on the
    # stick with the copy too (services.bundles.import_replies reads all "meant for it")
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent)[path.name] == "replied"
    assert _read(a, path).acknowledged == 1
    with pytest.raises(sealing.BundleError) as refused:  # not the copy's own reply
        _read(copy_, path)
    assert refused.value.code == "not_for_us"
    assert _held(world, child_id, "notes") != '"副本的记录"'  # the copy's edit is not there
    assert copy_.sync.pending_count() == 1, "the copy's edit is neither sent nor pending"


def test_a_copied_store_on_bundles_alone_is_not_refused_for_ever(
    sqlite_world: World, tmp_path: Path, copy_of_a: tuple[Laptop, Laptop, str]
) -> None:
    world = sqlite_world
    a, copy_, child_id = copy_of_a
    with a.store.session() as session:
        children.update_child(session, child_id=child_id, name="柳原本")
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent)[path.name] == "replied"
    assert _read(a, path).acknowledged == 1
    with copy_.store.session() as session:
        children.update_child(session, child_id=child_id, notes="副本的记录")
    (tmp_path / "copy").mkdir()
    refused = []
    for _round in range(3):  # export, relay, import: as many times as the user tries
        path = _stick(tmp_path / "copy", copy_)  # (its own stick: see the test below)
        assert _relay(world, path.parent)[path.name] == "replied"
        refused.append(_read(copy_, path).refused)
        if _held(world, child_id, "notes") == '"副本的记录"':
            break
    assert _held(world, child_id, "notes") == '"副本的记录"', refused


def _pinned(world: World, tmp_path: Path) -> tuple[Laptop, dict[str, Any], dict[str, Any]]:
    """Laptop A with a child not yet sent, its bundle made (not relayed), its key pinned
    by an earlier one: the header and body of that bundle, to change by hand."""
    a = world.laptop("dir_a")
    _cut_off(a)
    for folder in ("pin", "later"):
        (tmp_path / folder).mkdir()
    pin = _stick(tmp_path / "pin", a)
    assert _relay(world, pin.parent)[pin.name] == "replied"
    with a.store.session() as session:
        make_child(session, name="柳小满")
    header, body = _opened(world, _stick(tmp_path / "later", a))
    return a, header, body


def _huge_n(h: dict[str, Any], b: dict[str, Any]) -> None:
    h["n"] = 2**64


def _pull_not_an_object(h: dict[str, Any], b: dict[str, Any]) -> None:
    b["pull"] = []


def _pull_mine_huge(h: dict[str, Any], b: dict[str, Any]) -> None:
    b["pull"]["mine"] = 10**30


def _audit_id_huge(h: dict[str, Any], b: dict[str, Any]) -> None:
    entry = b["audit"]["entries"][0]
    b["audit"]["entries"] = [[2**70, *entry[1:]]]


def _cursor_huge(h: dict[str, Any], b: dict[str, Any]) -> None:
    b["hello"]["cursors"] = {"349901101201": 10**30}


@pytest.mark.parametrize(
    "change",
    [
        _pull_not_an_object,
        _pull_mine_huge,
        _cursor_huge,
        _audit_id_huge,
        _huge_n,
    ],
)
def test_a_hostile_body_under_a_valid_token_is_refused_in_the_reply_not_a_500(
    sqlite_world: World, tmp_path: Path, change: Any
) -> None:
    """A device (or whoever holds its store) seals what it likes under its own token and
    key: the server answers with a refusal in the reply, as it does for a malformed
    batch or hello (the relay and the laptop then say why), never 500."""
    world = sqlite_world
    a, header, body = _pinned(world, tmp_path)
    change(header, body)
    data, reply = _resealed(a, header, body)
    assert _answered(world, data, reply)["refused"]["code"] == "bad_request"


def test_hostile_bodies_are_refused_cleanly_and_write_nothing_outside_the_scope(
    sqlite_world: World, tmp_path: Path
) -> None:
    """What a hostile device with its own valid token can put in a bundle: too many
    batches, a header and body of different sites, another device's site, a child filed
    in another township's village, a pull for another site's changes. Each is refused
    in the reply or kept to its scope; nothing lands outside it; the other laptops go on."""
    world = sqlite_world
    a, header, body = _pinned(world, tmp_path)
    b = world.laptop("dir_b")
    assert b.run().ok
    b_site = b.sync.sync_state().site_id

    def sent(change: Any) -> dict[str, Any]:
        h, bd = copy.deepcopy(header), copy.deepcopy(body)
        change(h, bd)
        data, reply = _resealed(a, h, bd)
        status, head = _answer(world, data, reply)
        assert status == 200, head
        return head

    def many(h: dict[str, Any], bd: dict[str, Any]) -> None:
        bd["batches"] = [[] for _ in range(101)]

    def two_sites(h: dict[str, Any], bd: dict[str, Any]) -> None:
        h["site"] = "0" * 32

    def b_s_site(h: dict[str, Any], bd: dict[str, Any]) -> None:
        h["site"] = bd["hello"]["site"] = bd["pull"]["site"] = b_site

    assert sent(many)["refused"]["message"] == "too many batches in one bundle"
    assert "different sites" in sent(two_sites)["refused"]["message"]
    assert sent(b_s_site)["refused"]["code"] == "cloned_site"

    def elsewhere(h: dict[str, Any], bd: dict[str, Any]) -> None:
        for op in bd["batches"][0]:
            if len(op) == 9:  # an insert: filed in village C, another township
                op[8] = "349901102201"
                if isinstance(op[4], dict) and "region_code" in op[4]:
                    op[4]["region_code"] = "349901102201"

    def others(h: dict[str, Any], bd: dict[str, Any]) -> None:
        bd["pull"].update(site=b_site, mine=0)  # "leave out b's changes": none
        bd["batches"] = []

    head = sent(elsewhere)
    with world.server.db.read() as conn:
        r = s.row.c
        filed = set(conn.execute(select(r.region).where(r.tbl == "child")).scalars())
        set_aside = set(conn.execute(select(s.quarantine.c.reason)).scalars())
    assert "349901102201" not in filed and set_aside == {"out_of_scope"}, head
    assert "refused" not in sent(others)
    assert b.run().ok  # the other village's laptop goes on
    c = world.laptop("dir_c")
    assert c.run().ok
    with c.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM child").scalar_one() == 0


def _raw_post(world: World, declared: int, body: bytes) -> int:
    """POST /v1/bundles declaring ``declared`` bytes and sending ``body``: the status."""
    host, port = world.server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.putrequest("POST", f"{API}/bundles")
        conn.putheader("Content-Type", "application/octet-stream")
        conn.putheader("Content-Length", str(declared))
        conn.endheaders()
        with contextlib.suppress(OSError):  # the server may answer and close first
            conn.send(body)
        return conn.getresponse().status
    finally:
        conn.close()


def test_the_relay_endpoint_refuses_what_is_no_bundle_without_an_account(
    sqlite_world: World, tmp_path: Path
) -> None:
    """Anyone may post to it: nothing, the magic line alone, the magic and a letter, a
    reply posted back, a bundle naming no key to reply to or an unreadable one, a file
    declared larger than any bundle: each a 4xx, never a 500, and no reply is written."""
    world = sqlite_world
    a = world.laptop("dir_a")
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent)[path.name] == "replied"
    reply = path.with_suffix(bundles.REPLY_SUFFIX).read_bytes()
    for junk in (b"", sealing.MAGIC, sealing.MAGIC + b"B", sealing.MAGIC + b"Bxyz", reply):
        assert _post(world, junk).status_code == 400, junk[:30]
    sign = SigningKey(base64.b64decode(a.sync.bundle_state()["keys"]["sign"]))
    to = a.sync.bundle_state()["server"]["box"]
    header = {"site": a.sync.sync_state().site_id, "n": 9, "token": a.sync.sync_state().token}
    for reply_to in ({}, {"reply_to": "not a key"}, {"reply_to": 42}):
        data = sealing.seal(sealing.Direction.TO_SERVER, {**header, **reply_to}, {}, sign, to)
        assert _post(world, data).status_code == 400, reply_to
    too_big = sealing.MAX_BUNDLE_BYTES + 1024
    assert _raw_post(world, too_big, b"x" * 1024) == 413
    assert not [p for p in path.parent.iterdir() if p.suffix == ".part"]


def test_the_same_first_bundle_relayed_at_once_by_two_relays(
    world: World, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Two township PCs relay copies of one stick at the same moment: the laptop's very
    first bundle (its key not yet pinned), its child once on the server, both replies
    good, the second read changes nothing."""
    a = world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name="柳小满").id
    path = _stick(tmp_path, a)
    data = path.read_bytes()
    start = threading.Barrier(4)

    def relay_once() -> bytes | str:
        start.wait()
        try:
            return server_bundles.answer(world.server.db, data)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"[:300]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _i: relay_once(), range(4)))
    assert all(isinstance(x, bytes) for x in answers), [x for x in answers if isinstance(x, str)]
    reports = [bundles.read_reply(a.sync, x) for x in answers if isinstance(x, bytes)]
    assert [r.refused for r in reports] == [None] * 4
    assert a.sync.pending_count() == 0
    with world.server.db.read() as conn:
        r = s.row.c
        rows = conn.execute(select(r.row_id).where(r.tbl == "child")).scalars().all()
    assert rows == [child_id]


def test_a_reply_made_while_the_server_clock_was_fast_does_not_change_a_value_back(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.server import app

    world = sqlite_world
    a = world.laptop("dir_a")
    online = a.transport
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name="柳小满").id
    path = _stick(tmp_path, a)
    real = app.now_ms
    monkeypatch.setattr(app, "now_ms", lambda: real() + 3_600_000)  # an hour fast
    assert _relay(world, path.parent)[path.name] == "replied"  # the reply stays on the stick
    monkeypatch.setattr(app, "now_ms", real)  # set right (NTP) before anything else
    a.transport = online  # the laptop reaches the network after all
    assert a.run().ok and a.sync.pending_count() == 0
    a2 = _second_laptop(world, "a2")
    assert a2.run().ok
    with a2.store.session() as session:
        children.update_child(session, child_id=child_id, name="柳大满")
    assert a2.run().ok and a.run().ok
    assert _child_name(a, child_id) == "柳大满"
    _cut_off(a)
    report = _read(a, path)  # the user finds the old reply on the stick and reads it
    a.transport = online
    assert a.run().ok and a2.run().ok
    assert _held(world, child_id) == '"柳大满"'
    assert _child_name(a, child_id) == "柳大满", report


def test_a_hostile_stick_cannot_make_the_relay_overwrite_a_file_of_its_user(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    path = _stick(tmp_path, a)
    victim = tmp_path / "relay-home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("# the relay user's own file\n")
    path.with_name(path.with_suffix(bundles.REPLY_SUFFIX).name + ".part").symlink_to(victim)
    assert _relay(world, path.parent)[path.name] == "replied"
    assert victim.read_bytes() == b"# the relay user's own file\n"


@pytest.mark.parametrize(
    "backed_up",
    [
        "after_a_bundle",
        "before_any_bundle",
    ],
)
def test_a_laptop_restored_from_its_backup_takes_no_reply_made_before(
    sqlite_world: World, tmp_path: Path, backed_up: str
) -> None:
    """A's disk dies; its store comes back from an older backup (an older bundle
    counter, and the same bundle keys if it had made any). The replies left on the stick
    answer the old site: refused, nothing changed; the restored store's own bundles go on
    and lose nothing."""
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    if backed_up == "after_a_bundle":
        (tmp_path / "pin").mkdir()
        pin = _stick(tmp_path / "pin", a)
        assert _relay(world, pin.parent)[pin.name] == "replied"
        assert _read(a, pin).refused is None
    with a.store.session() as session:
        first = make_child(session, name="柳小满").id
    maintenance.backup_store(a.store, tmp_path / "backup.db")
    one = _stick(tmp_path, a)
    assert _relay(world, one.parent)[one.name] == "replied"
    assert _read(a, one).acknowledged >= 1
    with a.store.session() as session:
        children.update_child(session, child_id=first, name="柳二满")
    two = _stick(tmp_path, a)
    assert _relay(world, two.parent)[two.name] == "replied"  # its reply never read by A

    store, _kept = maintenance.restore_store(
        tmp_path / "backup.db", tmp_path / "restored.db", PASSPHRASE, actor="restored"
    )
    try:
        r = Laptop("restored", store, StoreSync(store))
        _cut_off(r)
        waiting = r.sync.pending_count()
        for old in (one, two):
            with pytest.raises(sealing.BundleError) as raised:
                _read(r, old)
            assert raised.value.code == "not_for_us"
        assert r.sync.pending_count() == waiting >= 1
        with r.store.session() as session:
            children.update_child(session, child_id=first, notes="恢复以后")
        (tmp_path / "r").mkdir()
        path = _stick(tmp_path / "r", r)
        assert _relay(world, path.parent)[path.name] == "replied"
        report = _read(r, path)
        assert report.refused is None and r.sync.pending_count() == 0, report
        assert _held(world, first, "notes") == '"恢复以后"'
    finally:
        store.close()


def test_a_relay_to_the_wrong_server_learns_nothing_and_writes_no_reply(
    sqlite_world: World, tmp_path: Path
) -> None:
    """The township clerk types another county's server (or an impostor's) after
    --server: it cannot open the bundle, nor even learn where a reply would be sealed
    to (that key is inside the sealed box); no reply is written; the right server then
    answers as if nothing had happened."""
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name="柳小满").id
    path = _stick(tmp_path, a)
    other = serve(Database(sqlite_url(tmp_path / "other-county.db")))
    impostor = next(other)
    try:
        with impostor.db.write() as conn:
            bundle_keys.keys(conn, now_ms=1)  # a server of ours, with keys of its own
        done = dict(bundles.relay(path.parent, Transport(impostor.url, attempts=1)))
    finally:
        next(other, None)  # (the generator stops the server as it ends)
    assert done == {path.name: "refused 400"}
    assert not path.with_suffix(bundles.REPLY_SUFFIX).exists()
    assert a.sync.pending_count() >= 1
    assert _relay(world, path.parent) == {path.name: "replied"}
    assert _read(a, path).acknowledged >= 1 and a.sync.pending_count() == 0
    assert _held(world, child_id) == '"柳小满"'
