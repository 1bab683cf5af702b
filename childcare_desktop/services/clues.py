"""线索: clues from the 12355 and 12349 hotlines, the school, the village and the police.

A clue is recorded with its source, when it came and what it says, and names the child
it concerns when the child is on file (or only describes the child). The director
handles it once - a mandatory report (强制报告) filed from it, a visit made on it, or a
note - and closes it with its outcome (核实属实 / 不属实 / 转交…). A clue is as
confidential as a mandatory report: its audit entries stay out of the history of those
who may not see the reports (services.history).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError, ValidationError
from ..core.records import ClueRecord, IncidentRecord, VisitRecord
from ..core.row_rules import check_rules
from ..core.vocab import ClueHandling, ClueOutcome, ClueSource, ClueState
from ..core.worklist import ClueFacts
from ..storage.models import Child, Clue
from . import fields, incidents, visits
from .common import home_region, load, not_before_birth, record_audit, to_record

ABOUT = {
    "source_detail": fields.text(100),
    "content": fields.text(fields.NOTE_MAX, required=True),
    "about": fields.text(100),
}


def register_clue(
    session: Session,
    *,
    source: ClueSource | str | None,
    received_at: datetime | str | None,
    content: str | None,
    safety: bool = False,
    child_id: str | None = None,
    region_code: str | None = None,
    **values: Any,
) -> ClueRecord:
    """Record a clue received (``values``: source_detail, about). Refused: no source
    (请选择线索来源), 其他 with no description, a time in the future, no content."""
    kind = _source(source)
    cleaned = fields.clean_fields(ABOUT, {"content": content, **values})
    check_rules("clue", {"source": kind, **cleaned}, fields=("source",))  # 其他: say what
    when = _received(received_at)
    child = _child(session, child_id) if child_id else None
    if child is not None:
        not_before_birth(child, when.date(), "received_at")
    region = child.region_code if child is not None else home_region(session, region_code)
    row = Clue(
        region_code=region,
        source=kind,
        received_at=when,
        safety=bool(safety),
        child_id=child.id if child else None,
        state=ClueState.OPEN,
        **cleaned,
    )
    session.add(row)
    session.flush()
    record_audit(session, "clue_registered", row.child_id, row=row.id, source=kind.value)
    return _record(session, row)


def link_child(session: Session, *, clue_id: str, child_id: str) -> ClueRecord:
    """Name the child on file a clue concerns (one of the clue's village)."""
    row = _open(session, clue_id, allow_handled=True)
    child = _child(session, child_id)
    if child.region_code != row.region_code:
        raise ValidationError(Kind.REGION_OUTSIDE, "child_id", value=child.region_code)
    if row.child_id != child.id:
        row.child_id = child.id
        session.flush()
        record_audit(session, "clue_linked", child.id, row=row.id)
    return _record(session, row)


def note_clue(
    session: Session, *, clue_id: str, handling_note: str | None, handled_on: Any = None
) -> ClueRecord:
    """Handle a clue with a note (记为备注): what was done, why no report or visit."""
    row = _open(session, clue_id)
    note = fields.text(fields.NOTE_MAX, required=True)("handling_note", handling_note)
    on = _handled_on(row, handled_on)
    _handled(session, row, ClueHandling.NOTE, on, handling_note=note)
    return _record(session, row)


def report_clue(session: Session, *, clue_id: str, **report: Any) -> IncidentRecord:
    """File the mandatory report (强制报告) a clue calls for and link it to the clue;
    the clue must name a child on file."""
    row = _open(session, clue_id)
    if not row.child_id:
        raise StateError(Kind.CLUE_NO_CHILD, "child_id")
    filed = incidents.file_report(session, child_id=row.child_id, **report)
    on = _not_before(row, filed.reported_at.date(), "reported_at")
    _handled(session, row, ClueHandling.REPORT, on, incident_id=filed.id)
    return filed


def visit_clue(session: Session, *, clue_id: str, **visit: Any) -> VisitRecord:
    """Log the visit made on a clue (安排走访) and link it to the clue."""
    row = _open(session, clue_id)
    if not row.child_id:
        raise StateError(Kind.CLUE_NO_CHILD, "child_id")
    made = visits.log_visit(session, child_id=row.child_id, **visit)
    on = _not_before(row, made.visited_on, "visited_on")
    _handled(session, row, ClueHandling.VISIT, on, visit_id=made.id)
    return made


def close_clue(
    session: Session,
    *,
    clue_id: str,
    outcome: ClueOutcome | str | None,
    closed_on: Any = None,
    outcome_note: str | None = None,
) -> ClueRecord:
    """Close a clue (结案) with its outcome; refused without one."""
    row = load(session, Clue, clue_id)
    if row.state is ClueState.CLOSED:
        raise StateError(Kind.CLUE_CLOSED, "clue_id", state=row.state.label)
    if outcome in (None, ""):
        raise ValidationError(Kind.CHOICE_MISSING, "outcome")
    result = fields.choice(ClueOutcome)("outcome", outcome)
    on = _not_before(row, fields.day()("closed_on", closed_on) or date.today(), "closed_on")
    row.state, row.outcome, row.closed_on = ClueState.CLOSED, result, on
    row.outcome_note = fields.note("outcome_note", outcome_note)
    session.flush()
    record_audit(session, "clue_closed", row.child_id, row=row.id, outcome=result.value)
    return _record(session, row)


def get_clue(session: Session, *, clue_id: str) -> ClueRecord:
    """One clue, or NotFoundError."""
    return _record(session, load(session, Clue, clue_id))


def list_clues(session: Session, *, open_only: bool = False) -> list[ClueRecord]:
    """The store's clues, the latest received first (``open_only``: not yet closed)."""
    query = select(Clue).where(Clue.deleted.is_(False))
    if open_only:
        query = query.where(Clue.state != ClueState.CLOSED)
    rows = session.scalars(query.order_by(Clue.received_at.desc()))
    return _records(session, rows)


def clues_of_child(session: Session, *, child_id: str) -> tuple[ClueRecord, ...]:
    """The clues about one child, the latest first."""
    rows = session.scalars(
        select(Clue)
        .where(Clue.child_id == child_id, Clue.deleted.is_(False))
        .order_by(Clue.received_at.desc())
    )
    return tuple(_records(session, rows))


def child_choices(session: Session) -> list[tuple[str, str]]:
    """(label, id) of every live child here, by name: a clue may name any of them (the
    birth date tells two of one name apart)."""
    rows = session.execute(
        select(Child.id, Child.name, Child.birth_date)
        .where(Child.deleted.is_(False))
        .order_by(Child.name, Child.birth_date)
    )
    return [(f"{n}（{b.isoformat()}）" if b else str(n), str(i)) for i, n, b in rows]


def open_clues(
    session: Session, *, region_prefix: str | None = None, child_id: str | None = None
) -> list[ClueFacts]:
    """Every clue not yet handled (of an area, or about one child), for the worklist."""
    query = (
        select(
            Clue.id,
            Clue.region_code,
            Clue.child_id,
            Child.name,
            Clue.about,
            Clue.received_at,
            Clue.safety,
            Clue.source,
        )
        .outerjoin(Child, Child.id == Clue.child_id)
        .where(Clue.deleted.is_(False), Clue.state == ClueState.OPEN)
    )
    if region_prefix:
        query = query.where(Clue.region_code.startswith(region_prefix))
    if child_id:
        query = query.where(Clue.child_id == child_id)
    return [_facts(r) for r in session.execute(query)]


def _facts(r: Any) -> ClueFacts:
    name = r.name or r.about or ""
    source = str(getattr(r.source, "value", r.source))
    return ClueFacts(
        r.id, r.region_code, r.child_id or "", name, r.received_at.date(), bool(r.safety), source
    )


def month_counts(
    session: Session, first: date, after: date, region_prefix: str | None = None
) -> tuple[int, int]:
    """Clues received and clues handled from ``first`` to before ``after`` (月报)."""

    def count(*where: Any) -> int:
        query = select(func.count()).select_from(Clue).where(Clue.deleted.is_(False), *where)
        if region_prefix:
            query = query.where(Clue.region_code.startswith(region_prefix))
        return int(session.execute(query).scalar_one())

    received = count(Clue.received_at >= first, Clue.received_at < after)
    handled = count(Clue.handled_on >= first, Clue.handled_on < after)
    return received, handled


# -- rules ---------------------------------------------------------------------------------


def _source(value: ClueSource | str | None) -> ClueSource:
    if value is None or value == "":
        raise ValidationError(Kind.CHOICE_MISSING, "source")
    found: ClueSource = fields.choice(ClueSource)("source", value)
    return found


def _received(value: datetime | str | None) -> datetime:
    if value is None or value == "":
        raise ValidationError(Kind.REQUIRED, "received_at")
    return fields.moment("received_at", value).replace(second=0, microsecond=0)


def _child(session: Session, child_id: str) -> Child:
    child = session.get(Child, child_id)
    if child is None or child.deleted:
        raise ValidationError(Kind.NOT_FOUND, "child_id", what="child")
    return child


def _open(session: Session, clue_id: str, *, allow_handled: bool = False) -> Clue:
    row = load(session, Clue, clue_id)
    allowed = (ClueState.OPEN, ClueState.HANDLED) if allow_handled else (ClueState.OPEN,)
    if row.state not in allowed:
        raise StateError(Kind.CLUE_CLOSED, "clue_id", state=row.state.label)
    return row


def _handled_on(row: Clue, value: Any) -> date:
    return _not_before(row, fields.day()("handled_on", value) or date.today(), "handled_on")


def _not_before(row: Clue, on: date, field: str) -> date:
    """``on`` (a handling, a closing) cannot come before the clue was received; told
    as ``field`` (the report's or the visit's date it was handled on)."""
    stored = "closed_on" if field == "closed_on" else "handled_on"
    try:
        check_rules("clue", {"received_at": row.received_at, stored: on}, fields=(stored,))
    except ValidationError as err:
        raise ValidationError(err.kind, field, **err.params) from None
    return on


def _handled(session: Session, row: Clue, how: ClueHandling, on: date, **links: str | None) -> None:
    row.state, row.handling, row.handled_on = ClueState.HANDLED, how, on
    for name, value in links.items():
        setattr(row, name, value)
    session.flush()
    record_audit(session, "clue_handled", row.child_id, row=row.id, handling=how.value)


def _records(session: Session, rows: Iterable[Clue]) -> list[ClueRecord]:
    rows = list(rows)
    ids = {r.child_id for r in rows if r.child_id}
    found = session.execute(select(Child.id, Child.name).where(Child.id.in_(ids)))
    names: dict[str, str] = {str(i): str(n) for i, n in found}
    return [to_record(r, ClueRecord, child_name=names.get(r.child_id or "", "")) for r in rows]


def _record(session: Session, row: Clue) -> ClueRecord:
    return _records(session, [row])[0]
