"""The console's 县级政策 page: the county policy in force (visit rhythm by risk colour,
the other deadlines), every version the server holds with who set it, and for an
administrator a form that sets a new version from a chosen day.

A version set here is validated by ``core.policy`` and written as the server's own
record in the county's feed (:mod:`sync.server.policy_desk`): every laptop pulls it as
if a laptop had authored it (``childcare policy --set``, the other way to set one).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.errors import ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, Policy, load_policy
from childcare_desktop.core.roles import Permission
from childcare_desktop.core.vocab import FollowupStage, RiskColour

from .. import county_policy, policy_desk, regions
from ..api.deps import database, now_ms
from ..days import county_day
from ..errors import SyncRefused
from . import policy_form, staff
from .auth import Posted, Viewer, client, guard, posted, route
from .render import page

router = APIRouter()
NO_NOTE = "请填写改动说明（为什么改，依据哪个文件）。"
NO_COUNTY = "服务器还不知道本县的区划代码（尚无用户或区划名称），不能设定政策。"


interval = policy_form.words


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


def _plans(policy: Policy) -> list[dict[str, Any]]:
    """四级分类服务: the default plan of each colour, for the page's own table."""
    return [
        {
            "colour": colour.value,
            "label": colour.label,
            "measures": plan.measures,
            "responsible": plan.responsible,
            "frequency": plan.frequency,
        }
        for colour, plan in policy.service_plans.items()
    ]


def _terms(policy: Policy) -> list[tuple[str, str]]:
    return [
        ("首次走访（工作日内）", f"{policy.first_visit_working_days}天"),
        ("评估间隔", interval(policy.assessment_interval)),
        ("即将到期提醒", f"{policy.due_soon_days}天"),
        ("协议到期提醒", f"{policy.agreement_warning_days}天"),
        ("即将年满18岁提醒", f"{policy.ageing_out_warning_days}天"),
        ("同步超过此天数标红", f"{policy.sync_red_days}天"),
        ("三留守：留守妇女和老人", _three_left(policy)),
        *_report_terms(policy),
        *_duty_terms(policy),
    ]


def _duty_terms(policy: Policy) -> list[tuple[str, str]]:
    """The deadlines of clues, 劝返, 季度核实, 告知学校, 结对帮扶 and service plans."""
    d = policy.duty_deadlines
    months = d.pairing_contact_months
    return [
        ("线索处理时限", f"收到后{_days(d.clue_days)}；涉及儿童安全的{_days(d.clue_safety_days)}"),
        ("辍学劝返", f"至少每{interval(d.persuasion)}一次"),
        ("季度核实", f"季度最后{d.quarter_check_days}天提醒"),
        ("告知学校", f"认定留守或转学后{d.school_notice_days}天内"),
        ("结对帮扶联系", "每月至少一次" if months == 1 else f"每{months}个月至少一次"),
        ("服务计划", f"评估后{d.plan_days}天内制定或调整"),
    ]


def _days(count: int) -> str:
    return "当天" if count == 0 else f"{count}天内"


def _report_terms(policy: Policy) -> list[tuple[str, str]]:
    """强制报告's deadlines, in the words of the form's labels."""
    rules = policy.report_deadlines
    unit = "个工作日" if rules.working_days else "天"
    return [
        (item.label, f"{rules.days[stage]}{unit}内")
        for item in policy_form.ITEMS
        if item.path.startswith("report_deadlines.")
        and (stage := FollowupStage.parse(item.path.split(".")[1])) is not None
    ]


def _three_left(policy: Policy) -> str:
    if not policy.three_left_behind_enabled:
        return "未开启"
    return f"已开启，每{interval(policy.three_left_behind_contact)}联系一次"


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
    return _page(request, viewer)


@route(router, "POST", "/console/policy/set", Permission.ADMINISTER)
def set_policy(
    request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]
) -> Response:
    typed = {k: v for k, v in form.fields.items() if k != "csrf"}
    note = typed.get("note", "").strip()
    if not note:
        return _page(request, form.viewer, 400, typed=typed, bad="note", message=NO_NOTE)
    now = now_ms()
    try:
        with database(request).write() as conn:
            county = regions.county_of_server(conn)
            if county is None:
                return _page(request, form.viewer, 409, typed=typed, message=NO_COUNTY)
            record = policy_desk.set_policy(
                database(request),
                conn,
                county,
                overrides=policy_form.overrides(typed),
                effective_from=typed.get("effective_from", ""),
                today=_today(),
                by=form.viewer.name,
                now_ms=now,
            )
            detail = policy_desk.audit_detail(record, county, note)
            staff.audit(
                conn,
                form.viewer.name,
                policy_desk.ACTION,
                detail,
                client=client(request),
                now_ms=now,
            )
    except ValidationError as err:
        bad, message = policy_form.refusal(err)
        return _page(request, form.viewer, 400, typed=typed, bad=bad, message=message)
    except SyncRefused:  # the registry's rules refused what core.policy let through
        return _page(request, form.viewer, 400, typed=typed, message="服务器拒绝保存此政策。")
    notice = (
        f"已保存第{record['version']}版，{record['effective_from']} 起生效；"
        "各笔记本下一次同步时收到。"
    )
    return _page(request, form.viewer, notice=notice)


def _today() -> date:
    return county_day(now_ms())


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    today = _today()
    with database(request).read() as conn:
        county = regions.county_of_server(conn)
        versions = county_policy.stored(conn, county) if county else []
        authors = policy_desk.authors(conn, county) if county else {}
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
        v["changed"] = _changed(v.get("body") or {})
        v["author"] = authors.get(v["id"], {})
    typed = extra.pop("typed", None)
    values = policy_form.shown(rules.source) | ({"effective_from": today.isoformat()})
    return page(
        request,
        "policy.html",
        status,
        viewer=viewer,
        active="policy",
        current=current,
        broken=broken,
        rhythm=_rhythm(rules),
        terms=_terms(rules),
        plans=_plans(rules),
        versions=versions,
        states={"in_force": "在用", "pending": "待生效", "replaced": "已被取代"},
        items=policy_form.ITEMS,
        colours=[(c.value, c.label) for c in RiskColour],
        values=typed if typed is not None else values,
        today=today.isoformat(),
        **extra,
    )


def _changed(body: dict[str, Any]) -> str:
    """The items a version sets, by their labels on the form."""
    labels = []
    for item in policy_form.ITEMS:
        try:
            policy_form.get(body, item.path)
        except (KeyError, TypeError):
            continue
        labels.append(item.short)
    return "、".join(labels) or "（无，即默认规则）"
