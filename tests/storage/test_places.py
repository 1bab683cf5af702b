"""The division names a laptop receives are checked like anything pulled: a bad code or a
name that is not one line of plain text is left out, the rest kept; a second list
replaces the first whole."""

from __future__ import annotations

from childcare_desktop.services.places import place_label, place_parts
from childcare_desktop.storage import places, settings
from childcare_desktop.storage.store import Store
from tests.conftest import VILLAGE

TOWNSHIP = VILLAGE[:9]


def test_names_that_fail_the_checks_are_left_out(store: Store) -> None:
    sent = [
        (TOWNSHIP[:6], "清河县"),
        (TOWNSHIP, "青石镇"),
        (VILLAGE, "柳溪村"),
        (TOWNSHIP + "202", "<img src=x>"),  # markup
        (TOWNSHIP + "203", "桃\u202e园村"),  # a bidi override
        ("3499", "省市"),  # not a county, township or village
        (TOWNSHIP + "204", "长" * 41),
    ]
    with store.connection() as conn:
        assert places.save_names(conn, "v1", sent) == 3
    with store.session() as s:
        assert places.read_names(s) == dict(sent[:3])
        assert settings.read(s, places.VERSION) == "v1"
        assert place_label(s, VILLAGE) == "青石镇柳溪村"
        assert place_parts(s, VILLAGE).county == "清河县"
    with store.connection() as conn:
        places.save_names(conn, "v2", [(VILLAGE, "柳溪新村")])
    with store.session() as s:
        assert places.read_names(s) == {VILLAGE: "柳溪新村"}
        # the township's name now comes from the store's own settings, if it has one
        assert place_label(s, TOWNSHIP + "202") == TOWNSHIP + "202"
