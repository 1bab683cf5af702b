"""The county server's merge, one module per step.

``rules`` decides whether an operation may be applied (the registry's field rules, the
role, the scope of the record and of everything it refers to); ``apply`` merges it field
by field; ``hold`` sets aside what is refused and releases what waited for a record that
has arrived; ``push``, ``pull`` and ``resolve`` are the three things a laptop asks for;
``state`` reads and ``write`` writes in bulk, inside the caller's one transaction.
"""

from . import told
from .moving import remember_cursors
from .pull import as_lines, counts, flagged, heads_in_scope, pull, quarantine_in_scope, stale
from .push import held_since, push
from .resolve import resolve

__all__ = [
    "as_lines",
    "counts",
    "flagged",
    "heads_in_scope",
    "held_since",
    "pull",
    "push",
    "quarantine_in_scope",
    "remember_cursors",
    "resolve",
    "stale",
    "told",
]
