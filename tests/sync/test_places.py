"""Places have names (issue 15): the county imports its divisions' names with
``childcare-server regions import`` and every laptop receives those of its scope at sync;
a supervisor's laptop prints each child's own village by name."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from pypdf import PdfReader
from sqlalchemy import select

from childcare_desktop.services import agreements, family, printing
from childcare_desktop.services.places import place_label, place_names
from childcare_desktop.storage import settings
from childcare_desktop.storage.models import Place
from sync.client import Transport
from sync.client.transport import SyncError
from sync.server import schema
from sync.server.cli import main
from tests.factories import make_child
from tests.sync.conftest import LiveServer
from tests.sync.township import (
    COUNTY,
    PLACES,
    TOWNSHIP,
    VILLAGE_A,
    VILLAGE_B,
    VILLAGE_C,
    World,
)

GOOD = "区划代码,名称\n" + "".join(f"{code},{name}\n" for code, name in PLACES.items())


def _cli(server: LiveServer, *argv: str) -> int:
    journal = server.db.journal
    where = ["--journal", str(journal.path)] if journal is not None else []
    return main(["--db", server.db.url, *where, *argv])


def _import(server: LiveServer, tmp_path: Path, data: bytes, *extra: str) -> int:
    path = tmp_path / "regions.csv"
    path.write_bytes(data)
    return _cli(server, "regions", "import", str(path), *extra)


def _stored(server: LiveServer) -> dict[str, str]:
    with server.db.read() as conn:
        return dict(conn.execute(select(schema.region.c.code, schema.region.c.name)).tuples().all())


def test_a_file_in_utf8_with_a_bom_is_imported_and_listed(
    server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(server, tmp_path, b"\xef\xbb\xbf" + GOOD.encode()) == 0
    assert "6 added" in capsys.readouterr().out
    assert _stored(server) == PLACES
    assert _cli(server, "regions", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["name"], r["level"]) for r in listed][:2] == [
        (COUNTY, "清河县", "county"),
        (TOWNSHIP, "青石镇", "township"),
    ]
    lines = [json.loads(x) for x in server.db.journal.path.read_text().splitlines()]  # type: ignore[union-attr]
    assert {x["row"]["code"] for x in lines if x.get("table") == "region"} == set(PLACES)


def test_a_gbk_file_as_excel_saves_it_without_a_header(
    server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\r\n".join(f"{c},{n}" for c, n in PLACES.items()) + "\r\n"
    assert _import(server, tmp_path, text.encode("gbk")) == 0
    assert _stored(server) == PLACES


def test_bad_rows_refuse_the_whole_file_line_by_line(
    server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = (
        "code,name\n"
        f"{VILLAGE_A},柳溪村\n"  # line 2: good, yet not imported
        f"{TOWNSHIP}101,<b>桃园</b>\n"  # 3: markup (and a 12-digit code: fine)
        "3499011,七位\n"  # 4: not a division's length
        f"350001101201,外县村\n"  # 5: another county
        f"{VILLAGE_A},又一个\n"  # 6: the code again
        f"{VILLAGE_B},\n"  # 7: no name
        f"{VILLAGE_C},{'长' * 41}\n"  # 8: too long
    )
    assert _import(server, tmp_path, bad.encode()) == 2
    err = capsys.readouterr().err
    for line, words in (
        (3, "< 或 >"),
        (4, "3499011"),
        (5, "不属于本县（349901）"),
        (6, "在第2行已出现"),
        (7, "缺少名称"),
        (8, "最多40个字"),
    ):
        assert f"第{line}行：" in err and words in err, (line, err)
    assert "第2行" not in err.replace("在第2行", "")
    assert "nothing was imported" in err
    assert _stored(server) == {}


def test_a_second_import_updates_and_replace_removes(
    server: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(server, tmp_path, GOOD.encode()) == 0
    again = f"{VILLAGE_A},柳溪新村\n{VILLAGE_B},桃园村\n"
    assert _import(server, tmp_path, again.encode(), "--json") == 0
    counts = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (counts["renamed"], counts["unchanged"], counts["added"]) == (1, 1, 0)
    assert _stored(server) == {**PLACES, VILLAGE_A: "柳溪新村"}
    assert _import(server, tmp_path, again.encode(), "--replace") == 0
    assert _stored(server) == {VILLAGE_A: "柳溪新村", VILLAGE_B: "桃园村"}


def test_the_county_s_names_reach_every_laptop(world: World, tmp_path: Path) -> None:
    assert _import(world.server, tmp_path, GOOD.encode()) == 0
    a = world.laptop("dir_a")
    with a.store.session() as session:  # a director who has not typed the names yet
        for setting in (settings.VILLAGE_NAME, settings.TOWNSHIP_NAME, settings.COUNTY_NAME):
            settings.write(session, setting, "")
        settings.write(session, settings.COUNTY_NAME, "我县")  # typed: kept
    report = a.run()
    assert report.ok and report.places == len(PLACES)
    with a.store.session() as session:  # public names: where a child may move, by name
        assert dict(session.execute(select(Place.code, Place.name)).tuples().all()) == PLACES
        assert settings.read(session, settings.VILLAGE_NAME) == "柳溪村"
        assert settings.read(session, settings.TOWNSHIP_NAME) == "青石镇"
        assert settings.read(session, settings.COUNTY_NAME) == "我县"
        assert place_label(session, VILLAGE_A) == "青石镇柳溪村"
    assert a.run().places is None  # nothing changed: nothing fetched again

    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as session:
        names = place_names(session)
        assert place_label(session, VILLAGE_B) == "青石镇桃园村"
    assert set(names) == set(PLACES)

    assert _import(world.server, tmp_path, f"{VILLAGE_B},桃园新村\n".encode()) == 0
    assert sup.run().places == len(PLACES) and sup.run().places is None  # once
    with sup.store.session() as session:
        assert place_label(session, VILLAGE_B) == "青石镇桃园新村"


def test_the_regions_endpoint_answers_its_device_only(world: World, tmp_path: Path) -> None:
    assert _import(world.server, tmp_path, GOOD.encode()) == 0
    answer = requests.get(f"{world.server.url}/v1/regions", timeout=10)
    assert answer.status_code == 401
    c = world.laptop("dir_c")
    token = c.sync.sync_state().token
    answer = requests.get(
        f"{world.server.url}/v1/regions", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.json()["regions"] == [[code, name] for code, name in sorted(PLACES.items())]


def test_a_supervisor_prints_each_child_s_own_village(world: World, tmp_path: Path) -> None:
    assert _import(world.server, tmp_path, GOOD.encode()) == 0
    sup = world.laptop("sup_1")
    with sup.store.session() as session:
        child = make_child(session, name="桃小园", region_code=VILLAGE_B)
        carer = family.add_carer(session, child_id=child.id, name="桃爷爷", relation="other")
        draft = agreements.draft_agreement(
            session,
            child_id=child.id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date.today() + timedelta(days=300),
        )
    assert sup.run().ok
    with sup.store.session() as session:
        pdf = printing.agreement(session, agreement_id=draft.id)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "青石镇桃园村" in text
    assert "桃园村村民委员会" in text
    assert VILLAGE_B not in text


class _OlderServer(Transport):
    """The server's answers as a server of before issue 15 gives them: its hello says no
    names version and offers no duplicates, and any GET (/regions) would be refused."""

    gets: int = 0

    def post(self, path: str, body: Any, *, retry: bool = True) -> Any:
        answer = super().post(path, body, retry=retry)
        if path == "/hello":
            answer.pop("names", None)
            answer.pop("duplicates", None)
        return answer

    def get(self, path: str, *, retry: bool = True) -> Any:
        self.gets += 1
        raise SyncError("not_found", "no such endpoint", status=404)


def test_a_server_without_names_syncs_as_before(sqlite_world: World, tmp_path: Path) -> None:
    assert _import(sqlite_world.server, tmp_path, GOOD.encode()) == 0
    sup = sqlite_world.laptop("sup_1")
    older = _OlderServer(sqlite_world.server.url, token=sup.sync.sync_state().token)
    sup.transport = older
    report = sup.run()
    assert report.ok and report.places is None and older.gets == 0
    with sup.store.session() as session:
        assert place_label(session, VILLAGE_B) == VILLAGE_B  # shown by its code, as before


def test_names_imported_after_a_backup_survive_its_restore(
    server: LiveServer, tmp_path: Path
) -> None:
    from tests.sync.test_restore import Backup

    assert _import(server, tmp_path, f"{VILLAGE_C},旧名村\n{VILLAGE_B},桃园村\n".encode()) == 0
    backup = Backup(server, tmp_path)
    backup.take()
    assert _import(server, tmp_path, GOOD.encode(), "--replace") == 0  # renames VILLAGE_C
    assert _import(server, tmp_path, f"{VILLAGE_A},柳溪村\n".encode(), "--replace") == 0
    backup.restore()
    assert _stored(server) == {VILLAGE_C: "旧名村", VILLAGE_B: "桃园村"}
    assert _cli(server, "mark-restored") == 0
    assert _stored(server) == {VILLAGE_A: "柳溪村"}
