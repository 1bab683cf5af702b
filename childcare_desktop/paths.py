"""Where the program's own files are: the resources/ folder (fonts, translations, icons).

In a PyInstaller bundle they are unpacked under ``sys._MEIPASS``; from a checkout (the
way developers and the README run it) they sit beside the package.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
