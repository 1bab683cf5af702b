"""The console's administration of the laptops' side: 用户 (users) and 设备 (devices).

The lists are open to the county's viewers too; a change needs ``ADMINISTER``, is made
by the same functions as ``childcare-server`` (:mod:`sync.server.accounts`) and is
audited in ``staff_audit`` in the same transaction.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission, Role

from .. import accounts
from .. import schema as s
from ..api.deps import database, now_ms
from ..errors import SyncRefused
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .county_scope import own_region
from .render import page

router = APIRouter()
REFUSALS = {
    "bad_role": "请选择角色。",
    "bad_region": "区划代码位数不对：{digits}位数字（{role}）。",
    "bad_name": "用户名须为1到60个字符。",
    "user_exists": "已有名为“{name}”的用户。",
    "unknown_user": "没有这个用户。",
    "unknown_device": "没有这台未吊销的设备。",
    "other_county": "区划代码 {region} 不属于本县：本服务器只管理本县的用户。",
}


def refusal(refused: SyncRefused, **params: Any) -> str:
    """A refusal of :mod:`sync.server.accounts`, in the console's words."""
    return REFUSALS.get(refused.code, "操作未完成。").format(**params)


def place_names(conn: Connection) -> dict[str, str]:
    """Region code -> name, as imported (empty before the names are)."""
    r = s.region.c
    return {row.code: row.name for row in conn.execute(select(r.code, r.name))}


def _role_label(value: str) -> str:
    role = Role.parse(value)
    return role.label if role is not None else value


def _users_page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        users = accounts.users(conn)
        names = place_names(conn)
    for u in users:
        u["label"] = _role_label(u["role"])
        u["place"] = names.get(u["region"], "")
    users.sort(key=lambda u: (u["region"], u["name"]))
    roles = [(r.value, r.label, r.region_digits) for r in Role]
    return page(
        request,
        "users.html",
        status,
        viewer=viewer,
        active="users",
        users=users,
        roles=roles,
        **extra,
    )


@route(router, "GET", "/console/users", Permission.READ)
def users(request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]) -> Response:
    return _users_page(request, viewer)


@route(router, "POST", "/console/users/create", Permission.ADMINISTER)
def create(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    name = form.fields.get("name", "").strip()
    role = form.fields.get("role", "")
    region = form.fields.get("region", "").strip()
    now = now_ms()
    try:
        with database(request).write() as conn:
            if region.isdigit() and not own_region(conn, region, digits=(len(region),)):
                raise SyncRefused(400, "other_county", f"{region} is of another county")
            accounts.create_user(conn, name, role, region, now_ms=now)
            detail = f"user={name} role={role} region={region}"
            staff.audit(
                conn, form.viewer.name, "user_created", detail, client=client(request), now_ms=now
            )
    except SyncRefused as refused:
        parsed = Role.parse(role)
        message = refusal(
            refused,
            name=name,
            role=parsed.label if parsed else role,
            digits=parsed.region_digits if parsed else "",
            region=region,
        )
        typed = {"name": name, "role": role, "region": region}
        return _users_page(request, form.viewer, 400, message=message, typed=typed)
    return _users_page(request, form.viewer, notice=f"已添加用户 {name}。")


@route(router, "POST", "/console/users/active", Permission.ADMINISTER)
def set_active(
    request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]
) -> Response:
    name = form.fields.get("user", "")
    active = form.fields.get("active") == "1"
    now = now_ms()
    try:
        with database(request).write() as conn:
            accounts.set_active(conn, name, active)
            action = "user_enabled" if active else "user_disabled"
            staff.audit(
                conn, form.viewer.name, action, f"user={name}", client=client(request), now_ms=now
            )
    except SyncRefused as refused:
        return _users_page(request, form.viewer, 400, message=refusal(refused))
    done = "已启用" if active else "已停用（其笔记本从下一次同步起被拒绝）"
    return _users_page(request, form.viewer, notice=f"用户 {name} {done}。")


def _last_sync(conn: Connection) -> dict[str, int]:
    """Each device's last hello that reported its health (the server's clock)."""
    h = s.sync_health.c
    return {
        r.device_id: int(r.reported_ms) for r in conn.execute(select(h.device_id, h.reported_ms))
    }


def _devices(conn: Connection, now: int) -> list[dict[str, Any]]:
    synced = _last_sync(conn)
    found = accounts.devices(conn)
    for d in found:
        d["last_sync_ms"] = synced.get(d["id"])
        if d["revoked_ms"] is not None:
            d["state"] = "revoked"
        elif d["expires_ms"] < now:
            d["state"] = "expired"
        else:
            d["state"] = "active"
    found.sort(key=lambda d: (d["state"] != "active", d["name"], d["created_ms"]))
    return found


def _devices_page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        found = _devices(conn, now_ms())
    states = {"active": "在用", "revoked": "已吊销", "expired": "已过期"}
    return page(
        request,
        "devices.html",
        status,
        viewer=viewer,
        active="devices",
        devices=found,
        states=states,
        **extra,
    )


@route(router, "GET", "/console/devices", Permission.READ)
def devices(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _devices_page(request, viewer)


@route(router, "POST", "/console/devices/confirm", Permission.ADMINISTER)
def confirm(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    """The second step of a revocation: the device shown again, and one more button."""
    wanted = form.fields.get("device", "")
    with database(request).read() as conn:
        found = [d for d in _devices(conn, now_ms()) if d["id"] == wanted]
    if not found or found[0]["state"] == "revoked":
        return _devices_page(request, form.viewer, 404, message=REFUSALS["unknown_device"])
    return page(
        request, "device_revoke.html", viewer=form.viewer, active="devices", device=found[0]
    )


@route(router, "POST", "/console/devices/revoke", Permission.ADMINISTER)
def revoke(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    device = form.fields.get("device", "")
    if form.fields.get("confirmed") != "yes":  # only the confirmation page's form says so
        return _devices_page(request, form.viewer, 400, message="请先在确认页面确认吊销。")
    now = now_ms()
    with database(request).write() as conn:
        done = accounts.revoke(conn, device, now_ms=now)
        if done:
            staff.audit(
                conn,
                form.viewer.name,
                "device_revoked",
                f"device={device}",
                client=client(request),
                now_ms=now,
            )
    if not done:
        return _devices_page(request, form.viewer, 404, message=REFUSALS["unknown_device"])
    return _devices_page(
        request, form.viewer, notice="设备已吊销：它的下一次同步将被拒绝，需重新登记才能使用。"
    )
