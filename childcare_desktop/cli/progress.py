"""The console's adapter for the progress of a long job (a batch of PDFs, a ledger import).

Apart from output.py because it is a services.Progress, and the services load the store:
only the commands that run such a job import it (``childcare validate-id`` stays quick).
"""

from __future__ import annotations

import sys

from ..services.common import Progress


class ConsoleProgress(Progress):
    """Progress of a batch on stderr, one line rewritten in place."""

    def report(self, done: int, total: int, note: str = "") -> None:
        end = "\n" if done == total else ""
        print(f"\r{done}/{total} {note}", end=end, file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False
