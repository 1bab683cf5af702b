"""``childcare backup``: a backup to a named file (``--out``), the automatic one the app
makes on closing (``--auto``, for scripts and schedulers), or the list of automatic backups
with their dates and checks (``--list [--json]``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..messages import describe
from . import output
from .common import actor, store_path
from .passphrase import read_passphrase

if TYPE_CHECKING:
    from ..services.backups import BackupEntry, BackupReport

HELP = "备份档案库（加密，口令不变） / an encrypted, verified copy"
PLACES = {"store": "档案库所在文件夹 store's folder", "second": "第二备份位置 second place"}
STATES = {"good": "完好 good", "damaged": "已损坏 damaged", "other_key": "旧口令 old passphrase"}


def register(command: Callable[..., argparse.ArgumentParser], opened: Callable[..., Any]) -> None:
    """Add the subcommand (``command`` is main's factory, ``opened`` its store opener)."""
    p = command("backup", lambda args: cmd_backup(args, opened), HELP)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--out", type=Path, help="备份文件（不覆盖） / the backup file (never overwritten)"
    )
    what.add_argument(
        "--auto",
        action="store_true",
        help="自动备份：档案库文件夹和第二备份位置，按 7 日 4 周 6 月保留 / "
        "the automatic backup (store's folder and second place, 7 daily 4 weekly 6 monthly)",
    )
    what.add_argument(
        "--list", action="store_true", help="列出自动备份及检查结果 / list automatic backups"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出（--list） / print JSON")
    _restore(command)


def cmd_backup(args: argparse.Namespace, opened: Callable[..., Any]) -> int:
    from ..services import backups, stores

    with opened(args) as store:
        if args.out:
            print(f"已备份到 backup written: {stores.backup(store, args.out)}")
            return 0
        if args.list:
            entries = backups.list_backups(store)
            output.print_json([_json(e) for e in entries]) if args.json else print_list(entries)
            return 0
        report = backups.run_auto_backup(store)
    print_report(report)
    return 0 if report.ok else 1


def print_report(report: BackupReport) -> None:
    for place in report.places:
        name = PLACES[place.place.value]
        if place.written:
            print(f"{name}: 已备份并验证 written and verified: {place.written}")
            if place.removed:
                print(f"  按保留规则删除旧备份 {place.removed} 个 / {place.removed} old removed")
        elif place.outcome.value == "not_set":
            print(f"{name}: 未设置（在“设置”中选择） / not set")
        elif place.outcome.value == "absent":
            print(f"{name}: 不在（U 盘未插入？），已跳过 / not there, skipped: {place.folder}")
        else:
            problem = describe(place.error) if place.error else ""
            print(f"{name}: 备份失败，档案库未受影响 / failed, store untouched: {problem}")


def print_list(entries: list[BackupEntry]) -> None:
    if not entries:
        print("还没有自动备份 / no automatic backups yet")
    for e in entries:
        size = f"{e.size / 1024:.0f} KB"
        print(
            f"{e.taken:%Y-%m-%d %H:%M}  {PLACES[e.place.value]}  {size:>8}  "
            f"{STATES[e.state.value]}  {e.path}"
        )


def _json(entry: BackupEntry) -> dict[str, Any]:
    return {
        "taken": entry.taken.isoformat(),
        "place": entry.place.value,
        "state": entry.state.value,
        "size": entry.size,
        "path": str(entry.path),
    }


def _restore(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command(
        "restore",
        cmd_restore,
        "从备份恢复（原档案库改名保留） / replace the store with a backup (the old one is kept)",
    )
    p.add_argument(
        "--from", dest="source", type=Path, required=True, help="备份文件 / the backup file"
    )


def cmd_restore(args: argparse.Namespace) -> None:
    from ..services import stores

    path = store_path(args)
    passphrase = read_passphrase(args.passphrase_file, prompt="备份的口令 / backup passphrase: ")
    checked, kept = stores.restore(args.source, path, passphrase, actor=actor(args))
    print(f"已从 {args.source} 恢复到 {path}（检查通过，儿童 {checked.children} 名）")
    if kept:
        print(f"原档案库已改名保留 the replaced store was kept: {kept}")
