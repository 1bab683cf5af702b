"""Dates recorded on a laptop whose clock was ahead (issue 13, finding 6): the county
server applies them, flagged with the dates that lay after its own day when they came,
and every laptop that pulls them shows them under 日期存疑 until the date is corrected."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

from sqlalchemy import select

from childcare_desktop.core.vocab import VisitMode
from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child, Visit
from sync.protocol import FLAG_FUTURE
from sync.server import cli, schema
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, LiveServer

TWO_YEARS_ON = date.today() + timedelta(days=730)


def _flags(server: LiveServer) -> dict[tuple[str, str | None], str]:
    with server.db.read() as conn:
        log = schema.change_log.c
        return {
            (r.tbl, r.field): r.flag
            for r in conn.execute(select(log.tbl, log.field, log.flag).where(log.flag.is_not(None)))
        }


def test_dates_after_the_server_s_day_are_applied_and_flagged_for_everyone(
    server: LiveServer, make_laptop, capsys
) -> None:
    server.user("wang", "director", VILLAGE_A)
    server.user("zhao", "supervisor", TOWNSHIP)
    ahead = make_laptop("ahead", server, user="wang")
    township = make_laptop("township", server, user="zhao")
    with ahead.store.session() as session:  # what the app let through on a clock 2 years on
        child = make_child(session, name="陈<小>&雨")
        session.add(
            Visit(
                id=str(uuid.uuid4()),
                child_id=child.id,
                region_code=child.region_code,
                visited_on=TWO_YEARS_ON,
                mode=VisitMode.HOME,
            )
        )
        session.get(Child, child.id).registered_on = TWO_YEARS_ON
    report = ahead.run()
    assert report.ok and report.quarantined == 0 and report.pushed >= 3, report
    assert _flags(server) == {
        ("visit", None): f"{FLAG_FUTURE}|visited_on",
        ("child", "registered_on"): f"{FLAG_FUTURE}|registered_on",
    }
    assert cli.main(["--db", server.db.url, "flagged", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted((r["table"], r["fields"], r["region"]) for r in listed) == [
        ("child", "registered_on", VILLAGE_A),
        ("visit", "visited_on", VILLAGE_A),
    ]
    assert township.run().ok
    flagged = {(f.table, f.field): f for f in syncing.flagged(township.store)}
    assert set(flagged) == {("visit", "visited_on"), ("child", "registered_on")}
    visit = flagged[("visit", "visited_on")]
    assert visit.child_name == "陈<小>&雨" and str(visit.value) == TWO_YEARS_ON.isoformat()
    # The director corrects the registration date: the flag goes, the visit's stays.
    with ahead.store.session() as session:
        session.get(Child, child.id).registered_on = date.today()
    assert ahead.run().ok and township.run().ok
    assert [(f.table, f.field) for f in syncing.flagged(township.store)] == [
        ("visit", "visited_on")
    ]
    with server.db.read() as conn:  # the server applied the visit, not held it
        assert conn.execute(select(schema.quarantine)).first() is None
        (value,) = conn.execute(
            select(schema.field.c.value).where(
                schema.field.c.tbl == "visit", schema.field.c.field == "visited_on"
            )
        ).one()
    assert json.loads(value) == TWO_YEARS_ON.isoformat()
