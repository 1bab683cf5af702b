"""``childcare recovery``: the county's recovery key on a store.

    childcare recovery open --key PRIVFILE --store PATH --user NAME [--recovery-file F]
    childcare recovery set-key PUBFILE [--store PATH]    # seal this store to the county key
    childcare recovery status [--store PATH]

``open`` runs at the county's offline machine: the county passphrase comes from
``$CHILDCARE_COUNTY_PASSPHRASE`` or a prompt, the store's new passphrase from
``$CHILDCARE_NEW_PASSPHRASE`` or a prompt (twice). ``set-key`` needs the store's
passphrase, as every command that opens a store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import Kind, ValidationError
from ..logging_setup import default_store_path
from .passphrase import read_passphrase

if TYPE_CHECKING:
    from ..services.stores import Store


def register(sub: Any, bilingual: dict[str, Any], helps: Callable[[Any, str], None]) -> None:
    """Add ``recovery open|set-key|status`` to the command's subparsers."""
    text = (
        "县级恢复密钥：口令遗失后由县里重设 / the county recovery key: the county sets a new"
        " passphrase on a store whose passphrase is lost"
    )
    top = sub.add_parser("recovery", help=text, description=text, **bilingual)
    helps(top, "操作 actions")
    actions = top.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, run: Callable[[argparse.Namespace], None], help_text: str) -> Any:
        p = actions.add_parser(name, help=help_text, description=help_text, **bilingual)
        helps(p, "参数 arguments")
        p.add_argument(
            "--store",
            type=Path,
            default=None,
            help=f"档案库文件 / the store file (default: {default_store_path()})",
        )
        p.set_defaults(run=run)
        return p

    p = action(
        "open",
        _open,
        "（县里，离线）用县级私钥打开口令遗失的档案库并设置新口令 / (at the county, offline)"
        " open a store whose passphrase is lost with the county's private key, set a new one",
    )
    p.add_argument("--key", type=Path, required=True, help="县级私钥文件 / the private key file")
    p.add_argument(
        "--user", required=True, help="县里操作人姓名（记入审计日志） / who, for the audit log"
    )
    p.add_argument(
        "--recovery-file",
        type=Path,
        help="恢复文件（默认为档案库旁的 .recovery） / the recovery file (the store's own)",
    )
    p = action(
        "set-key",
        _set_key,
        "把本档案库的密钥封存给县级公钥 / seal this store's key to the county's public key",
    )
    p.add_argument("file", type=Path, help="县级公钥文件（.pub） / the public key file")
    p.add_argument("--passphrase-file", help="从文件读取口令 / read the passphrase from a file")
    p.add_argument("--user", default=None, help="操作人姓名 / who does this (audit log)")
    action("status", _status, "本档案库能否由县里恢复 / whether the county can recover this store")


def _open(args: argparse.Namespace) -> None:
    from ..services import recovery

    path = args.store or default_store_path()
    private_key = _read(args.key)
    county = read_passphrase(
        None, env="CHILDCARE_COUNTY_PASSPHRASE", prompt="县级口令 / county passphrase: "
    )
    new = read_passphrase(
        None, env="CHILDCARE_NEW_PASSPHRASE", confirm=True, prompt="新口令 / new passphrase: "
    )
    done = recovery.open_for_county(
        path,
        private_key=private_key,
        county_passphrase=county,
        new_passphrase=new,
        by=args.user,
        recovery_file=args.recovery_file,
    )
    print(f"已用县级恢复密钥 {done.county_key} 打开 {path} 并设置新口令（已记入审计日志）")
    print(f"opened with county key {done.county_key}; new passphrase set (in the audit log)")
    if done.resealed:
        print("恢复文件已按新口令更新 / the recovery file now holds the new key")


def _set_key(args: argparse.Namespace) -> None:
    from ..services import recovery, stores

    text = _read(args.file)
    recovery.parse_county_key(text)  # before asking for the passphrase
    path = args.store or default_store_path()
    store = stores.unlock(path, read_passphrase(args.passphrase_file), actor=args.user or "")
    try:
        fingerprint = recovery.take_county_key(store, text)
    finally:
        store.close()
    print(
        f"已封存给县级恢复密钥 sealed to county key {fingerprint}: {recovery.recovery_path(path)}"
    )


def _status(args: argparse.Namespace) -> None:
    from ..services import recovery

    path = args.store or default_store_path()
    if recovery.recoverable(path):
        print(f"可由县里恢复 / recoverable by the county: {recovery.recovery_path(path)}")
    else:
        print("没有恢复文件：口令遗失将无法打开 / no recovery file: a lost passphrase loses it")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(Kind.RECOVERY_FILE_INVALID, reason=str(path)) from None


def read_key_file(path: Path) -> str:
    """A county public key file's text, checked (``childcare init --recovery-key``)."""
    from ..services import recovery

    text = _read(path)
    recovery.parse_county_key(text)
    return text


def take_key(store: Store, text: str) -> str:
    """Seal ``store`` to the county key of ``text``; its fingerprint."""
    from ..services import recovery

    return recovery.take_county_key(store, text)
