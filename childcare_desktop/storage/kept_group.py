"""A group's field the server kept in place of this laptop's value: the push's answer
gives the whole group as the server holds it (``sync.server.merge.whole``), applied with
the acknowledgement, so the record is whole after the push alone.

Without it the laptop showed the kept state (an agreement ``ended``) at once, and its
end date only once a pull got through: on a cut link, an agreement ended with no end
date for as long as the pulls failed. Every field of the group comes, changed or not,
so this laptop's own values of the group (its signing date) give way too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sync.client.store import Ack
from sync.protocol import Operation, Status

from ..core.entities import entity

Key = tuple[str, str, str]


def values(
    acks: Sequence[Ack], sent: Mapping[int, Operation]
) -> tuple[dict[Key, Any], list[tuple[str, str, str, int]]]:
    """The group values the server sent with its kept fields (the later answer of a field
    wins) and their versions, the bases of later edits. Fields this version does not
    know as the group's are left out."""
    shown: dict[Key, Any] = {}
    bases: list[tuple[str, str, str, int]] = []
    for a in sorted(acks, key=lambda a: a.ctr):
        op = sent.get(a.ctr)
        group = a.shown.get("group") if isinstance(a.shown, dict) else None
        if op is None or a.status != Status.KEPT or op.field is None:
            continue
        e = entity(op.table)
        known = e.group_of(op.field) if e is not None else None
        if known is None or not isinstance(group, dict):
            continue
        for name, pair in group.items():
            if name not in known.fields or not isinstance(pair, list) or len(pair) != 2:
                continue
            shown[(op.table, op.row_id, name)] = pair[0]
            if isinstance(pair[1], int):
                bases.append((op.table, op.row_id, name, pair[1]))
    return shown, bases
