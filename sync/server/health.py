"""Sync health (issue 15): the latest report of each device, and who sees which.

A laptop reports at its hello (``sync.protocol``: the ``health`` of a hello): what it
still holds, what is set aside, its last good sync and its wall clock. The server keeps
the latest report per device, under the device's own id and its user's region (never a
region the laptop names), in the server's time: the laptop's clock is only compared.
Supervisors see their township's devices, the county its county's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.errors import ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, Policy, load_policy

from ..protocol import CLOCK_WARNING_MS, HEALTH_DEVICES
from . import county_policy
from . import schema as s
from .days import county_day
from .principal import Principal

DAY_MS = 86_400_000


@dataclass(frozen=True, slots=True)
class Report:
    """A laptop's figures, as its hello carried them (already bounded by the API)."""

    pending: int
    set_aside: int
    clock_ms: int
    top: int | None = None
    last_ok_ms: int | None = None


def record(conn: Connection, who: Principal, site_id: str, report: Report, *, now_ms: int) -> None:
    """Keep ``report`` as the device's latest. Its last good sync is moved onto the
    server's clock and never later than now (a laptop cannot claim a future sync)."""
    offset = now_ms - report.clock_ms
    last_ok = None
    if report.last_ok_ms is not None:
        last_ok = max(0, min(now_ms, report.last_ok_ms + offset))
    values = {
        "site_id": site_id,
        "region": who.region,
        "reported_ms": now_ms,
        "pending": report.pending,
        "set_aside": report.set_aside,
        "top_ctr": report.top,
        "last_ok_ms": last_ok,
        "clock_offset_ms": offset,
    }
    h = s.sync_health.c
    done = conn.execute(update(s.sync_health).where(h.device_id == who.device_id).values(values))
    if not done.rowcount:
        conn.execute(s.sync_health.insert().values(device_id=who.device_id, **values))


def devices(conn: Connection, scope: str, *, limit: int = HEALTH_DEVICES) -> list[dict[str, Any]]:
    """The latest report of each active device whose user's region lies in ``scope``
    (``""``: all), at most ``limit``. ``pending`` is what the device still held at its
    last report, less what the server has received of it since (its site's hwm)."""
    h, d, u = s.sync_health.c, s.device.c, s.user.c
    query = (
        select(
            h.device_id,
            d.label,
            u.name,
            h.region,
            h.reported_ms,
            h.pending,
            h.set_aside,
            h.top_ctr,
            h.last_ok_ms,
            h.clock_offset_ms,
            s.site.c.hwm,
        )
        .join(s.device, d.id == h.device_id)
        .join(s.user, u.id == d.user_id)
        .outerjoin(s.site, and_(s.site.c.site_id == h.site_id, s.site.c.device_id == d.id))
        .where(d.revoked_ms.is_(None))
        .order_by(h.region, u.name, d.label, h.device_id)
        .limit(limit)
    )
    if scope:
        query = query.where(func.substr(h.region, 1, len(scope)) == scope)
    return [_device(r) for r in conn.execute(query)]


def _device(r: Any) -> dict[str, Any]:
    pending = int(r.pending)
    if r.top_ctr is not None and r.hwm is not None:
        pending = min(pending, max(0, int(r.top_ctr) - int(r.hwm)))
    return {
        "device": r.device_id,
        "label": r.label,
        "user": r.name,
        "region": r.region,
        "reported_ms": int(r.reported_ms),
        "pending": pending,
        "set_aside": int(r.set_aside),
        "last_ok_ms": r.last_ok_ms,
        "clock_offset_ms": r.clock_offset_ms,
    }


def listing(conn: Connection, *, now_ms: int) -> list[dict[str, Any]]:
    """Every device's health for ``childcare-server sync-health``: days since its last
    sync, red past its county's limit (the county policy's ``sync_red_days``), the clock
    warning."""
    today = county_day(now_ms)
    limits: dict[str, int] = {}
    rows = []
    for device in devices(conn, ""):
        county = device["region"][:6]
        if county not in limits:
            limits[county] = red_days(conn, county, today)
        since = max(0, now_ms - device["reported_ms"])
        offset = device["clock_offset_ms"]
        rows.append(
            {
                **device,
                "days": since // DAY_MS,
                "red": since > limits[county] * DAY_MS,
                "clock_warning": offset is not None and abs(offset) > CLOCK_WARNING_MS,
            }
        )
    return rows


def red_days(conn: Connection, county: str, today: date) -> int:
    """The county policy's ``sync_red_days`` in force ``today`` (see :func:`policy_in_force`)."""
    return policy_in_force(conn, county, today).sync_red_days


def policy_in_force(conn: Connection, county: str, today: date) -> Policy:
    """The county policy in force ``today`` (the default without one, or when the policy
    cannot be read): the county's records as the server holds them."""
    latest = county_policy.in_force(county_policy.stored(conn, county), today)
    if latest is None:
        return DEFAULT_POLICY
    try:
        return load_policy(latest.get("body") or {})
    except ValidationError:
        return DEFAULT_POLICY
