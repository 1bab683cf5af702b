"""What a hostile device, a broken laptop or a careless county admin tried against the
real county server on loopback when issue 12's work was reviewed, each attempt with what
must happen (they were findings: each failed before its fix)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from childcare_desktop.services import attachments, exports, printing, stats
from childcare_desktop.services.roster import search_roster
from childcare_desktop.services.visits import list_visits
from sync.protocol import API, Hold, Refusal, Status
from sync.server import schema
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B, Laptop, LiveServer
from tests.sync.hostile import (
    Forger,
    agreement_row,
    carer_row,
    child_row,
    family_row,
    incident_row,
    visit_row,
)


@dataclass
class Scene:
    server: LiveServer
    a: Laptop  # village A's director (honest)
    town: Laptop  # the township's supervisor (honest)
    child_id: str  # a child of village A


@pytest.fixture
def scene(server: LiveServer, make_laptop: Callable[..., Laptop]) -> Scene:
    server.user("a_dir", "director", VILLAGE_A)
    server.user("b_dir", "director", VILLAGE_B)
    server.user("town", "supervisor", TOWNSHIP)
    server.user("viewer", "county-viewer", VILLAGE_A[:6])
    a = make_laptop("a", server, user="a_dir")
    with a.store.session() as session:
        child_id = make_child(session, name="甲村孩子").id
    assert a.run().ok
    town = make_laptop("town", server, user="town")
    assert town.run().ok
    return Scene(server, a, town, child_id)


def _status(results: list[list]) -> list[str]:
    return [r[1] for r in results]


def _hold(result: list) -> Hold:
    assert result[1] == Status.QUARANTINED, result
    return Hold.decode(result[3])


def _current(server: LiveServer, table: str, row_id: str, name: str) -> str | None:
    f = schema.field.c
    with server.db.read() as conn:
        return conn.execute(
            select(f.value).where(f.tbl == table, f.row_id == row_id, f.field == name)
        ).scalar()


def _held_ops(server: LiveServer) -> list[tuple[str, str | None]]:
    q = schema.quarantine.c
    with server.db.read() as conn:
        return [(r.reason, r.waits_for) for r in conn.execute(select(q.reason, q.waits_for))]


# --- cross-village references ---------------------------------------------------------------


def test_setting_owner_table_cannot_point_an_attachment_into_another_village(
    scene: Scene,
) -> None:
    """An attachment's owner is (owner_table, owner_id). Village B makes a visit whose id
    is village A's child's id (ids are unique per table only), files an attachment owned
    by that visit (in B: accepted), then sets owner_table to "child": the attachment now
    belongs to village A's child. owner_table is a TABLE field, not a REF, so the scope
    check of references never runs on its set."""
    b = Forger.enrolled(scene.server, "b_dir")
    own = str(uuid.uuid4())
    attachment = str(uuid.uuid4())
    results = b.push(
        b.insert("child", VILLAGE_B, own, **child_row("乙村孩子")),
        b.insert("visit", VILLAGE_B, scene.child_id, **visit_row(own)),
        b.insert(
            "attachment",
            VILLAGE_B,
            attachment,
            child_id=own,
            owner_table="visit",
            owner_id=scene.child_id,
            sha256="0" * 64,
            name="伪造.pdf",
            mime="application/pdf",
            size=1,
            kind="scan",
            note=None,
        ),
    )
    assert _status(results) == [Status.APPLIED] * 3
    (result,) = b.push(b.set("attachment", attachment, "owner_table", "child"))
    # Should be held (its owner would lie in another village); it is applied.
    assert result[1] == Status.QUARANTINED, result
    assert _current(scene.server, "attachment", attachment, "owner_table") == '"visit"'


def test_owner_table_cannot_be_set_to_a_table_where_the_owner_does_not_exist(
    scene: Scene,
) -> None:
    """The same hole, honest-looking: owner_table set alone leaves owner_id dangling."""
    a = Forger.enrolled(scene.server, "a_dir")
    attachment = str(uuid.uuid4())
    a.push(
        a.insert(
            "attachment",
            VILLAGE_A,
            attachment,
            child_id=scene.child_id,
            owner_table="child",
            owner_id=scene.child_id,
            sha256="1" * 64,
            name="照片.jpg",
            mime="image/jpeg",
            size=1,
            kind="photo",
            note=None,
        )
    )
    (result,) = a.push(a.set("attachment", attachment, "owner_table", "incident"))
    assert result[1] == Status.QUARANTINED, result


# --- quarantine release -------------------------------------------------------------------


def test_a_held_set_of_a_reference_is_applied_when_its_target_arrives_later(
    scene: Scene,
) -> None:
    """An agreement's carer_id set to a carer the server does not have yet is held,
    waiting for carer/<id>. When the carer arrives in a later push, the set should be
    applied. It is not: a held set's region is "" (sets carry none) and release_waiting
    skips every op whose region the releasing batch has not locked, so it waits forever."""
    a = Forger.enrolled(scene.server, "a_dir")
    agreement = str(uuid.uuid4())
    carer = str(uuid.uuid4())
    (ins,) = a.push(
        a.insert("care_agreement", VILLAGE_A, agreement, **agreement_row(scene.child_id))
    )
    assert ins[1] == Status.APPLIED
    (held,) = a.push(a.set("care_agreement", agreement, "carer_id", carer))
    assert _hold(held).refusal is Refusal.MISSING_PARENT
    (arrived,) = a.push(a.insert("carer", VILLAGE_A, carer, **carer_row(scene.child_id)))
    assert arrived[1] == Status.APPLIED
    assert _current(scene.server, "care_agreement", agreement, "carer_id") == f'"{carer}"'
    assert _held_ops(scene.server) == []


def test_a_held_record_is_released_when_its_other_references_are_already_there(
    scene: Scene,
) -> None:
    """An agreement naming a principal already on the server and a carer not yet there is
    held for the carer. When the carer arrives, the release re-checks the agreement
    against the releasing batch's rows only, which lack the principal: the agreement is
    held again "waiting for" a family member the server has had all along, forever."""
    a = Forger.enrolled(scene.server, "a_dir")
    principal, carer, agreement = (str(uuid.uuid4()) for _ in range(3))
    (p,) = a.push(a.insert("family_member", VILLAGE_A, principal, **family_row(scene.child_id)))
    assert p[1] == Status.APPLIED
    row = agreement_row(scene.child_id, principal_id=principal, carer_id=carer)
    (held,) = a.push(a.insert("care_agreement", VILLAGE_A, agreement, **row))
    assert _hold(held) == Hold(Refusal.MISSING_PARENT, "carer_id")
    (arrived,) = a.push(a.insert("carer", VILLAGE_A, carer, **carer_row(scene.child_id)))
    assert arrived[1] == Status.APPLIED
    assert _held_ops(scene.server) == []
    assert _current(scene.server, "care_agreement", agreement, "carer_id") == f'"{carer}"'


# --- values the server accepts that break the laptops that pull them -------------------------


@pytest.mark.parametrize("value", ["not-a-date", None])
def test_an_amendment_of_a_visit_date_that_is_no_date_breaks_no_laptop(
    scene: Scene, tmp_path: Path, value: str | None
) -> None:
    """visit_amendment.field and .value are free text to the registry, but the laptop
    reads an amendment of "visited_on" with date.fromisoformat. A stolen token of village
    A's director (or a broken laptop) pushes one; the server applies it; then the
    supervisor's and the village's laptops pull it. Their sync exits 0 (the row passes
    the laptop's checks too), but every view that applies amendments should still work."""
    f = Forger.enrolled(scene.server, "a_dir")
    visit = str(uuid.uuid4())
    results = f.push(
        f.insert("visit", VILLAGE_A, visit, **visit_row(scene.child_id)),
        f.insert(
            "visit_amendment",
            VILLAGE_A,
            visit_id=visit,
            field="visited_on",
            value=value,
            reason="更正",
            amended_on="2026-01-07",
        ),
    )
    assert results[0][1] == Status.APPLIED
    assert results[1][1] in (Status.APPLIED, Status.QUARANTINED)  # held, now
    for laptop in (scene.town, scene.a):
        assert laptop.run().ok
        with laptop.store.session() as session:
            assert {c.name for c in search_roster(session)} == {"甲村孩子"}
            assert stats.store_stats(session)["children"] == 1
            list_visits(session, child_id=scene.child_id)  # the child's 走访 tab
            assert printing.dossier(session, child_id=scene.child_id).startswith(b"%PDF")
            assert printing.roster(session, region_prefix=TOWNSHIP).startswith(b"%PDF")
            assert exports.export_xlsx(session, tmp_path / f"{laptop.name}.xlsx").children == 1


# --- roles -------------------------------------------------------------------------------


def test_a_county_viewer_receives_no_trace_of_a_mandatory_report(scene: Scene) -> None:
    """A viewer may not read reports (incident, incident_followup are left out of its
    pulls), but an attachment owned by a report, with its name and note, reaches it."""
    a = Forger.enrolled(scene.server, "a_dir")
    report = str(uuid.uuid4())
    results = a.push(
        a.insert("incident", VILLAGE_A, report, **incident_row(scene.child_id)),
        a.insert(
            "attachment",
            VILLAGE_A,
            child_id=scene.child_id,
            owner_table="incident",
            owner_id=report,
            sha256="2" * 64,
            name="强制报告回执.pdf",
            mime="application/pdf",
            size=1,
            kind="scan",
            note="性侵害报告的派出所回执",
        ),
    )
    assert _status(results) == [Status.APPLIED, Status.APPLIED]
    viewer = Forger.enrolled(scene.server, "viewer")
    pulled = viewer.transport.post("/pull", {"cursors": {}})
    body = str(pulled)
    assert report not in body
    assert "强制报告回执" not in body


def test_a_viewer_and_a_supervisor_pushing(scene: Scene) -> None:
    """A viewer may not write; a supervisor may, inside its township only."""
    viewer = Forger.enrolled(scene.server, "viewer")
    (r,) = viewer.push(viewer.insert("child", VILLAGE_A, **child_row("查看者写的")))
    assert _hold(r).refusal is Refusal.NOT_PERMITTED
    (r,) = viewer.push(viewer.set("child", scene.child_id, "notes", "查看者改的"))
    assert _hold(r).refusal is Refusal.NOT_PERMITTED
    scene.server.user("town2", "supervisor", "349901102")
    other = Forger.enrolled(scene.server, "town2")
    (r,) = other.push(other.set("child", scene.child_id, "notes", "外镇改的"))
    assert _hold(r).refusal is Refusal.OUT_OF_SCOPE
    (r,) = other.push(
        other.insert(
            "county_policy", VILLAGE_A[:6], body={}, version=1, effective_from="2026-01-01"
        )
    )
    assert _hold(r).refusal is Refusal.NOT_PERMITTED


# --- hostile bodies -------------------------------------------------------------------------


def test_clock_deltas_that_sum_past_bigint_are_refused_not_a_500(scene: Scene) -> None:
    """Each integer of a push is bounded to BIGINT, but hlc and device time travel as
    deltas: two deltas of 2**62 sum to 2**63, which no BIGINT column holds."""
    f = Forger.enrolled(scene.server, "a_dir")
    big = 2**62
    row = {"region_code": VILLAGE_A, "deleted": 0, **child_row("时钟")}
    ops = [
        [f.ctr + 1, "child", str(uuid.uuid4()), 0, row, None, big, big, VILLAGE_A],
        [1, "child", str(uuid.uuid4()), 0, row, None, big, big, VILLAGE_A],
    ]
    response = _raw_post(f, "/push", {"site": f.site, "ops": ops})
    assert response.status_code < 500, response.text


def test_a_lone_surrogate_is_held_or_refused_not_a_500(scene: Scene) -> None:
    """JSON may carry "\\ud800"; Python parses it into a str that no UTF-8 column stores."""
    f = Forger.enrolled(scene.server, "a_dir")
    body = '{"site":"%s","ops":[[%d,"child","%s","notes","\\ud800",null,1,1]]}' % (  # noqa: UP031
        f.site,
        f.ctr + 1,
        scene.child_id,
    )
    response = _raw_post(f, "/push", body.encode())
    assert response.status_code < 500, response.text
    # and the device can still sync afterwards (its counter is not stuck behind a 500)
    assert f.hello()["hwm"] in (0, f.ctr + 1)


def test_a_lone_surrogate_in_an_audit_entry_is_refused_not_a_500(scene: Scene) -> None:
    f = Forger.enrolled(scene.server, "a_dir")
    entry = '[1,"2026-01-01","1","a","login",null,"\\udfff","{}","{}"]'.format("0" * 64, "1" * 64)
    body = f'{{"site":"{f.site}","entries":[{entry}]}}'
    response = _raw_post(f, "/audit", body.encode())
    assert response.status_code < 500, response.text


def _raw_post(f: Forger, path: str, body: object) -> requests.Response:
    """One request as sent, uncompressed, with the forger's token (no retries)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {f.transport.token}", "Content-Type": "application/json"}
    return requests.post(f.transport.base_url + API + path, data=data, headers=headers, timeout=30)


@pytest.mark.parametrize(
    ("field", "value"),
    [("mode", "飞行"), ("met_child", "也许"), ("visitor", "<b>督导</b><img src=x>")],
)
def test_an_amendment_with_a_value_its_field_refuses_breaks_no_laptop(
    scene: Scene, tmp_path: Path, field: str, value: str
) -> None:
    """The laptop's own amend_visit checks the value with the visit field's rule; the
    server and the pulling laptop check it as free text only. A mode no vocabulary
    knows, or a visitor's name with markup (refused in a visit's own visitor field),
    arrives as the visit's effective value."""
    f = Forger.enrolled(scene.server, "a_dir")
    visit = str(uuid.uuid4())
    amendment = {
        "visit_id": visit,
        "field": field,
        "value": value,
        "reason": "更正",
        "amended_on": "2026-01-07",
    }
    results = f.push(
        f.insert("visit", VILLAGE_A, visit, **visit_row(scene.child_id)),
        f.insert("visit_amendment", VILLAGE_A, **amendment),
    )
    assert results[0][1] == Status.APPLIED
    held = results[1][1] == Status.QUARANTINED  # what should happen
    assert scene.town.run().ok
    with scene.town.store.session() as session:
        assert {c.name for c in search_roster(session)} == {"甲村孩子"}
        assert printing.dossier(session, child_id=scene.child_id).startswith(b"%PDF")
        assert exports.export_xlsx(session, tmp_path / "town.xlsx").children == 1
        # the township's monthly report counts visits by their amended mode
        assert printing.monthly(session, month=date(2026, 1, 1), region_prefix=TOWNSHIP)
        shown = [v.mode for v in list_visits(session, child_id=scene.child_id)]
        shown += [v.met_child for v in list_visits(session, child_id=scene.child_id)]
        shown += [v.visitor for v in list_visits(session, child_id=scene.child_id)]
    assert held, (results[1], shown)


def test_an_insert_carries_no_unchecked_columns(scene: Scene) -> None:
    """id, created_hlc and updated_hlc are NOT_FIELDS: check_row skips them, and the
    server stores whatever they hold in its field table and the change log every laptop
    in scope pulls (here an id that is not the row's, and 15 KB of junk)."""
    f = Forger.enrolled(scene.server, "a_dir")
    row_id = str(uuid.uuid4())
    junk = {"id": scene.child_id, "created_hlc": "垃圾" * 7000, "updated_hlc": [[[{"a": 1}]]]}
    (result,) = f.push(f.insert("child", VILLAGE_A, row_id, **child_row("夹带"), **junk))
    log = schema.change_log.c
    with scene.server.db.read() as conn:
        logged = conn.execute(select(log.value).where(log.row_id == row_id)).scalar()
    assert result[1] == Status.QUARANTINED or (
        logged is not None and "垃圾" not in logged and scene.child_id not in logged
    ), result


def test_a_float_out_of_range_in_a_held_op_does_not_break_the_listings(scene: Scene) -> None:
    """1e400 is valid JSON and parses to inf (parse_constant only catches the words
    NaN/Infinity). Held, it is stored as the non-JSON word Infinity; the site's quarantine
    listing answered as plain JSON (no gzip asked) must not fail."""
    f = Forger.enrolled(scene.server, "a_dir")
    body = json.dumps({"site": f.site, "ops": [[f.ctr + 1, "child", scene.child_id, "notes", 0]]})
    body = body.replace("]]}", ", null, 1, 1]]}").replace('"notes", 0', '"notes", 1e400')
    pushed = _raw_post(f, "/push", body.encode())
    assert pushed.status_code == 200, pushed.text
    assert pushed.json()["results"][0][1] == Status.QUARANTINED
    headers = {"Authorization": f"Bearer {f.transport.token}"}
    listed = requests.get(f.transport.base_url + API + f"/quarantine/{f.site}", headers=headers)
    assert listed.status_code == 200, listed.text


# --- tokens -------------------------------------------------------------------------------


def test_two_hellos_with_the_old_token_at_once_lock_nobody_out(scene: Scene) -> None:
    """A token due for rotation, two requests with it at once (the app's own sync and a
    `childcare sync` from the command line, or a retry racing a slow answer): each answer
    carries a new token, and the laptop keeps whichever answer it wrote last. The token of
    the first answer is dead at once (the second rotation replaced it): if that is the
    one the store kept, the laptop is locked out until it enrolls again."""
    f = Forger.enrolled(scene.server, "a_dir")
    old = f.transport.token
    with scene.server.db.write() as conn:
        conn.execute(
            schema.device.update().values(
                token_issued_ms=schema.device.c.token_issued_ms - 31 * 86_400_000
            )
        )
    first = f.hello()["token"]
    f.transport.token = old
    second = f.hello()  # the old token again, a moment later: no second new token
    assert "token" not in second
    f.transport.token = first  # the store kept the first answer
    f.transport.attempts = 1
    f.hello()  # accepted


# --- audit chain --------------------------------------------------------------------------


def test_a_rewritten_chain_under_a_new_site_is_found(scene: Scene) -> None:
    """Whoever has the passphrase rewrites the audit log and recomputes the chain (as in
    test_audit_chain._rewrite), then gives the store a new sync site id (what a restore
    from backup does, and one UPDATE). The server takes the rewritten chain as a new
    site's first entries: no alert, although it holds this device's originals."""
    from tests.sync.test_audit_chain import _alerts, _edit, _rewrite

    laptop = scene.a
    _edit(laptop)
    assert laptop.run().ok
    _rewrite(laptop, "UPDATE audit_log SET actor = '别人' WHERE id = 1")
    laptop.sync.become_new_site()
    report = laptop.run()
    assert report.ok
    assert report.audit_alert is not None or _alerts(scene.server) != []


# --- attachments --------------------------------------------------------------------------


def _patch(f: Forger, sha: str, offset: int, total: int, data: bytes) -> requests.Response:
    headers = {
        "Authorization": f"Bearer {f.transport.token}",
        "Upload-Offset": str(offset),
        "Upload-Length": str(total),
        "Content-Type": "application/offset+octet-stream",
    }
    return requests.patch(
        f.transport.base_url + API + f"/blobs/{sha}", data=data, headers=headers, timeout=30
    )


def test_an_empty_chunk_stops_no_other_laptop_s_sync(scene: Scene) -> None:
    """Attachments are stored per region, so every device of the village appends to the
    same upload. An empty chunk at the upload's offset takes that offset's row in
    blob_chunk: every later chunk there fails on the unique key (a 500), and the laptop
    that owns the file fails its sync at every try. The hash is no secret: it travels in
    the attachment's record to every laptop in scope."""
    data = b"%PDF-1.4 scan of a signed agreement" * 100
    with scene.a.store.session() as session:
        attachments.add_attachment(session, child_id=scene.child_id, name="协议.pdf", data=data)
    sha = hashlib.sha256(data).hexdigest()
    hostile = Forger.enrolled(scene.server, "a_dir")
    first = _patch(hostile, sha, 0, len(data), b"")
    assert first.status_code < 500, first.text
    report = scene.a.run()
    assert report.ok, report


def test_the_quota_counts_the_bytes_stored_not_the_first_declared_length(scene: Scene) -> None:
    """The quota is reserved at the Upload-Length of an upload's first chunk; later chunks
    are checked against their own Upload-Length. Declare 2 bytes, then send the rest
    under the real length: 3,000 bytes stored against a quota of 100."""
    from sync.server.api.deps import Settings

    scene.server.app.state.settings = Settings(blob_quota_bytes=100)
    f = Forger.enrolled(scene.server, "a_dir")
    data = b"x" * 3000
    sha = hashlib.sha256(data).hexdigest()
    assert _patch(f, sha, 0, 2, data[:1]).status_code == 204
    answer = _patch(f, sha, 1, len(data), data[1:])
    # Refused: the upload's size is the one reserved with its first chunk.
    assert answer.status_code in (409, 413), (answer.status_code, answer.headers)
    b = schema.blob.c
    with scene.server.db.read() as conn:
        stored = conn.execute(select(b.received).where(b.sha256 == sha)).scalar_one()
    assert stored == 1


# --- the administrator's command line -------------------------------------------------------


def test_a_region_in_full_width_digits_is_refused(tmp_path: Path, capsys) -> None:
    """`\\d` and str.isdigit take any Unicode digit: a region typed with an IME in
    full-width digits makes a user whose scope matches no village (and whose pushes file
    records under a 'village' no one else sees)."""
    from sync.server import cli

    url = f"sqlite:///{tmp_path / 'county.db'}"
    assert cli.main(["--db", url, "init-db"]) == 0
    code = cli.main(
        [
            "--db",
            url,
            "create-user",
            "wang",
            "--role",
            "director",
            "--region",
            "３４９９０１１０１２０１",
        ]
    )
    assert code == 2
