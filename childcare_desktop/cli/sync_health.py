"""``childcare sync-health``: each village's and laptop's last sync, as this laptop last
heard it from the county server (a supervisor's or the county's; offline, the stored copy,
with when it came)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import output

if TYPE_CHECKING:
    from ..services.sync_health import SyncHealth

HELP = (
    "同步情况：各村、各笔记本最近一次同步、待上传、暂存、时钟（来自上次同步） / "
    "sync health: each village's and laptop's last sync, changes waiting, set aside, clock"
    " (as of the last sync)"
)


def register(command: Callable[..., argparse.ArgumentParser], run: Callable[..., Any]) -> None:
    """Add the subcommand (``command`` is main's factory, ``run`` its store opener)."""
    p = command("sync-health", lambda args: cmd_sync_health(args, run), HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")


def cmd_sync_health(args: argparse.Namespace, opened: Callable[..., Any]) -> None:
    from ..services import sync_health

    with opened(args) as store, store.session() as session:
        health = sync_health.sync_health(session)
    if args.json:
        output.print_json(health.to_json())
    else:
        print_health(health)


def _when(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at else "从未 never"


def _days(days: int | None) -> str:
    return "-" if days is None else str(days)


def print_health(health: SyncHealth) -> None:
    if health.fetched is None:
        print("尚未从县服务器取得同步情况（同步一次后可见） / not fetched yet: sync once")
        return
    print(f"取自县服务器 fetched: {_when(health.fetched)}")
    print(f"超过 {health.red_days} 天未同步标红 / red after {health.red_days} days")
    print(
        "\n村 villages: 最近同步 last sync | 天数 days | 待上传 waiting | 暂存 set aside"
        " | 时钟异常 clock"
    )
    for v in health.villages:
        mark = "红 RED  " if v.red else ("黄 check" if v.set_aside or v.clock_warnings else "")
        print(
            f"  {v.place}  {_when(v.last_sync)}  {_days(v.days)}  {v.pending}  {v.set_aside}"
            f"  {v.clock_warnings}  {mark}".rstrip()
        )
    print(
        "\n笔记本 laptops: 用户 user | 名称 label | 区划 place | 最近同步 last sync | 天数 days"
        " | 待上传 | 暂存 | 时钟 clock"
    )
    for d in health.devices:
        clock = "时钟异常 clock off" if d.clock_warning else ""
        mark = "红 RED" if d.red else ""
        print(
            f"  {_printable(d.user)}  {_printable(d.label)}  {d.place}  {_when(d.last_sync)}  {_days(d.days)}"
            f"  {d.pending}  {d.set_aside}  {clock}  {mark}".rstrip()
        )


def _printable(text: str) -> str:
    """A device's label is what its laptop sent: shown escaped, never as terminal codes."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
