"""Fault injection for the sync tests: a ``requests`` adapter that cuts real connections,
and helpers to snapshot, restore and inspect the SQLite-backed county server.

The adapter sits on a laptop's :class:`sync.client.Transport` session. A *plan* names
the requests it spoils (by endpoint, for a number of hits) and how:

* ``cut_request``: the first ``k`` bytes of the serialised request really go to the
  server over a fresh socket, which is then closed (the server sees a truncated body);
* ``cut_response``: the request is sent whole (the server commits), the first ``k`` bytes
  of the answer's body are read and the connection is closed;
* ``drop``: nothing is sent (connection refused before the request);
* ``offline_after``: after ``n`` requests of the sync every further one fails.

Successful push requests are recorded (body, headers and answer) so a test can deliver
the same batch again.
"""

from __future__ import annotations

import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter


@dataclass
class Plan:
    mode: str  # cut_request | cut_response | drop | offline_after
    endpoint: str | None = None  # "/hello", "/push", "/pull" ... or None for any
    fraction: float = 0.5  # where to cut, as a fraction of the bytes
    hits: int = 1  # how many matching requests it spoils
    after: int = 0  # offline_after: requests allowed before the link dies


@dataclass
class Recorded:
    body: bytes
    headers: dict[str, str]
    answer: dict[str, Any]


class FaultAdapter(HTTPAdapter):
    def __init__(self) -> None:
        super().__init__()
        self.plans: list[Plan] = []
        self.pushes: list[Recorded] = []
        self.requests_seen = 0
        self.spoiled = 0

    def heal(self) -> None:
        self.plans.clear()
        self.requests_seen = 0

    def _plan_for(self, path: str) -> Plan | None:
        for plan in self.plans:
            if plan.mode == "offline_after":
                if self.requests_seen > plan.after:
                    return plan
                continue
            if plan.hits > 0 and (plan.endpoint is None or path.endswith(plan.endpoint)):
                return plan
        return None

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        self.requests_seen += 1
        path = urlsplit(request.url or "").path
        plan = self._plan_for(path)
        if plan is not None:
            plan.hits -= 1
            self.spoiled += 1
            if plan.mode in ("drop", "offline_after"):
                raise requests.ConnectionError("fault: no connection")
            if plan.mode == "cut_request":
                self._send_part(request, plan.fraction)
                raise requests.ConnectionError("fault: connection cut while sending")
            if plan.mode == "cut_response":
                kwargs["stream"] = True
                response = super().send(request, *args, **kwargs)
                length = int(response.headers.get("content-length") or 1)
                response.raw.read(int(plan.fraction * length), decode_content=False)
                response.close()
                raise requests.exceptions.ChunkedEncodingError(
                    "fault: connection cut while receiving"
                )
            raise AssertionError(plan.mode)
        response = super().send(request, *args, **kwargs)
        if path.endswith("/push") and response.status_code == 200:
            self.pushes.append(
                Recorded(bytes(request.body or b""), dict(request.headers), response.json())
            )
            del self.pushes[:-3]
        return response

    @staticmethod
    def _send_part(request: requests.PreparedRequest, fraction: float) -> None:
        """Write the first bytes of the request to the server on a socket of its own."""
        url = urlsplit(request.url or "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        head = [f"{request.method} {request.path_url} HTTP/1.1", f"Host: {url.netloc}"]
        head += [f"{k}: {v}" for k, v in request.headers.items()]
        raw = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        k = min(len(raw) - 1, int(fraction * len(raw)))
        with socket.create_connection((url.hostname, url.port or 80), timeout=5) as sock:
            sock.sendall(raw[:k])


def copy_sqlite(src: Path | str, dst: Path | str) -> None:
    """A consistent copy of a live SQLite file (WAL included), by the backup API."""
    source = sqlite3.connect(src)
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
