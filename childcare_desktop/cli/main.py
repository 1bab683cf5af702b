"""The ``childcare`` command: admins, township offices and tests use it alike.

Exit codes: 0 success; 2 bad input or wrong passphrase (message on stderr); 1 anything else.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..core.errors import USER_INPUT_KINDS, DomainError
from ..logging_setup import setup_logging
from ..messages import describe
from . import (
    backups,
    bundles,
    county_commands,
    document_commands,
    duplicates,
    recovery,
    review,
    store_commands,
    store_list,
    sync_health,
    transfers,
)
from .common import BILINGUAL, bilingual_help, opened, store_arguments

# The services (and through them the store and SQLAlchemy) are imported by the commands
# that need them: ``childcare validate-id`` then starts in a tenth of the time. Like the GUI,
# the command line reaches the store only through the use cases (an import-linter contract).

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    log_file = setup_logging()
    try:
        return args.run(args) or 0
    except DomainError as err:
        print(f"错误 error: {describe(err)}", file=sys.stderr)
        return 2 if err.kind in USER_INPUT_KINDS else 1
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (``childcare worklist | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("command %s failed", args.command)
        where = f"，详情见日志 {log_file}" if log_file else ""
        print(f"内部错误 / internal error{where}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand, each module adding its own (``command`` makes one)."""
    parser = argparse.ArgumentParser(
        prog="childcare",
        description="儿童主任工作台 命令行工具 / the child director's workbench, command line",
        **BILINGUAL,
    )
    bilingual_help(parser, "命令 commands")
    parser.add_argument(
        "--version",
        action="version",
        version=f"childcare {__version__}",
        help="显示版本 / show the version",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str,
        run: Callable[[argparse.Namespace], int | None],
        help_text: str,
        *,
        store: bool = True,
        default_store: Path | None = None,
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, **BILINGUAL)
        bilingual_help(p, "参数 arguments")
        if store:
            store_arguments(p, default_store)
        p.set_defaults(run=run)
        return p

    store_commands.register(command)
    review.register(sub)
    backups.register(command, opened)
    document_commands.register(command)
    county_commands.register(command)
    sync_health.register(command, opened)
    duplicates.register(command)
    transfers.register(sub, BILINGUAL, bilingual_help)
    bundles.register(command, sub, opened, BILINGUAL, bilingual_help)
    recovery.register(sub, BILINGUAL, bilingual_help)
    store_list.register(sub, BILINGUAL, bilingual_help)
    return parser


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
