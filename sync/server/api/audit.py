"""``POST /v1/audit``: a laptop's next audit entries, insert-only, their chain checked
against the head the server keeps (``sync.server.audit``)."""

from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from ...protocol import API
from .. import audit
from . import bodies
from .deps import Who, body, database, now_ms

# An entry is nine values and its detail (ids and field names) a few hundred characters;
# a batch is 1,000 entries (sync.client.SyncEngine.AUDIT_BATCH), 2,000 at most.
AUDIT = bodies.Bounds(
    wire=4 * bodies.MB,
    inflated=16 * bodies.MB,
    containers=audit.MAX_ENTRIES + 8,
    values=10 * audit.MAX_ENTRIES + 8,
    depth=4,
)

router = APIRouter(prefix=API, tags=["audit"])


class AuditIn(BaseModel):
    site: str = Field(pattern=r"^[0-9a-f]{32}$")
    at_head: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="the laptop's hash of its entry at the server's head (none: it has no such entry)",
    )
    entries: list[Annotated[list[Any], Field(max_length=9)]] = Field(
        max_length=audit.MAX_ENTRIES,
        description="[id, at, hlc, actor, action, child_id, detail, prev_hash, hash], in id order",
    )


@router.post(
    "/audit",
    summary="This site's next audit entries (insert-only; the chain is checked)",
    openapi_extra=bodies.documented(AuditIn),
)
async def audit_entries(
    request: Request, who: Who, sent: Annotated[AuditIn, body(AuditIn, AUDIT)]
) -> Response:
    db = database(request)

    def work() -> dict[str, Any]:
        with db.write() as conn:
            return audit.receive(
                db, conn, who, sent.site, sent.at_head, sent.entries, now_ms=now_ms()
            )

    return await bodies.reply(request, work)
