"""Where a passphrase comes from: ``--passphrase-file``, ``CHILDCARE_PASSPHRASE``, or a prompt.

Files and the environment serve scheduled runs at township offices and tests; people
type at the prompt, where nothing is echoed. A passphrase is never written anywhere.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..core.errors import Kind, ValidationError


def read_passphrase(
    file: str | None,
    *,
    env: str = "CHILDCARE_PASSPHRASE",
    prompt: str = "口令 / passphrase: ",
    confirm: bool = False,
) -> str:
    """The passphrase from ``file``, then the environment, then the terminal."""
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except OSError:
            raise ValidationError(Kind.STORE_NOT_FOUND, path=file) from None
        return text.rstrip("\r\n")
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        raise ValidationError(Kind.REQUIRED, "passphrase")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise ValidationError(Kind.REQUIRED, "passphrase", reason="mismatch")
    return first
