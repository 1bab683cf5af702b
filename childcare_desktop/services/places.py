"""The names of places (区划名称): what a laptop shows and prints instead of a code.

The county's list of its divisions' names reaches the laptops by sync (``place``,
``storage.places``): a store holds those of its whole county (public names; a director
names the village a child moves to). A store's own village, township and county names in 设置 › 本机使用人 fill what the
county's list lacks (a store not enrolled yet, or a county that imported no names). A
code without a known name is shown as the code itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..core.region import Level
from ..storage import settings
from ..storage.audit import Executor
from ..storage.places import read_names


def place_names(session: Session | Executor) -> dict[str, str]:
    """Every place name the store knows: region code -> name (村、乡镇、县 alike)."""
    names = read_names(session)
    home = settings.read(session, settings.HOME_REGION) or ""
    for digits, setting in (
        (Level.COUNTY, settings.COUNTY_NAME),
        (Level.TOWNSHIP, settings.TOWNSHIP_NAME),
        (Level.VILLAGE, settings.VILLAGE_NAME),
    ):
        name = settings.read(session, setting)
        if name and len(home) >= digits:
            names.setdefault(home[:digits], name)
    return names


def village_label(code: str, names: dict[str, str], *, with_township: bool = True) -> str:
    """A village as people say it: "青石镇柳溪村" (or "柳溪村"); its code when unnamed."""
    name = names.get(code)
    if not name:
        return code
    township = names.get(code[:9], "") if with_township else ""
    return township + name


def place_label(session: Session | Executor, code: str) -> str:
    """Any region's name as shown (a village with its township); its code when unnamed."""
    names = place_names(session)
    if len(code) == Level.VILLAGE:
        return village_label(code, names)
    return names.get(code, code)


@dataclass(frozen=True, slots=True)
class PlaceParts:
    """A region's county, township and village names, as a document's place line
    prints them ("" for a level the region lies above, or an unnamed one)."""

    county: str = ""
    township: str = ""
    village: str = ""


def place_parts(session: Session | Executor, code: str | None) -> PlaceParts:
    """The names of ``code``'s county, township and village (a child's village: its own
    names, whichever store prints it)."""
    code = code or settings.read(session, settings.HOME_REGION) or ""
    names = place_names(session)
    found = [
        names.get(code[:digits], "") if len(code) >= digits else ""
        for digits in (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)
    ]
    return PlaceParts(*found)


__all__ = ["PlaceParts", "place_label", "place_names", "place_parts", "village_label"]
