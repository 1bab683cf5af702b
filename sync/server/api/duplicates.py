"""``GET /v1/duplicates``: the open suspected-duplicate cases that concern the calling
user (either file in scope, for a user who may merge them; ``sync.server.duplicates``).

A case carries the two files' ids, villages and why they were proposed, never their
fields: a supervisor's laptop already holds both files of a pair inside its township,
and a pair across townships is the county's to decide (its store holds both)."""

from typing import Any

from fastapi import APIRouter, Request, Response

from ...protocol import API
from .. import duplicates
from . import bodies
from .deps import Who, database

router = APIRouter(prefix=API, tags=["duplicates"])


@router.get(
    "/duplicates",
    summary="Open suspected duplicates in the caller's scope (for users who may merge them)",
)
async def open_cases(request: Request, who: Who) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        with db.read() as conn:
            cases = duplicates.cases_for(conn, who)
        keep = ("id", "child_a", "child_b", "region_a", "region_b", "reason", "opened_ms")
        return {"cases": [{**{k: c[k] for k in keep}, "decidable": c["decidable"]} for c in cases]}

    return await bodies.reply(request, work)
