"""Qt imported first, and PySide6's look at every later import made cheap (issue 19).

After PySide6 is imported it looks at each module imported later for the word "PySide6"
(its ``__feature__`` switch, PYSIDE-2029), through ``inspect.getsource``: every module's
source read through linecache, split into lines, joined again — about a tenth of the
start's imports. The same answer comes from the file's bytes; so that check is replaced
here, before the app's own modules and SQLAlchemy are imported (``app`` imports this
first). A PySide6 without that check is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (loads PySide6's feature support)


def _install() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    looks = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or looks is None or getattr(looks, "quick", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(looks(module))  # no source file: PySide6's own answer

    uses_pyside.quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_install()
