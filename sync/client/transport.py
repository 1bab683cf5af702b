"""HTTP to the county server over ``requests``: compressed bodies, retries with backoff,
and a count of the bytes on the wire (what a phone hotspot pays for).

``requests`` (and urllib3) are imported when the first exchange is made, not with this
module: the desktop imports the sync client at its start, where no sync is run yet."""

from __future__ import annotations

import gzip
import ipaddress
import json
import random
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..protocol import API, JSON_TYPE, LINES_TYPE, MAX_INFLATED_BYTES, pack, unpack

if TYPE_CHECKING:
    import requests

LINE_READ = 16 * 1024  # bytes read from the socket at a time for an answer as lines


class SyncError(Exception):
    """A sync that could not finish. ``code`` is stable (the app words it for people);
    nothing local is lost whatever the code."""

    def __init__(self, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


def check_server_url(url: str, *, allow_http: bool = False) -> str:
    """The server's address, cleaned; ``https://`` unless the server is this machine
    (127.0.0.0/8, ::1, localhost) or ``allow_http`` says plain HTTP is meant (a test
    network): children's files never cross a network in clear by accident."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError("bad_url", "the server address starts with http:// or https://")
    if parts.scheme == "http" and not allow_http and not _loopback(parts.hostname):
        raise SyncError("plain_http", "plain http:// only to this machine, unless allowed")
    return url


def _loopback(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class Meter:
    requests: int = 0
    sent: int = 0  # bytes, headers included; a request cut part way counts whole
    received: int = 0
    cuts: int = 0  # exchanges that broke (each retried)
    last_raw: int = 0  # the last answer's body, inflated
    last_body: int = 0  # ... and as it came on the wire


def _session() -> requests.Session:
    import requests  # on first use (see the module's text)

    return requests.Session()


@dataclass
class Transport:
    base_url: str
    token: str | None = None
    session: requests.Session = field(default_factory=_session)
    timeout: float = 30.0
    attempts: int = 5
    backoff_s: float = 0.5
    sleep: Callable[[float], None] = time.sleep
    meter: Meter = field(default_factory=Meter)
    # What to check the server's certificate against: the system's authorities (True),
    # or a file holding the county's own certificate.
    verify: bool | str = True

    def __post_init__(self) -> None:
        # Every exchange pays its headers on a link that bills bytes: none that say
        # nothing (HTTP/1.1 keeps the connection open and takes any type by default).
        for name in ("Accept", "Connection"):
            self.session.headers.pop(name, None)
        self.session.headers["User-Agent"] = "childcare"

    def post(self, path: str, body: Any, *, retry: bool = True) -> Any:
        data = pack(body)
        headers = {"Content-Type": JSON_TYPE, "Content-Encoding": "gzip"}
        return self._call("POST", path, data, headers, retry=retry)

    def get(self, path: str, *, retry: bool = True) -> Any:
        """GET ``path`` and decode its JSON answer."""
        return self._call("GET", path, b"", {}, retry=retry)

    def post_lines(self, path: str, head: dict[str, Any], items: list[Any]) -> Any:
        """POST once as lines (:data:`LINES_TYPE`): ``head``, then one item a line (a
        server that takes them applies a body cut part way as far as its last whole line)."""
        text = b"".join(_dumps(v) + b"\n" for v in [head, *items])
        headers = {"Content-Type": LINES_TYPE, "Content-Encoding": "gzip"}
        return self._call("POST", path, gzip.compress(text, 6), headers, retry=False)

    def lines(self, path: str, body: Any) -> Iterator[Any]:
        """POST ``body`` once, asking for an answer as lines (:data:`LINES_TYPE`), and
        yield each line that arrives whole, as it arrives. A JSON answer (an older server,
        an error) is yielded whole as one value, or raised as :meth:`post` would. A cut
        raises ``SyncError("offline")`` after the lines that came through whole."""
        import requests

        data = pack(body)
        headers = {"Content-Type": JSON_TYPE, "Content-Encoding": "gzip", "Accept": LINES_TYPE}
        try:
            response = self._send("POST", path, data, headers, stream=True)
        except requests.RequestException as exc:
            raise self._broken(exc, data) from exc
        with response:
            if response.headers.get("content-type", "").split(";")[0] != LINES_TYPE:
                yield self._whole(response, data, headers)
                return
            self._count(response, data, headers, body=0)
            yield from self._read_lines(response)

    def _read_lines(self, response: requests.Response) -> Iterator[Any]:
        import requests
        import urllib3

        gzipped = response.headers.get("content-encoding") == "gzip"
        inflater = zlib.decompressobj(wbits=31) if gzipped else None
        rest, inflated = b"", 0
        while True:
            try:
                chunk = response.raw.read1(LINE_READ, decode_content=False)
            except (urllib3.exceptions.HTTPError, OSError, requests.RequestException) as exc:
                self.meter.cuts += 1
                raise SyncError("offline", "the answer was cut") from exc
            if not chunk:
                break
            self.meter.received += len(chunk)
            self.meter.last_body += len(chunk)
            text = inflater.decompress(chunk) if inflater is not None else chunk
            inflated += len(text)
            self.meter.last_raw = inflated
            if inflated > MAX_INFLATED_BYTES:
                raise SyncError("protocol", "the server's answer is too large")
            *whole, rest = (rest + text).split(b"\n")
            for line in whole:
                yield _line(line)
        if rest or (inflater is not None and not inflater.eof):
            self.meter.cuts += 1
            raise SyncError("offline", "the answer was cut")

    def _whole(self, response: requests.Response, data: bytes, headers: dict[str, str]) -> Any:
        """A JSON answer to :meth:`lines`, read whole, as :meth:`_call` reads one."""
        import requests

        try:
            content = response.content
        except requests.RequestException as exc:
            raise self._broken(exc, data) from exc
        self._count(response, data, headers)
        if response.status_code >= 500:
            raise SyncError("server_error", f"server error {response.status_code}")
        if not content:
            self.meter.cuts += 1
            raise SyncError("offline", "the answer was cut after its status line")
        return self._decode(response)

    def _send(
        self, method: str, path: str, data: bytes, headers: dict[str, str], *, stream: bool
    ) -> requests.Response:
        headers = {"Accept-Encoding": "gzip", **headers}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.session.request(
            method,
            self.base_url.rstrip("/") + API + path,
            data=data,
            headers=headers,
            timeout=self.timeout,
            verify=self.verify,
            stream=stream,
        )

    def _broken(self, exc: requests.RequestException, data: bytes) -> SyncError:
        """What a request that failed on the wire means (a refused certificate is not a
        cut: trying again will not help)."""
        import requests

        if isinstance(exc, requests.exceptions.SSLError):
            reason = _certificate_problem(exc)
            if reason:
                return SyncError("certificate", f"the server's certificate: {reason}")
            return SyncError("offline", "the secure connection broke")
        self._lost(data)
        return SyncError("offline", f"the connection broke: {type(exc).__name__}")

    def request(
        self, method: str, path: str, data: bytes, headers: dict[str, str], *, retry: bool = True
    ) -> requests.Response:
        """One raw request (attachments), retried like the others; returns the response."""
        response: requests.Response = self._call(method, path, data, headers, raw=True, retry=retry)
        return response

    def _call(
        self,
        method: str,
        path: str,
        data: bytes,
        headers: dict[str, str],
        *,
        retry: bool = True,
        raw: bool = False,
    ) -> Any:
        import requests

        last: Exception | None = None
        for attempt in range(self.attempts if retry else 1):
            if attempt:
                self.sleep(self.backoff_s * (2 ** (attempt - 1)) * (0.5 + random.random()))
            try:
                response = self._send(method, path, data, headers, stream=False)
                self._count(response, data, headers)
                if response.status_code >= 500:
                    last = SyncError("server_error", f"server error {response.status_code}")
                    continue
                if not raw and not response.content:
                    # Every answer of the server has a body: none means the link dropped
                    # after the status line (which reads as an empty answer).
                    self.meter.cuts += 1
                    last = SyncError("offline", "the answer was cut after its status line")
                    continue
            except requests.exceptions.SSLError as exc:
                reason = _certificate_problem(exc)
                if reason:  # trying again will not help; a cut handshake is only offline
                    raise SyncError("certificate", f"the server's certificate: {reason}") from exc
                last = SyncError("offline", "the secure connection broke")
                continue
            except (requests.ConnectionError, requests.Timeout) as exc:
                self._lost(data)
                last = SyncError("offline", f"cannot reach the server: {type(exc).__name__}")
                continue
            except requests.RequestException as exc:  # a cut answer, a broken encoding...
                self._lost(data)
                last = SyncError("offline", f"the connection broke: {type(exc).__name__}")
                continue
            if raw:
                return response
            return self._decode(response)
        assert last is not None
        raise last

    def _count(
        self,
        response: requests.Response,
        data: bytes,
        headers: dict[str, str],
        *,
        body: int | None = None,
    ) -> None:
        """Count an exchange: the request, the answer's head, and its ``body`` bytes (None:
        the whole body, read; a streamed body counts itself as it is read)."""
        self.meter.requests += 1
        request = response.request
        head = sum(len(k) + len(str(v)) + 4 for k, v in request.headers.items())
        self.meter.sent += (
            head + len(data) + len(request.method or "") + len(request.path_url or "") + 12
        )
        answer_head = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        if body is not None:
            self.meter.received += answer_head + 17 + body
            self.meter.last_body = self.meter.last_raw = body
            return
        length = response.headers.get("content-length")
        size = int(length) if length else len(response.content)
        self.meter.received += answer_head + 17 + size
        self.meter.last_body, self.meter.last_raw = size, len(response.content)

    def _lost(self, data: bytes) -> None:
        """A request that broke: counted as sent whole (how much left is unknown)."""
        self.meter.cuts += 1
        self.meter.sent += len(data)

    @staticmethod
    def _decode(response: requests.Response) -> Any:
        try:
            body = response.json() if response.content else {}
        except (ValueError, json.JSONDecodeError):
            try:
                body = unpack(response.content)
            except ValueError as exc:
                raise SyncError("protocol", "the server's answer could not be read") from exc
        if response.status_code >= 400:
            code = body.get("error", "refused") if isinstance(body, dict) else "refused"
            message = body.get("message", response.reason) if isinstance(body, dict) else ""
            details = (
                {k: v for k, v in body.items() if k not in ("error", "message")}
                if isinstance(body, dict)
                else {}
            )
            raise SyncError(code, message, status=response.status_code, **details)
        return body


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _line(text: bytes) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise SyncError("protocol", "a line of the server's answer could not be read") from exc


def _certificate_problem(exc: Exception) -> str | None:
    """The TLS library's words when the certificate was refused ("certificate verify
    failed: self-signed certificate"), else None."""
    text = str(exc)
    start = text.find("certificate verify failed")
    return text[start:].split(" (_ssl")[0].split(")")[0] if start >= 0 else None
