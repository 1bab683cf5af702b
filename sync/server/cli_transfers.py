"""``childcare-server transfers``: the county decides the transfers across townships.

childcare-server transfers list [--state requested|all] [--json]
childcare-server transfers accept ID --by NAME [--note TEXT] [--json]
childcare-server transfers refuse ID --by NAME --reason TEXT [--json]

The decision reaches the laptops by sync as a supervisor's would (:mod:`.transfer_desk`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from .accounts import now_ms
from .db import Database, epoch
from .errors import SyncRefused
from .transfer_desk import decide, listing

JSON_HELP = "以 JSON 输出 / print JSON"
STATES = {
    "requested": "待处理",
    "accepted": "已接收",
    "refused": "已拒绝",
    "cancelled": "已撤回",
}


def register(
    command: Callable[[str, str], argparse.ArgumentParser],
    new_parser: Callable[..., argparse.ArgumentParser],
) -> None:
    """Add ``transfers list``, ``accept`` and ``refuse`` (``command`` and ``new_parser``:
    those of :mod:`sync.server.cli`)."""
    top = command(
        "transfers",
        "儿童转移：列出，跨乡镇的由县级接收或拒绝 / "
        "transfers of children: list them; the county accepts or refuses those across townships",
    )
    sub = top.add_subparsers(dest="transfers_command", required=True, metavar="COMMAND")
    top._positionals.title = "命令 commands"

    def maker(name: str, text: str) -> argparse.ArgumentParser:
        made = new_parser(sub.add_parser, name, help=text, description=text)
        made.add_argument("--json", action="store_true", help=JSON_HELP)
        return made

    shown = maker("list", "列出全县的转移申请 / list the county's transfers")
    shown.add_argument(
        "--state",
        choices=["requested", "all"],
        default="all",
        help="requested：只列待处理的（默认全部） / only those still asked for (all by default)",
    )
    for name, text in (
        ("accept", "接收转移：档案转入新村，下次同步时各笔记本收到 / accept: the file moves"),
        ("refuse", "拒绝转移（须写原因） / refuse a transfer (with a reason)"),
    ):
        p = maker(name, text)
        p.add_argument("id", help="转移编号（见 list） / the transfer's id (see list)")
        p.add_argument(
            "--by", required=True, metavar="NAME", help="决定人姓名 / who decided (their name)"
        )
        if name == "accept":
            p.add_argument("--note", default="", help="备注 / a note")
        else:
            p.add_argument("--reason", required=True, metavar="TEXT", help="拒绝原因 / why")


def run(db: Database, args: argparse.Namespace) -> int:
    if args.transfers_command == "list":
        with db.read() as conn:
            rows = listing(conn, state=None if args.state == "all" else args.state)
        _print(rows, as_json=args.json)
        return 0
    accept = args.transfers_command == "accept"
    note = args.note if accept else args.reason
    if not args.by.strip() or not (accept or note.strip()):
        return _refused(args, "--by 与 --reason 不能为空 / --by and --reason cannot be empty")
    try:
        with db.write() as conn:
            _, number = epoch(conn)
            done = decide(
                db,
                conn,
                args.id,
                accept=accept,
                by=args.by,
                note=note,
                epoch_no=number,
                now_ms=now_ms(),
            )
    except SyncRefused as exc:
        if exc.status >= 500:
            raise
        return _refused(args, exc.message)
    if args.json:
        print(json.dumps({"ok": True, "id": args.id, **done}, ensure_ascii=False))
    elif accept:
        print(f"已接收转移 {args.id}，档案已转入新村 / transfer {args.id} accepted: the file moved")
    else:
        print(f"已拒绝转移 {args.id} / transfer {args.id} refused")
    return 0


def _refused(args: argparse.Namespace, message: str) -> int:
    if args.json:
        print(json.dumps({"ok": False, "message": message}, ensure_ascii=False))
    print(f"childcare-server: {message}", file=sys.stderr)
    return 2


def _print(rows: list[dict[str, Any]], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        state = f"{STATES.get(str(r['state']), r['state'])}/{r['state']}"
        line = (
            f"{r['id']}  {state}  {r['child_name'] or ''}  {r['from_label']} → {r['to_label']}  "
            f"{r['requested_on']}  {r['reason'] or ''}"
        )
        # What laptops typed reaches the administrator's terminal: escaped, never raw.
        print("".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in line))
