"""A laptop's time and the server's, set side by side in a conflict card, both carry their
date: "12:50" beside "2026-12-02 13:50" hid that the laptop's clock was two days behind."""

from __future__ import annotations

from datetime import datetime, timedelta

from childcare_desktop.ui.syncer import when_text


def test_moments_compared_carry_their_date_even_today() -> None:
    now = datetime.now().astimezone()
    assert when_text(now) == f"{now:%H:%M}"  # the status bar: short
    assert when_text(now, dated=True) == f"{now:%Y-%m-%d %H:%M}"
    earlier = now - timedelta(days=2)
    assert when_text(earlier) == f"{earlier:%Y-%m-%d %H:%M}"
