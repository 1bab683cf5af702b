"""The child's file offers what the recorded facts call for: 认定 with one click adds the
category, 忽略 keeps it away until the facts change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from childcare_desktop.core.vocab import Category
from childcare_desktop.services import categories, family
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import show_child

AWAY = {
    "life": "alive",
    "away_for_work": "yes",
    "cross_county": "yes",
    "away_since": date.today() - timedelta(days=200),
    "incapacity": "none",
}


def both_parents_away(session: Any) -> str:
    child = make_child(session, name="李想", categories=[], birth_date=years_ago(9))
    for relation in ("father", "mother"):
        family.add_family_member(session, child_id=child.id, relation=relation, **AWAY)
    return child.id


def box_texts(main: Any) -> list[str]:
    return [label.text() for label in main.file.suggestions.findChildren(type(main.file.header))]


def test_recognize_with_one_click(qtbot: Any, main: Any) -> None:
    child_id = run(qtbot, main, both_parents_away)
    show_child(qtbot, main, child_id)
    box = main.file.suggestions
    assert box.isVisibleTo(main.file)
    texts = "\n".join(box_texts(main))
    assert "按登记的情况，应认定为农村留守儿童" in texts
    assert "父母双方外出务工连续三个月以上" in texts  # the rule, in plain words
    (buttons,) = box.buttons.values()
    assert buttons["accept"].text() == "认定"
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        buttons["accept"].click()
    held = run(qtbot, main, lambda s: categories.memberships(s, child_id))
    assert [(m.category, m.recognized_on, m.ended_on) for m in held] == [
        (Category.LEFT_BEHIND, date.today(), None)
    ]
    assert main.file.basic.categories.model.rowCount() == 1
    assert not box.isVisibleTo(main.file)


def test_dismiss_until_the_facts_change(qtbot: Any, main: Any) -> None:
    child_id = run(qtbot, main, both_parents_away)
    show_child(qtbot, main, child_id)
    box = main.file.suggestions
    (buttons,) = box.buttons.values()
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        buttons["dismiss"].click()
    assert not box.isVisibleTo(main.file)
    show_child(qtbot, main, child_id)
    assert not box.isVisibleTo(main.file)
    assert run(qtbot, main, lambda s: categories.memberships(s, child_id)) == []
    # The mother's date away corrected: the facts changed, the conclusion comes back.
    mother = next(m for m in main.file.file.family if m.relation.value == "mother")
    later = date.today() - timedelta(days=300)
    run(
        qtbot, main, lambda s: family.update_family_member(s, member_id=mother.id, away_since=later)
    )
    show_child(qtbot, main, child_id)
    assert box.isVisibleTo(main.file)
