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
from enum import StrEnum
from typing import Any

PROTOCOL_VERSION = 1
API = "/v1"
JSON_TYPE = "application/json"

# Bodies larger than this are refused (413) before they are read; decompressed bodies are
# limited as well, so a small compressed body cannot expand without bound.
MAX_BODY_BYTES = 4 * 1024 * 1024
MAX_INFLATED_BYTES = 32 * 1024 * 1024
BLOB_CHUNK_BYTES = 256 * 1024
MAX_BLOB_BYTES = 64 * 1024 * 1024

EPOCH_SPAN = 10**10  # seq values stay below this in any village
CLOCK_WARNING_MS = 5 * 60 * 1000

ROLES = ("director", "supervisor", "county")
ROLE_REGION_DIGITS = {"director": 12, "supervisor": 9, "county": 6}

# Visits, assessments, reports and enrollment events are corrected by new rows.
INSERT_ONLY_TABLES = frozenset(
    {
        "assessment",
        "visit",
        "visit_amendment",
        "incident",
        "incident_followup",
        "enrollment_event",
    }
)
# Identity and legal fields: on a concurrent edit the first value stays until reviewed.
KEEP_FIRST_FIELDS = frozenset(
    {
        ("child", "id_number"),
        ("child", "id_type"),
        ("child", "birth_date"),
        ("child", "sex"),
        ("family_member", "id_number"),
        ("care_agreement", "status"),
    }
)
# Columns naming a parent row: the parent must be on the server before the child row.
PARENTS = {
    "child_id": "child",
    "principal_id": "family_member",
    "carer_id": "carer",
    "visit_id": "visit",
    "incident_id": "incident",
}
# Fields a laptop may not set: the row's identity and its village (a move between
# villages is a county decision, made on the server).
FIXED_FIELDS = frozenset({"id", "region_code", "created_hlc", "updated_hlc"})
DELETED = "deleted"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class OpKind(StrEnum):
    INSERT = "insert"  # value: the whole row as a JSON object
    SET = "set"  # value: the new value of ``field``


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
