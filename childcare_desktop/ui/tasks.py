"""All database work runs on one background thread; results come back through signals.

A job is a plain function ``fn(session) -> result`` that calls use cases; the worker runs
it inside ``store.session()`` (one transaction: all or nothing) and hands the result, or
the error, back to the GUI thread. One thread serialises every write, so the window
never waits on the database and two jobs never race (Anki's CollectionOp/QueryOp).

``Tasks.run(fn, on_done, on_error)`` is the one entry point the views use.

Work that mostly waits on the network (a sync, a reachability check) must not hold that
thread: ``Tasks.run_beside(fn, ...)`` runs ``fn(job)`` on a second thread, where
``job.store()`` lends it the open store (SQLCipher connections come from the engine's
pool, one per thread, and every transaction is short, so edits on the database thread
go through meanwhile). Locking the store waits until the lent store is given back and
asks the job to stop at its next safe point (``job.progress`` / ``job.check`` /
``job.sleep`` raise :class:`Cancelled`).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.errors import DomainError, Kind, StoreError

log = logging.getLogger(__name__)

Job = Callable[[Any], Any]  # fn(session) -> result; runs on the worker thread
StoreJob = Callable[[Any], Any]  # fn(store) -> result, for work outside one transaction


class Cancelled(Exception):
    """A background job stopped at a safe point because it was asked to (or the store
    is being locked)."""


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.store: Any = None  # set and cleared through jobs, on this thread
        self._loans = threading.Condition()
        self._lent = 0

    def lend(self) -> Any:
        """The open store for a job on another thread (until :meth:`give_back`)."""
        with self._loans:
            if self.store is None:
                raise StoreError(Kind.STORE_LOCKED, reason="locked")
            self._lent += 1
            return self.store

    def give_back(self) -> None:
        with self._loans:
            self._lent -= 1
            self._loans.notify_all()

    def close_store(self) -> None:
        """Close the store, once no job on another thread is using it (on this thread)."""
        with self._loans:
            store, self.store = self.store, None  # no new loans; lent ones see None
            self._loans.wait_for(lambda: self._lent == 0)
        if store is not None:
            store.close()

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


class BackgroundJob:
    """What a job on the background thread gets: the store on loan, progress, cancel."""

    def __init__(self, worker: _Worker, beside: _Beside, job_id: int) -> None:
        self._worker = worker
        self._beside = beside
        self._id = job_id
        self._store: Any = None
        self.cancel = threading.Event()

    def store(self) -> Any:
        """The open store, lent until the job returns; raises if the store is locked."""
        if self._store is None:
            self._store = self._worker.lend()
        return self._store

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set() or (self._store is not None and self._worker.store is None)

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled

    def progress(self, *args: Any) -> None:
        """Report progress to the GUI thread; a safe point to stop at."""
        self.check()
        self._beside.progress.emit(self._id, args)

    def sleep(self, seconds: float) -> None:
        """Wait (a retry's backoff), waking at once when asked to stop."""
        if self.cancel.wait(seconds):
            raise Cancelled
        self.check()

    def _release(self) -> None:
        if self._store is not None:
            self._store = None
            self._worker.give_back()


class _Beside(QObject):
    """Runs network-bound jobs on their own thread, beside the database thread."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)

    @Slot(int, object, object)
    def run(self, job_id: int, fn: Any, job: BackgroundJob) -> None:
        try:
            result = fn(job)
        except Exception as err:
            if not isinstance(err, DomainError | Cancelled):
                log.exception("background job failed")
            self.failed.emit(job_id, err)
        else:
            self.done.emit(job_id, result)
        finally:
            job._release()


class Tasks(QObject):
    """The GUI side of the worker: submit jobs, get callbacks on the GUI thread."""

    _submit = Signal(int, object, bool)
    _submit_beside = Signal(int, object, object)
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
        self._beside_thread = QThread()
        self._beside_thread.setObjectName("network")
        self._beside = _Beside()
        self._beside.moveToThread(self._beside_thread)
        self._submit_beside.connect(self._beside.run)
        self._beside.done.connect(self._beside_done)
        self._beside.failed.connect(self._beside_failed)
        self._beside.progress.connect(self._beside_progress)
        self._beside_jobs: dict[int, tuple[BackgroundJob, Any, Any, Any]] = {}
        self._beside_thread.start()
        self.stopped = False  # after shutdown: no job will run any more

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

    def run_with_store(
        self,
        job: StoreJob,
        on_done: Callable[[Any], None] = lambda _result: None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run ``job(store)`` on the database thread: use cases that own their transactions."""

        def with_store(worker: _Worker) -> Any:
            if worker.store is None:
                raise StoreError(Kind.STORE_LOCKED, reason="locked")
            return job(worker.store)

        return self._queue(with_store, on_done, on_error, whole_store=True)

    def run_beside(
        self,
        fn: Callable[[BackgroundJob], Any],
        on_done: Callable[[Any], None] = lambda _result: None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[..., None] | None = None,
    ) -> BackgroundJob:
        """Run ``fn(job)`` on the network thread; callbacks come on the GUI thread.

        ``on_error`` gets :class:`DomainError` and :class:`Cancelled`; anything else is a
        bug and goes to ``unexpected_error``. Returns the job (``job.cancel.set()`` stops it).
        """
        job_id = next(self._ids)
        job = BackgroundJob(self._worker, self._beside, job_id)
        self._beside_jobs[job_id] = (job, on_done, on_error, on_progress)
        self._submit_beside.emit(job_id, fn, job)
        return job

    def cancel_beside(self) -> None:
        for job, *_ in self._beside_jobs.values():
            job.cancel.set()

    @Slot(int, object)
    def _beside_done(self, job_id: int, result: object) -> None:
        entry = self._beside_jobs.pop(job_id, None)
        if entry is not None:
            entry[1](result)

    @Slot(int, object)
    def _beside_failed(self, job_id: int, error: object) -> None:
        entry = self._beside_jobs.pop(job_id, None)
        on_error = entry[2] if entry is not None else None
        if on_error is not None and isinstance(error, DomainError | Cancelled):
            on_error(error)
        elif not isinstance(error, Cancelled):
            self.unexpected_error.emit(error)

    @Slot(int, object)
    def _beside_progress(self, job_id: int, args: object) -> None:
        entry = self._beside_jobs.get(job_id)
        if entry is not None and entry[3] is not None:
            entry[3](*args)  # type: ignore[misc]

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

    @property
    def idle(self) -> bool:
        """No job on either thread is left to answer (its callbacks have all run)."""
        return not self._pending and not self._beside_jobs

    def shutdown(self) -> None:
        """Close the store on its own thread, then stop the threads (at quit)."""
        self.stopped = True
        self.cancel_beside()
        self._submit.emit(0, _close_store, True)
        self._thread.quit()
        self._thread.wait()
        self._beside_thread.quit()
        self._beside_thread.wait()


def _close_store(worker: _Worker) -> None:
    worker.close_store()
