"""Each child's whole file as a JSON object, for the county's export
(``services.exports.export_json``): the child's records by the registry's export keys, the
records under them nested, sync bookkeeping and the reporter's identity left out."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from ..core.entities import ENTITIES
from ..core.roles import Permission
from ..storage.models import (
    Child,
    Incident,
    IncidentFollowup,
    Persuasion,
    ProblemStep,
    VisitAmendment,
    WorkLog,
    WorkLogChild,
    model_of,
)
from .export_sheets import CHUNK, chunks, live

# What each child's file holds besides the child, by key in the export (the registry's).
_NESTED: tuple[tuple[str, Any], ...] = tuple(
    (e.export_key, model_of(e.table)) for e in ENTITIES if e.export_key
)
# Records that belong to a record of the child's file, nested under it (issue 18): the
# parent's key, their key under it, their model and the column naming the parent.
_UNDER: tuple[tuple[str, str, Any, str], ...] = (
    ("dropouts", "attempts", Persuasion, "dropout_id"),
    ("problems", "steps", ProblemStep, "problem_id"),
)
# Sync bookkeeping means nothing outside this laptop; tombstones are not exported.
_LEFT_OUT = frozenset({"deleted", "created_hlc", "updated_hlc"})
# A mandatory report's reporter stays confidential (强制报告: 为报告人保密), in every export.
CONFIDENTIAL = frozenset(
    f.name for e in ENTITIES for f in e.fields if f.readers is Permission.SEE_REPORTER
)


def json_children(
    session: Session, ids: Sequence[str], with_reports: bool
) -> Iterator[dict[str, Any]]:
    """Each child of ``ids`` with the whole file, the mandatory reports only ``with_reports``."""
    nested = [(k, m) for k, m in _NESTED if with_reports or m is not Incident]
    for part in chunks(ids):
        kids = live(session, Child, part, key="id")
        groups = {key: _by(session, model, part, "child_id") for key, model in nested}
        visit_ids = [v["id"] for rows in groups["visits"].values() for v in rows]
        amendments = _by(session, VisitAmendment, visit_ids, "visit_id")
        for rows in groups["visits"].values():
            for visit in rows:
                visit["amendments"] = amendments.get(visit["id"], [])
        if with_reports:
            incident_ids = [i["id"] for rows in groups["incidents"].values() for i in rows]
            followups = _by(session, IncidentFollowup, incident_ids, "incident_id")
            for rows in groups["incidents"].values():
                for incident in rows:
                    incident["followups"] = followups.get(incident["id"], [])
        for parent, key, model, owner in _UNDER:
            _nest(session, groups[parent], key, model, owner)
        logs = _work_logs(session, part)
        by_id = {row.id: row for row in kids}
        for child_id in part:
            child = _json_row(by_id[child_id], Child)
            child.update({key: groups[key].get(child_id, []) for key, _m in nested})
            child["work_log"] = logs.get(child_id, [])
            yield child


def _nest(
    session: Session, parents: dict[str, list[Any]], key: str, model: Any, owner: str
) -> None:
    """Put each live row of ``model`` under its parent's JSON object, as ``key``."""
    ids = [p["id"] for rows in parents.values() for p in rows]
    found = _by(session, model, ids, owner)
    for rows in parents.values():
        for parent in rows:
            parent[key] = found.get(parent["id"], [])


def _work_logs(session: Session, ids: Sequence[str]) -> dict[str, list[Any]]:
    """The 工作日志 entries that name each child, oldest first."""
    log: Table = WorkLog.__table__  # type: ignore[assignment]
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(WorkLogChild.child_id, log)
            .join(log, log.c.id == WorkLogChild.work_log_id)
            .where(
                WorkLogChild.child_id.in_(ids[start : start + CHUNK]),
                WorkLogChild.deleted.is_(False),
                log.c.deleted.is_(False),
            )
            .order_by(log.c.logged_on, log.c.id)
        )
        for row in rows:
            found.setdefault(row.child_id, []).append(_json_row(row, WorkLog))
    return found


def _by(session: Session, model: Any, ids: Sequence[str], key: str) -> dict[str, list[Any]]:
    """Live rows of ``model`` as JSON objects, grouped by ``key``."""
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), CHUNK):  # SQLite's limit on bound parameters
        for row in live(session, model, ids[start : start + CHUNK], key):
            found.setdefault(getattr(row, key), []).append(_json_row(row, model))
    return found


def _json_row(row: Row[Any], model: Any) -> dict[str, Any]:
    values = row._mapping
    return {
        column.name: _plain(values[column.name])
        for column in model.__table__.columns
        if column.name not in _LEFT_OUT
        and column.name not in CONFIDENTIAL
        and not column.info.get("local")
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetimes too: local wall time, as stored
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """``value`` as compact JSON, Chinese as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
