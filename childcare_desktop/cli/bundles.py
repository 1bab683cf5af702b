"""``childcare bundle export|import`` and ``childcare relay``: sync by USB stick (issue 16).

A laptop without a network writes a bundle onto a stick; at the township office (or
any machine that reaches the county server) ``childcare relay DIR`` carries every bundle
of the folder to the server and writes each reply beside it; back at the laptop,
``childcare bundle import`` reads the reply. Exit codes: 0 done, 2 a file that is no
bundle of this laptop, altered or cut, or a laptop that may not (not enrolled, revoked),
1 anything else (the stick full or gone, the server unreachable)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..messages import bundle_error_text, sync_error_text
from . import output
from .common import store_arguments

EXPORT_HELP = (
    "把本机未确认的修改写成同步包（加密，只有县服务器能打开），用U盘带到能上网的电脑 / "
    "write what the server has not confirmed into a sealed bundle, for a USB stick"
)
IMPORT_HELP = "读入县服务器的回执包（确认和新数据） / read the server's reply bundle"
RELAY_HELP = (
    "把文件夹里的所有同步包送到县服务器，回执写在旁边（不需要能打开它们） / "
    "carry every bundle of a folder to the server and write each reply beside it"
)
USER_ERRORS = {"not_enrolled", "device_revoked", "no_bundle_keys", "demo_store", "bad_url"}


def register(
    command: Callable[..., argparse.ArgumentParser],
    sub: Any,
    opened: Callable[..., Any],
    bilingual: dict[str, Any],
    bilingual_help: Callable[..., None],
) -> None:
    """Add ``bundle export``, ``bundle import`` (under ``bundle``) and ``relay``."""
    top = sub.add_parser("bundle", help=EXPORT_HELP, description=EXPORT_HELP, **bilingual)
    bilingual_help(top, "参数 arguments")
    inner = top.add_subparsers(dest="bundle_command", required=True, metavar="export|import")

    p = inner.add_parser("export", help=EXPORT_HELP, description=EXPORT_HELP, **bilingual)
    store_arguments(p, None)
    p.add_argument("--out", type=Path, required=True, help="文件或文件夹（U盘） / a file or folder")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    p.set_defaults(run=lambda args: cmd_export(args, opened))
    p = inner.add_parser("import", help=IMPORT_HELP, description=IMPORT_HELP, **bilingual)
    store_arguments(p, None)
    p.add_argument("file", type=Path, help="回执包（.reply） / the reply bundle")
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    p.set_defaults(run=lambda args: cmd_import(args, opened))
    p = command("relay", lambda args: cmd_relay(args, opened), RELAY_HELP)
    p.add_argument("folder", type=Path, help="放同步包的文件夹（U盘） / the folder")
    p.add_argument(
        "--server",
        help="县服务器地址（默认：本机档案库登记的服务器，不必能打开同步包） / "
        "the server's address (default: the one this PC's store is enrolled with)",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")


def cmd_export(args: argparse.Namespace, opened: Callable[..., Any]) -> int:
    from ..services import bundles

    try:
        with opened(args) as store:
            path = bundles.export_bundle(store, args.out)
    except bundles.SyncError as exc:
        return _failed(
            args, exc.code, sync_error_text(exc.code, exc.message), exc.code in USER_ERRORS
        )
    except OSError as exc:
        return _failed(
            args, "io", f"无法写入（U盘已满或已拔出？） / cannot write: {exc.strerror}", False
        )
    if args.json:
        output.print_json({"ok": True, "file": str(path)})
    else:
        print(f"已写出同步包 written: {path}")
    return 0


def cmd_import(args: argparse.Namespace, opened: Callable[..., Any]) -> int:
    from ..services import bundles

    try:
        with opened(args) as store:
            report = bundles.import_reply(store, args.file)
    except bundles.BundleError as exc:
        return _failed(args, exc.code, bundle_error_text(exc.code), True)
    except OSError as exc:
        return _failed(args, "io", f"无法读取 / cannot read: {exc.strerror}", False)
    if args.json:
        output.print_json({"ok": report.refused is None, **report.to_json()})
    elif report.refused:
        print(f"县服务器拒收了这个同步包：{sync_error_text(report.refused)}", file=sys.stderr)
    elif report.stale:
        print(
            "这个回执已经读过，或比本机已有的更旧：没有改动 / already read or older: nothing changed"
        )
    else:
        print(
            f"已读入回执 read: 确认 {report.acknowledged} 项修改 acknowledged, "
            f"收到 {report.pulled} 项 pulled, 冲突 {report.conflicts} conflicts"
        )
        if report.more:
            print("县服务器还有更多数据：请再导出一个同步包 / more waits: export another bundle")
    return 0 if report.refused is None else 2


def cmd_relay(args: argparse.Namespace, opened: Callable[..., Any]) -> int:
    from ..services import bundles

    try:
        if args.server:
            done = bundles.relay(args.folder, server=args.server)
        else:
            with opened(args) as store:
                done = bundles.relay(args.folder, store=store)
    except bundles.SyncError as exc:
        return _failed(
            args, exc.code, sync_error_text(exc.code, exc.message), exc.code in USER_ERRORS
        )
    except OSError as exc:
        return _failed(
            args, "io", f"无法读取文件夹 / cannot read the folder: {exc.strerror}", False
        )
    if args.json:
        output.print_json({"ok": True, "bundles": [{"file": f, "outcome": o} for f, o in done]})
    else:
        words = {"replied": "已送达，回执已写出 replied", "skipped": "已有回执，跳过 skipped"}
        for name, outcome in done:
            print(f"  {name}: {words.get(outcome, '未送达 failed: ' + outcome)}")
        print(f"共 {len(done)} 个同步包 bundles")
    failed = [o for _n, o in done if o not in ("replied", "skipped")]
    return 1 if failed else 0


def _failed(args: argparse.Namespace, code: str, text: str, user: bool) -> int:
    if getattr(args, "json", False):
        output.print_json({"ok": False, "error": code, "message": text})
    else:
        print(f"错误 error: {text}", file=sys.stderr)
    return 2 if user else 1
