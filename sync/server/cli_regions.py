"""``childcare-server regions``: the names of the county's divisions.

childcare-server regions import FILE.csv [--replace] [--json]
childcare-server regions list [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .accounts import now_ms
from .db import Database
from .regions import Problem, RegionsRefused, import_file, listing

JSON_HELP = "以 JSON 输出 / print JSON"


def register(
    command: Callable[[str, str], argparse.ArgumentParser],
    new_parser: Callable[..., argparse.ArgumentParser],
) -> None:
    """Add ``regions import`` and ``regions list`` (``command`` adds a bilingual
    subcommand, ``new_parser`` makes one: those of :mod:`sync.server.cli`)."""
    regions = command(
        "regions",
        "区划名称：导入与列出 / the names of the county's divisions: import and list",
    )
    sub = regions.add_subparsers(dest="regions_command", required=True, metavar="COMMAND")
    regions._positionals.title = "命令 commands"

    def maker(name: str, text: str) -> argparse.ArgumentParser:
        return new_parser(sub.add_parser, name, help=text, description=text)

    load = maker(
        "import",
        "从 CSV 文件（两列：代码,名称；UTF-8 或 GBK）导入本县、乡镇、村的名称；"
        "有任何一行有误则整份不导入 / "
        "import the names of the county, its townships and villages from a CSV file "
        "(code,name; UTF-8 or GBK); a file with any bad row is refused whole",
    )
    load.add_argument("file", help="CSV 文件 / the CSV file")
    load.add_argument(
        "--replace",
        action="store_true",
        help="删除文件中没有的名称 / remove the names the file does not list",
    )
    load.add_argument("--json", action="store_true", help=JSON_HELP)
    shown = maker("list", "列出已导入的名称 / list the names imported")
    shown.add_argument("--json", action="store_true", help=JSON_HELP)


def run(db: Database, args: argparse.Namespace) -> int:
    if args.regions_command == "list":
        with db.read() as conn:
            rows = listing(conn)
        _print(rows, as_json=args.json)
        return 0
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(
            f"childcare-server: 无法读取 / cannot read {args.file}: {exc.strerror}", file=sys.stderr
        )
        return 2
    with db.write() as conn:
        try:
            total, counts = import_file(conn, data, now_ms=now_ms(), replace=args.replace)
        except RegionsRefused as refused:
            return _refused(refused.problems, as_json=args.json)
    if args.json:
        print(json.dumps({"ok": True, **counts}))
    else:
        print(
            f"已导入 {total} 个区划名称：新增 {counts['added']}，更名 {counts['renamed']}，"
            f"未变 {counts['unchanged']}，删除 {counts['removed']} / "
            f"{total} names imported: {counts['added']} added, {counts['renamed']} "
            f"renamed, {counts['unchanged']} unchanged, {counts['removed']} removed"
        )
    return 0


def _refused(problems: list[Problem], *, as_json: bool) -> int:
    if as_json:
        found = [{"line": p.line, "problem": p.what, "message": p.text()} for p in problems]
        print(json.dumps({"ok": False, "problems": found}, ensure_ascii=False))
    else:
        for problem in problems:
            print(f"childcare-server: {problem.text()}", file=sys.stderr)
        print(
            f"childcare-server: 文件有 {len(problems)} 处错误，未导入任何名称 / "
            f"{len(problems)} problem(s) in the file: nothing was imported",
            file=sys.stderr,
        )
    return 2


def _print(rows: list[dict[str, Any]], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        print(f"{row['code']:<12}  {row['name']}")
