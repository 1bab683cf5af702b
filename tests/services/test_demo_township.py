"""The demo township: what a township's laptop gets from its syncs, made up as the sync
writes it (names, the review's start, a transfer, a suspected duplicate)."""

from __future__ import annotations

from datetime import date

from childcare_desktop.core.vocab import ReviewKind
from childcare_desktop.services import duplicates, reviews, transfers
from childcare_desktop.services.demo_township import (
    VILLAGE_DIRECTOR,
    build_demo_township,
    demo_village_codes,
)
from childcare_desktop.services.places import place_label
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage.store import Store

AS_OF = date(2026, 11, 2)


def test_demo_township_shows_names_and_what_waits_for_the_supervisor(store: Store) -> None:
    with store.session() as s:
        build_demo_township(s, villages=2, children=6, as_of=AS_OF)
    codes = demo_village_codes(2)
    with store.session() as s:
        assert [place_label(s, c) for c in codes] == ["青石镇柳溪村", "青石镇东坪村"]
        everyone = search_roster(s, filters=RosterFilter(status="all"), as_of=AS_OF)
        items = reviews.pending_items(s)
        asked = transfers.list_transfers(s)
        cases = duplicates.list_cases(s)
    registered = {i.child_id for i in items if i.kind is ReviewKind.REGISTRATION}
    # The review starts before the newest children: theirs wait, the village's past does not.
    assert 0 < len(registered) < len(everyone)
    assert {i.region_code for i in items} == set(codes)
    [transfer] = asked
    assert transfer.requested_by == VILLAGE_DIRECTOR  # asked on the village's laptop
    assert (transfer.state, transfer.from_label, transfer.to_label) == (
        "requested",
        "青石镇柳溪村",
        "青石镇东坪村",
    )
    [case] = cases
    assert case.decidable and case.a.name == case.b.name
    assert (case.a.village, case.b.village) == ("青石镇柳溪村", "青石镇东坪村")
