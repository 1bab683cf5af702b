"""``childcare-server recovery``: the county's recovery key.

childcare-server recovery keygen --out DIR   # offline; needs no database
childcare-server recovery set-key PUBFILE     # laptops seal their stores to it
childcare-server recovery show [--json]

Opening a store with the private key is the desktop's ``childcare recovery open`` (it
is the app that knows stores), run on the county's offline machine.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..recovery import CountyKey, RecoveryError, generate
from . import recovery_key
from .accounts import now_ms
from .db import Database

PASSPHRASE_ENV = "CHILDCARE_COUNTY_PASSPHRASE"


def register(
    command: Callable[[str, str], argparse.ArgumentParser],
    new_parser: Callable[..., argparse.ArgumentParser],
) -> None:
    """Add ``recovery keygen|set-key|show`` (the helpers of :mod:`sync.server.cli`)."""
    recovery = command(
        "recovery",
        "县级恢复密钥：生成、启用、查看 / the county recovery key: make, set, show",
    )
    sub = recovery.add_subparsers(dest="recovery_command", required=True, metavar="COMMAND")
    recovery._positionals.title = "命令 commands"

    def maker(name: str, text: str) -> argparse.ArgumentParser:
        return new_parser(sub.add_parser, name, help=text, description=text)

    keygen = maker(
        "keygen",
        "在不联网的电脑上生成密钥对（私钥用县级口令加密；口令取自 "
        f"${PASSPHRASE_ENV} 或提示输入） / a new key pair, made offline (the private key "
        f"locked with the county passphrase, from ${PASSPHRASE_ENV} or a prompt)",
    )
    keygen.add_argument(
        "--out", type=Path, required=True, help="写入的文件夹 / the folder to write both files to"
    )
    setter = maker(
        "set-key",
        "把公钥交给服务器，登记和同步时发给笔记本 / give laptops this public key "
        "(at enrollment and at their next sync)",
    )
    setter.add_argument("file", type=Path, help="公钥文件（.pub） / the public key file (.pub)")
    show = maker("show", "当前发给笔记本的公钥 / the public key laptops are given")
    show.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")


def keygen(args: argparse.Namespace) -> int:
    """Write ``county-recovery-<fingerprint>.key`` (private, locked) and ``.pub``."""
    passphrase = os.environ.get(PASSPHRASE_ENV) or _ask_twice()
    try:
        private, public = generate(passphrase)
    except RecoveryError as exc:
        return _fail(exc.message)
    stem = "county-recovery-" + CountyKey.parse(public).fingerprint
    folder: Path = args.out
    key_file, pub_file = folder / f"{stem}.key", folder / f"{stem}.pub"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # exclusive creation: an old key pair is never overwritten (stores sealed to it)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(private)
        with pub_file.open("x", encoding="utf-8") as fh:
            fh.write(public)
    except OSError as exc:
        return _fail(f"无法写入 / cannot write in {folder}: {exc.strerror}")
    print(f"私钥 private key: {key_file}（两份，分别存于县民政局保险柜 / two copies, in the safe）")
    print(f"公钥 public key:  {pub_file}（childcare-server recovery set-key）")
    print(f"指纹 fingerprint: {CountyKey.parse(public).fingerprint}")
    return 0


def run(db: Database, args: argparse.Namespace) -> int:
    """``set-key`` and ``show`` (``keygen`` needs no database: :func:`keygen`)."""
    if args.recovery_command == "show":
        with db.read() as conn:
            current = recovery_key.shown(conn)
        if args.json:
            print(json.dumps(current))
        elif current is None:
            print("尚未设置恢复公钥 / no recovery key set")
        else:
            print(f"指纹 fingerprint: {current['fingerprint']}")
        return 0
    try:
        county = CountyKey.parse(Path(args.file).read_text(encoding="utf-8"))
    except OSError as exc:
        return _fail(f"无法读取 / cannot read {args.file}: {exc.strerror}")
    except RecoveryError as exc:
        return _fail(f"{args.file}: {exc.message}")
    with db.write() as conn:
        changed = recovery_key.set_key(conn, county, now_ms=now_ms())
    state = "已启用 set" if changed else "未变 unchanged"
    print(f"恢复公钥 recovery key {county.fingerprint}: {state}")
    return 0


def _ask_twice() -> str:
    if not sys.stdin.isatty():
        raise SystemExit(_fail(f"no county passphrase: set ${PASSPHRASE_ENV} or use a terminal"))
    first = getpass.getpass("县级口令 / county passphrase: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        raise SystemExit(_fail("两次输入不一致 / the two differ"))
    return first


def _fail(message: str) -> int:
    print(f"childcare-server: {message}", file=sys.stderr)
    return 2
