"""告知学校: the record that a child's school was told of the child's situation and of the
parents' work place and contact (seed 003: 告知村（居）民委员会和儿童就读学校).

A notice names the school it was given to: when the child changes school, the new
school must be told again. Notices are records of fact and never edited.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.pairing_work import NoticeFacts
from ..core.records import SchoolNoticeRecord
from ..core.vocab import NoticeContent, NoticeMode, SchoolStage
from ..storage.models import AuditEntry, Child, SchoolNotice
from . import fields
from .common import load, not_before_birth, save, to_record

NOTICE = {
    "school_name": fields.text(100, required=True),
    "told_on": fields.day(required=True),
    "mode": fields.choice(NoticeMode),
    "contents": fields.choices(NoticeContent),
    "told_whom": fields.person_name(required=False),
    "note": fields.note,
}
IN_SCHOOL = [s for s in SchoolStage if s.full_time_school]


def record_notice(session: Session, *, child_id: str, **values: Any) -> SchoolNoticeRecord:
    """Record that the school was told; the school is the child's unless named."""
    child = load(session, Child, child_id)
    if not values.get("school_name"):
        values["school_name"] = child.school_name
    values.setdefault("mode", None)  # required: the form names it
    cleaned = fields.clean_fields(NOTICE, values)
    if not cleaned.get("contents"):
        raise ValidationError(Kind.REQUIRED, "contents")
    not_before_birth(child, cleaned["told_on"], "told_on")
    row = SchoolNotice(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, row, "school_notice_recorded", child.id, mode=row.mode.value)
    return to_record(row, SchoolNoticeRecord)


def list_notices(session: Session, *, child_id: str) -> tuple[SchoolNoticeRecord, ...]:
    """A child's school notices, the latest first."""
    rows = session.scalars(
        select(SchoolNotice)
        .where(SchoolNotice.child_id == child_id, SchoolNotice.deleted.is_(False))
        .order_by(SchoolNotice.told_on.desc(), SchoolNotice.created_hlc.desc())
    )
    return tuple(to_record(r, SchoolNoticeRecord) for r in rows)


def notices_owed(session: Session, *, child_id: str | None = None) -> list[NoticeFacts]:
    """Every child in full-time school whose current school has not been told since the
    school last changed; the worklist keeps those who are 留守."""
    query = select(Child.id, Child.school_name).where(
        Child.deleted.is_(False), Child.school_stage.in_(IN_SCHOOL)
    )
    if child_id is not None:
        query = query.where(Child.id == child_id)
    schools = {cid: name or "" for cid, name in session.execute(query)}
    if not schools:
        return []
    changed = _school_changes(session, child_id)
    told = select(SchoolNotice.child_id, SchoolNotice.school_name, SchoolNotice.told_on).where(
        SchoolNotice.deleted.is_(False)
    )
    if child_id is not None:
        told = told.where(SchoolNotice.child_id == child_id)
    done = set()
    for cid, school, on in session.execute(told):
        # a school not recorded in the file: any notice counts
        if cid in schools and _same(schools[cid]) in ("", _same(school)):
            since = changed.get(cid)
            if since is None or on >= since:
                done.add(cid)
    return [
        NoticeFacts(cid, name, changed.get(cid)) for cid, name in schools.items() if cid not in done
    ]


def _same(name: str | None) -> str:
    """A school's name as compared: without spaces (typed names vary in them)."""
    return "".join((name or "").split())


def _school_changes(session: Session, child_id: str | None) -> dict[str, date]:
    """When each child's school was last changed on this laptop (the audit names the
    fields an edit changed, never their values)."""
    query = select(AuditEntry.child_id, AuditEntry.at, AuditEntry.detail).where(
        AuditEntry.action == "child_edited", AuditEntry.detail.contains('"school_name"')
    )
    if child_id is not None:
        query = query.where(AuditEntry.child_id == child_id)
    latest: dict[str, date] = {}
    for cid, at, detail in session.execute(query):
        if cid and "school_name" in json.loads(detail or "{}").get("fields", ()):
            on = date.fromisoformat(at[:10])
            latest[cid] = max(on, latest.get(cid, on))
    return latest
