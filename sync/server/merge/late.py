"""Edits the old village made before its laptop learnt that the file had moved.

A laptop pushes before it pulls, and keeps an exit it pulled while it still holds
changes of the child to send: so an edit of a moved record from a site whose cursor for
the old village lies before the exit was made while the record was in its scope, and is
applied (in the new village). Its base is a version of the old village's feed, unless
the site had pulled the record's insert in the new one: it is read against the versions
the fields had when the file moved (``moved.versions``). A record it adds to the file
(a visit) is filed under the new village too. Once a site has pulled the exit, the
records are out of its scope as usual.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import entity

from ...protocol import Operation, OpKind, version
from .. import schema as s
from ..principal import Principal
from .state import Batch, _fetch, ref_target


@dataclass(frozen=True, slots=True)
class Move:
    from_region: str
    to_region: str
    exit_seq: int
    seq: int
    epoch_no: int
    versions: dict[str, int]
    moved_ms: int


@dataclass
class Late:
    """What one push needs to tell a late edit: the moves of its records, the site's cursors."""

    moves: dict[tuple[str, str], Move]
    cursors: dict[str, int]
    site_since_ms: int | None = None  # when the server first saw the site

    def adjust(self, b: Batch, who: Principal, op: Operation) -> tuple[Operation, str | None]:
        """``op`` as it is to be applied, and the village it may write besides its
        user's scope (the one a late edit's record moved to), if any."""
        if op.kind is OpKind.INSERT:
            return self._insert(b, who, op)
        m = self.moves.get((op.table, op.row_id))
        if m is None or b.rows.get((op.table, op.row_id)) != m.to_region:
            return op, None
        if self.cursors.get(m.to_region, 0) < m.seq:  # its base is of the old feed
            op = dataclasses.replace(op, base=self._base(m, op))
        return op, (m.to_region if self._before_exit(who, m) else None)

    def _before_exit(self, who: Principal, m: Move) -> bool:
        """Whether the site may still have edits of the file made before it heard of the
        move: a site of the old village that has not pulled the exit, and that existed
        when the file moved (a device enrolled since never held it, whatever its hello
        says of its cursors)."""
        existed = self.site_since_ms is not None and self.site_since_ms <= m.moved_ms
        return (
            existed
            and who.can_write(m.from_region)
            and self.cursors.get(m.from_region, 0) < m.exit_seq
        )

    def _base(self, m: Move, op: Operation) -> int:
        """The base in the new feed: the move's version when the edit was made over the
        fields as they moved, else none (made over an older value: a concurrent edit)."""
        e = entity(op.table)
        group = e.group_of(op.field or "") if e is not None else None
        names = group.fields if group is not None else (op.field or "",)
        seen = max((m.versions.get(n, 0) for n in names), default=0)
        return version(m.epoch_no, m.seq) if (op.base or 0) >= seen else 0

    def _insert(self, b: Batch, who: Principal, op: Operation) -> tuple[Operation, str | None]:
        e = entity(op.table)
        if e is None or not isinstance(op.value, dict):
            return op, None
        for f in e.refs:
            target = ref_target(f, op.value, op.table, op.row_id, b)
            m = self.moves.get(target) if target is not None else None
            if m is None or m.from_region != op.region_code or b.rows.get(target) != m.to_region:
                continue
            if not self._before_exit(who, m):
                return op, None
            value = {**op.value, "region_code": m.to_region}
            return dataclasses.replace(op, region_code=m.to_region, value=value), m.to_region
        return op, None


def load(conn: Connection, b: Batch, site_id: str) -> Late:
    """The moves of the records the batch touches and refers to, and the site's cursors."""
    late = Late({}, {})
    keys = sorted(b.rows)
    if not keys:
        return late
    columns = (
        "id", "tbl", "row_id", "from_region", "to_region", "exit_seq", "seq", "epoch_no", "moved_ms"
    )  # fmt: skip
    found = list(_fetch(conn, s.moved, ("tbl", "row_id"), keys, (*columns, "versions")))
    for r in sorted(found, key=lambda r: r.id):  # the latest move of a record last
        versions = {k: int(v) for k, v in json.loads(r.versions).items()}
        late.moves[(r.tbl, r.row_id)] = Move(
            r.from_region, r.to_region, r.exit_seq, r.seq, r.epoch_no, versions, r.moved_ms
        )
    if late.moves:
        c = s.site_cursor.c
        query = select(c.region, c.seq).where(c.site_id == site_id)
        late.cursors = {r.region: int(r.seq) for r in conn.execute(query)}
        since = select(s.site.c.created_ms).where(s.site.c.site_id == site_id)
        late.site_since_ms = conn.execute(since).scalar()
    return late


def keep_digest(b: Batch, sent: Operation, applied: Operation) -> None:
    """A late insert re-filed under the new village is recorded with the digest of what
    the laptop sent (a retry of it must match)."""
    if applied is sent:
        return
    digest = sent.digest()
    for item in b.log:
        if item.get("site_id") == sent.site_id and item.get("ctr") == sent.ctr:
            item["op_hash"] = digest
    for row in b.new_rows:
        if (row["tbl"], row["row_id"]) == (sent.table, sent.row_id):
            row["op_hash"] = digest
