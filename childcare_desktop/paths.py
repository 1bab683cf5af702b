"""Where the program's own files are: the resources/ folder (fonts, translations, icons).

In a PyInstaller bundle they are unpacked under ``sys._MEIPASS``; from a checkout (the
way developers and the README run it) they sit beside the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .logging_setup import default_store_path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_demo_path() -> Path:
    """The demo store's own file, beside the real store (``demo.db``): ``childcare demo``
    and the app's demo build the invented village there, never in the real store."""
    return default_store_path().with_name("demo.db")
