"""``GET /v1/regions``: the names of the divisions in the calling device's scope (and the
county and township above it), with their version (``sync.server.regions``)."""

from typing import Any

from fastapi import APIRouter, Request, Response

from ...protocol import API
from .. import regions
from . import bodies
from .deps import Who, database

router = APIRouter(prefix=API, tags=["sync"])


@router.get(
    "/regions",
    summary="The names of the divisions in this device's scope: {version, regions: [[code, name]]}",
)
async def region_names(request: Request, who: Who) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        with db.read() as conn:
            names = regions.names_in_scope(conn, who.region)
        return {"version": regions.version(names), "regions": names}

    return await bodies.reply(request, work)
