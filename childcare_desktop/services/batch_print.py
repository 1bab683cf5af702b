"""Batch printing (批量打印): one kind of document for many children, the chosen villages'
or the chosen few, as one merged PDF or one PDF per child.

A batch is made child by child, each in its own short transaction (``run(job)``), so the
store is never held for long, a cancel stops between two children, and memory holds one
child's document at a time. A merged PDF is written under a temporary name and renamed at
the end: a cancelled batch leaves no half-written file (per child, the files already
written are whole and stay). The batch writes one audit entry, with ids only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..core.errors import DomainError, Kind, ValidationError, raise_for_os_error
from ..documents.merge import MergedPdf
from ..storage.models import Child
from . import printing
from .common import Progress, load, record_audit
from .places import place_names, village_label
from .roster import RosterFilter, search_roster
from .visits import list_visits

# kind -> what the file names say
KINDS = {
    "agreement": "委托照护协议书",
    "visit-sheet": "走访记录表",
    "visit-sheet-filled": "走访记录表",
    "dossier": "儿童档案",
}


@dataclass(frozen=True, slots=True)
class BatchRequest:
    kind: str  # one of KINDS
    out: Path  # merged: the PDF; per child: the folder
    merged: bool = True
    full_ids: bool = False
    with_reports: bool = False


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]  # the merged PDF, or each child's
    printed: int  # children whose document is in them
    skipped: int  # children without such a document (no agreement, no visit yet)
    cancelled: bool
    pages: int = 0


def batch_children(
    session: Session,
    *,
    villages: Sequence[str] = (),
    child_ids: Sequence[str] = (),
    everyone: bool = False,
) -> list[str]:
    """The children of a batch: those on the roll in ``villages`` (or in every village,
    ``everyone``), by village then 档案编号, followed by ``child_ids`` as given (a roster's
    selection), each once."""
    chosen: list[str] = []
    for code in [None] if everyone else sorted(set(villages)):
        rows = search_roster(session, filters=RosterFilter(region_prefix=code))
        rows.sort(key=lambda c: (c.region_code, c.file_no or "", c.search_key))
        chosen += [c.id for c in rows]
    chosen += child_ids
    return list(dict.fromkeys(chosen))


@dataclass
class BatchPrint:
    """A batch in steps: :meth:`step` prints the next child, :meth:`finish` writes the
    merged file and the audit entry. The app chains the steps as jobs on its database
    thread; :func:`print_batch` runs them in a loop (the command line, the bench)."""

    request: BatchRequest
    child_ids: list[str]
    done: int = 0
    _printed: list[str] = field(default_factory=list)
    _skipped: list[str] = field(default_factory=list)
    _written: list[Path] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)
    _merged: MergedPdf | None = None

    def __post_init__(self) -> None:
        if self.request.kind not in KINDS:
            raise ValidationError(Kind.INVALID_CHOICE, "doc", value=self.request.kind[:20])
        if not self.child_ids:
            raise ValidationError(Kind.NOTHING_TO_PRINT, "child")
        if self.request.merged:
            self._merged = MergedPdf()

    @property
    def total(self) -> int:
        return len(self.child_ids)

    @property
    def remaining(self) -> bool:
        return self.done < self.total

    def step(self, session: Session) -> int:
        """Print the next child's document; returns how many children are done."""
        child_id = self.child_ids[self.done]
        pdf = self._render(session, child_id)
        if pdf is None:
            self._skipped.append(child_id)
        elif self._merged is not None:
            self._merged.append(pdf)
            self._printed.append(child_id)
        else:
            path = self.request.out / self._file_name(session, child_id)
            with _writing(path):
                self._written.append(printing.write_pdf(path, pdf))
            self._printed.append(child_id)
        self.done += 1
        return self.done

    def finish(self, session: Session, *, cancelled: bool = False) -> BatchResult:
        """Write the merged PDF (unless cancelled, or nothing was printed) and the audit."""
        pages = 0
        if self._merged is not None:
            merged, self._merged = self._merged, None
            pages = len(merged)
            if cancelled or not self._printed:
                merged.close()
            else:
                with _writing(self.request.out):
                    self._written.append(merged.save(self.request.out))
        if self._written:
            self._audit(session, cancelled)
        return BatchResult(
            tuple(self._written), len(self._printed), len(self._skipped), cancelled, pages
        )

    def abandon(self) -> None:
        """Let a failed batch's merged pages go (nothing of it is written)."""
        if self._merged is not None:
            self._merged.close()
            self._merged = None

    def _render(self, session: Session, child_id: str) -> bytes | None:
        request = self.request
        match request.kind:
            case "agreement":
                try:
                    chosen = printing.printable_agreement(session, child_id=child_id)
                except DomainError:
                    return None
                return printing.agreement(
                    session, agreement_id=chosen, full_ids=request.full_ids, audit=False
                )
            case "dossier":
                return printing.dossier(
                    session,
                    child_id=child_id,
                    full_ids=request.full_ids,
                    include_reports=request.with_reports,
                    audit=False,
                )
            case "visit-sheet":
                return printing.visit_sheet(session, child_id=child_id, audit=False)
        latest = next(iter(list_visits(session, child_id=child_id)), None)
        if latest is None:
            return None
        return printing.visit_sheet(session, child_id=child_id, visit_id=latest.id, audit=False)

    def _file_name(self, session: Session, child_id: str) -> str:
        """``<档案编号>-<文书>.pdf``, safe on every file system, once per batch. Never the
        child's name: a folder listing on a shared office PC is not private."""
        child = load(session, Child, child_id)
        stem = safe_name(child.file_no or child.id)
        name, n = f"{stem}-{KINDS[self.request.kind]}.pdf", 1
        while name.casefold() in self._names:  # two files of one number (a township store)
            n += 1
            name = f"{stem}-{n}-{KINDS[self.request.kind]}.pdf"
        self._names.add(name.casefold())
        return name

    def _audit(self, session: Session, cancelled: bool) -> None:
        record_audit(
            session,
            "printed",
            doc=self.request.kind,
            batch=True,
            merged=self.request.merged,
            children=list(self._printed),
            count=len(self._printed),
            skipped=len(self._skipped),
            full_ids=self.request.full_ids,
            cancelled=cancelled,
        )


@dataclass(frozen=True, slots=True)
class VillageChoice:
    code: str
    label: str  # 青石镇柳溪村, or the code while the store knows no name for it
    children: int  # on the roll


def village_choices(session: Session) -> list[VillageChoice]:
    """The villages a batch may be printed for: those the store holds children of (one in a
    director's store, the township's in a supervisor's), named as people say them."""
    counts: dict[str, int] = {}
    for child in search_roster(session):
        counts[child.region_code] = counts.get(child.region_code, 0) + 1
    names = place_names(session)
    return [VillageChoice(c, village_label(c, names), n) for c, n in sorted(counts.items())]


def print_batch(
    run: Callable[[Callable[[Session], Any]], Any],
    request: BatchRequest,
    child_ids: Sequence[str],
    progress: Progress | None = None,
) -> BatchResult:
    """A whole batch, each child in its own transaction (``run(job)``, e.g. through
    ``store.session``); ``progress`` hears (done, total) and may cancel between children."""
    progress = progress or Progress()
    batch = BatchPrint(request, list(child_ids))
    try:
        while batch.remaining:
            if progress.cancelled():
                return run(lambda session: batch.finish(session, cancelled=True))
            done = run(batch.step)
            progress.report(done, batch.total)
    except BaseException:
        batch.abandon()
        raise
    return run(batch.finish)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A full disk or a folder we may not write to, as its error kind (the UI words it)."""
    try:
        yield
    except OSError as err:
        raise_for_os_error(err, path)
        raise


def safe_name(text: str) -> str:
    """``text`` as part of a file name on Windows, macOS and Linux: letters (汉字 too),
    digits, ``-`` and ``_`` kept, anything else (/ \\ : * ? " < > | spaces) an underscore."""
    return re.sub(r"[^\w\-]", "_", text.strip()).strip("._") or "_"


__all__ = [
    "KINDS",
    "BatchPrint",
    "BatchRequest",
    "BatchResult",
    "VillageChoice",
    "batch_children",
    "print_batch",
    "village_choices",
]
