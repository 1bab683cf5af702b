"""Sync by USB stick (issue 16), end to end with the real server, SQLite and PostgreSQL.

Laptop A of village A never reaches the server after its enrolment: its bundles go to
a folder (the stick), a relay (any machine that can reach the server) carries them and
writes the replies beside them, A reads its reply. Laptop A2 of the same village syncs
over HTTP. Nothing of either is lost, whatever the order, the repetition, or the harm
done to the files on the stick."""

from __future__ import annotations

import base64
import json
import lzma
from datetime import date
from pathlib import Path

import pytest
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey
from sqlalchemy import func, select

from childcare_desktop.core.vocab import VisitMode
from childcare_desktop.services import children, preferences
from childcare_desktop.services.visits import log_visit
from sync import client, sealing
from sync.client import Transport, bundles
from sync.sealing import Keys
from sync.server import accounts
from sync.server import schema as s
from sync.server.api import bundles as server_bundles
from tests.factories import make_child, make_id
from tests.sync.conftest import Laptop
from tests.sync.township import PEOPLE, PLACES, World

NAME = "柳小满"
NUMBER = make_id(date(2016, 3, 8), male=False)


def _cut_off(laptop: Laptop) -> None:
    """The laptop can no longer reach the server (a port nothing listens on)."""
    laptop.transport = Transport("http://127.0.0.1:9", attempts=1)


def _second_laptop(world: World, name: str) -> Laptop:
    """Another laptop of dir_a's village (same user, its own store and device)."""
    role, region, person = PEOPLE["dir_a"]
    laptop = world.make_laptop(name)
    with laptop.store.session() as session:
        preferences.set_work_settings(
            session, name=person, role=role, region_code=region, village=PLACES[region]
        )
    client.enroll(
        world.server.url, user="dir_a", code=world.server.code("dir_a"), label=name,
        store=laptop.sync,
    )  # fmt: skip
    return laptop


def _stick(tmp_path: Path, laptop: Laptop) -> Path:
    """Export the laptop's next bundle onto the stick; the file's path."""
    stick = tmp_path / "stick"
    stick.mkdir(exist_ok=True)
    name, data = bundles.export(laptop.sync)
    path = stick / name
    bundles.write_whole(path, data)
    return path


def _relay(world: World, folder: Path) -> dict[str, str]:
    return dict(bundles.relay(folder, Transport(world.server.url, attempts=1)))


def _read(laptop: Laptop, bundle: Path) -> bundles.BundleReport:
    return bundles.read_reply(laptop.sync, bundle.with_suffix(bundles.REPLY_SUFFIX).read_bytes())


def _child_name(laptop: Laptop, child_id: str) -> str | None:
    with laptop.store.connection() as conn:
        found = conn.exec_driver_sql("SELECT name FROM child WHERE id = ?", (child_id,))
        return found.scalar()


def _visits(laptop: Laptop, child_id: str) -> int:
    with laptop.store.connection() as conn:
        found = conn.exec_driver_sql("SELECT count(*) FROM visit WHERE child_id = ?", (child_id,))
        return int(found.scalar_one())


def test_a_laptop_off_the_network_syncs_by_stick_both_ways(world: World, tmp_path: Path) -> None:
    a = world.laptop("dir_a")
    _cut_off(a)
    assert a.run().error == "offline"
    with a.store.session() as session:
        child_id = make_child(session, name=NAME, id_number=NUMBER).id
        log_visit(session, child_id=child_id, visited_on=date.today(), mode=VisitMode.HOME)
    first = _stick(tmp_path, a)
    raw = first.read_bytes()
    assert NAME.encode() not in raw and NUMBER.encode() not in raw
    assert child_id.encode() not in raw and PLACES["349901101201"].encode() not in raw

    assert _relay(world, first.parent) == {first.name: "replied"}
    report = _read(a, first)
    assert report.acknowledged >= 2 and not report.stale and report.refused is None
    assert a.sync.pending_count() == 0
    site = a.sync.sync_state().site_id
    with a.store.connection() as conn:
        made = conn.exec_driver_sql("SELECT count(*) FROM audit_log").scalar_one()
    with world.server.db.read() as conn:
        e = s.audit_entry.c
        taken = conn.execute(select(func.count()).where(e.site_id == site)).scalar_one()
    assert made >= 2 and taken == made  # its audit entries came with it

    a2 = _second_laptop(world, "a2")
    assert a2.run().ok
    assert _child_name(a2, child_id) == NAME and _visits(a2, child_id) == 1
    with a2.store.session() as session:
        children.update_child(session, child_id=child_id, name="柳满满")
        log_visit(session, child_id=child_id, visited_on=date.today(), mode=VisitMode.PHONE)
    assert a2.run().ok

    second = _stick(tmp_path, a)
    assert _relay(world, second.parent) == {first.name: "skipped", second.name: "replied"}
    report = _read(a, second)
    assert report.pulled >= 2 and not report.more
    assert _child_name(a, child_id) == "柳满满" and _visits(a, child_id) == 2
    assert a.run().error == "offline"  # still never reached the server itself


def test_replies_read_twice_or_out_of_order_change_nothing(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name=NAME).id
    one = _stick(tmp_path, a)
    with a.store.session() as session:
        children.update_child(session, child_id=child_id, name="柳二")
    two = _stick(tmp_path, a)
    # the relay carries the newer bundle first, then the older one
    stick = one.parent
    later = tmp_path / "later"
    later.mkdir()
    one.rename(later / one.name)
    assert _relay(world, stick) == {two.name: "replied"}
    assert _relay(world, later) == {one.name: "replied"}
    with world.server.db.read() as conn:
        r = s.field.c
        held = conn.execute(
            select(r.value).where(r.tbl == "child", r.row_id == child_id, r.field == "name")
        ).scalar()
    assert held == '"柳二"'  # the older bundle's operations were answered, not applied again

    assert not _read(a, two).stale
    assert a.sync.pending_count() == 0
    before = _snapshot(a)
    assert _read(a, two).stale  # the same reply again
    assert _snapshot(a) == before
    # the older bundle's reply was made later (it was relayed later): read, it adds nothing
    report = bundles.read_reply(a.sync, (later / one.name).with_suffix(".reply").read_bytes())
    assert report.acknowledged == 0 and report.pulled == 0
    assert _child_name(a, child_id) == "柳二" and a.sync.pending_count() == 0


def _snapshot(laptop: Laptop) -> tuple[object, ...]:
    state = laptop.sync.sync_state()
    with laptop.store.connection() as conn:
        names = conn.exec_driver_sql("SELECT id, name FROM child ORDER BY id").all()
        outbox = conn.exec_driver_sql("SELECT ctr, state FROM outbox ORDER BY ctr").all()
    return (state.cursors, state.epoch, tuple(names), tuple(outbox))


def test_a_cut_or_altered_bundle_is_refused_and_nothing_is_lost(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        child_id = make_child(session, name=NAME).id
    path = _stick(tmp_path, a)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the stick pulled out part way
    assert _relay(world, path.parent) == {path.name: "refused 400"}
    assert not path.with_suffix(".reply").exists()
    altered = bytearray(data)
    altered[len(altered) // 2] ^= 0x01
    path.write_bytes(bytes(altered))
    assert _relay(world, path.parent) == {path.name: "refused 400"}
    with pytest.raises(sealing.BundleError) as raised:
        bundles.read_reply(a.sync, data)  # a bundle is not a reply
    assert raised.value.code == "wrong_direction"
    # the laptop still holds its work; the next bundle carries it
    assert a.sync.pending_count() >= 1
    again = _stick(tmp_path, a)
    assert _relay(world, again.parent)[again.name] == "replied"
    assert _read(a, again).acknowledged >= 1
    assert a.sync.pending_count() == 0
    with world.server.db.read() as conn:
        assert (
            conn.execute(
                select(s.row.c.region).where(s.row.c.tbl == "child", s.row.c.row_id == child_id)
            ).scalar()
            == "349901101201"
        )


def test_a_revoked_laptop_stops_by_stick_too(sqlite_world: World, tmp_path: Path) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    with a.store.connection() as conn:
        device = conn.exec_driver_sql("SELECT device_id FROM sync_state").scalar_one()
    with world.server.db.write() as conn:
        assert accounts.revoke(conn, device, now_ms=1)
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent) == {path.name: "replied"}
    assert _read(a, path).refused == "device_revoked"
    with pytest.raises(client.SyncError) as raised:
        bundles.export(a.sync)
    assert raised.value.code == "device_revoked"


def test_a_reply_for_another_laptop_does_not_open(sqlite_world: World, tmp_path: Path) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    b = world.laptop("dir_b")
    path = _stick(tmp_path, a)
    _stick(tmp_path, b)
    assert set(_relay(world, path.parent).values()) == {"replied"}
    with pytest.raises(sealing.BundleError) as raised:
        _read(b, path)
    assert raised.value.code == "not_for_us"


def test_a_laptop_on_bundles_alone_keeps_its_token(sqlite_world: World, tmp_path: Path) -> None:
    """Tokens are replaced by a sync online, and lapse after half a year without one: a
    laptop that only ever syncs by stick must not lapse (its bundles keep it alive)."""
    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    with world.server.db.write() as conn:
        conn.execute(s.device.update().values(expires_ms=accounts.now_ms() + 60_000))
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent) == {path.name: "replied"}
    assert _read(a, path).refused is None
    with world.server.db.read() as conn:
        left = conn.execute(select(s.device.c.expires_ms)).scalars().all()
    assert min(left) > accounts.now_ms() + (accounts.TOKEN_MAX_DAYS - 1) * accounts.DAY_MS


def test_a_laptop_on_bundles_alone_is_sealed_to_the_county_recovery_key(
    sqlite_world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The county sets its recovery key after the laptop went off the network: the
    reply bundle carries it, and the store's key is sealed to it (issue 16)."""
    from childcare_desktop.services import recovery as county_recovery
    from sync import recovery
    from tests.sync.test_recovery_key import _keygen, _set_key

    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    assert not county_recovery.recoverable(a.store.path)
    _private, public = _keygen(tmp_path / "county")
    fingerprint = _set_key(world.server, public, capsys)
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent) == {path.name: "replied"}
    assert _read(a, path).refused is None
    sidecar = county_recovery.recovery_path(a.store.path)
    assert recovery.sealed_to(sidecar.read_text()) == fingerprint


def test_a_reply_that_cannot_carry_everything_goes_on_in_the_next(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply carries at most so much of what the server holds (48 MB; a few KB here):
    it says there is more, and the next bundle goes on from where it stopped."""
    from sync.server.api import bundles as server_bundles

    monkeypatch.setattr(server_bundles, "REPLY_PULL_BYTES", 1)  # one pull answer a reply
    monkeypatch.setattr(server_bundles, "PULL_MAX_BYTES", 3000)  # of about 3 KB
    world = sqlite_world
    a2 = _second_laptop(world, "a2")
    with a2.store.session() as session:
        made = {make_child(session, name=f"柳{i}号", id_number=None).id for i in range(30)}
    assert a2.run().ok
    a = world.laptop("dir_a")
    _cut_off(a)
    replies = 0
    while True:
        path = _stick(tmp_path, a)
        assert _relay(world, path.parent)[path.name] == "replied"
        report = _read(a, path)
        replies += 1
        assert replies < 40, "the replies do not move on"
        if not report.more:
            break
    assert replies > 2
    with a.store.connection() as conn:
        held = {r[0] for r in conn.exec_driver_sql("SELECT id FROM child")}
    assert made <= held


def _forged(a: Laptop, token: str, packed: bytes, signer: SigningKey) -> tuple[bytes, Keys]:
    """A bundle made by hand, sealed to the server's public key (anyone may): the given
    token and signing key, ``packed`` as its compressed body; with the key its reply opens
    with."""
    reply = Keys.new()
    head = json.dumps(
        {"site": a.sync.sync_state().site_id, "n": 1, "token": token, "format": sealing.FORMAT,
         "reply_to": reply.public()["box"]}
    ).encode()  # fmt: skip
    signed = bytes(signer.verify_key) + len(head).to_bytes(4, "big") + head + packed
    signature = signer.sign(b"B" + signed).signature
    box = SealedBox(PublicKey(base64.b64decode(a.sync.bundle_state()["server"]["box"])))
    return sealing.MAGIC + b"B" + box.encrypt(signature + signed), reply


def _refused(world: World, data: bytes, reply: Keys) -> dict[str, str]:
    answer = server_bundles.answer(world.server.db, data)
    return dict(
        sealing.open_sealed(answer, sealing.Direction.TO_LAPTOP, reply.box).header["refused"]
    )


def test_a_forged_bundle_is_refused_before_its_body_is_inflated(
    sqlite_world: World, tmp_path: Path
) -> None:
    """Anyone may post to the relay endpoint and seal to the server's public key: the
    server knows the token and the laptop's pinned key from the header before it
    inflates a byte of the body, and then inflates no more than its bound."""
    world = sqlite_world
    a = world.laptop("dir_a")
    path = _stick(tmp_path, a)  # pins a's key
    assert _relay(world, path.parent)[path.name] == "replied"
    bomb = lzma.compress(b"[" + b"0," * (server_bundles.INFLATED // 2) + b"0]")
    assert len(bomb) < 200_000  # a small file, 64 MB of JSON and more once inflated
    token = a.sync.sync_state().token or ""
    mine = SigningKey(base64.b64decode(a.sync.bundle_state()["keys"]["sign"]))
    # (had either been inflated first, the refusal would be the bomb's, not the token's)
    data, reply = _forged(a, "not-a-token", bomb, SigningKey.generate())
    assert _refused(world, data, reply)["code"] == "bad_token"
    data, reply = _forged(a, token, bomb, SigningKey.generate())
    assert _refused(world, data, reply)["code"] == "other_key"
    data, reply = _forged(a, token, bomb, mine)  # a's own token and key: the bound holds
    refused = _refused(world, data, reply)
    assert refused["code"] == "bad_request" and "too large" in refused["message"]
    data, reply = _forged(a, token, b"not xz at all", mine)
    assert _refused(world, data, reply)["code"] == "bad_request"
    # and a's own laptop goes on as before
    again = _stick(tmp_path, a)
    assert _relay(world, again.parent)[again.name] == "replied"
    assert _read(a, again).refused is None


def test_a_server_restored_from_a_backup_gets_back_by_stick_what_it_lost(
    sqlite_world: World, tmp_path: Path
) -> None:
    """The county restores its server from last night's backup: a laptop that syncs only
    by stick had its bundle acknowledged since. Its next bundle finds the gap (the
    server lacks its earlier counters) and the reply puts them back in its outbox; the
    bundle after carries them again: nothing is lost."""
    from sync.server import cli as server_cli
    from tests.sync.test_restore import Backup

    world = sqlite_world
    a = world.laptop("dir_a")
    _cut_off(a)
    backup = Backup(world.server, tmp_path)
    backup.take()
    with a.store.session() as session:
        lost_id = make_child(session, name=NAME).id
    first = _stick(tmp_path, a)
    assert _relay(world, first.parent)[first.name] == "replied"
    assert _read(a, first).acknowledged >= 1 and a.sync.pending_count() == 0

    backup.restore()
    assert server_cli.main(["--db", world.server.db.url, "mark-restored"]) == 0
    with a.store.session() as session:
        kept_id = make_child(session, name="柳二满").id
    second = _stick(tmp_path, a)
    assert _relay(world, second.parent)[second.name] == "replied"
    report = _read(a, second)
    assert report.server_restored and a.sync.pending_count() >= 2  # the lost ones again
    third = _stick(tmp_path, a)
    assert _relay(world, third.parent)[third.name] == "replied"
    assert _read(a, third).acknowledged >= 2 and a.sync.pending_count() == 0
    with world.server.db.read() as conn:
        held = set(conn.execute(select(s.row.c.row_id).where(s.row.c.tbl == "child")).scalars())
    assert {lost_id, kept_id} <= held


def test_a_server_clock_set_back_does_not_make_new_replies_stale(
    sqlite_world: World, tmp_path: Path
) -> None:
    """The county's clock was a year ahead when the laptop last synced, then set right:
    a bundle made since is answered after that sync whatever the clock says."""
    world = sqlite_world
    a = world.laptop("dir_a")
    state = a.sync.bundle_state()
    ahead = accounts.now_ms() + 365 * accounts.DAY_MS  # what that sync's hello said
    a.sync.save_bundle_state({**state, "seen_ms": ahead, "made_then": 0})
    _cut_off(a)
    with a.store.session() as session:
        make_child(session, name=NAME)
    path = _stick(tmp_path, a)
    assert _relay(world, path.parent)[path.name] == "replied"
    report = _read(a, path)
    assert not report.stale and report.acknowledged >= 1
    assert _read(a, path).stale  # and read again, it is
