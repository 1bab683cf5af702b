"""A review of the pull that asks for the next answer while it applies the one in hand
(issue 19): the answer asked for ahead fails in each way a link or a server fails it (a
cut, an error 5xx, an error in JSON), on a village laptop and on a township laptop that
pulls several villages' feeds; every page is applied once, none is skipped, and no
cursor is stored past what was applied. Also: an acknowledgement that shows values the
server kept, of several fields and rows at once (NULL, a JSON value)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from sync.client import SyncEngine
from sync.client.store import Ack
from sync.protocol import Operation, OpKind, Status
from sync.server.errors import SyncRefused
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer
from tests.sync.pull_ahead import FilledVillage
from tests.sync.township import World

CHILDREN = 30


def _notes(i: int, village: str = "") -> str:
    """Notes that do not compress away (answers of several connections' worth)."""
    return "".join(hashlib.sha256(f"{village}{i}.{k}".encode()).hexdigest() for k in range(4))


def _children(laptop: Laptop) -> dict[str, tuple[Any, ...]]:
    with laptop.store.connection() as conn:
        rows = conn.exec_driver_sql("SELECT id, name, phone, notes, region_code FROM child").all()
    return {r[0]: tuple(r[1:]) for r in rows}


def _cursors(laptop: Laptop) -> dict[str, int]:
    with laptop.store.connection() as conn:
        text = conn.exec_driver_sql("SELECT cursors FROM sync_state WHERE id = 1").scalar_one()
    return {k: int(v) for k, v in json.loads(text).items()}


def _heads(server: LiveServer) -> dict[str, int]:
    with server.db.read() as conn:
        rows = conn.exec_driver_sql("SELECT region, seq FROM village").all()
    return {r[0]: int(r[1]) for r in rows}


class _CutAhead(HTTPAdapter):
    """A real adapter that breaks the ``nth`` pull request on the wire (nothing sent)."""

    def __init__(self, nth: set[int]) -> None:
        super().__init__()
        self.nth, self.pulls = nth, 0

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if (request.url or "").endswith("/pull"):
            self.pulls += 1
            if self.pulls in self.nth:
                raise requests.ConnectionError("fault: the answer asked for ahead is cut")
        return super().send(request, *args, **kwargs)


def _watched(engine: SyncEngine, laptop: Laptop, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every page the laptop applies: (village, cursor before, its entries' seqs, to)."""
    pages: list[Any] = []
    real = laptop.sync.apply_page

    def apply_page(region: str, to_seq: int, entries: Any) -> None:
        before = _cursors(laptop).get(region, 0)
        real(region, to_seq, entries)
        pages.append((region, before, [e.seq for e in entries], to_seq))

    monkeypatch.setattr(laptop.sync, "apply_page", apply_page)
    engine.transport.backoff_s = 0.0
    engine.link.high = engine.link.low  # small answers: each village comes in several
    return pages


def _each_once(pages: list[Any]) -> None:
    """No entry applied twice, each page starting where the stored cursor was."""
    seen: dict[str, list[int]] = {}
    for region, before, seqs, to in pages:
        assert all(s > before for s in seqs), (region, before, seqs[:3])
        assert to >= before
        seen.setdefault(region, []).extend(seqs)
    for region, seqs in seen.items():
        assert len(seqs) == len(set(seqs)), f"{region}: an entry applied twice"
        assert seqs == sorted(seqs), f"{region}: entries out of order"


def _fail_nth_pull(server: LiveServer, nth: set[int], error: Exception) -> list[int]:
    """The server fails its ``nth`` pull answer with ``error`` (a 500, or a refusal in
    JSON); returns the count of pulls it answered."""
    count = [0]
    lock = threading.Lock()

    def hook() -> None:
        with lock:
            count[0] += 1
            if count[0] in nth:
                raise error

    server.app.state.failpoints["pull.before_reply"] = hook
    return count


FAULTS = ["cut", "server_error", "json_refusal", "json_too_large"]


def _fault(kind: str, server: LiveServer, engine: SyncEngine, nth: set[int]) -> Callable[[], int]:
    """Spoil the pulls numbered in ``nth``; returns how many pulls were asked for so far."""
    if kind == "cut":
        adapter = _CutAhead(nth)
        engine.transport.session.mount(server.url, adapter)
        return lambda: adapter.pulls
    if kind == "server_error":
        count = _fail_nth_pull(server, nth, RuntimeError("the answer asked for ahead fails"))
    elif kind == "json_refusal":  # not transient: the run ends, and what it kept stands
        count = _fail_nth_pull(server, nth, SyncRefused(409, "busy", "try later"))
    else:  # transient, said in JSON
        count = _fail_nth_pull(server, nth, SyncRefused(413, "too_large", "smaller, please"))
    return lambda: count[0]


@pytest.mark.parametrize("nth", [2, 3])
@pytest.mark.parametrize("kind", FAULTS)
def test_an_answer_asked_for_ahead_that_fails_loses_and_repeats_nothing(
    filled_village: Callable[..., FilledVillage],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    nth: int,
) -> None:
    village = filled_village(CHILDREN, _notes)  # laptop A filed and sent them
    server, a, b = village.server, village.a, village.b

    engine = SyncEngine(b.sync)
    pages = _watched(engine, b, monkeypatch)
    pulls = _fault(kind, server, engine, {nth})
    report = engine.run()
    assert pulls() >= nth  # the fault did land
    assert report.ok is (kind != "json_refusal"), report
    if kind == "json_refusal":
        assert report.error == "busy"
        # what came before the refusal stays, with its cursor and nothing past it
        assert _cursors(b).get(VILLAGE_A, 0) == (pages[-1][3] if pages else 0)
        assert len(_children(b)) < CHILDREN
        server.app.state.failpoints.clear()
        engine = SyncEngine(b.sync)
        _watched(engine, b, monkeypatch)  # the same list: appended to
        assert engine.run().ok
    _each_once(pages)
    assert _cursors(b)[VILLAGE_A] == _heads(server)[VILLAGE_A]
    assert _children(b) == _children(a) and len(_children(b)) == CHILDREN
    with b.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one() == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("sync-pull")]


@pytest.mark.parametrize("kind", ["cut", "server_error"])
def test_a_township_laptop_pulls_several_villages_ahead_with_failures(
    filled_township: Callable[..., World], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    world = filled_township(CHILDREN // 2, _notes)  # dir_a and dir_b filed and sent them
    sup = world.laptop("sup_1")
    engine = SyncEngine(sup.sync)
    pages = _watched(engine, sup, monkeypatch)
    pulls = _fault(kind, world.server, engine, {2, 3})
    report = engine.run()
    assert report.ok, report
    assert pulls() >= 4
    assert {p[0] for p in pages} >= {VILLAGE_A, VILLAGE_B}
    _each_once(pages)
    heads = _heads(world.server)
    cursors = _cursors(sup)
    assert cursors[VILLAGE_A] == heads[VILLAGE_A] and cursors[VILLAGE_B] == heads[VILLAGE_B]
    mine = _children(sup)
    want = {**_children(world.laptop("dir_a")), **_children(world.laptop("dir_b"))}
    assert mine == want and len(mine) == 2 * (CHILDREN // 2)


def test_a_laptop_killed_while_it_waits_for_the_answer_asked_for_ahead_keeps_its_cursor(
    filled_village: Callable[..., FilledVillage],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page in hand is applied and committed; the run then dies (an exception out of
    the progress callback, as a closing app's) while the answer asked for ahead is still
    on the wire: the stored cursor is the page's, not the ahead answer's."""
    village = filled_village(CHILDREN, _notes)  # laptop A filed and sent them
    a, b = village.a, village.b
    engine = SyncEngine(b.sync)
    pages = _watched(engine, b, monkeypatch)

    class Closing(Exception):
        pass

    def say(phase: str, done: int, total: int) -> None:
        if phase == "pull" and len(pages) == 1 and total == 0 and done > 0:
            raise Closing

    with pytest.raises(Closing):
        engine.run(say)
    assert not [t for t in threading.enumerate() if t.name.startswith("sync-pull")]
    assert _cursors(b)[VILLAGE_A] == pages[0][3]
    assert 0 < len(_children(b)) < CHILDREN
    monkeypatch.undo()
    assert b.run().ok
    assert _children(b) == _children(a)


def test_kept_values_of_several_tables_and_fields_are_shown_at_once(
    make_laptop: Callable[..., Laptop],
) -> None:
    """``_show`` groups by (table, field): several fields of several rows in one batch, a
    NULL, a list (a JSON column), a name (its pinyin key follows), all shown as kept."""
    lap = make_laptop("a")
    with lap.store.session() as session:
        kids = [make_child(session, name=f"儿童{i}", notes=f"原{i}") for i in range(3)]
        ids = [k.id for k in kids]
    site = lap.sync.sync_state().site_id
    ops = lap.sync.pending(1000)
    assert ops
    kept = {
        (ids[0], "notes"): None,
        (ids[1], "notes"): "服务器的",
        (ids[2], "phone"): "13800000000",
        (ids[0], "economic_sources"): ["farming", "relatives"],
        (ids[1], "name"): "王五",
    }
    inserts = {op.row_id: op for op in ops if op.kind.value == "insert" and op.table == "child"}
    # Each insert acknowledged applied, then a set of each kept field acknowledged kept.
    acks = [Ack(op.ctr, Status.APPLIED, 1, None, None) for op in inserts.values()]
    top = max(op.ctr for op in ops)
    sets = []
    for n, ((row_id, field), value) in enumerate(sorted(kept.items(), key=str), 1):
        mine = Operation(
            site_id=site,
            ctr=top + n,
            table="child",
            row_id=row_id,
            kind=OpKind.SET,
            field=field,
            value="本机的",
            region_code=VILLAGE_A,
            hlc=0,
            device_ms=0,
            base=1,
        )
        sets.append(mine)
        acks.append(Ack(top + n, Status.KEPT, 2, value, None))
    lap.sync.acknowledge(site, acks, list(inserts.values()) + sets)
    with lap.store.connection() as conn:
        rows = {
            r[0]: r[1:]
            for r in conn.exec_driver_sql(
                "SELECT id, notes, phone, economic_sources, name, name_pinyin FROM child"
            ).all()
        }
    assert rows[ids[0]][0] is None
    assert json.loads(rows[ids[0]][2]) == ["farming", "relatives"]
    assert rows[ids[1]][0] == "服务器的" and rows[ids[1]][3] == "王五"
    assert rows[ids[1]][4] != rows[ids[0]][4]  # the pinyin key follows the name
    assert rows[ids[2]][1] == "13800000000" and rows[ids[2]][0] == "原2"


def test_an_exit_that_waits_drops_the_answer_asked_for_ahead(
    sqlite_world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exit comes in an answer that says there is more (children filed after it by
    a second laptop of the village): the answer after it is asked for ahead, from past
    the exit; the exit waits for this laptop's edit, the cursor stays before it, and the
    answer asked for ahead is dropped. The next sync sends the edit, then leaves."""
    from childcare_desktop.services.children import update_child
    from sync import client
    from tests.sync.test_transfer_orders import _accept, _ask
    from tests.sync.test_transfers import _file, _held

    world = sqlite_world
    dir_a = world.laptop("dir_a")
    child_id = _file(dir_a)
    transfer_id = _ask(world, "dir_a", child_id, VILLAGE_B)
    assert dir_a.run().ok
    _accept(world, "sup_1", transfer_id)
    assert world.laptop("sup_1").run().ok
    other = world.make_laptop("dir_a_2")
    client.enroll(
        world.server.url,
        user="dir_a",
        code=world.server.code("dir_a"),
        label="a2",
        store=other.sync,
    )
    with other.store.session() as session:
        for i in range(CHILDREN):
            make_child(session, name=f"后来{i}", notes=_notes(i))
    assert other.run().ok
    with dir_a.store.session() as session:
        update_child(session, child_id=child_id, current_address="晚到的地址")
    engine = SyncEngine(dir_a.sync)
    pages = _watched(engine, dir_a, monkeypatch)
    asked: list[dict[str, Any]] = []
    lines = engine.transport.lines

    def counted(path: str, body: Any) -> Any:
        if path == "/pull":
            asked.append(body)
        return lines(path, body)

    monkeypatch.setattr(engine.transport, "lines", counted)
    monkeypatch.setattr(dir_a.sync, "pending", lambda limit, after=0: [])
    report = engine.run()
    assert report.ok, report
    assert dir_a.sync.exit_waits
    stored = _cursors(dir_a)[VILLAGE_A]
    assert stored < _heads(world.server)[VILLAGE_A]
    assert asked[-1]["cursors"][VILLAGE_A] > stored  # asked for ahead, past the exit
    assert _held(dir_a, child_id)["child"] == (VILLAGE_A, "晚到的地址")
    assert len(_children(dir_a)) < CHILDREN + 1  # nothing of the answer dropped
    _each_once(pages)
    monkeypatch.undo()
    assert dir_a.run().ok and dir_a.run().ok
    assert _held(dir_a, child_id)["child"] is None
    assert _cursors(dir_a)[VILLAGE_A] == _heads(world.server)[VILLAGE_A]
    assert other.run().ok
    assert set(_children(dir_a)) == set(_children(other))
    assert child_id not in _children(dir_a) and len(_children(dir_a)) == CHILDREN


@pytest.mark.parametrize("seed", [13, 2, 5])
def test_a_township_laptop_pulls_ahead_over_a_link_that_cuts(
    filled_township: Callable[..., World], seed: int
) -> None:
    """Both villages' feeds through a link that resets each connection within 24 KB:
    answers asked for ahead are cut part way; each page is applied once, none skipped."""
    from tests.sync.link import LinkModel, link

    world = filled_township(CHILDREN, _notes)  # dir_a and dir_b filed and sent them
    sup = world.laptop("sup_1")
    state = sup.sync.sync_state()
    with (
        pytest.MonkeyPatch.context() as m,
        link(world.server.url, LinkModel(cut_within=(1, 24 * 1024), seed=seed)) as proxy,
    ):
        from sync.client import Transport

        transport = Transport(proxy.url, backoff_s=0.0, attempts=3, timeout=20)
        transport.token = state.token
        engine = SyncEngine(sup.sync, transport=transport)
        pages = _watched(engine, sup, m)
        report = engine.run()
        transport.session.close()
        assert proxy.snapshot().cuts > 0
    assert report.ok, report
    _each_once(pages)
    heads = _heads(world.server)
    cursors = _cursors(sup)
    assert cursors[VILLAGE_A] == heads[VILLAGE_A] and cursors[VILLAGE_B] == heads[VILLAGE_B]
    want = {**_children(world.laptop("dir_a")), **_children(world.laptop("dir_b"))}
    assert _children(sup) == want and len(want) == 2 * CHILDREN


def test_an_unreadable_line_before_a_cut_is_a_protocol_error_not_a_cut(
    filled_village: Callable[..., FilledVillage],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The server's first answer holds a whole line, then a line it cannot read (JSON,
    but no village's part), then ends part way through a line (a cut). The unreadable line came first: the run ends
    with ``protocol`` as it did when lines were taken as they came (not taken as one
    more cut, tried again and again), keeping the whole line before it."""
    from sync.server import merge

    village = filled_village(CHILDREN, _notes)  # laptop A filed and sent them
    b = village.b
    real = merge.as_lines
    spoiled = [0]

    def hostile(answer: dict[str, Any]) -> bytes:
        text = real(answer)
        if spoiled[0]:
            return text
        spoiled[0] += 1
        first, rest = text.split(b"\n", 1)
        return first + b'\n{"r":5,"e":[]}\n' + rest[:20]

    monkeypatch.setattr(merge, "as_lines", hostile)
    engine = SyncEngine(b.sync)
    pages = _watched(engine, b, monkeypatch)
    report = engine.run()
    assert spoiled[0] == 1
    assert report.error == "protocol", report
    assert len(pages) == 1 and _cursors(b)[VILLAGE_A] == pages[0][3]
