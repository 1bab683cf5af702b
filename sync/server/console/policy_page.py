"""The console's 县级政策 page: the county policy in force (visit rhythm by risk colour,
the other deadlines) and every version the server holds, read only.

A version is written on the county administrator's laptop (``childcare policy --set``,
validated there by ``core.policy``) and reaches the server and every laptop by sync: the
policy is a synced record of the county, and the server authors no record of its own
but a transfer decision (see the report of issue 17).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.dates import Interval
from childcare_desktop.core.errors import ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, Policy, load_policy
from childcare_desktop.core.roles import Permission
from childcare_desktop.core.vocab import RiskColour

from .. import county_policy, regions
from ..api.deps import database
from .auth import Viewer, guard, route
from .render import CHINA, page

router = APIRouter()


def interval(value: Interval) -> str:
    """An interval in words: 7天, 1个月, 1个月15天."""
    parts = [f"{value.months}个月" if value.months else "", f"{value.days}天" if value.days else ""]
    return "".join(parts)


def _rhythm(policy: Policy) -> list[dict[str, str]]:
    rows = [
        {
            "colour": colour.value,
            "label": colour.label,
            "contact": interval(policy.rhythm[colour].contact),
            "home_visit": interval(policy.rhythm[colour].home_visit),
        }
        for colour in RiskColour
    ]
    priority = policy.priority_rhythm
    rows.append(
        {
            "colour": "priority",
            "label": "重点儿童（最少）",
            "contact": interval(priority.contact),
            "home_visit": interval(priority.home_visit),
        }
    )
    return rows


def _terms(policy: Policy) -> list[tuple[str, str]]:
    return [
        ("首次走访（工作日内）", f"{policy.first_visit_working_days}天"),
        ("评估间隔", interval(policy.assessment_interval)),
        ("即将到期提醒", f"{policy.due_soon_days}天"),
        ("协议到期提醒", f"{policy.agreement_warning_days}天"),
        ("即将年满18岁提醒", f"{policy.ageing_out_warning_days}天"),
        ("同步超过此天数标红", f"{policy.sync_red_days}天"),
    ]


def _policy(found: dict[str, Any] | None) -> tuple[Policy, str | None]:
    if found is None:
        return DEFAULT_POLICY, None
    try:
        return load_policy(found.get("body") or {}), None
    except ValidationError as err:  # as the laptops do: the defaults, and say so
        return DEFAULT_POLICY, str(err.params.get("reason", err.kind.value))


@route(router, "GET", "/console/policy", Permission.READ)
def policy(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    today = (datetime.now(UTC) + CHINA).date()
    with database(request).read() as conn:
        county = regions.county_of_server(conn)
        versions = county_policy.stored(conn, county) if county else []
    current = county_policy.in_force(versions, today)
    rules, broken = _policy(current)
    for v in versions:
        v["state"] = (
            "in_force"
            if v is current
            else "pending"
            if str(v.get("effective_from")) > today.isoformat()
            else "replaced"
        )
        v["changed"] = ", ".join(sorted((v.get("body") or {}).keys())) or "（无）"
    return page(
        request,
        "policy.html",
        viewer=viewer,
        active="policy",
        current=current,
        broken=broken,
        rhythm=_rhythm(rules),
        terms=_terms(rules),
        versions=versions,
        states={"in_force": "在用", "pending": "待生效", "replaced": "已被取代"},
    )
