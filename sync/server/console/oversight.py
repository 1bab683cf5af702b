"""The console's oversight pages (issue 17): the county dashboard (首页), sync health
(同步情况), a township's page and a village's.

Numbers only on the dashboard and the township pages. A village's page lists its
children: their names in full only for a role that may administer the county's files
(county-admin); any other role (county-viewer) sees them masked, 张*明 (:func:`mask`).
No page shows who made a mandatory report, and only a role that may see the reports
(:data:`Permission.SEE_REPORTS`) sees even their count by stage, or the work due of a
clue or a report's stage (:func:`labels_for`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission
from childcare_desktop.core.vocab import Category, FollowupStage, RiskColour
from childcare_desktop.core.worklist import WorkKind

from .. import health, oversight, oversight_adults, oversight_duties, oversight_kept, regions
from .. import schema as s
from ..api.deps import database, now_ms
from ..days import county_day
from .auth import Viewer, guard, route
from .pages import counts
from .render import page

router = APIRouter()
FULL_NAMES = Permission.ADMINISTER  # who sees a child's name unmasked
COLOURS = {c.value: c.label for c in RiskColour} | {oversight.UNASSESSED: "未评估"}
CATEGORIES = {c.value: c.label for c in Category}
STAGES = {oversight.REPORTED: "已报告"} | {
    s.value: s.label for s in FollowupStage if s is not FollowupStage.CLOSED
}
KINDS = {
    WorkKind.FIRST_VISIT: "首次走访",
    WorkKind.HOME_VISIT: "入户走访",
    WorkKind.CONTACT: "联系",
    WorkKind.ASSESSMENT: "评估",
    WorkKind.AGREEMENT_MISSING: "缺委托照护协议",
    WorkKind.AGREEMENT_EXPIRING: "协议将到期",
    WorkKind.AGREEMENT_EXPIRED: "协议已过期",
    WorkKind.AGEING_OUT: "即将超龄",
    WorkKind.HOLIDAY_VISIT: "假期走访",
    WorkKind.SPOT_FINDING: "县级抽查问题",
    WorkKind.DROPOUT_PERSUASION: "辍学劝返",
    WorkKind.PROBLEM_DUE: "问题跟进",
    WorkKind.SERVICE_PLAN_MISSING: "缺服务计划",
    WorkKind.SERVICE_PLAN_REVIEW: "服务计划待复核",
    WorkKind.CLUE: "线索待处理",
    WorkKind.REPORT_STAGE: "强制报告跟进",
    WorkKind.QUARTERLY_CHECK: "困境儿童季度核实",
    WorkKind.PAIRING_CONTACT: "结对帮扶本月未联系",
    WorkKind.SCHOOL_NOTICE: "告知学校",
}
LABELS = {
    "colours": COLOURS,
    "categories": CATEGORIES,
    "stages": STAGES,
    "kinds": {k.value: v for k, v in KINDS.items()},
}


def labels_for(viewer: Viewer) -> dict[str, dict[str, str]]:
    """The labels a viewer's pages show: without the kinds of work it may not see the
    records of (a clue, a report's stage), so that no row of them is shown."""
    hidden = oversight_duties.hidden_kinds(viewer.may)
    if not hidden:
        return LABELS
    return LABELS | {"kinds": {k: v for k, v in LABELS["kinds"].items() if k not in hidden}}


def mask(name: str) -> str:
    """A name for a role that may not see it: its first and last character, 张*明 (张*)."""
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * max(1, len(name) - 2) + (name[-1] if len(name) > 2 else "")


def _today() -> date:
    return county_day(now_ms())


def place_names(conn: Connection, county: str) -> dict[str, str]:
    r = s.region.c
    query = select(r.code, r.name).where(r.code.startswith(county, autoescape=True))
    return {row.code: row.name for row in conn.execute(query)}


def _county(conn: Connection) -> str:
    return regions.county_of_server(conn) or ""


def _common(viewer: Viewer, names: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "viewer": viewer,
        "names": names,
        "labels": labels_for(viewer),
        "reports_shown": viewer.may(Permission.SEE_REPORTS),
        **extra,
    }


@route(router, "GET", "/console/", Permission.READ)
def home(request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]) -> Response:
    db = database(request)
    with db.read() as conn:
        county = _county(conn)
        names = place_names(conn, county) if county else {}
        system = counts(conn, now_ms=now_ms())
    look = oversight_kept.kept_figures(db, county, _today(), now_ms=now_ms()) if county else None
    context = _common(viewer, names, active="home", counts=system, scope=county, **_looked(look))
    return page(request, "dashboard.html", **context)


def _looked(look: oversight_kept.Look | None) -> dict[str, Any]:
    """The figures of a look, and since when they stand if a fresh count is running."""
    if look is None:
        return {"figures": None, "stale_since": None, "missing": 0}
    return {"figures": look.figures, "stale_since": look.stale_since, "missing": look.missing}


@route(router, "GET", "/console/township/{code}", Permission.READ)
def township(
    request: Request, code: str, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _area(request, viewer, code, 9, "township.html")


@route(router, "GET", "/console/village/{code}", Permission.READ)
def village(
    request: Request, code: str, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _area(request, viewer, code, 12, "village.html")


def _area(request: Request, viewer: Viewer, code: str, digits: int, template: str) -> Response:
    db = database(request)
    with db.read() as conn:
        county = _county(conn)
        # Only a place of this server's county: the console reads no other county.
        if not (code.isdigit() and len(code) == digits and county and code.startswith(county)):
            return page(request, "refused.html", 404, viewer=viewer, message="没有这个地方。")
        today = _today()
        village = oversight.figures(conn, code, today, names=True) if digits == 12 else None
        names = place_names(conn, county)
        devices = _villages(conn, code) if digits == 12 else []
        adults = oversight_adults.adults_due(conn, code, today) if digits == 12 else None
    if village is not None:
        look = oversight_kept.Look(village)
    else:
        look = oversight_kept.kept_figures(db, code, today, now_ms=now_ms())
    full = viewer.may(FULL_NAMES)
    kinds = labels_for(viewer)["kinds"]
    for line in look.figures.children:
        line["shown"] = line["name"] if full else mask(line["name"])
        line["overdue"] = [k for k in line["overdue"] if k in kinds]
    context = _common(
        viewer, names, scope=code, masked=not full, devices=devices, adults=adults, **_looked(look)
    )
    return page(request, template, **context)


@route(router, "GET", "/console/sync", Permission.SEE_SYNC_HEALTH)
def sync_health(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.SEE_SYNC_HEALTH))]
) -> Response:
    with database(request).read() as conn:
        county = _county(conn)
        villages = _villages(conn, county) if county else []
        names = place_names(conn, county) if county else {}
        known = {v["region"] for v in villages}
        users = {r[0] for r in conn.execute(select(s.user.c.region).where(s.user.c.active))}
        everywhere = {c for c in (*names, *users) if len(c) == 12 and c.startswith(county)}
        quiet = sorted(everywhere - known)  # a village of the county no laptop reported from
        red = health.red_days(conn, county, _today()) if county else 0
    devices = [d for v in villages for d in v["devices"]]
    context = _common(
        viewer, names, active="sync", villages=villages, devices=devices, quiet=quiet, red=red
    )
    return page(request, "sync.html", **context)


def _villages(conn: Connection, scope: str) -> list[dict[str, Any]]:
    """Each village of ``scope`` with a device, its devices' health summed: its latest
    sync, red when its latest is (or any device's clock is off: a warning)."""
    found: dict[str, dict[str, Any]] = {}
    for device in health.listing(conn, now_ms=now_ms()):
        if not device["region"].startswith(scope):
            continue
        village = found.setdefault(
            device["region"],
            {"region": device["region"], "devices": [], "pending": 0, "set_aside": 0},
        )
        village["devices"].append(device)
        village["pending"] += device["pending"]
        village["set_aside"] += device["set_aside"]
    for village in found.values():
        newest = max(village["devices"], key=lambda d: d["reported_ms"])
        village.update(
            reported_ms=newest["reported_ms"],
            days=newest["days"],
            red=newest["red"],
            clock_warnings=sum(d["clock_warning"] for d in village["devices"]),
        )
    return [found[k] for k in sorted(found)]
