"""``POST /v1/enroll``: the one request without a device token, so the one rate-limited
by client address, with the smallest body."""

import time
from collections import deque
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from ...protocol import API
from .. import accounts, bundle_keys, recovery_key
from ..db import epoch
from ..errors import SyncRefused
from . import bodies
from .deps import body, database, now_ms

ENROLL_ATTEMPTS = 5  # per client address ...
ENROLL_WINDOW_S = 60.0  # ... per minute
ADDRESSES_KEPT = 10_000  # addresses remembered at most (the oldest are forgotten)
ENROLL = bodies.Bounds(wire=4 * bodies.KB, inflated=16 * bodies.KB, containers=4, values=8)

router = APIRouter(prefix=API, tags=["enroll"])


class EnrollIn(BaseModel):
    user: str = Field(max_length=60)
    code: str = Field(max_length=40)
    label: str = Field(default="", max_length=400, description="cleaned and cut to 100")


class RateLimit:
    """At most ``attempts`` per ``window_s`` per key (a client address). The address is
    the socket's, or the one a trusted proxy forwarded (``serve --trusted-proxy``)."""

    def __init__(self, attempts: int = ENROLL_ATTEMPTS, window_s: float = ENROLL_WINDOW_S) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self.seen: dict[str, deque[float]] = {}

    def admit(self, key: str) -> None:
        t = time.monotonic()
        window = self.seen.pop(key, None) or deque()
        while window and t - window[0] > self.window_s:
            window.popleft()
        self.seen[key] = window  # the most recent keys last
        if len(window) >= self.attempts:
            raise SyncRefused(429, "rate_limited", "too many enrollment attempts; wait a minute")
        window.append(t)
        while len(self.seen) > ADDRESSES_KEPT:
            del self.seen[next(iter(self.seen))]


async def rate_limited(request: Request) -> None:
    """The enrollment gate: on the event loop, cheap, before any body is read."""
    limit: RateLimit = request.app.state.enroll_limit
    limit.admit(request.client.host if request.client else "?")


@router.post(
    "/enroll",
    summary="Spend a one-time code: a device token for this laptop",
    openapi_extra=bodies.documented(EnrollIn),
)
async def enroll(
    request: Request, sent: Annotated[EnrollIn, body(EnrollIn, ENROLL, gate=rate_limited)]
) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        with db.write() as conn:
            device_id, token, user = accounts.enroll(
                conn, sent.user, sent.code, sent.label, now_ms=now_ms()
            )
            ident, _ = epoch(conn)
            keys = bundle_keys.public(conn, now_ms=now_ms())
            county = recovery_key.answer(conn)  # the laptop seals its store's key to it
        # with the keys its bundles are sealed to and its replies signed with (a laptop
        # that never reaches the server again still syncs by USB stick)
        return {
            "device": device_id,
            "token": token,
            "epoch": ident,
            "bundle": keys,
            **user,
            **county,
        }

    return await bodies.reply(request, work)
