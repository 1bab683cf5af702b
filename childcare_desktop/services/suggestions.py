"""The categories the recorded facts call for (core.suggestions), on one child's file.

The facts come from the child's file as the store holds it; 认定 and 退出 go through
services.categories, so they are audited and reach the township's review like any other
category change. A dismissal is kept in the store's settings, per child, and lapses when
the facts it was dismissed on change.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..core.eligibility import ParentFacts, active_on
from ..core.errors import Kind, StateError
from ..core.records import CategoryRecord, ChildFile
from ..core.suggestions import Advice, ChildFacts, Suggestion, suggest
from ..core.vocab import Category, Relation
from ..storage import settings
from . import categories, files
from .worklist import current_policy


def child_facts(file: ChildFile) -> ChildFacts:
    """The facts of the file the category definitions look at."""
    child = file.child
    return ChildFacts(
        birth=child.birth_date,
        hukou=child.hukou_type,
        father=parent_facts(file, Relation.FATHER),
        mother=parent_facts(file, Relation.MOTHER),
        in_full_time_school=child.school_stage.full_time_school,
        as_of=file.as_of,
    )


def parent_facts(file: ChildFile, relation: Relation) -> ParentFacts:
    """One parent's facts from the family members recorded (none recorded: all unknown)."""
    member = next((m for m in file.family if m.relation is relation), None)
    if member is None:
        return ParentFacts()
    return ParentFacts(
        member.life,
        member.away_for_work,
        member.away_since,
        member.cross_county,
        member.incapacity,
        member.incapacity_since,
        member.disability_grade,
        member.disability_kind,
    )


def held(file: ChildFile) -> set[Category]:
    """The categories in force on the file's date."""
    return {
        c.category for c in file.categories if active_on(c.recognized_on, c.ended_on, file.as_of)
    }


def file_suggestions(session: Session, file: ChildFile) -> list[Suggestion]:
    """The suggestions for a loaded file, those dismissed on the same facts left out."""
    dismissed = set(settings.read(session, settings.SUGGESTIONS_DISMISSED).get(file.child.id, []))
    return [s for s in _all(session, file) if s.key not in dismissed]


def _all(session: Session, file: ChildFile) -> list[Suggestion]:
    if not file.active:
        return []
    policy, _version, _problem = current_policy(session, as_of=file.as_of)
    return suggest(child_facts(file), held(file), policy)


def category_suggestions(
    session: Session, *, child_id: str, as_of: date | None = None
) -> list[Suggestion]:
    """What the rules conclude of one child's categories that the file does not show."""
    return file_suggestions(session, files.get_child_file(session, child_id=child_id, as_of=as_of))


def accept(session: Session, *, child_id: str, key: str, on: date, note: str) -> CategoryRecord:
    """认定 or 退出 as the suggestion ``key`` says; ``note`` is the basis or the end reason.

    Raises STATE_TRANSITION when the facts changed since the suggestion was shown."""
    found = _current(session, child_id, key, on)
    if found.advice is Advice.RECOGNIZE:
        return categories.add_category(
            session, child_id=child_id, category=found.category, recognized_on=on, basis=note
        )
    if found.advice is Advice.END:
        for row in categories.memberships(session, child_id):
            if row.category is found.category and active_on(row.recognized_on, row.ended_on, on):
                return categories.end_category(
                    session, membership_id=row.id, ended_on=on, reason=note
                )
    raise StateError(Kind.STATE_TRANSITION, "category", state=found.advice.value)


def dismiss(session: Session, *, child_id: str, key: str) -> None:
    """忽略 the suggestion ``key`` until the facts change (older dismissals are dropped)."""
    current = {s.key for s in _all(session, files.get_child_file(session, child_id=child_id))}
    store = settings.read(session, settings.SUGGESTIONS_DISMISSED)
    kept = [k for k in store.get(child_id, []) if k in current]
    store[child_id] = [*kept, key]
    settings.write(session, settings.SUGGESTIONS_DISMISSED, store)


def _current(session: Session, child_id: str, key: str, on: date) -> Suggestion:
    for found in category_suggestions(session, child_id=child_id, as_of=on):
        if found.key == key:
            return found
    raise StateError(Kind.STATE_TRANSITION, "category", state="changed")
