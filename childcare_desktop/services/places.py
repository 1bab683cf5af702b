"""The names of places (区划名称): what a laptop shows and prints instead of a code.

A village's store knows its own village's, township's and county's names (设置 › 本机使用人).
The county's list of every division's name reaches the laptops by sync (issue 15); until
it has, a code without a known name is shown as the code itself.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..core.region import Level
from ..storage import settings


def place_names(session: Session) -> dict[str, str]:
    """Every place name the store knows: region code -> name (村、乡镇、县 alike)."""
    home = settings.read(session, settings.HOME_REGION) or ""
    names: dict[str, str] = {}
    for digits, setting in (
        (6, settings.COUNTY_NAME),
        (9, settings.TOWNSHIP_NAME),
        (12, settings.VILLAGE_NAME),
    ):
        name = settings.read(session, setting)
        if name and len(home) >= digits:
            names[home[:digits]] = name
    return names


def village_label(code: str, names: dict[str, str], *, with_township: bool = True) -> str:
    """A village as people say it: "青石镇柳溪村" (or "柳溪村"); its code when unnamed."""
    name = names.get(code)
    if not name:
        return code
    township = names.get(code[:9], "") if with_township else ""
    return township + name


def place_label(session: Session, code: str) -> str:
    """Any region's name as shown (a village with its township); its code when unnamed."""
    names = place_names(session)
    if len(code) == Level.VILLAGE:
        return village_label(code, names)
    return names.get(code, code)


__all__ = ["place_label", "place_names", "village_label"]
