"""``childcare stores list [--json]``: the stores known on this PC, as its unlock screen
lists them (for scripts on a shared township PC: whose store is where, which are missing).

Nothing is opened and no passphrase is asked: the list lives outside every store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from . import output

ROLES = {"director": "儿童主任", "supervisor": "儿童督导员"}


def register(sub: Any, bilingual: dict[str, Any], helps: Callable[[Any, str], None]) -> None:
    """Add ``stores`` and its actions to the command's subparsers."""
    text = "本机已知的档案库（共用电脑上各用户的） / the stores known on this PC"
    top = sub.add_parser("stores", help=text, description=text, **bilingual)
    helps(top, "操作 actions")
    actions = top.add_subparsers(dest="action", required=True, metavar="ACTION")
    text = "列出本机已知的档案库 / list them"
    p = actions.add_parser("list", help=text, description=text, **bilingual)
    helps(p, "参数 arguments")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    p.set_defaults(run=cmd_list)


def cmd_list(args: argparse.Namespace) -> None:
    from ..services import known_stores

    stores = known_stores.load()
    if args.json:
        output.print_json([s.to_json() for s in stores])
        print()
        return
    if not stores:
        print("本机尚无已知的档案库 / no store known on this PC yet")
        return
    for store in stores:
        who = store.label or " · ".join(
            p for p in (store.name, ROLES.get(store.role, store.role), store.place) if p
        )
        state = "找不到文件 MISSING" if store.missing else (store.last_opened or "-")
        print(f"{who or '-'}\t{state}\t{store.path}")
