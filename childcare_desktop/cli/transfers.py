"""``childcare transfer``: ask to move a child to another village, list, accept, refuse.

    childcare transfer request CHILD --to VILLAGE --reason TEXT
    childcare transfer list [--json]
    childcare transfer accept ID | refuse ID --reason TEXT | cancel ID

Everything is a synced record: the decision reaches the county server with the next
sync, which then moves the child's whole file to the new village.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import output
from .common import JSON_HELP, opened


def register(sub: Any, bilingual: dict[str, Any], helps: Callable[[Any, str], None]) -> None:
    """Add ``transfer`` and its actions to the command's subparsers."""
    text = "儿童转移到本县另一个村 / move a child to another village of the county"
    top = sub.add_parser("transfer", help=text, description=text, **bilingual)
    helps(top, "操作 actions")
    actions = top.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, run: Callable[[argparse.Namespace], None], help_text: str) -> Any:
        p = actions.add_parser(name, help=help_text, description=help_text, **bilingual)
        helps(p, "参数 arguments")
        p.add_argument("--store", type=Path, default=None, help="档案库文件 / the store file")
        p.add_argument(
            "--passphrase-file",
            help="从文件读取口令 / read the passphrase from this file",
        )
        p.add_argument("--user", default=None, help="操作人姓名 / who does this (audit log)")
        p.add_argument("--json", action="store_true", help=JSON_HELP)
        p.set_defaults(run=run)
        return p

    p = action("request", _request, "申请把儿童转到另一个村 / ask to move a child")
    p.add_argument("child", help="儿童编号（id） / the child's id")
    p.add_argument("--to", required=True, help="转入村的12位区划代码 / the new village's code")
    p.add_argument("--reason", required=True, help="转移原因 / why (the family moved...)")
    action("list", _list, "本机的转移申请 / the transfers this store holds")
    p = action("accept", _accept, "接收转移（乡镇督导员；跨乡镇由县级） / accept a transfer")
    p.add_argument("id", help="转移编号 / the transfer's id")
    p.add_argument("--note", default="", help="备注 / a note")
    p = action("refuse", _refuse, "拒绝转移 / refuse a transfer")
    p.add_argument("id", help="转移编号 / the transfer's id")
    p.add_argument("--reason", required=True, help="拒绝原因 / why")
    p = action("cancel", _cancel, "撤回尚未处理的转移申请 / withdraw a transfer asked for")
    p.add_argument("id", help="转移编号 / the transfer's id")


def _request(args: argparse.Namespace) -> None:
    from ..services import transfers

    with opened(args) as store, store.session() as session:
        record = transfers.request_transfer(
            session, child_id=args.child, to_region=args.to, reason=args.reason
        )
    _show(args, record, "已申请转移 / transfer asked for")


def _accept(args: argparse.Namespace) -> None:
    _decide(args, accept=True, note=args.note)


def _refuse(args: argparse.Namespace) -> None:
    _decide(args, accept=False, note=args.reason)


def _decide(args: argparse.Namespace, *, accept: bool, note: str) -> None:
    from ..services import transfers

    with opened(args) as store, store.session() as session:
        record = transfers.decide_transfer(session, transfer_id=args.id, accept=accept, note=note)
    done = "已接收，下次同步后档案转入新村 / accepted" if accept else "已拒绝 / refused"
    _show(args, record, done)


def _cancel(args: argparse.Namespace) -> None:
    from ..services import transfers

    with opened(args) as store, store.session() as session:
        record = transfers.cancel_transfer(session, transfer_id=args.id)
    _show(args, record, "已撤回 / withdrawn")


def _list(args: argparse.Namespace) -> None:
    from ..services import transfers

    with opened(args) as store, store.session() as session:
        records = transfers.list_transfers(session)
    if args.json:
        output.print_json(records)
        return
    if not records:
        print("没有转移记录 / no transfers")
    for r in records:
        print(_line(r))


def _line(r: Any) -> str:
    return (
        f"{r.id}  {r.state_label}  {r.child_name}  {r.from_label} → {r.to_label}  "
        f"{r.requested_on.isoformat()}  {r.reason}"
    )


def _show(args: argparse.Namespace, record: Any, done: str) -> None:
    if args.json:
        output.print_json(record)
    else:
        print(f"{done}: {_line(record)}")
