"""``childcare-server``: run the county server and administer it.

    childcare-server serve [--host H] [--port P] [--certfile F --keyfile F]
                           [--trusted-proxy IP]... [--blob-quota-mb N]
    childcare-server create-user NAME --role director|supervisor|county-viewer|county-admin --region CODE
    childcare-server issue-code NAME [--days N]       # one-time enrollment code, shown once
    childcare-server cancel-code NAME                  # the user's unused codes
    childcare-server disable-user NAME | enable-user NAME
    childcare-server users | devices | quarantine | flagged | audit-alerts | sync-health [--json]
    childcare-server quarantine release ID | reject ID --reason TEXT  (cli_quarantine)
    childcare-server revoke-device DEVICE_ID
    childcare-server mark-restored                     # after restoring the database from a backup
    childcare-server regions import FILE.csv [--replace] | regions list [--json]
    childcare-server recovery keygen --out DIR | set-key PUBFILE | show [--json]
    childcare-server transfers list [--state requested|all] | accept ID --by NAME
                     | refuse ID --by NAME --reason TEXT [--json]
    childcare-server staff create NAME --role county-admin|county-viewer [--require-totp]
                     | list [--json] | reset-password NAME | totp NAME | disable|enable NAME

``--db`` defaults to ``$CHILDCARE_SERVER_DB`` or a SQLite file in the user data folder;
``--journal`` (the decision journal, :mod:`sync.server.journal`) to
``$CHILDCARE_SERVER_JOURNAL``, else next to an SQLite file, else in the user data folder.
Exit codes: 0 success, 2 bad input, 1 anything else.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from childcare_desktop.core.roles import Role

from . import (
    accounts,
    audit,
    cli_quarantine,
    cli_recovery,
    cli_regions,
    cli_staff,
    cli_transfers,
    duplicates,
    health,
    journal,
    merge,
    restore,
)
from .accounts import now_ms
from .db import Database, sqlite_url
from .errors import SyncRefused
from .principal import Principal

MB = 1024 * 1024
SERVER_EXTRA = "pip install 'childcare-desktop[server]'"


def _data_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("childcare-server", appauthor=False))


def default_db() -> str:
    if env := os.environ.get("CHILDCARE_SERVER_DB"):
        return env
    return sqlite_url(_data_folder() / "server.db")  # the folder is made private (0700) on opening


def default_journal(url: str) -> str | None:
    """The decision journal: named, or next to an SQLite file (``Database`` puts it
    there), or for PostgreSQL in the user data folder."""
    if env := os.environ.get("CHILDCARE_SERVER_JOURNAL"):
        return env
    return None if url.startswith("sqlite") else str(_data_folder() / "decisions.jsonl")


EPILOG = (
    "数据库默认取 $CHILDCARE_SERVER_DB，否则为用户数据文件夹中的 SQLite 文件；决定日志默认取\n"
    "$CHILDCARE_SERVER_JOURNAL，否则在 SQLite 文件旁或用户数据文件夹中。\n"
    "退出码：0 成功，2 输入有误，1 其他错误。\n"
    "--db defaults to $CHILDCARE_SERVER_DB, else an SQLite file in the user data folder;\n"
    "--journal to $CHILDCARE_SERVER_JOURNAL, else beside the SQLite file or in that folder.\n"
    "Exit codes: 0 success, 2 bad input, 1 anything else."
)
JSON_HELP = "以 JSON 输出 / print JSON"
NAME_HELP = "用户名 / the user's name"


def _new_parser(maker: Any, *args: Any, **kwargs: Any) -> argparse.ArgumentParser:
    """A parser whose help is in both languages (argparse's own -h is English only)."""
    parser: argparse.ArgumentParser = maker(
        *args,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
        **kwargs,
    )
    parser._optionals.title = "选项 options"
    parser._positionals.title = "参数 arguments"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助 / show this help")
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = _new_parser(
        argparse.ArgumentParser,
        prog="childcare-server",
        description="县级同步服务器：运行与管理 / the county sync server: run and administer it",
    )
    parser._positionals.title = "命令 commands"
    parser.add_argument(
        "--db",
        default=None,
        help="数据库地址 / database URL (postgresql+psycopg://... or sqlite:///...)",
    )
    parser.add_argument(
        "--journal",
        default=None,
        help="决定日志，与数据库分开保存（数据库恢复后仍在） / "
        "the decision journal, kept apart from the database (survives its restore)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return _new_parser(sub.add_parser, name, help=text, description=text)

    _serve_options(command("serve", "运行 HTTP(S) 服务 / run the HTTP(S) server"))
    command("init-db", "创建或升级数据库 / create or upgrade the database")
    user = command("create-user", "新建用户（角色与区划） / add a user with a role and a region")
    user.add_argument("name", help=NAME_HELP)
    user.add_argument(
        "--role",
        required=True,
        choices=[*(r.value for r in Role), "county"],
        help="角色（county 即 county-admin） / the role (county = county-admin)",
    )
    user.add_argument(
        "--region",
        required=True,
        help="区划代码：村12位、镇9位、县6位 / 12 digits (village), 9 (township), 6 (county)",
    )
    code = command(
        "issue-code",
        "为用户的笔记本发一次性登记码（只显示一次） / a one-time enrollment code, shown once",
    )
    code.add_argument("name", help=NAME_HELP)
    code.add_argument(
        "--days",
        type=int,
        default=accounts.CODE_DAYS,
        help=f"有效天数（1到{accounts.CODE_MAX_DAYS}，默认{accounts.CODE_DAYS}） / "
        f"days valid (1 to {accounts.CODE_MAX_DAYS}, {accounts.CODE_DAYS})",
    )
    for name, text in (
        ("cancel-code", "作废该用户尚未使用的登记码 / cancel the user's unused codes"),
        ("disable-user", "从现在起拒绝该用户的所有笔记本 / refuse the user's devices from now on"),
        ("enable-user", "恢复停用用户的同步 / let a disabled user's devices sync again"),
    ):
        command(name, text).add_argument("name", help=NAME_HELP)
    for name, text in (
        ("users", "列出用户 / list users"),
        ("devices", "列出已登记的笔记本 / list devices"),
        (
            "flagged",
            "列出日期晚于到达当天的修改（笔记本时钟超前） / "
            "list changes dated after the day they arrived (a laptop clock ahead)",
        ),
        (
            "sync-health",
            "各笔记本最近一次同步：距今天数、待上传、暂存、时钟（超过县里规定天数为红） / "
            "each laptop's last sync: days since, changes waiting, set aside, clock (red past"
            " the county's limit)",
        ),
        (
            "audit-alerts",
            "列出审计日志被改写、截短或伪造的笔记本 / "
            "list the laptops whose audit log was rewritten, cut short or forged",
        ),
    ):
        command(name, text).add_argument("--json", action="store_true", help=JSON_HELP)
    dup = command(
        "duplicates", "县内疑似重复的儿童档案 / suspected duplicate files across the county"
    )
    dup.add_argument(
        "action",
        choices=["list", "distinct"],
        help="列出，或把一对（跨乡镇的）标为不是同一人 / "
        "list the cases, or mark one (a pair across townships) as different children",
    )
    dup.add_argument("case", nargs="?", help="distinct：疑似重复编号 / distinct: the case id")
    dup.add_argument(
        "--by", default="county", help="distinct：处理人 / distinct: who decided (for the record)"
    )
    dup.add_argument(
        "--state",
        choices=["open", "merged", "distinct", "all"],
        default="all",
        help="只列此状态（默认全部） / only cases in this state (all by default)",
    )
    dup.add_argument("--json", action="store_true", help=JSON_HELP)
    revoke = command("revoke-device", "从现在起拒绝一台笔记本 / refuse a device from now on")
    revoke.add_argument("device", help="笔记本编号（见 devices） / the device id (see devices)")
    command(
        "mark-restored",
        "从备份恢复数据库后开始新纪元，重放决定日志 / "
        "after restoring the database from a backup: a new epoch, the journal replayed",
    )
    cli_regions.register(command, _new_parser)
    cli_transfers.register(command, _new_parser)
    cli_quarantine.register(command)
    cli_recovery.register(command, _new_parser)
    cli_staff.register(command, _new_parser)
    return parser


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument(
        "--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1） / address to listen on"
    )
    serve.add_argument(
        "--port", type=int, default=8700, help="端口（默认8700） / the port to listen on (8700)"
    )
    serve.add_argument(
        "--certfile", help="用此证书提供 HTTPS（PEM） / serve HTTPS with this certificate (PEM)"
    )
    serve.add_argument("--keyfile", help="证书的私钥（PEM） / the certificate's private key (PEM)")
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="IP",
        help="信任其 X-Forwarded-For 的反向代理（可重复；默认无） / "
        "a reverse proxy whose X-Forwarded-For is believed (repeatable; default none)",
    )
    serve.add_argument(
        "--blob-quota-mb",
        type=int,
        default=accounts.BLOB_QUOTA_BYTES // MB,
        help=f"每台笔记本可存的附件（MB，默认{accounts.BLOB_QUOTA_BYTES // MB}） / "
        "attachments each device may store, in MB",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "recovery" and args.recovery_command == "keygen":
        return cli_recovery.keygen(args)  # offline, on a machine with no database
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return _fail(f"the server's packages are not installed: {SERVER_EXTRA}")
    url = args.db or default_db()
    try:
        db = Database(url, args.journal or default_journal(url))
    except ImportError as exc:  # the database's driver (psycopg)
        return _fail(f"no driver for this database ({exc.name}): {SERVER_EXTRA}")
    except OSError as exc:
        return _fail(f"cannot create the database folder: {exc}")
    try:
        db.migrate()
        return _run(db, args)
    except SyncRefused as exc:
        print(f"childcare-server: {exc.message}", file=sys.stderr)
        return 2 if exc.status < 500 else 1
    except OperationalError as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return _fail(f"cannot reach the database {shown}: {reason}")
    finally:
        db.dispose()


def _fail(message: str) -> int:
    print(f"childcare-server: {message}", file=sys.stderr)
    return 1


def _run(db: Database, args: argparse.Namespace) -> int:
    if args.command == "serve":
        return _serve(db, args)
    if args.command == "init-db":
        print("database ready")
        return 0
    if args.command == "regions":
        return cli_regions.run(db, args)
    if args.command == "transfers":
        return cli_transfers.run(db, args)
    if args.command == "recovery":
        return cli_recovery.run(db, args)
    if args.command == "staff":
        return cli_staff.run(db, args)
    if args.command == "quarantine" and (decided := cli_quarantine.run(db, args)) is not None:
        return decided
    with db.write() as conn:
        if args.command == "create-user":
            uid = accounts.create_user(conn, args.name, args.role, args.region, now_ms=now_ms())
            print(f"user {args.name} ({args.role}, {args.region}) id {uid}")
        elif args.command == "issue-code":
            print(accounts.issue_code(conn, args.name, now_ms=now_ms(), days=args.days))
        elif args.command == "cancel-code":
            count = accounts.cancel_codes(conn, args.name, now_ms=now_ms())
            print(f"{count} code(s) of {args.name} cancelled")
        elif args.command in ("disable-user", "enable-user"):
            active = args.command == "enable-user"
            accounts.set_active(conn, args.name, active)
            print(f"user {args.name} {'enabled' if active else 'disabled'}")
        elif args.command == "revoke-device":
            if not accounts.revoke(conn, args.device, now_ms=now_ms()):
                raise SyncRefused(404, "unknown_device", f"no active device {args.device}")
            print(f"device {args.device} revoked")
        elif args.command == "duplicates" and args.action == "distinct":
            if not args.case or not duplicates.close_distinct(
                conn, args.case, by=args.by, now_ms=now_ms()
            ):
                raise SyncRefused(404, "unknown_case", f"no open case {args.case}")
            print(f"case {args.case}: distinct")
        elif args.command == "mark-restored":
            done = restore.mark_restored(db, conn, now_ms=now_ms())
            print(
                f"new epoch {done['epoch']} (#{done['epoch_no']}); laptops will re-send what "
                f"this database lacks; from the journal: {done['rows']} account change(s), "
                f"{done['decisions']} conflict decision(s) ({done['closed']} closed again now), "
                f"{done['transfers']} transfer decision(s) ({done['transfers_applied']} applied now), "
                f"{done['quarantine']} quarantine decision(s) applied again"
            )
        else:
            rows = _listing(conn, args.command, getattr(args, "state", "all"))
            _print_listing(rows, as_json=args.json)
    return 0


def _serve(db: Database, args: argparse.Namespace) -> int:
    import uvicorn

    from . import serving
    from .app import Settings, create_app

    if bool(args.certfile) != bool(args.keyfile):
        raise SyncRefused(400, "bad_tls", "--certfile and --keyfile go together")
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.access(path, os.R_OK):
            raise SyncRefused(400, "bad_tls", f"cannot read {path}")
    if args.blob_quota_mb < 0:
        raise SyncRefused(400, "bad_quota", "--blob-quota-mb cannot be negative")
    with db.read() as conn:
        if journal.behind(conn, db.journal):  # a restored database, mark-restored not run
            raise journal.restored_refusal()
    os.umask(0o077)  # whatever the server writes is its own
    app = create_app(db, Settings(blob_quota_bytes=args.blob_quota_mb * MB))
    config = serving.config(
        app,
        host=args.host,
        port=args.port,
        certfile=args.certfile,
        keyfile=args.keyfile,
        trusted_proxies=args.trusted_proxy,
    )
    server = uvicorn.Server(config)
    # What is loaded by now (modules, the app, the tables) lives as long as the process:
    # set apart from the collector, whose full passes would otherwise walk it again each
    # time a push's tens of thousands of objects (alive until its commit) set one off.
    gc.collect()
    gc.freeze()
    server.run()
    return 0 if server.started else 1


def _listing(conn: Any, what: str, state: str = "all") -> list[dict[str, Any]]:
    if what == "users":
        return accounts.users(conn)
    if what == "devices":
        return accounts.devices(conn)
    if what == "audit-alerts":
        return audit.alerts(conn)
    if what == "flagged":
        return merge.flagged(conn)
    if what == "sync-health":
        return health.listing(conn, now_ms=now_ms())
    if what == "duplicates":
        return duplicates.all_cases(conn, state=None if state == "all" else state)
    county = Principal("", 0, "admin", Role.COUNTY_ADMIN, "")
    return merge.quarantine_in_scope(conn, county)


def _print_listing(rows: list[dict[str, Any]], *, as_json: bool) -> None:
    """What devices sent (labels, reasons) reaches the administrator's terminal: anything
    not printable is shown escaped, never sent to the terminal as it is."""
    if as_json:
        text = json.dumps(rows, ensure_ascii=False, indent=1)
        print("".join(c if c.isprintable() or c == "\n" else json.dumps(c)[1:-1] for c in text))
        return
    for r in rows:
        print("  ".join(f"{k}={_show(k, v)}" for k, v in r.items()))


def _show(key: str, value: Any) -> str:
    if key.endswith("_ms") and isinstance(value, int):
        return datetime.fromtimestamp(value / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value)
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


if __name__ == "__main__":
    sys.exit(main())
