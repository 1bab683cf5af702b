"""``childcare print`` for many children: a village's (``--village``), everyone's (``--all``)
or several named (``--child`` repeated), merged or one PDF per child, progress on stderr.

Apart from main.py, which registers the options and hands a batch over; the services are
imported when a batch runs, so ``childcare --help`` stays quick.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.errors import Kind, ValidationError
from . import output

CHILD_DOCS = ("dossier", "agreement", "visit-sheet")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The batch options of ``childcare print`` (and ``--village`` for the tables)."""
    p.add_argument(
        "--village",
        action="append",
        default=[],
        metavar="CODE",
        help="村（12位区划代码，可重复）：档案、协议、走访记录表为该村在册的全部儿童；"
        "花名册、汇总表、月报只统计该村 / a village (repeatable): its children on the roll, "
        "or the roster, summary or monthly report of that village only",
    )
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--merged",
        dest="merged",
        action="store_const",
        const=True,
        help="多名儿童合并为一个 PDF（协议、走访记录表默认） / one PDF for all the children "
        "(default for agreements and visit sheets)",
    )
    how.add_argument(
        "--per-child",
        dest="merged",
        action="store_const",
        const=False,
        help="每名儿童一个 PDF，--out 为文件夹（档案默认） / one PDF per child into the "
        "--out folder (default for dossiers)",
    )
    p.add_argument(
        "--filled",
        action="store_true",
        help="走访记录表：填入每名儿童最近一次走访（没有走访的儿童跳过） / visit sheets filled "
        "from each child's latest visit (children without one are skipped)",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")


def is_batch(args: argparse.Namespace) -> bool:
    """Whether ``args`` ask for a child's document for more than one named child."""
    return args.doc in CHILD_DOCS and bool(
        args.all or args.village or len(args.child) > 1 or args.merged is not None or args.filled
    )


def table_region(args: argparse.Namespace) -> str | None:
    """The region a roster, summary or monthly report covers: ``--village`` or ``--region``."""
    if len(args.village) > 1:
        raise ValidationError(Kind.INVALID_CHOICE, "village", value=",".join(args.village)[:40])
    return args.village[0] if args.village else args.region


def print_children(store: Any, args: argparse.Namespace) -> None:
    """Print the batch ``args`` ask for and say what was written."""
    from ..services import batch_print, printing
    from .progress import ConsoleProgress

    with store.session() as session:
        ids = batch_print.batch_children(
            session,
            villages=args.village,
            child_ids=[printing.find_child(session, ref) for ref in args.child],
            everyone=args.all and not args.village,
        )
    merged = args.merged if args.merged is not None else args.doc != "dossier"
    kind = "visit-sheet-filled" if args.doc == "visit-sheet" and args.filled else args.doc
    request = batch_print.BatchRequest(
        kind, args.out, merged=merged, full_ids=args.full_ids, with_reports=args.with_reports
    )

    def run(job: Callable[[Any], Any]) -> Any:
        with store.session() as session:
            return job(session)

    result = batch_print.print_batch(run, request, ids, ConsoleProgress())
    written(args, result.written, result.printed, skipped=result.skipped, pages=result.pages)


def written(
    args: argparse.Namespace, files: Any, count: int, *, skipped: int = 0, pages: int = 0
) -> None:
    """What was written: a line for people, or ``--json`` for scripts."""
    files = [str(Path(f)) for f in files]
    if args.json:
        output.print_json({"files": files, "count": count, "skipped": skipped, "pages": pages})
        return
    where = files[0] if len(files) == 1 else str(args.out)
    print(f"已输出 written: {where}" + (f"（{count} 名儿童 children）" if count > 1 else ""))
    if skipped:
        print(f"跳过 {skipped} 名没有该文书的儿童 / {skipped} skipped (none to print)")
