"""All database work runs on one background thread; results come back through signals.

A job is a plain function ``fn(session) -> result`` that calls use cases; the worker runs
it inside ``store.session()`` (one transaction: all or nothing) and hands the result, or
the error, back to the GUI thread. One thread serialises every write, so the window
never waits on the database and two jobs never race (Anki's CollectionOp/QueryOp).

``Tasks.run(fn, on_done, on_error)`` is the one entry point the views use.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.errors import DomainError, Kind, StoreError

log = logging.getLogger(__name__)

Job = Callable[[Any], Any]  # fn(session) -> result; runs on the worker thread
StoreJob = Callable[[Any], Any]  # fn(store) -> result, for work outside one transaction


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.store: Any = None  # set and cleared through jobs, on this thread

    @Slot(int, object, bool)
    def run(self, job_id: int, job: Any, whole_store: bool) -> None:
        try:
            if whole_store:
                result = job(self)
            elif self.store is None:
                raise StoreError(Kind.STORE_LOCKED, reason="locked")
            else:
                with self.store.session() as session:
                    result = job(session)
        except Exception as err:  # handed to the GUI thread, never swallowed
            if not isinstance(err, DomainError):
                log.exception("background job failed")
            self.failed.emit(job_id, err)
        else:
            self.done.emit(job_id, result)


class Tasks(QObject):
    """The GUI side of the worker: submit jobs, get callbacks on the GUI thread."""

    _submit = Signal(int, object, bool)
    busy_changed = Signal(bool)
    unexpected_error = Signal(object)  # a bug: shown by the error dialog

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._on_done)
        self._worker.failed.connect(self._on_failed)
        self._ids = itertools.count(1)
        self._pending: dict[
            int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]
        ] = {}
        self._thread.start()

    def run(
        self,
        job: Job,
        on_done: Callable[[Any], None] = lambda _result: None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run ``job(session)`` in one transaction on the database thread."""
        return self._queue(job, on_done, on_error, whole_store=False)

    def run_on_store(
        self,
        job: Callable[[_Worker], Any],
        on_done: Callable[[Any], None] = lambda _result: None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run ``job(worker)`` with the worker itself: open, close or maintain the store."""
        return self._queue(job, on_done, on_error, whole_store=True)

    def _queue(self, job: Any, on_done: Any, on_error: Any, *, whole_store: bool) -> int:
        job_id = next(self._ids)
        self._pending[job_id] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(job_id, job, whole_store)
        return job_id

    def _finish(self, job_id: int) -> tuple[Any, Any]:
        callbacks = self._pending.pop(job_id, (lambda _r: None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        return callbacks

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        on_done, _ = self._finish(job_id)
        on_done(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        _, on_error = self._finish(job_id)
        if on_error is not None and isinstance(error, DomainError):
            on_error(error)
        else:
            self.unexpected_error.emit(error)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        """Close the store on its own thread, then stop the thread (at quit)."""
        self._submit.emit(0, _close_store, True)
        self._thread.quit()
        self._thread.wait()


def _close_store(worker: _Worker) -> None:
    if worker.store is not None:
        worker.store.close()
        worker.store = None
