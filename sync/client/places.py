"""The names of the divisions in a laptop's scope, fetched when the server's hello says
they differ from those the store holds (an older server says nothing: nothing is asked)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from .transport import SyncError

if TYPE_CHECKING:
    from .engine import SyncEngine

MAX_NAMES = 20_000  # the server's bound (sync.server.regions.MAX_ROWS)


def fetch_places(engine: SyncEngine, version: str) -> int:
    """GET /regions and keep what came in the store; how many names were received."""
    answer = engine._exchange(partial(_get, engine))
    names = _names(answer)
    engine.store.save_places(str(answer.get("version") or version), names)
    return len(names)


def _get(engine: SyncEngine, _budget: int) -> Any:
    return engine.transport.get("/regions", retry=False)


def _names(answer: Any) -> list[tuple[str, str]]:
    regions = answer.get("regions") if isinstance(answer, dict) else None
    if not isinstance(regions, list) or len(regions) > MAX_NAMES:
        raise SyncError("protocol", "the server's list of place names could not be read")
    return [
        (str(item[0]), str(item[1]))
        for item in regions
        if isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
    ]
