"""A link model: a loopback TCP proxy in front of the county server that behaves like a
rural phone hotspot (issue 13).

Each connection through it may carry only a budget of bytes (both ways together), drawn
for that connection from ``cut_within`` with the link's own seeded random numbers; when
the budget is spent the proxy forwards what still fits and resets the connection (RST on
both sides). It can also forward only the status line of an answer (``HTTP/1.1 200 OK``)
and then close, as a link that drops right after the answer began. A ``rate`` (bits per
second, each way) and a ``delay`` per chunk forwarded slow it down as the real link does;
tests scale them down, the bench uses the real figures.

Counters (bytes each way, connections, cuts, status-line cuts) are kept under one
condition, so a test waits on them (:meth:`Link.wait_for`) instead of sleeping.
"""

from __future__ import annotations

import array
import random
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

CHUNK = 16 * 1024
DRAIN_S = 2.0  # how long a reset waits for the bytes forwarded to leave the proxy
SIOCOUTQNSD = 0x894B  # Linux: bytes in a socket's send queue not yet sent
REQUEST_LINE = re.compile(rb"(GET|POST|PATCH|HEAD|PUT|DELETE) (\S+) HTTP/1\.[01]\r\n")


@dataclass
class LinkModel:
    """How the link behaves. ``cut_within=(low, high)``: every connection is reset after a
    number of bytes drawn uniformly from that range (None: never)."""

    cut_within: tuple[int, int] | None = None
    rate_bps: int | None = None  # each way; None: as fast as loopback
    delay_s: float = 0.0  # before each chunk is forwarded
    seed: int = 13


@dataclass
class Counters:
    up: int = 0  # bytes from the laptop to the server
    down: int = 0  # bytes from the server to the laptop
    connections: int = 0
    cuts: int = 0  # connections reset when their budget ran out
    status_cuts: int = 0  # answers cut right after their status line
    requests: int = 0  # request lines seen

    @property
    def total(self) -> int:
        return self.up + self.down


@dataclass(eq=False)
class _Connection:
    budget: int | None
    client: socket.socket
    server: socket.socket
    path: str = ""
    used: int = 0
    ended: int = 0  # directions whose sender has finished
    spent: bool = False  # the budget ran out: the connection is being reset
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class Link:
    """The proxy; ``url`` is the server's address as seen through it."""

    def __init__(self, target_url: str, model: LinkModel | None = None) -> None:
        target = urlsplit(target_url)
        self.target = (target.hostname or "127.0.0.1", target.port or 80)
        self.model = model or LinkModel()
        self.counters = Counters()
        self.changed = threading.Condition()
        self._rng = random.Random(self.model.seed)
        self._status_cuts: dict[str, int] = {}  # path part -> answers left to cut
        self._open: set[_Connection] = set()
        self._listener = socket.create_server(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self.url = f"{target.scheme}://127.0.0.1:{port}"
        self._accepting = threading.Thread(target=self._accept, daemon=True, name="link-accept")
        self._accepting.start()

    # -- what tests use ------------------------------------------------------------------

    def cut_status(self, path_part: str, times: int = 1) -> None:
        """Cut the next ``times`` answers to requests whose path holds ``path_part`` right
        after their status line (it is forwarded, then the connection closes)."""
        with self.changed:
            self._status_cuts[path_part] = self._status_cuts.get(path_part, 0) + times

    def clear_status_cuts(self) -> None:
        """Forget the status-line cuts not taken yet."""
        with self.changed:
            self._status_cuts.clear()

    def set_model(self, model: LinkModel) -> None:
        """Connections opened from now on follow ``model`` (its own random numbers)."""
        with self.changed:
            self.model = model
            self._rng = random.Random(model.seed)

    def snapshot(self) -> Counters:
        with self.changed:
            return Counters(**{k: getattr(self.counters, k) for k in Counters.__annotations__})

    def wait_for(self, predicate: Callable[[Counters], bool], timeout: float = 30.0) -> bool:
        """Wait until ``predicate(counters)`` holds (True) or ``timeout`` passes (False)."""
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self.counters), timeout)

    def close(self) -> None:
        with suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self.changed:
            still = list(self._open)
        for conn in still:
            self._reset(conn)
        self._accepting.join(5)

    # -- the proxy -----------------------------------------------------------------------

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.changed:
                cut = self.model.cut_within
                budget = self._rng.randint(*cut) if cut else None
                conn = _Connection(budget, client, server)
                self._open.add(conn)
                self.counters.connections += 1
                self.changed.notify_all()
            for up in (True, False):
                src, dst = (client, server) if up else (server, client)
                threading.Thread(
                    target=self._pump, args=(conn, src, dst, up), daemon=True, name="link-pump"
                ).start()

    def _pump(self, conn: _Connection, src: socket.socket, dst: socket.socket, up: bool) -> None:
        while True:
            try:
                data = src.recv(CHUNK)
            except OSError:
                data = b""
            if not data:
                self._half_close(conn, dst)
                return
            self._pace(len(data))
            data, last = self._shape(conn, data, up)
            try:
                dst.sendall(data)
            except OSError:
                self._reset(conn)
                return
            self._count(len(data), up)
            if last:
                if last != "gone":  # the other direction spent the budget and resets
                    self._end(conn, last)
                return

    def _pace(self, size: int) -> None:
        """The link's latency per chunk and its rate (the proxy's own threads wait, as a
        slow link makes the bytes wait)."""
        model = self.model
        wait = model.delay_s + (size * 8 / model.rate_bps if model.rate_bps else 0.0)
        if wait > 0:
            time.sleep(wait)

    def _shape(self, conn: _Connection, data: bytes, up: bool) -> tuple[bytes, str]:
        """What of ``data`` goes through, and how the connection ends after it ("" if it
        does not): "cut" when the budget is spent, "status" after a status line."""
        with conn.lock:
            if conn.closed or conn.spent:
                return b"", "gone"
            if up:
                found = REQUEST_LINE.match(data)
                if found:
                    conn.path = found.group(2).decode("latin-1")
                    self._note("requests")
            elif data.startswith(b"HTTP/1.") and self._take_status_cut(conn.path):
                return data[: data.index(b"\r\n") + 2], "status"
            if conn.budget is None:
                return data, ""
            room = conn.budget - conn.used
            if len(data) >= room:
                conn.used = conn.budget
                conn.spent = True
                return data[:room], "cut"
            conn.used += len(data)
            return data, ""

    def _take_status_cut(self, path: str) -> bool:
        with self.changed:
            for part, left in self._status_cuts.items():
                if left > 0 and part in path:
                    self._status_cuts[part] = left - 1
                    return True
        return False

    def _note(self, counter: str, n: int = 1) -> None:
        with self.changed:
            setattr(self.counters, counter, getattr(self.counters, counter) + n)
            self.changed.notify_all()

    def _count(self, n: int, up: bool) -> None:
        if n:
            self._note("up" if up else "down", n)

    def _end(self, conn: _Connection, how: str) -> None:
        if how == "status":  # an orderly close: the laptop reads the end of the answer
            self._note("status_cuts")
            self._close(conn, reset=False)
        else:
            self._note("cuts")
            self._drain(conn)
            self._close(conn, reset=True)

    def _drain(self, conn: _Connection) -> None:
        """Before a reset: let the bytes forwarded reach their side. A reset discards what
        the kernel has not sent yet (a loopback socket may still hold the last chunks):
        those never crossed the link, and are taken off the counters if they are still
        there after :data:`DRAIN_S` (the laptop not reading)."""
        deadline = time.monotonic() + DRAIN_S
        while time.monotonic() < deadline and (_unsent(conn.client) or _unsent(conn.server)):
            time.sleep(0.001)  # the kernel's queue has no event to wait on
        with self.changed:
            self.counters.down -= _unsent(conn.client)
            self.counters.up -= _unsent(conn.server)

    def _reset(self, conn: _Connection) -> None:
        self._close(conn, reset=True)

    def _close(self, conn: _Connection, *, reset: bool) -> None:
        with conn.lock:
            if conn.closed:
                return
            conn.closed = True
        for sock in (conn.client, conn.server):
            try:
                if reset:  # SO_LINGER 0: close sends RST, as a dropped mobile link does
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                # wakes the other pump's recv (SHUT_RD sends nothing; the close then does)
                sock.shutdown(socket.SHUT_RD if reset else socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        with self.changed:
            self._open.discard(conn)
            self.changed.notify_all()

    def _half_close(self, conn: _Connection, dst: socket.socket) -> None:
        """One side finished sending: pass the end on; close both when both are done."""
        with conn.lock:
            conn.ended += 1
            both = conn.ended == 2
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            both = True
        if both:
            self._close(conn, reset=False)


def _unsent(sock: socket.socket) -> int:
    """Bytes written to ``sock`` that the kernel has not sent yet (Linux; 0 elsewhere)."""
    try:
        import fcntl  # not on Windows

        out = array.array("i", [0])
        fcntl.ioctl(sock.fileno(), SIOCOUTQNSD, out)
    except (ImportError, OSError, ValueError):
        return 0
    return out[0]


@contextmanager
def link(target_url: str, model: LinkModel | None = None) -> Iterator[Link]:
    """A :class:`Link` in front of ``target_url`` for the time of the block."""
    proxy = Link(target_url, model)
    try:
        yield proxy
    finally:
        proxy.close()
