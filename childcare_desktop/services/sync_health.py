"""Sync health (同步情况): how each village and each laptop of the scope keeps up with the
county server, as this laptop last heard it.

A supervisor's (or the county's) laptop receives the latest report of every device of its
scope at each sync and keeps it in the store (``settings.SYNC_HEALTH``): offline, it shows
what it last got, and when. A village's last sync is the latest of its laptops'; a village
or laptop shows red past the county policy's ``sync_red_days`` (14 by default) without a
sync, yellow with a clock warning or changes set aside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from sync.protocol import CLOCK_WARNING_MS, HEALTH_MAX_COUNT

from ..core.region import Level
from ..storage import settings
from .places import place_names, village_label
from .villages import held_villages
from .worklist import current_policy

DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    device: str
    user: str
    label: str
    region: str
    place: str  # the region as shown ("青石镇柳溪村"), its code when unnamed
    last_sync: datetime | None  # the server's time of its last report
    days: int | None  # whole days since
    pending: int  # changes it still held
    set_aside: int  # set aside by the server or by it
    last_ok: datetime | None  # its last good sync before that one
    clock_offset_ms: int | None  # the server's clock minus the laptop's
    red: bool  # past the county's limit without a sync
    clock_warning: bool


@dataclass(frozen=True, slots=True)
class VillageHealth:
    code: str
    place: str
    last_sync: datetime | None  # the latest of its laptops' (None: none ever synced)
    days: int | None
    pending: int
    set_aside: int
    clock_warnings: int  # its laptops with a clock warning
    devices: int
    red: bool


@dataclass(frozen=True, slots=True)
class SyncHealth:
    fetched: datetime | None  # when the county server sent it (None: never)
    red_days: int
    villages: tuple[VillageHealth, ...]
    devices: tuple[DeviceHealth, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (times as ISO text) for ``childcare sync-health --json``."""
        return {
            "fetched": _iso(self.fetched),
            "red_days": self.red_days,
            "villages": [_jsonable(v) for v in self.villages],
            "devices": [_jsonable(d) for d in self.devices],
        }


def sync_health(session: Session, *, now: datetime | None = None) -> SyncHealth:
    """The stored sync health of the scope's villages and laptops, judged at ``now``."""
    now = now or datetime.now(UTC)
    red_days = current_policy(session, as_of=now.date())[0].sync_red_days
    stored = settings.read(session, settings.SYNC_HEALTH) or {}
    names = place_names(session)
    devices = [_device(raw, names, now, red_days) for raw in _devices(stored) if _valid(raw)]
    codes = {d.region for d in devices if len(d.region) == Level.VILLAGE}
    if stored:  # a village with children but no laptop that ever reported
        codes |= {v.code for v in held_villages(session)}
    villages = [_village(c, names, devices, now, red_days) for c in sorted(codes)]
    return SyncHealth(_at(stored.get("at_ms")), red_days, tuple(villages), tuple(devices))


def last_sync_by_village(session: Session) -> dict[str, datetime]:
    """Each village's last sync (the latest of its laptops'), as this laptop last heard."""
    stored = settings.read(session, settings.SYNC_HEALTH) or {}
    latest: dict[str, datetime] = {}
    for raw in _devices(stored):
        if not _valid(raw) or len(raw["region"]) != Level.VILLAGE:
            continue
        at = _at(raw["reported_ms"])
        if at is not None and (raw["region"] not in latest or at > latest[raw["region"]]):
            latest[raw["region"]] = at
    return latest


def _devices(stored: Any) -> list[Any]:
    found = stored.get("devices") if isinstance(stored, dict) else None
    return found if isinstance(found, list) else []


def _valid(raw: Any) -> bool:
    """A device as the server sends it (the stored copy is the server's answer: checked
    before it is shown, like anything that came over the wire)."""
    return (
        isinstance(raw, dict)
        and isinstance(raw.get("region"), str)
        and raw["region"].isdigit()
        and isinstance(raw.get("reported_ms"), int)
    )


def _device(raw: dict[str, Any], names: dict[str, str], now: datetime, red: int) -> DeviceHealth:
    last = _at(raw["reported_ms"])
    offset = _count(raw.get("clock_offset_ms"), signed=True)
    return DeviceHealth(
        device=str(raw.get("device") or "")[:32],
        user=str(raw.get("user") or "")[:60],
        label=str(raw.get("label") or "")[:100],
        region=raw["region"],
        place=_place(raw["region"], names),
        last_sync=last,
        days=_days(last, now),
        pending=_count(raw.get("pending")) or 0,
        set_aside=_count(raw.get("set_aside")) or 0,
        last_ok=_at(raw.get("last_ok_ms")),
        clock_offset_ms=offset,
        red=_red(last, now, red),
        clock_warning=offset is not None and abs(offset) > CLOCK_WARNING_MS,
    )


def _village(
    code: str, names: dict[str, str], devices: Iterable[DeviceHealth], now: datetime, red: int
) -> VillageHealth:
    mine = [d for d in devices if d.region == code]
    last = max((d.last_sync for d in mine if d.last_sync), default=None)
    return VillageHealth(
        code=code,
        place=village_label(code, names),
        last_sync=last,
        days=_days(last, now),
        pending=sum(d.pending for d in mine),
        set_aside=sum(d.set_aside for d in mine),
        clock_warnings=sum(d.clock_warning for d in mine),
        devices=len(mine),
        red=_red(last, now, red),
    )


def _place(code: str, names: dict[str, str]) -> str:
    if len(code) == Level.VILLAGE:
        return village_label(code, names)
    return names.get(code, code)


def _red(last: datetime | None, now: datetime, red_days: int) -> bool:
    return last is None or (now - last).total_seconds() * 1000 > red_days * DAY_MS


def _days(last: datetime | None, now: datetime) -> int | None:
    return None if last is None else max(0, (now - last).days)


def _count(value: Any, *, signed: bool = False) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    low = -HEALTH_MAX_COUNT * DAY_MS if signed else 0
    return max(low, min(value, HEALTH_MAX_COUNT * DAY_MS if signed else HEALTH_MAX_COUNT))


def _at(ms: Any) -> datetime | None:
    if not isinstance(ms, int) or isinstance(ms, bool) or not 0 <= ms < 2**53:
        return None
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _iso(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at else None


def _jsonable(item: DeviceHealth | VillageHealth) -> dict[str, Any]:
    out = {}
    for key in item.__slots__:
        value = getattr(item, key)
        out[key] = _iso(value) if isinstance(value, datetime) else value
    return out


__all__ = [
    "DeviceHealth",
    "SyncHealth",
    "VillageHealth",
    "last_sync_by_village",
    "sync_health",
]
