"""The county server's HTTP API (FastAPI): the routers of ``sync.server.api`` put together.

Bodies are JSON, usually gzip-compressed (``Content-Encoding: gzip``) both ways. Every
request but enrollment is authenticated from its header before its body is read; bodies
are bounded per endpoint and parsed off the event loop (``api.bodies``). Every request
that changes something is answered only after its transaction has committed, so a lost
answer is repaired by sending the same request again (it is idempotent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline

from ..protocol import PROTOCOL_VERSION
from . import console
from .accounts import now_ms
from .api import audit, blobs, bundles, duplicates, enroll, regions, sync
from .api.deps import Settings
from .db import Database
from .errors import SyncRefused

__all__ = ["Settings", "create_app", "now_ms"]
log = logging.getLogger(__name__)


def create_app(db: Database, settings: Settings | None = None) -> FastAPI:
    # The API docs (/docs, /redoc) load their scripts and styles from this server
    # (fastapi-offline vendors them), never from a CDN: the county's network may have
    # no internet, and a page of the server runs no code from elsewhere.
    app = FastAPIOffline(
        title="儿童主任 county sync server",
        version=str(PROTOCOL_VERSION),
        description="Enroll laptops, receive their changes, send them their villages' changes.",
        static_url="/docs-assets",
    )
    app.state.db = db
    app.state.settings = settings or Settings()
    app.state.enroll_limit = enroll.RateLimit()
    # Named hooks the tests use to make the server fail at a precise point:
    # "push.before_commit", "push.after_commit", "pull.before_reply".
    failpoints: dict[str, Callable[[], None]] = {}
    app.state.failpoints = failpoints
    for router in (
        enroll.router,
        sync.router,
        audit.router,
        blobs.router,
        duplicates.router,
        regions.router,
        bundles.router,
    ):
        # The routes themselves (their paths carry the /v1 prefix), not the router as
        # one nested entry: app.routes lists every endpoint, as it always did.
        app.router.routes.extend(router.routes)
    console.install(app)  # the county staff's web pages (sync.server.console)
    app.add_exception_handler(SyncRefused, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal)
    return app


async def _refused(_request: Request, exc: SyncRefused) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status)


async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
    where = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
    refused = SyncRefused(400, "bad_request", f"malformed request: {where}")
    return JSONResponse(refused.body(), status_code=400)


async def _internal(_request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the server's log (uvicorn's, SQL parameters hidden); the
    # device gets no details.
    log.debug("internal error: %s", type(exc).__name__)
    return JSONResponse({"error": "internal", "message": "internal server error"}, 500)
