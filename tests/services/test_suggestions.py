"""services.suggestions on the real store: the facts gathered from the child's file, 认定
and 退出 through services.categories, a dismissal kept until the facts change."""

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from childcare_desktop.core.errors import Kind, StateError
from childcare_desktop.core.suggestions import Advice
from childcare_desktop.core.vocab import Category
from childcare_desktop.services import family, files
from childcare_desktop.services import suggestions as suggesting
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()
AWAY = {
    "life": "alive",
    "away_for_work": "yes",
    "cross_county": "yes",
    "away_since": TODAY - timedelta(days=200),
    "incapacity": "none",
}


def both_away(session: Session) -> tuple[str, str]:
    child = make_child(session, categories=[], birth_date=years_ago(9))
    family.add_family_member(session, child_id=child.id, relation="father", name="张父", **AWAY)
    mother = family.add_family_member(
        session, child_id=child.id, relation="mother", name="张母", **AWAY
    )
    return child.id, mother.id


def test_recognize_dismiss_and_end(store: Store) -> None:
    with store.session() as session:
        child_id, mother_id = both_away(session)
        (found,) = suggesting.category_suggestions(session, child_id=child_id)
        assert (found.category, found.advice) == (Category.LEFT_BEHIND, Advice.RECOGNIZE)
        assert found.reasons == ("both_parents_away",)
        suggesting.dismiss(session, child_id=child_id, key=found.key)
        assert suggesting.category_suggestions(session, child_id=child_id) == []
        # The facts change (a new date away): the conclusion is offered again.
        family.update_family_member(
            session, member_id=mother_id, away_since=TODAY - timedelta(days=300)
        )
        (again,) = suggesting.category_suggestions(session, child_id=child_id)
        assert again.key != found.key
        held = suggesting.accept(session, child_id=child_id, key=again.key, on=TODAY, note="依据")
        assert (held.category, held.recognized_on, held.basis) == (
            Category.LEFT_BEHIND,
            TODAY,
            "依据",
        )
        assert held.ends_by_age_on is not None  # by age, as every 认定
        assert suggesting.category_suggestions(session, child_id=child_id) == []
        with pytest.raises(StateError) as caught:  # the same suggestion, no longer true
            suggesting.accept(session, child_id=child_id, key=again.key, on=TODAY, note="x")
        assert caught.value.kind is Kind.STATE_TRANSITION
        # The mother comes home: no longer left behind.
        family.update_family_member(session, member_id=mother_id, away_for_work="no")
        (end,) = suggesting.category_suggestions(session, child_id=child_id)
        assert (end.advice, end.reasons) == (Advice.END, ("parents_not_away",))
        ended = suggesting.accept(session, child_id=child_id, key=end.key, on=TODAY, note="回家")
        assert (ended.ended_on, ended.end_reason) == (TODAY, "回家")
        file = files.get_child_file(session, child_id=child_id)
    # Audited like any category change: the township's review reads these.
    assert {"category_added", "category_ended"} <= {e.action for e in file.history}


def test_a_dismissal_is_per_child(store: Store) -> None:
    with store.session() as session:
        first, _ = both_away(session)
        second, _ = both_away(session)
        (found,) = suggesting.category_suggestions(session, child_id=first)
        suggesting.dismiss(session, child_id=first, key=found.key)
        assert suggesting.category_suggestions(session, child_id=first) == []
        assert len(suggesting.category_suggestions(session, child_id=second)) == 1
