"""``childcare-server quarantine``: what the server held from the laptops, and the
county's decision on each (the console's 搁置的修改 does the same, :mod:`.quarantine_desk`).

childcare-server quarantine [list] [--json]
childcare-server quarantine release ID [--json]
childcare-server quarantine reject ID --reason TEXT [--json]

ID is the number ``list`` shows (``id=``); a release the rules still refuse exits 3.
Each decision is written to the console's audit trail in the name of "cli".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .accounts import now_ms
from .db import Database, epoch
from .errors import SyncRefused
from .quarantine_desk import reject, release

CLIENT = "cli"
JSON_HELP = "以 JSON 输出 / print JSON"


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add ``quarantine [list|release|reject]`` (``command``: that of :mod:`sync.server.cli`)."""
    p = command(
        "quarantine",
        "服务器搁置的修改：列出及原因，释放（按现行规则重查）或退回（写明原因） / "
        "what the server set aside: list it with why, release it (checked again) or reject it",
    )
    p.add_argument(
        "action",
        nargs="?",
        choices=["list", "release", "reject"],
        default="list",
        help="list（默认）、release 或 reject / list (default), release or reject",
    )
    p.add_argument("id", nargs="?", type=int, help="搁置编号（见 list 的 id） / the id list shows")
    p.add_argument(
        "--reason", metavar="TEXT", help="reject：退回原因（必填，至多200字） / why (required)"
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)


def run(db: Database, args: argparse.Namespace) -> int | None:
    """A decision; None for ``list`` (printed by :mod:`sync.server.cli` as before)."""
    if args.action == "list":
        return None
    # The console's package is the web server's (FastAPI): imported only when used.
    from .console import staff
    from .console.quarantine_words import reason_text

    if args.id is None:
        return _refused(args, "请给出搁置编号 / give the id (see list)")
    now = now_ms()
    try:
        with db.write() as conn:
            if args.action == "reject":
                reject(conn, args.id, args.reason or "", by=CLIENT, now_ms=now)
                detail, applied, why = f"id={args.id} reason={args.reason}", True, ""
                action = "quarantine_rejected"
            else:
                done = release(db, conn, args.id, by=CLIENT, epoch_no=epoch(conn)[1], now_ms=now)
                applied = done.applied
                code = done.hold.encode() if done.hold else ""
                why = reason_text("", code) if code else ""
                detail = f"id={args.id}" + (f" reason={code}" if code else "")
                action = "quarantine_released" if applied else "quarantine_still_held"
            staff.audit(conn, CLIENT, action, detail, client=CLIENT, now_ms=now)
    except SyncRefused as exc:
        if exc.status >= 500:
            raise
        return _refused(args, exc.message)
    if args.json:
        print(json.dumps({"ok": applied, "id": args.id, "reason": why}, ensure_ascii=False))
    elif args.action == "reject":
        print(f"已退回 {args.id}，笔记本下次同步时看到原因 / {args.id} sent back with its reason")
    elif applied:
        print(f"已释放 {args.id}，修改已并入 / {args.id} released: the change is applied")
    else:
        print(f"仍不能并入，继续搁置：{why} / {args.id} is still refused: {code}")
    return 0 if applied else 3


def _refused(args: argparse.Namespace, message: str) -> int:
    if args.json:
        print(json.dumps({"ok": False, "message": message}, ensure_ascii=False))
    print(f"childcare-server: {message}", file=sys.stderr)
    return 2
