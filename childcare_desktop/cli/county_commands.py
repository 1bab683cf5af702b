"""The commands with the county server: enrol this laptop, sync."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

from ..core.errors import Kind, ValidationError
from ..messages import sync_error_text
from . import output
from .common import ALLOW_HTTP_HELP, JSON_HELP, Command, opened


def register(command: Command) -> None:
    """Add these commands to the parser."""
    _enroll(command)
    _sync(command)


def _enroll(command: Command) -> None:
    p = command(
        "enroll",
        cmd_enroll,
        "用县里发的一次性登记码把本机登记到县服务器（--user 为账号） / "
        "enroll this laptop with the county server (--user is the account)",
    )
    p.add_argument(
        "--server",
        required=True,
        help="县服务器地址，如 https://county.example/ / the server's address",
    )
    p.add_argument(
        "--code",
        help="一次性登记码（否则用 CHILDCARE_ENROLL_CODE 或提示输入） / "
        "the one-time code (else $CHILDCARE_ENROLL_CODE or a prompt)",
    )
    p.add_argument("--label", default="", help="本机名称，如“王主任的笔记本” / this laptop's name")
    p.add_argument(
        "--ca-file",
        type=Path,
        help="县里自己签发的服务器证书（PEM），只信任它 / "
        "the county's own server certificate (PEM), trusted alone",
    )
    p.add_argument("--allow-http", action="store_true", help=ALLOW_HTTP_HELP)


def _sync(command: Command) -> None:
    p = command(
        "sync",
        cmd_sync,
        "与县服务器同步（可定时运行；失败时修改保留在本机） / "
        "sync with the county server (can be scheduled; a failure keeps the changes)",
    )
    p.add_argument("--server", help="改用此服务器地址 / use this server address from now on")
    p.add_argument("--allow-http", action="store_true", help=ALLOW_HTTP_HELP)
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p.add_argument(
        "--log",
        type=Path,
        help="把每次同步的结果追加到此文件（每行一个 JSON） / append each run's result (a JSON line)",
    )


def cmd_enroll(args: argparse.Namespace) -> int:
    from ..services import syncing

    if not args.user:
        raise ValidationError(Kind.REQUIRED, "user")
    with opened(args) as store:
        syncing.refuse_demo(store)  # before the one-time code is asked for
        code = args.code or os.environ.get("CHILDCARE_ENROLL_CODE") or getpass.getpass("登记码: ")
        try:
            ca_pem = _read_ca(args.ca_file)
            who = syncing.enroll(
                store,
                args.server,
                user=args.user,
                code=code,
                label=args.label or args.user,
                allow_http=args.allow_http,
                ca_pem=ca_pem,
            )
        except syncing.SyncError as exc:
            print(f"错误 error: {sync_error_text(exc.code, exc.message)}", file=sys.stderr)
            user_input = ("bad_code", "bad_url", "plain_http", "bad_ca", "rate_limited")
            return 2 if exc.code in user_input else 1
    print(
        f"已登记 enrolled: {who['user']}（{who['role']}，区划 {who['region']}），本机 {who['device']}"
    )
    return 0


def _read_ca(path: Path | None) -> str | None:
    from ..services.syncing import SyncError

    try:
        return path.read_text(encoding="utf-8-sig") if path else None
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError("bad_ca", f"cannot read {path}") from exc


def cmd_sync(args: argparse.Namespace) -> int:
    import json

    from ..services import syncing

    with opened(args) as store:
        if args.server:
            try:
                syncing.set_server(store, args.server, allow_http=args.allow_http)
            except syncing.SyncError as exc:
                print(f"错误 error: {sync_error_text(exc.code)}", file=sys.stderr)
                return 2
        progress = None if args.json else output.SyncProgress()
        report = syncing.run(store, progress=progress)
    if args.log:
        with args.log.open("a", encoding="utf-8") as log_file:
            entry = {"at": datetime.now().astimezone().isoformat(timespec="seconds")}
            log_file.write(json.dumps({**entry, **report.to_json()}, ensure_ascii=False) + "\n")
    if args.json:
        output.print_json(report.to_json())
    else:
        output.print_sync(report, sync_error_text(report.error, report.message))
    if report.ok:
        return 0
    return 2 if report.error in ("not_enrolled", "bad_url") else 1
