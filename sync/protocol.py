"""The wire format shared by the laptop and the county server.

An :class:`Operation` is one captured change: a row inserted, or one field of a row set.
``(site_id, ctr)`` identifies it everywhere: it is the idempotency key and, per site,
the upload order (counters have no gaps).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

PROTOCOL_VERSION = 1


class OpKind(StrEnum):
    INSERT = "insert"  # value: the whole row as a JSON object
    SET = "set"  # value: the new value of ``field``


@dataclass(frozen=True, slots=True)
class Operation:
    site_id: str
    ctr: int
    table: str
    row_id: str
    kind: OpKind
    field: str | None
    value: Any
    region_code: str  # the village the row belongs to: what the server checks scope on
    hlc: int  # hybrid logical clock of the change (never decides a conflict by itself)
    device_ms: int  # the laptop's wall clock, which may be wrong

    def to_wire(self) -> dict[str, Any]:
        return {
            "site": self.site_id,
            "ctr": self.ctr,
            "tbl": self.table,
            "row": self.row_id,
            "kind": self.kind.value,
            "field": self.field,
            "value": self.value,
            "region": self.region_code,
            "hlc": self.hlc,
            "dev": self.device_ms,
        }

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> Operation:
        return cls(
            data["site"],
            int(data["ctr"]),
            data["tbl"],
            data["row"],
            OpKind(data["kind"]),
            data["field"],
            data["value"],
            data["region"],
            int(data["hlc"]),
            int(data["dev"]),
        )
