"""The open store as the GUI sees it: unlock, create, lock - always on the database thread.

The GUI never holds the store or its key; the worker does. Locking closes the store
there (the key goes with the engine), so a locked laptop holds no decrypted data
beyond what is already on screen, which the lock screen hides.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..services import preferences, stores
from .tasks import Tasks


class StoreSession(QObject):
    unlocked = Signal()
    locked = Signal()

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.path: Path | None = None
        self.is_open = False

    def unlock(
        self, path: Path, passphrase: str, *, actor: str, on_error: Callable[[Exception], None]
    ) -> None:
        self._open(path, lambda: stores.unlock(path, passphrase, actor=actor), on_error)

    def create(
        self,
        path: Path,
        passphrase: str,
        *,
        actor: str,
        region_code: str | None,
        on_error: Callable[[Exception], None],
    ) -> None:
        self._open(
            path,
            lambda: stores.create(path, passphrase, actor=actor, region_code=region_code),
            on_error,
        )

    def open_demo(self, path: Path, *, actor: str, on_error: Callable[[Exception], None]) -> None:
        """Open the demo store, building it first if it is not there yet."""
        self._open(path, lambda: stores.open_demo(path, actor=actor), on_error)

    def _open(
        self, path: Path, opener: Callable[[], stores.Store], on_error: Callable[[Exception], None]
    ) -> None:
        def job(worker: Any) -> None:
            store = opener()
            with store.session() as session:
                director = preferences.work_settings(session).director
            if director:  # the audit log names the director, not the computer account
                stores.set_actor(store, director)
            worker.store = store

        def opened(_result: object) -> None:
            self.path, self.is_open = path, True
            self.unlocked.emit()

        self.tasks.run_on_store(job, opened, on_error)

    def lock(self) -> None:
        """Close the store on the worker; the GUI shows the unlock screen."""
        if not self.is_open:
            return

        def job(worker: Any) -> None:
            worker.close_store()  # waits for a sync that has the store on loan

        self.is_open = False
        self.tasks.cancel_beside()
        self.tasks.run_on_store(job, lambda _r: self.locked.emit())
