"""The wire format shared by the laptop and the county server.

An :class:`Operation` is one captured change: a row inserted, or one field of a row set.
``(site_id, ctr)`` identifies it everywhere: it is the idempotency key and, per site,
the upload order (counters have no gaps).

Bodies are JSON, gzip-compressed in both directions. Operations travel as short arrays
rather than objects, with counters and clocks as deltas from the previous operation of
the batch: on a slow phone link most of a batch is then the values themselves.

Versions: the server numbers every accepted change with a per-village sequence ``seq``
(in commit order) inside an ``epoch`` (a new one after each restore from backup). A
field's *version* is :func:`version` of the change that last set it; a laptop records
the version it last saw of each field and sends it as the ``base`` of its next edit,
which is how the server tells a concurrent edit from a later one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

PROTOCOL_VERSION = 1
API = "/v1"
JSON_TYPE = "application/json"
# A pull answer as lines (issue 13), asked for with ``Accept``: one JSON object a line,
# each a part of a village's page that is applied on its own, then ``{"more": ...}``. A
# prefix of the gzip stream inflates to a prefix of the lines, so a laptop whose answer
# is cut keeps every line that arrived whole (deflate needs no flush for that).
# An older server answers JSON whatever is asked; an older laptop never asks.
LINES_TYPE = "application/x-ndjson"

# Bodies larger than this are refused (413) before they are read; decompressed bodies are
# limited as well, so a small compressed body cannot expand without bound.
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_INFLATED_BYTES = 32 * 1024 * 1024
BLOB_CHUNK_BYTES = 256 * 1024
MAX_BLOB_BYTES = 64 * 1024 * 1024

INT64 = 2**63  # counters, clocks and versions are stored as 64-bit integers
EPOCH_SPAN = 10**10  # seq values stay below this in any village
CLOCK_WARNING_MS = 5 * 60 * 1000
# Sync health (issue 15): what a laptop says of itself in its hello, as "health":
# {"pending", "set_aside", "top", "last_ok_ms", "clock_ms"} (counts, its highest local
# counter, its last good sync and its wall clock, by its own clock). Optional both ways:
# an older laptop sends none, an older server ignores it. Figures are bounded so a
# hostile laptop can only misdescribe itself, within these bounds.
HEALTH_MAX_COUNT = 10**9
HEALTH_DEVICES = 5000  # devices a health answer lists at most (a county has a few hundred)
# A pulled change's flag: "future|visited_on,..." names dates that lay after the server's
# day when it arrived (the laptop that made it had its clock ahead).
FLAG_FUTURE = "future"
# A transfer's insert of a record into the village its child's file moved to: "moved|n",
# n the move's number among the child's moves (1, 2, ...; never two at once), also in the
# exit's body ("n"). A laptop applies a file's moves in the order they happened, whatever
# the order it pulls the villages' feeds in; an older one reads neither and is as before.
FLAG_MOVED = "moved"

# Fields a laptop may not set: the row's identity and its village (a move between
# villages is a transfer, made on the server).
FIXED_FIELDS = frozenset({"id", "region_code", "created_hlc", "updated_hlc"})
DELETED = "deleted"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class OpKind(StrEnum):
    INSERT = "insert"  # value: the whole row as a JSON object
    SET = "set"  # value: the new value of ``field``


class EntryKind(IntEnum):
    """What a pulled change is."""

    INSERT = 0  # a record, whole
    SET = 1  # one field of a record
    CONFLICT = 2  # a conflict record (every value, with who and when)
    # A child's file left the village (a transfer): table "child", the child's id, value
    # {"to": village, "transfer": id, "n": the move's number (FLAG_MOVED)}. A laptop that does not know the kind ignores it
    # (it reads only the kinds above): it keeps the file, out of date, and loses nothing.
    EXIT = 3


class OutboxState(StrEnum):
    """Where a laptop's captured change stands."""

    PENDING = "pending"  # not yet acknowledged by the server
    ACKED = "acked"  # stored by the server (applied, merged, or already there)
    QUARANTINED = "quarantined"  # set aside by the server, with its reason


class ConflictPolicy(StrEnum):
    """What a field shows while its conflict is open."""

    LWW = "lww"  # the value that reached the server last
    KEEP_FIRST = "keep_first"  # the first value, until someone reviews it (identity fields)


class Refusal(StrEnum):
    """Why the server set an operation aside (or a laptop a pulled change)."""

    UNKNOWN_TABLE = "unknown_table"
    UNKNOWN_FIELD = "unknown_field"
    INVALID = "invalid"  # a value breaks a rule: see the field and the rule
    BAD_REGION = "bad_region"
    OUT_OF_SCOPE = "out_of_scope"  # the record is outside the user's region
    NOT_PERMITTED = "not_permitted"  # the user's role may not make such a change
    DUPLICATE = "duplicate"  # a record with this id is already on the server
    MISSING_PARENT = "missing_parent"  # a record it refers to is not there (yet)
    MISSING_RECORD = "missing_record"  # an edit of a record that is not there (yet)
    INSERT_ONLY = "insert_only"  # corrected by new records, never edited
    FIXED_FIELD = "fixed_field"  # cannot be changed after the record is made
    MOVED = "moved"  # the child's file had moved to another village, and the laptop was told
    # A merge of a suspected duplicate the server did not take: the case was decided
    # first otherwise (rule: "distinct", "merged", or "none": no such case or merge).
    CASE_CLOSED = "case_closed"
    # The county looked at what the server held and sent it back (退回): the rule is the
    # county's own reason, in its words (see :func:`Hold.rejected`).
    REJECTED = "rejected"
    OTHER = "other"


_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
REJECT_REASON_MAX = 200  # characters of the county's reason for sending a change back
# What earlier versions of the server sent as reasons (English sentences).
_LEGACY_REASONS = {
    "unknown table": Refusal.UNKNOWN_TABLE,
    "bad region code": Refusal.BAD_REGION,
    "outside the user's region": Refusal.OUT_OF_SCOPE,
    "a row with this id is already on the server": Refusal.DUPLICATE,
    "bad field name": Refusal.UNKNOWN_FIELD,
    "the record is not on the server": Refusal.MISSING_RECORD,
    "insert-only record: corrections are new records": Refusal.INSERT_ONLY,
    "this field cannot be changed by sync": Refusal.FIXED_FIELD,
}


@dataclass(frozen=True, slots=True)
class Hold:
    """Why an operation was set aside: the refusal, and where it applies the field and
    the rule it breaks (a ``core.errors.Kind`` value) or the record it waits for."""

    refusal: Refusal
    field: str | None = None
    rule: str | None = None

    def encode(self) -> str:
        """``code|field|rule``; a name a device sent is cut to what a field name can be."""
        field = _UNSAFE.sub("?", self.field or "")[:40]
        return f"{self.refusal.value}|{field}|{_UNSAFE.sub('?', self.rule or '')[:40]}".rstrip("|")

    @classmethod
    def rejected(cls, reason: str) -> str:
        """An operation the county sent back, as its reason travels: ``rejected||<reason>``
        (the county's words, whole: :meth:`encode` would cut them to a field name)."""
        return f"{Refusal.REJECTED.value}||{' '.join(reason.split())[:REJECT_REASON_MAX]}"

    @classmethod
    def decode(cls, text: object) -> Hold:
        """The hold for an encoded reason; an older server's sentence maps to its code."""
        raw = str(text or "")
        if raw in _LEGACY_REASONS:
            return cls(_LEGACY_REASONS[raw])
        if raw.endswith(": the parent record is not on the server"):
            return cls(Refusal.MISSING_PARENT, raw.split(":")[0])
        code, _, rest = raw.partition("|")
        field, _, rule = rest.partition("|")
        try:
            refusal = Refusal(code)
        except ValueError:
            return cls(Refusal.OTHER, None, raw[:200] or None)
        return cls(refusal, field or None, rule or None)


class Status(StrEnum):
    """What the server did with a pushed operation (stored, so a retry gets the same)."""

    APPLIED = "a"  # the value is now the server's
    CONFLICT = "c"  # applied, and a conflict was recorded with every value
    UNCHANGED = "n"  # the server already had this value
    KEPT = "k"  # a conflict was recorded and the earlier value kept (identity fields)
    QUARANTINED = "q"  # stored aside with a reason; shown to both sides


def version(epoch_no: int, seq: int) -> int:
    return epoch_no * EPOCH_SPAN + seq


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Operation:
    site_id: str
    ctr: int
    table: str
    row_id: str
    kind: OpKind
    field: str | None
    value: Any
    region_code: str  # the village the row belongs to (the server checks its own copy)
    hlc: int  # hybrid logical clock of the change (never decides a conflict by itself)
    device_ms: int  # the laptop's wall clock, which may be wrong
    base: int | None = None  # the version of the field this edit was made over

    def digest(self) -> str:
        """What a retry must repeat exactly; another payload under the same counter means
        the store file was copied to a second laptop."""
        body = canonical([self.table, self.row_id, self.kind.value, self.field, self.value])
        return hashlib.sha256(body.encode()).hexdigest()[:32]


def encode_ops(ops: list[Operation]) -> list[list[Any]]:
    """Operations of one site as compact arrays: ctr, hlc and device time as deltas."""
    out: list[list[Any]] = []
    ctr = hlc = dev = 0
    for op in ops:
        item = [
            op.ctr - ctr,
            op.table,
            op.row_id,
            op.field if op.kind is OpKind.SET else 0,
            op.value,
            op.base,
            op.hlc - hlc,
            op.device_ms - dev,
        ]
        if op.kind is OpKind.INSERT:
            item.append(op.region_code)
        out.append(item)
        ctr, hlc, dev = op.ctr, op.hlc, op.device_ms
    return out


def decode_ops(site_id: str, items: list[list[Any]]) -> list[Operation]:
    """The inverse of :func:`encode_ops`; raises ValueError on anything malformed."""
    ops = []
    ctr = hlc = dev = 0
    for item in items:
        if not isinstance(item, list) or len(item) not in (8, 9):
            raise ValueError("operation: wrong shape")
        d_ctr, table, row_id, field, value, base, d_hlc, d_dev = item[:8]
        if not all(isinstance(n, int) for n in (d_ctr, d_hlc, d_dev)) or d_ctr < 1:
            raise ValueError("operation: counters must increase")
        if not isinstance(table, str) or not isinstance(row_id, str) or len(row_id) > 64:
            raise ValueError("operation: bad table or row")
        if base is not None and not isinstance(base, int):
            raise ValueError("operation: bad base")
        ctr, hlc, dev = ctr + d_ctr, hlc + d_hlc, dev + d_dev
        if not all(0 <= n < INT64 for n in (ctr, hlc, dev)) or not -INT64 <= (base or 0) < INT64:
            raise ValueError("operation: a counter or clock out of range")
        if field == 0:
            if len(item) != 9 or not isinstance(value, dict) or not isinstance(item[8], str):
                raise ValueError("operation: an insert carries the row and its region")
            kind, field, region = OpKind.INSERT, None, item[8]
        elif isinstance(field, str):
            kind, region = OpKind.SET, ""
        else:
            raise ValueError("operation: bad field")
        ops.append(
            Operation(site_id, ctr, table, row_id, kind, field, value, region, hlc, dev, base)
        )
    return ops


def pack(body: Any) -> bytes:
    return gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def unpack(data: bytes, *, limit: int = MAX_INFLATED_BYTES) -> Any:
    """A gzip JSON body, refusing to inflate beyond ``limit`` (ValueError)."""
    inflater = zlib.decompressobj(wbits=31)
    raw = inflater.decompress(data, limit + 1)
    if len(raw) > limit or inflater.unconsumed_tail:
        raise ValueError("body too large once decompressed")
    if not inflater.eof:
        raise ValueError("truncated body")
    return json.loads(raw)
