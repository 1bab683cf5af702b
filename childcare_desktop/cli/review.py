"""``childcare review list|approve|return``: the township's review (审核) from a script."""

from __future__ import annotations

import argparse
from typing import Any

from . import output
from .common import BILINGUAL, JSON_HELP, bilingual_help, opened, store_arguments

ID_HELP = "事项编号（见 review list） / the item's id (from review list)"


def register(sub: Any) -> None:
    """Add ``review`` and its three commands to the ``childcare`` parser."""
    text = "审核：待审核事项、通过、退回 / review: items waiting, approve, return"
    p = sub.add_parser("review", help=text, description=text, **BILINGUAL)
    bilingual_help(p, "命令 commands")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listed = _action(actions, "list", cmd_list, "列出待审核事项 / the items waiting for review")
    listed.add_argument(
        "--village", help="只列此村（12位区划代码） / this village only (its 12-digit code)"
    )
    ok = _action(actions, "approve", cmd_approve, "通过一项 / approve an item")
    ok.add_argument("item", help=ID_HELP)
    ok.add_argument("--comment", default=None, help="审核意见（可不填） / a comment (optional)")
    back = _action(actions, "return", cmd_return, "退回一项（须写明意见） / return an item")
    back.add_argument("item", help=ID_HELP)
    back.add_argument(
        "--comment", required=True, help="退回意见：请改正什么 / what is to be corrected"
    )


def _action(actions: Any, name: str, run: Any, text: str) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text, **BILINGUAL)
    bilingual_help(p, "参数 arguments")
    store_arguments(p)
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p.set_defaults(run=run)
    return p


def cmd_list(args: argparse.Namespace) -> None:
    from ..services import places, reviews

    with opened(args) as store, store.session() as session:
        items = reviews.pending_items(session, village=args.village)
        names = places.place_names(session)
    rows = [_item_json(item, places.village_label(item.region_code, names)) for item in items]
    if args.json:
        output.print_json(rows)
        return
    print(f"待审核 {len(rows)} 项 / {len(rows)} items waiting for review")
    village = None
    for row in rows:
        if row["village"] != village:
            village = row["village"]
            print(village)
        on = row["on"] or "—"
        extra = "、".join(row["labels"])
        print(f"  {row['kind_label']}  {row['child_name']}  {on}  {extra}  {row['id']}")
        if row["returned_comment"]:
            print(f"    已按退回意见修改 / corrected after: {row['returned_comment']}")


def cmd_approve(args: argparse.Namespace) -> None:
    from ..services import reviews

    with opened(args) as store, store.session() as session:
        answer = reviews.approve(session, item=args.item, comment=args.comment)
    _print_answer(args, answer)


def cmd_return(args: argparse.Namespace) -> None:
    from ..services import reviews

    with opened(args) as store, store.session() as session:
        answer = reviews.return_item(session, item=args.item, comment=args.comment)
    _print_answer(args, answer)


def _item_json(item: Any, village: str) -> dict[str, Any]:
    return {**output.to_jsonable(item), "village": village, "kind_label": item.kind.label}


def _print_answer(args: argparse.Namespace, answer: Any) -> None:
    if args.json:
        output.print_json(answer)
        return
    word = "已通过 / approved" if answer.decision.value == "approved" else "已退回 / returned"
    print(f"{word}: {answer.kind.label} {answer.child_name} ({answer.item_id})")
