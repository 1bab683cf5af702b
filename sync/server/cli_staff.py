"""``childcare-server staff``: the county console's staff accounts.

childcare-server staff create NAME --role county-admin|county-viewer [--require-totp]
childcare-server staff list [--json]
childcare-server staff reset-password NAME
childcare-server staff totp NAME              # a new TOTP secret, required from now on
childcare-server staff reset-totp NAME        # set up again in the browser at next login
childcare-server staff disable NAME | enable NAME

A password is read from ``$CHILDCARE_STAFF_PASSWORD`` or asked twice on the terminal,
and refused when zxcvbn finds it easy to guess (as the laptop refuses a passphrase).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable

from .accounts import now_ms
from .db import Database
from .errors import SyncRefused

PASSWORD_ENV = "CHILDCARE_STAFF_PASSWORD"
NAME_HELP = "工作人员的登录名 / the staff member's login name"
CLIENT = "cli"  # who the audit names for what the command line did


def register(
    command: Callable[[str, str], argparse.ArgumentParser],
    new_parser: Callable[..., argparse.ArgumentParser],
) -> None:
    """Add ``staff`` and its subcommands (``command``/``new_parser``: those of :mod:`.cli`)."""
    staff = command(
        "staff",
        "县级管理页面的工作人员账号 / the county console's staff accounts",
    )
    sub = staff.add_subparsers(dest="staff_command", required=True, metavar="COMMAND")
    staff._positionals.title = "命令 commands"

    def maker(name: str, text: str) -> argparse.ArgumentParser:
        return new_parser(sub.add_parser, name, help=text, description=text)

    create = maker(
        "create",
        f"新建工作人员账号（密码取 ${PASSWORD_ENV}，否则在终端输入两次） / "
        f"add a staff account (password from ${PASSWORD_ENV}, else asked twice)",
    )
    create.add_argument("name", help=NAME_HELP)
    create.add_argument(
        "--role",
        required=True,
        choices=["county-admin", "county-viewer"],
        help="角色：管理或查看 / the role: administer or view",
    )
    create.add_argument(
        "--require-totp",
        action="store_true",
        help="登录须用动态口令（首次登录时在浏览器中设置） / "
        "require a TOTP code at login (set up in the browser at the first login)",
    )
    shown = maker("list", "列出工作人员账号 / list the staff accounts")
    shown.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    for name, text in (
        (
            "reset-password",
            "设新密码（该账号的登录随即失效，锁定解除） / "
            "set a new password (the account's sessions end, a lockout lifts)",
        ),
        (
            "totp",
            "生成新的动态口令密钥并要求使用（只显示一次） / "
            "a new TOTP secret, required from now on (shown once)",
        ),
        (
            "reset-totp",
            "作废动态口令密钥和恢复码，下次登录时在浏览器中重新设置 / forget the TOTP "
            "secret and recovery codes: set up again in the browser at the next login",
        ),
        ("disable", "停用账号，其登录随即失效 / disable the account, ending its sessions"),
        ("enable", "恢复停用的账号 / enable a disabled account"),
    ):
        maker(name, text).add_argument("name", help=NAME_HELP)


def run(db: Database, args: argparse.Namespace) -> int:
    from .console import staff, totp_codes

    what = args.staff_command
    if what == "list":
        with db.read() as conn:
            rows = staff.listing(conn, now_ms=now_ms())
        _print(rows, as_json=args.json)
        return 0
    password = _password(args.name) if what in ("create", "reset-password") else ""
    now = now_ms()
    with db.write() as conn:
        if what == "create":
            staff.create(
                conn, args.name, args.role, password, require_totp=args.require_totp, now_ms=now
            )
            done = f"staff {args.name} ({args.role}) created"
        elif what == "reset-password":
            staff.set_password(conn, args.name, password, now_ms=now)
            done = f"password of {args.name} reset"
        elif what == "reset-totp":
            totp_codes.reset(conn, args.name, now_ms=now)
            done = f"TOTP of {args.name} reset: set up again in the browser at the next login"
        elif what == "totp":
            totp_codes.reset(conn, args.name, now_ms=now)  # the old recovery codes go too
            uri = staff.new_totp(conn, args.name, now_ms=now)
            done = (
                "在手机验证器中扫描或输入（只显示这一次） / "
                f"add to an authenticator app (shown once):\n{uri}"
            )
        else:
            staff.set_active(conn, args.name, what == "enable", now_ms=now)
            done = f"staff {args.name} {what}d"
        staff.audit(conn, CLIENT, f"staff_{what}", f"name={args.name}", client=CLIENT, now_ms=now)
    print(done)
    return 0


def _password(name: str) -> str:
    if found := os.environ.get(PASSWORD_ENV):
        return found
    if not sys.stdin.isatty():
        raise SyncRefused(400, "no_password", f"give the password in ${PASSWORD_ENV}")
    first = getpass.getpass(f"密码 / password for {name}: ")
    if getpass.getpass("再输一次 / again: ") != first:
        raise SyncRefused(400, "password_mismatch", "the two passwords differ")
    return first


def _print(rows: list[dict[str, object]], *, as_json: bool) -> None:
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        flags = [k for k in ("totp_required", "locked") if r[k]]
        state = "active" if r["active"] else "disabled"
        print(f"{r['name']:<20} {r['role']:<14} {state:<9} {' '.join(flags)}")
