"""Who works a store: set_work_settings, a supervisor's township store, the printed names,
enrollment (the server's role and region; never the demo), passphrase and restore checks."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from childcare_desktop.core.errors import DomainError, Kind
from childcare_desktop.services import demo, preferences, printing, stores, syncing
from childcare_desktop.storage.store import Store, open_store
from sync.server.db import Database, sqlite_url
from tests.conftest import PASSPHRASE, VILLAGE
from tests.documents.test_pdfs import agreement_for, child_with_id
from tests.sync.conftest import LiveServer, serve

TOWNSHIP = VILLAGE[:9]


def whole(pdf: bytes) -> str:
    return "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def set_director(store: Store, **overrides: str) -> preferences.WorkSettings:
    values = {
        "name": "林晓燕",
        "role": "director",
        "region_code": VILLAGE,
        "village": "桃源村",
        "township": "河口镇",
        "county": "示例县",
        **overrides,
    }
    with store.session() as s:
        return preferences.set_work_settings(s, **values)


@pytest.fixture
def county(tmp_path: Path) -> Iterator[LiveServer]:
    yield from serve(Database(sqlite_url(tmp_path / "server.db")))


def test_the_work_settings_are_stored_and_audited_by_field_name_only(store: Store) -> None:
    work = set_director(store)
    assert (work.director, work.role, work.home_region) == ("林晓燕", "director", VILLAGE)
    assert (work.village, work.township, work.county) == ("桃源村", "河口镇", "示例县")
    assert work.committee == "桃源村村民委员会"
    with store.connection() as conn:
        details = conn.execute(
            text("SELECT detail FROM audit_log WHERE action = 'settings_changed'")
        ).scalars()
        detail = "".join(details)
    assert "director_name" in detail and "林晓燕" not in detail and "桃源村" not in detail


@pytest.mark.parametrize(
    ("role", "code", "kind"),
    [
        ("director", TOWNSHIP, Kind.REGION_LEVEL),  # a director works a village
        ("supervisor", VILLAGE, Kind.REGION_LEVEL),  # a supervisor a township
        ("supervisor", "349901", Kind.REGION_LEVEL),
        ("director", "34990110120", Kind.REGION_INVALID),
        ("county-admin", "349901", Kind.INVALID_CHOICE),
    ],
)
def test_a_code_that_does_not_fit_the_role_is_refused(
    store: Store, role: str, code: str, kind: Kind
) -> None:
    with pytest.raises(DomainError) as caught:
        set_director(store, role=role, region_code=code)
    assert caught.value.kind is kind
    with store.session() as s:
        assert preferences.work_settings(s).director == ""  # nothing half-saved


def test_a_supervisor_store_on_a_township_code(tmp_path: Path) -> None:
    path = tmp_path / "supervisor.db"
    store = stores.create(
        path,
        PASSPHRASE,
        actor="os-account",
        region_code=TOWNSHIP,
        role="supervisor",
        name="赵督导",
        village="不属于督导员",
        township="河口镇",
    )
    try:
        with store.session() as s:
            work = preferences.work_settings(s)
        assert (work.role, work.home_region, work.village) == ("supervisor", TOWNSHIP, "")
        assert store.actor == "赵督导"  # the audit log names the user, not the OS account
    finally:
        store.close()
    with pytest.raises(DomainError) as caught:  # a director's store wants a village code
        stores.create(
            tmp_path / "d.db", PASSPHRASE, actor="", region_code=TOWNSHIP, role="director"
        )
    assert caught.value.kind is Kind.REGION_LEVEL and not (tmp_path / "d.db").exists()


def test_the_agreement_names_the_village_committee_and_the_township(store: Store) -> None:
    set_director(store)
    stores.act_as_user(store)
    child_id, _ = child_with_id(store)
    agreement_id = agreement_for(store, child_id)
    with store.session() as s:
        content = whole(printing.agreement(s, agreement_id=agreement_id))
    assert "丙方（见证、监督）桃源村村民委员会" in content
    assert "示例县河口镇桃源村" in content  # every page's header
    assert "打印人：林晓燕" in content and "演示" not in content


def test_enrolling_gives_a_store_without_a_region_the_servers(
    tmp_path: Path, county: LiveServer
) -> None:
    store = stores.create(tmp_path / "s.db", PASSPHRASE, actor="", region_code=None)
    try:
        county.user("zhao", "supervisor", TOWNSHIP)
        syncing.enroll(store, county.url, user="zhao", code=county.code("zhao"), label="t")
        with store.session() as s:
            work = preferences.work_settings(s)
        assert (work.role, work.home_region) == ("supervisor", TOWNSHIP)
        with pytest.raises(DomainError) as caught:  # the county decides the scope
            set_director(store)
        assert caught.value.kind is Kind.NOT_AS_ENROLLED
        work = set_director(store, role="supervisor", region_code=TOWNSHIP)
        assert work.director == "林晓燕"
    finally:
        store.close()


def test_enrolling_leaves_a_stores_own_region(store: Store, county: LiveServer) -> None:
    county.user("liu", "director", VILLAGE[:9] + "202")
    syncing.enroll(store, county.url, user="liu", code=county.code("liu"), label="t")
    with store.session() as s:
        assert preferences.work_settings(s).home_region == VILLAGE


def test_the_demo_store_is_never_enrolled_nor_synced(
    template_store: Path, tmp_path: Path, county: LiveServer
) -> None:
    path = tmp_path / "demo.db"
    shutil.copyfile(template_store, path)
    store = open_store(path, PASSPHRASE)
    try:
        with store.session() as s:
            demo.build_demo_village(s, children=3)
        county.user("zhou", "director", demo.VILLAGE)
        code = county.code("zhou")
        with pytest.raises(DomainError) as caught:
            syncing.enroll(store, county.url, user="zhou", code=code, label="demo")
        assert caught.value.kind is Kind.DEMO_STORE
        assert not syncing.status(store).enrolled and syncing.status(store).demo
        assert syncing.run(store).error == "demo_store"
    finally:
        store.close()
    with county.db.write() as conn:  # the code was not spent: nothing reached the server
        assert conn.execute(text("SELECT count(*) FROM device")).scalar() == 0


def test_a_new_passphrase_wants_the_old_one(store: Store) -> None:
    with pytest.raises(DomainError) as caught:
        stores.change_passphrase(store, "not-the-passphrase", "river-lantern-cabbage-91")
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    with pytest.raises(DomainError) as caught:
        stores.change_passphrase(store, PASSPHRASE, "12345678")
    assert caught.value.kind is Kind.WEAK_PASSPHRASE


def test_a_damaged_backup_is_refused_before_anything_is_replaced(
    store: Store, tmp_path: Path
) -> None:
    good = stores.backup(store, tmp_path / "backup.db")
    assert stores.check_backup(good, PASSPHRASE).children == 0
    with pytest.raises(DomainError) as caught:
        stores.check_backup(good, "wrong passphrase")
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    damaged.write_bytes(bytes(data))
    before = store.path.read_bytes()
    with pytest.raises(DomainError) as caught:
        stores.restore(damaged, tmp_path / "other.db", PASSPHRASE, actor="")
    # Which refusal depends on the page the damage hits: one read on opening, or one only
    # the check reads (an index's page).
    refusals = (Kind.BACKUP_INVALID, Kind.NOT_A_STORE, Kind.WRONG_PASSPHRASE, Kind.INTEGRITY_FAILED)
    assert caught.value.kind in refusals
    assert store.path.read_bytes() == before and not (tmp_path / "other.db").exists()
