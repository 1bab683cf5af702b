"""The stores known on this PC: a shared township PC lists its users' stores at unlock.

The list is a small JSON file in the app's data folder, outside every store. It holds what
the unlock screen shows before anyone has typed a passphrase: where each store is, whose it
is (the user's name, role and village or township, as the store said when it was last
opened), an optional label the user chose, and when it was last opened. Never a child's
data: a store's contents stay behind its own passphrase.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from ..core.roles import Role
from ..logging_setup import default_store_path
from .preferences import WorkSettings

log = logging.getLogger(__name__)
LIST_FILE = "stores.json"


@dataclass(frozen=True, slots=True)
class KnownStore:
    path: Path
    name: str = ""  # the user's name (设置), as the store said when last opened
    role: str = ""  # a Role value
    place: str = ""  # the village's name for a director, the township's for a supervisor
    label: str = ""  # chosen by the user; shown instead of name and place when set
    last_opened: str = ""  # ISO 8601, local time

    @property
    def missing(self) -> bool:
        """The file is no longer where it was (moved, deleted, a drive not plugged in)."""
        return not self.path.is_file()

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "path": str(self.path), "missing": self.missing}


def list_file() -> Path:
    """Where the list is kept: beside the default store, in the app's data folder."""
    return default_store_path().with_name(LIST_FILE)


def load(file: Path | None = None) -> list[KnownStore]:
    """The known stores in the order they were added; an unreadable list is an empty one
    (the stores themselves are untouched, and each can be added again)."""
    file = file or list_file()
    try:
        rows = json.loads(file.read_text(encoding="utf-8")).get("stores", [])
        return [_parse(row) for row in rows]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        log.warning("the list of known stores %s is unreadable; starting a new one", file)
        return []


def _parse(row: dict[str, str]) -> KnownStore:
    fields = {k: str(row.get(k, "")) for k in ("name", "role", "place", "label", "last_opened")}
    return KnownStore(path=Path(row["path"]), **fields)


def save(stores: list[KnownStore], file: Path | None = None) -> None:
    """Write the list whole (a new file moved into place: a crash leaves the old one)."""
    file = file or list_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    rows = [{k: v for k, v in s.to_json().items() if k != "missing"} for s in stores]
    text = json.dumps({"version": 1, "stores": rows}, ensure_ascii=False, indent=1)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".stores-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, file)


def same_path(a: Path, b: Path) -> bool:
    return _key(a) == _key(b)


def _key(path: Path) -> str:
    return os.path.normcase(str(path.expanduser().absolute()))


def find(stores: list[KnownStore], path: Path) -> KnownStore | None:
    return next((s for s in stores if same_path(s.path, path)), None)


def remember(
    path: Path, work: WorkSettings, *, now: datetime | None = None, file: Path | None = None
) -> list[KnownStore]:
    """Record that ``path`` was opened (added at the end if new), with whose store it is as
    its ``work`` settings say; returns the list as saved."""
    role = Role.parse(work.role)
    place = work.township if role is Role.SUPERVISOR else work.village
    opened = (now or datetime.now()).astimezone().isoformat(timespec="seconds")
    stores = load(file)
    known = find(stores, path)
    entry = replace(
        known or KnownStore(path=path.absolute()),
        name=work.director,
        role=role.value if role else "",
        place=place,
        last_opened=opened,
    )
    stores = [entry if s is known else s for s in stores] if known else [*stores, entry]
    save(stores, file)
    return stores


def set_label(path: Path, label: str, *, file: Path | None = None) -> list[KnownStore]:
    """Show ``label`` for the store at ``path`` instead of its user's name ("" clears it)."""
    stores = [replace(s, label=label.strip()) if same_path(s.path, path) else s for s in load(file)]
    save(stores, file)
    return stores


def forget(path: Path, *, file: Path | None = None) -> list[KnownStore]:
    """Take the store at ``path`` off the list; the file itself is never touched."""
    stores = [s for s in load(file) if not same_path(s.path, path)]
    save(stores, file)
    return stores
