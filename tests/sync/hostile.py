"""A hostile (or broken) enrolled device: sends operations its laptop never captured.

It holds a real device token and a real site on the server, and pushes whatever it is
told to, exactly as the wire carries it, so tests can try what an attacker with a
stolen token, or a laptop with a corrupted store, would send.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from sync.client import Transport
from sync.protocol import PROTOCOL_VERSION, Operation, OpKind, encode_ops
from sync.server import accounts
from sync.server.app import now_ms


@dataclass
class Forger:
    transport: Transport
    site: str = field(default_factory=lambda: secrets.token_hex(16))
    ctr: int = 0

    @classmethod
    def enrolled(cls, server: Any, user: str) -> Forger:
        """A device of ``user`` (who must exist), enrolled with a fresh one-time code."""
        with server.db.write() as conn:
            code = accounts.issue_code(conn, user, now_ms=now_ms())
        transport = Transport(server.url, attempts=1)
        answer = transport.post("/enroll", {"user": user, "code": code, "label": "forger"})
        transport.token = answer["token"]
        forger = cls(transport)
        forger.hello()
        return forger

    def hello(self) -> dict[str, Any]:
        answer = self.transport.post(
            "/hello", {"site": self.site, "protocol": PROTOCOL_VERSION, "cursors": {}}
        )
        self.ctr = int(answer["hwm"])
        return answer

    def insert(
        self, table: str, region: str, row_id: str | None = None, **values: Any
    ) -> Operation:
        row_id = row_id or str(uuid.uuid4())
        row = {"region_code": region, "deleted": 0, **values}
        return self._op(table, row_id, OpKind.INSERT, None, row, region)

    def set(
        self, table: str, row_id: str, name: str, value: Any, base: int | None = None
    ) -> Operation:
        return self._op(table, row_id, OpKind.SET, name, value, "", base)

    def _op(
        self,
        table: str,
        row_id: str,
        kind: OpKind,
        name: str | None,
        value: Any,
        region: str,
        base: int | None = None,
    ) -> Operation:
        ms = int(time.time() * 1000)
        return Operation(self.site, 0, table, row_id, kind, name, value, region, ms << 16, ms, base)

    def push(self, *ops: Operation) -> list[list[Any]]:
        """Send the operations in one batch, in this order (each gets the next counter);
        the server's result for each."""
        numbered = []
        for op in ops:
            self.ctr += 1
            numbered.append(dataclasses.replace(op, ctr=self.ctr))
        answer = self.transport.post("/push", {"site": self.site, "ops": encode_ops(numbered)})
        return answer["results"]


def child_row(name: str = "测试儿童", **values: Any) -> dict[str, Any]:
    """A child's row as the laptop's capture writes it: every column, stored forms."""
    return {
        "file_no": None,
        "name": name,
        "sex": "unknown",
        "ethnicity": None,
        "birth_date": None,
        "id_type": "unknown",
        "id_number": None,
        "hukou_registered": "unknown",
        "hukou_type": "unknown",
        "hukou_address": None,
        "current_address": None,
        "phone": None,
        "health": "unknown",
        "disability_kind": None,
        "disability_grade": None,
        "illness": None,
        "school_stage": "unknown",
        "school_name": None,
        "school_grade": None,
        "boarding": "unknown",
        "economic_sources": [],
        "entrust_reason": "unknown",
        "has_carer": "unknown",
        "registered_on": "2026-01-05",
        "notes": None,
        **values,
    }


def family_row(child_id: str, name: str = "测试父亲", **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "relation": "father",
        "name": name,
        "birth_date": None,
        "life": "unknown",
        "id_type": "unknown",
        "id_number": None,
        "phone": None,
        "work_province": None,
        "work_city": None,
        "away_for_work": "unknown",
        "away_since": None,
        "cross_county": "unknown",
        "incapacity": "unknown",
        "incapacity_since": None,
        "disability_kind": None,
        "disability_grade": None,
        "notes": None,
        **values,
    }


def carer_row(child_id: str, name: str = "测试照护人", **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "name": name,
        "id_type": "unknown",
        "id_number": None,
        "phone": None,
        "relation": "paternal_grandmother",
        "address": None,
        "birth_date": None,
        "health": "unknown",
        "lives_with_child": "unknown",
        "notes": None,
        **values,
    }


def visit_row(child_id: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "visited_on": "2026-01-06",
        "mode": "home",
        "visitor": "测试走访人",
        "companions": None,
        "met_child": "yes",
        "carer_present": "yes",
        "child_condition": None,
        "findings": "伪造的走访",
        "actions": None,
        "notes": None,
        **values,
    }


def incident_row(child_id: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "discovered_at": "2026-01-06 10:00:00.000000",
        "discovered_how": None,
        "situations": ["other_serious_harm"],
        "description": "所见情况",
        "emergency_measures": None,
        "reported_to": "某派出所",
        "reported_at": "2026-01-06 11:00:00.000000",
        "report_method": None,
        "receipt_no": None,
        "also_notified": [],
        "reporter_name": None,
        "reporter_phone": None,
        "confidential": 1,
        **values,
    }


def agreement_row(child_id: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "principal_id": None,
        "carer_id": None,
        "state": "draft",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "contact_frequency": None,
        "fee": None,
        "child_opinion": None,
        "remote_confirmation": "unknown",
        "remote_note": None,
        "signed_on": None,
        "signed_by_principal": None,
        "signed_by_carer": None,
        "witness": None,
        "filed_on": None,
        "ended_on": None,
        "end_reason": None,
        "supersedes_id": None,
        "scan_attachment_id": None,
        "notes": None,
        **values,
    }
