"""What the commands share: bilingual help, the store options, opening the store named on
the command line, dates typed as arguments."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..logging_setup import default_store_path
from .passphrase import read_passphrase

if TYPE_CHECKING:
    from ..services.stores import Store

# ``command(name, run, help, store=True, default_store=None)``: adds one subcommand.
Command = Callable[..., argparse.ArgumentParser]

ALLOW_HTTP_HELP = (
    "允许不加密的 http:// 连接其他机器（仅供测试；连本机总是允许） / "
    "allow plain http:// to another machine (tests only; this machine is always allowed)"
)
JSON_HELP = "以 JSON 输出 / print JSON"
EPILOG = (
    "口令依次取自 --passphrase-file、环境变量 CHILDCARE_PASSPHRASE、提示输入。\n"
    "退出码：0 成功，2 输入有误或口令错误，1 其他错误。\n"
    "The passphrase comes from --passphrase-file, else $CHILDCARE_PASSPHRASE, else a prompt.\n"
    "Exit codes: 0 success, 2 bad input or wrong passphrase, 1 anything else."
)
# Help in both languages, argparse's own English words (usage, -h) replaced where we can.
BILINGUAL: dict[str, Any] = {
    "epilog": EPILOG,
    "formatter_class": argparse.RawDescriptionHelpFormatter,
    "add_help": False,
}


def bilingual_help(parser: argparse.ArgumentParser, positionals: str) -> None:
    parser._optionals.title = "选项 options"
    parser._positionals.title = positionals
    parser.add_argument("-h", "--help", action="help", help="显示本帮助 / show this help")


def store_arguments(p: argparse.ArgumentParser, default_store: Path | None = None) -> None:
    """The options of every command that opens a store."""
    p.add_argument(
        "--store",
        type=Path,
        default=None,
        help=f"档案库文件 / the store file (default: {default_store or default_store_path()})",
    )
    p.add_argument(
        "--passphrase-file",
        help="从文件读取口令（否则用 CHILDCARE_PASSPHRASE 或提示输入） / "
        "read the passphrase from this file (else $CHILDCARE_PASSPHRASE or a prompt)",
    )
    p.add_argument(
        "--user",
        default=None,
        help="操作人姓名，记入审计日志 / who does this, for the audit log",
    )


class opened:
    """``with opened(args) as store``: unlock the store named on the command line."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def __enter__(self) -> Store:
        from ..services import stores

        passphrase = read_passphrase(self.args.passphrase_file)
        self.store = stores.unlock(store_path(self.args), passphrase, actor=actor(self.args))
        if not self.args.user:  # the store's user, not the computer account, did it
            stores.act_as_user(self.store)
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def store_path(args: argparse.Namespace) -> Path:
    return args.store or default_store_path()


def actor(args: argparse.Namespace) -> str:
    if args.user:
        return str(args.user)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def month_arg(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效月份 not a month (YYYY-MM): {text}") from None


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是有效日期 not a date: {text}") from None
