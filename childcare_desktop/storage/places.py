"""The division names the county syncs down: kept whole in ``place``, replaced whole.

What the server sends is checked here like anything pulled: a code that is not a
6-, 9- or 12-digit division, or a name that is not one line of plain text, is left out.
A store whose own village, township or county name is still empty in its settings
takes the county's name for it; a name the user typed is never overwritten.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ..core.errors import ValidationError
from ..core.region import Level, Region, clean_place_name
from . import settings
from .audit import Executor

log = logging.getLogger(__name__)

VERSION: settings.Setting[str | None] = settings.Setting("places_version", None, "区划名称版本")
_HOME_NAMES = (
    (Level.COUNTY, settings.COUNTY_NAME),
    (Level.TOWNSHIP, settings.TOWNSHIP_NAME),
    (Level.VILLAGE, settings.VILLAGE_NAME),
)


def read_names(db: Executor) -> dict[str, str]:
    """Every division name received: code -> name."""
    return {str(code): str(name) for code, name in db.execute(text("SELECT code, name FROM place"))}


def save_names(conn: Connection, version: str, names: Sequence[tuple[str, str]]) -> int:
    """Replace the names held by ``names`` (those that pass the checks); fill the store's
    empty name settings from them. Returns how many were kept."""
    kept = dict(filter(None, (_checked(code, name) for code, name in names)))
    if len(kept) < len(names):
        log.warning("left out %d place name(s) that failed the checks", len(names) - len(kept))
    now = int(time.time() * 1000)
    conn.exec_driver_sql("DELETE FROM place")
    if kept:
        conn.exec_driver_sql(
            "INSERT INTO place (code, name, received_ms) VALUES (?, ?, ?)",
            [(code, name, now) for code, name in sorted(kept.items())],
        )
    settings.write(conn, VERSION, version[:64])
    fill_home_names(conn, kept)
    return len(kept)


def _checked(code: str, name: str) -> tuple[str, str] | None:
    try:
        region = Region.parse(code)
        if region.code != code or region.level < Level.COUNTY:
            return None
        return code, clean_place_name(name)
    except ValidationError:
        return None


def fill_home_names(conn: Connection, names: dict[str, str]) -> None:
    """The store's empty 村/乡镇/县名称 settings take the county's names of its home
    region's village, township and county."""
    home = settings.read(conn, settings.HOME_REGION) or ""
    for digits, setting in _HOME_NAMES:
        name = names.get(home[:digits]) if len(home) >= digits else None
        if name and not settings.read(conn, setting):
            settings.write(conn, setting, name)
