"""Edits the old village made before its laptop learnt that the file had moved.

A laptop pushes before it pulls, and keeps an exit it pulled while it still holds
changes of the child to send: so an edit of a moved record from a site whose cursor for
the old village lies before the exit was made while the record was in its scope, and is
applied (in the village the record is in now). A record it adds to the file (a visit) is
filed there too.

Its base is a version of the feed the site last had the record from: the feed of the
last move whose insert (in the new village's feed) the site has pulled, else the first
one. A record may have moved more than once (A->B->A, A->B->C): the base is carried
through each later move in order. At each, a base at least the version the field (or
its group) had when the file moved becomes the version of the move's insert in the
next feed; an older one becomes none (the edit was made over an older value: a
concurrent edit, a conflict if the values differ), and none stays none.

The cursors are the site's own word. So the server also keeps the exits it has told each
site of (:mod:`.told`): once a pull answer took a site past an exit, its late edits of
the file are set aside (:data:`~sync.protocol.Refusal.MOVED`, kept with the reason),
whatever it then says of its cursors. Except those it had made before: their counter is
at most the one the laptop said it had reached when it pulled (``top``; capped, see
:mod:`.told`), so the changes an exit waits for still count as made before. What an
honest laptop loses that way: only an edit of the file made after a pull answer that
carried the exit and that its link cut before the exit arrived, when it does not pull
again in the same sync (and, on the same terms, one made after an exit that waited for
its changes). Those are set aside, never dropped: the county sees them with the reason.
A device enrolled after the move never held the file: nothing of it is late.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import entity

from ...protocol import FLAG_MOVED, Operation, OpKind, version
from .. import schema as s
from ..principal import Principal
from . import told
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
    """What one push needs to tell a late edit: the moves of its records (each record's
    in order), the site's cursors, the exits the server has told the site of."""

    moves: dict[tuple[str, str], list[Move]]
    cursors: dict[str, int]
    site_since_ms: int | None = None  # when the server first saw the site
    # (village, exit seq) -> the last counter of the site's operations made before the
    # server told it of that exit (see :mod:`.told`)
    told: dict[tuple[str, int], int] = field(default_factory=dict)
    too_late: set[int] = field(default_factory=set)  # counters refused for that

    def adjust(self, b: Batch, who: Principal, op: Operation) -> tuple[Operation, str | None]:
        """``op`` as it is to be applied, and the village it may write besides its
        user's scope (the one a late edit's record is in now), if any."""
        if op.kind is OpKind.INSERT:
            return self._insert(b, who, op)
        key = (op.table, op.row_id)
        unseen = self._unseen(key)
        if not unseen or b.rows.get(key) != unseen[-1].to_region:
            return op, None
        op = dataclasses.replace(op, base=self._base(unseen, op))
        return op, (b.rows[key] if self._late(who, unseen[0], op) else None)

    def held_as_moved(self, op: Operation) -> bool:
        """Whether ``op`` was a late edit refused because the site had been told of the
        move (set aside as :data:`~sync.protocol.Refusal.MOVED`)."""
        return op.ctr in self.too_late

    def _unseen(self, key: tuple[str, str]) -> list[Move]:
        """The record's moves after the last one whose insert in the new feed the site
        has pulled: its laptop holds the record as that feed (or the first) sent it."""
        moves = self.moves.get(key, [])
        for i in range(len(moves) - 1, -1, -1):
            if self.cursors.get(moves[i].to_region, 0) >= moves[i].seq:
                return moves[i + 1 :]
        return moves

    def _late(self, who: Principal, m: Move, op: Operation) -> bool:
        """Whether ``op`` is an edit made before its site heard of move ``m``: a site of
        the old village that has not pulled the exit (by its word), that existed when
        the file moved (a device enrolled since never held it, whatever its hello says
        of its cursors), and that the server has not told of the exit before the op was
        made (by its counter: a site's own word about its cursors is not enough)."""
        existed = self.site_since_ms is not None and self.site_since_ms <= m.moved_ms
        if not (
            existed
            and who.can_write(m.from_region)
            and self.cursors.get(m.from_region, 0) < m.exit_seq
        ):
            return False
        bound = self.told.get((m.from_region, m.exit_seq))
        if bound is not None and op.ctr > bound:
            self.too_late.add(op.ctr)
            return False
        return True

    @staticmethod
    def _base(unseen: list[Move], op: Operation) -> int:
        """The base in the current feed, through each move the site has not seen: the
        version of the move's insert when the edit was made over the fields as they
        moved, else none (made over an older value: a concurrent edit), and none stays
        none."""
        e = entity(op.table)
        group = e.group_of(op.field or "") if e is not None else None
        names = group.fields if group is not None else (op.field or "",)
        base = op.base or 0
        for m in unseen:
            if base < max((m.versions.get(n, 0) for n in names), default=0):
                return 0
            base = version(m.epoch_no, m.seq)
        return base

    def _insert(self, b: Batch, who: Principal, op: Operation) -> tuple[Operation, str | None]:
        """A record added to a file that has moved since (a late visit) is filed where
        the file is now, if its site was late for the move out of the op's village."""
        e = entity(op.table)
        if e is None or not isinstance(op.value, dict):
            return op, None
        for f in e.refs:
            target = ref_target(f, op.value, op.table, op.row_id, b)
            unseen = self._unseen(target) if target is not None else []
            out = next((m for m in unseen if m.from_region == op.region_code), None)
            if out is None or target is None or b.rows.get(target) != unseen[-1].to_region:
                continue
            region = b.rows[target]
            if region == op.region_code or not self._late(who, out, op):
                return op, None  # back where it was made, or not late: as sent
            value = {**op.value, "region_code": region}
            return dataclasses.replace(op, region_code=region, value=value), region
        return op, None


def load(conn: Connection, b: Batch, site_id: str) -> Late:
    """The moves of the records the batch touches and refers to, the site's cursors and
    the exits it has been told of."""
    late = Late({}, {})
    keys = sorted(b.rows)
    if not keys:
        return late
    columns = (
        "id", "tbl", "row_id", "from_region", "to_region", "exit_seq", "seq", "epoch_no", "moved_ms"
    )  # fmt: skip
    found = list(_fetch(conn, s.moved, ("tbl", "row_id"), keys, (*columns, "versions")))
    for r in sorted(found, key=lambda r: r.id):  # each record's moves in order
        versions = {k: int(v) for k, v in json.loads(r.versions).items()}
        late.moves.setdefault((r.tbl, r.row_id), []).append(
            Move(r.from_region, r.to_region, r.exit_seq, r.seq, r.epoch_no, versions, r.moved_ms)
        )
    if late.moves:
        c = s.site_cursor.c
        query = select(c.region, c.seq).where(c.site_id == site_id)
        late.cursors = {r.region: int(r.seq) for r in conn.execute(query)}
        since = select(s.site.c.created_ms).where(s.site.c.site_id == site_id)
        late.site_since_ms = conn.execute(since).scalar()
        late.told = told.of_site(conn, site_id)
    return late


def keep_digest(conn: Connection, b: Batch, sent: Operation, applied: Operation) -> None:
    """A late insert re-filed under the new village is recorded with the digest of what
    the laptop sent (a retry of it must match), and flagged as the insert of the file's
    last move (``moved|n``), which the server serves to its own site too: a township
    laptop that re-filed the record by the old village's exit waits for that move's
    insert of each record of the file (:mod:`childcare_desktop.storage.moves`), and no
    other would come for a record the file did not hold when it moved."""
    if applied is sent:
        return
    digest = sent.digest()
    n = _last_move(conn, b, applied)
    for item in b.log:
        if item.get("site_id") == sent.site_id and item.get("ctr") == sent.ctr:
            item["op_hash"] = digest
            if n is not None:  # (a date it also flagged as early: the move's flag wins)
                item["flag"] = f"{FLAG_MOVED}|{n}"
    for row in b.new_rows:
        if (row["tbl"], row["row_id"]) == (sent.table, sent.row_id):
            row["op_hash"] = digest


def _last_move(conn: Connection, b: Batch, op: Operation) -> int | None:
    """The number of the move that filed the file where ``op`` (re-filed) now is: the
    ``n`` of the last exit out of a village into it, for a record ``op`` refers to."""
    e = entity(op.table)
    if e is None or not isinstance(op.value, dict):
        return None
    m, log = s.moved.c, s.change_log.c
    for f in e.refs:
        target = ref_target(f, op.value, op.table, op.row_id, b)
        if target is None:
            continue
        last = conn.execute(
            select(m.from_region, m.exit_seq)
            .where(m.tbl == target[0], m.row_id == target[1], m.to_region == op.region_code)
            .order_by(m.id.desc())
            .limit(1)
        ).first()
        if last is None:
            continue
        body = conn.execute(
            select(log.value).where(log.region == last.from_region, log.seq == last.exit_seq)
        ).scalar()
        n = json.loads(body).get("n") if body else None
        return n if isinstance(n, int) and not isinstance(n, bool) else None
    return None
