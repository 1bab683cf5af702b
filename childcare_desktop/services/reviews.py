"""审核: the township supervisor approves (通过) or returns (退回) what directors did.

The items are found in the records themselves (``services.review_items``); an answer is
a synced insert-only ``review`` record filed under the child's village, so the director's
laptop receives it at its next sync. Nothing waits on an answer: the director goes on
working on the child, and a record corrected after it was returned is waiting again.

A township's store starts its review at its first complete sync (``storage.settings.
REVIEW_SINCE_HLC``): the villages' past, received then, is not 300 items to approve; what
arrives after it is. A store that never synced has nothing of the directors' to review.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, NotFoundError, StateError, ValidationError
from ..core.roles import Permission, may
from ..core.text import clean_note
from ..core.vocab import ReviewDecision, ReviewKind
from ..storage import settings
from ..storage.models import Outbox, Review
from .common import actor, record_audit
from .review_items import (
    RULES,
    Subject,
    item_id,
    parse_item_id,
    subject_of,
    subjects,
)

REVIEWED_TABLES = sorted({str(r.model.__table__.name) for r in RULES.values()})  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One item waiting for the township's answer."""

    id: str  # "kind:record id"
    kind: ReviewKind
    subject_table: str
    subject_id: str
    child_id: str
    child_name: str
    region_code: str
    on: date | None  # the day of what was done (registered, signed, assessed...)
    labels: tuple[str, ...]  # e.g. the category, the exit's reason (vocabulary labels)
    returned_comment: str | None = None  # corrected after being returned with this


@dataclass(frozen=True, slots=True)
class ReviewAnswer:
    """The latest answer to an item, as a director's laptop shows it."""

    id: str  # the review record's id
    item_id: str
    kind: ReviewKind
    child_id: str
    child_name: str
    region_code: str
    decision: ReviewDecision
    comment: str | None
    decided_by: str | None
    decided_at: datetime
    current: bool  # it answers the record as it stands (False: changed since)


def pending_items(session: Session, *, village: str | None = None) -> list[ReviewItem]:
    """The items waiting for an answer (by village, newest first), ``village`` (a code or
    a prefix) alone when given: no answer covers the record as it stands."""
    mark = settings.read(session, settings.REVIEW_SINCE_HLC)
    if mark is None:
        return []
    answered = _latest_answers(session)
    own = _own_changes(session, int(mark))
    items = [
        _item(s, answered.get(s.item_id))
        for s in subjects(session, after_hlc=int(mark), village=village)
        if _waiting(s, answered.get(s.item_id)) and (s.table, s.row_id, s.last_change) not in own
    ]
    items.sort(key=lambda i: (i.on or date.min, i.id), reverse=True)
    items.sort(key=lambda i: i.region_code)
    return items


def _own_changes(session: Session, after_hlc: int) -> set[tuple[str, str, int]]:
    """The records whose last change was this store's own (the supervisor's own work is
    the township's already: it waits for no one). A record made or changed here is
    stamped with the hlc of the change, which the outbox keeps; one changed since by a
    director carries the hlc of that change's arrival instead, and waits."""
    o = Outbox.__table__.c
    query = select(o.tbl, o.row_id, o.hlc).where(o.hlc > after_hlc, o.tbl.in_(REVIEWED_TABLES))
    return {(r.tbl, r.row_id, int(r.hlc)) for r in session.execute(query)}


def waiting_review_by_village(session: Session) -> dict[str, int]:
    """How many items wait for review in each village (the 工作台's 待审核 column)."""
    return dict(Counter(item.region_code for item in pending_items(session)))


def answers(session: Session, *, village: str | None = None) -> list[ReviewAnswer]:
    """The latest answer to each item (退回 first, then the newest), ``village`` alone
    when given; an answer to a record no longer there is left out."""
    found: list[ReviewAnswer] = []
    for review in _latest_answers(session).values():
        if village and not review.region_code.startswith(village):
            continue
        subject = subject_of(session, review.subject_kind, review.subject_id)
        if subject is not None:
            found.append(_answer(review, subject))
    found.sort(key=lambda a: a.decided_at, reverse=True)
    found.sort(key=lambda a: not (a.decision is ReviewDecision.RETURNED and a.current))
    return found


def approve(session: Session, *, item: str, comment: str | None = None) -> ReviewAnswer:
    """通过: answer ``item`` (an id of :func:`pending_items`) as approved."""
    return _decide(session, item, ReviewDecision.APPROVED, comment)


def return_item(session: Session, *, item: str, comment: str) -> ReviewAnswer:
    """退回 with a comment (required): what the director should correct."""
    return _decide(session, item, ReviewDecision.RETURNED, comment)


def may_review(session: Session) -> bool:
    """Whether the store's user answers for the township (a supervisor)."""
    return may(settings.read(session, settings.ROLE), Permission.REVIEW)


def _decide(
    session: Session, item: str, decision: ReviewDecision, comment: str | None
) -> ReviewAnswer:
    if not may_review(session):
        raise StateError(Kind.NOT_PERMITTED, "review", what="review")
    text = clean_note(comment or "", "comment") or None
    if decision is ReviewDecision.RETURNED and not text:
        raise ValidationError(Kind.REQUIRED, "comment")
    parsed = parse_item_id(item)
    subject = subject_of(session, *parsed) if parsed else None
    if subject is None:
        raise NotFoundError("review_item", item[:80])
    review = Review(
        child_id=subject.child_id,
        region_code=subject.region_code,
        subject_table=subject.table,
        subject_id=subject.row_id,
        subject_kind=subject.kind,
        subject_digest=subject.digest,
        decision=decision,
        comment=text,
        decided_by=actor(session) or settings.read(session, settings.DIRECTOR_NAME) or None,
        decided_at=datetime.now().replace(microsecond=0),
    )
    session.add(review)
    session.flush()
    record_audit(
        session,
        f"review_{decision.value}",
        subject.child_id,
        review=review.id,
        kind=subject.kind.value,
        row=subject.row_id,
    )
    return _answer(review, subject)


def _latest_answers(session: Session) -> dict[str, Review]:
    """Per item, its latest answer (decided last; the record's id breaks a tie)."""
    rows = session.scalars(
        select(Review)
        .where(Review.deleted.is_(False))
        .order_by(Review.decided_at, Review.created_hlc, Review.id)
    )
    return {item_id(r.subject_kind, r.subject_id): r for r in rows if _known(r)}


def _known(review: Review) -> bool:
    # A kind of a newer version, loaded as its raw code: nothing here to match it with.
    return isinstance(review.subject_kind, ReviewKind) and isinstance(
        review.decision, ReviewDecision
    )


def _waiting(subject: Subject, answer: Review | None) -> bool:
    return answer is None or answer.subject_digest != subject.digest


def _item(subject: Subject, answer: Review | None) -> ReviewItem:
    returned = answer is not None and answer.decision is ReviewDecision.RETURNED
    return ReviewItem(
        id=subject.item_id,
        kind=subject.kind,
        subject_table=subject.table,
        subject_id=subject.row_id,
        child_id=subject.child_id,
        child_name=subject.child_name,
        region_code=subject.region_code,
        on=subject.on,
        labels=subject.labels,
        returned_comment=answer.comment if returned and answer else None,
    )


def _answer(review: Review, subject: Subject) -> ReviewAnswer:
    return ReviewAnswer(
        id=review.id,
        item_id=subject.item_id,
        kind=subject.kind,
        child_id=subject.child_id,
        child_name=subject.child_name,
        region_code=subject.region_code,
        decision=review.decision,
        comment=review.comment,
        decided_by=review.decided_by,
        decided_at=review.decided_at,
        current=review.subject_digest == subject.digest,
    )


__all__ = [
    "ReviewAnswer",
    "ReviewItem",
    "answers",
    "approve",
    "may_review",
    "pending_items",
    "return_item",
    "waiting_review_by_village",
]
