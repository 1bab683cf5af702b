"""What the endpoints depend on: the database, the clock, the settings, the calling
device (authenticated from its header before any body is read) and the body itself."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel

from .. import accounts
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from . import bodies

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Settings:
    """The server's settings (``childcare-server serve`` options)."""

    blob_quota_bytes: int = accounts.BLOB_QUOTA_BYTES  # attachments stored per device


def now_ms() -> int:
    """The server's clock. Looked up on ``sync.server.app`` at each call: a tool that
    shows the laptop's clock warning sets the server's clock there."""
    from .. import app

    return app.now_ms()


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


def failpoint(request: Request | None, name: str) -> None:
    """A named hook the tests use to make the server fail at a precise point."""
    if request is None:
        return
    hook = request.app.state.failpoints.get(name)
    if hook is not None:
        hook()


def bearer(request: Request) -> str:
    """The device token of the ``Authorization`` header (401 without one)."""
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer ") or len(header) > 200:
        raise SyncRefused(401, "no_token", "a device token is required")
    return header[7:]


def authenticated(request: Request) -> Principal:
    """The calling device, from its header alone (on a worker thread: it reads the
    database). The first use of a rotated token ends the one it replaced."""
    token = bearer(request)
    db = database(request)
    with db.read() as conn:
        who, retire = accounts.check(conn, token, now_ms=now_ms())
    if retire:
        with db.write() as conn:
            accounts.retire_previous(conn, token)
    return who


Who = Annotated[Principal, Depends(authenticated)]


def body(model: type[M], bounds: bodies.Bounds, *, gate: Callable[..., Any] = authenticated) -> Any:
    """A dependency giving the body as ``model``, read only once ``gate`` (the device's
    authentication, or the enrollment rate limit) has let the request through."""

    async def read_body(request: Request, _gate: Annotated[Any, Depends(gate)]) -> Any:
        return await bodies.parsed(request, model, bounds)

    return Depends(read_body)
