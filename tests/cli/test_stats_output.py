"""``childcare stats`` for people: the children's figures add up to the files counted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from childcare_desktop.cli import output
from childcare_desktop.services import enrollment, stats
from childcare_desktop.storage.store import Store
from tests.factories import make_child


def test_a_child_registered_after_the_day_is_named_beside_the_roll(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the roll are those registered by the day and not exited (the worklist's roll);
    a file registered later (a laptop whose clock ran ahead) is neither, and says so,
    else 儿童 3 名（在册 1，退出 1）would leave one child unaccounted for."""
    today = date.today()
    with store.session() as s:
        make_child(s, name="甲")
        gone = make_child(s, name="乙")
        late = make_child(s, name="丙")
        enrollment.exit_child(s, child_id=gone.id, on_date=today, reason="moved")
    with store.connection() as conn:
        conn.exec_driver_sql(
            "UPDATE child SET registered_on = ? WHERE id = ?",
            ((today + timedelta(days=1)).isoformat(), late.id),
        )
    with store.session() as s:
        output.print_stats(stats.store_stats(s))
    first = capsys.readouterr().out.splitlines()[0]
    assert "儿童 3 名（在册 1，退出 1，登记日期在后 1）" in first
    with store.connection() as conn:
        conn.exec_driver_sql("UPDATE child SET registered_on = ? WHERE id = ?", (today, late.id))
    with store.session() as s:
        output.print_stats(stats.store_stats(s))
    assert "儿童 3 名（在册 2，退出 1）" in capsys.readouterr().out
