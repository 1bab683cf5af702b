"""A lost passphrase is not a lost store: the county opens it with its recovery key.

The key pair is made by ``childcare-server recovery keygen`` and the store is opened by
``childcare recovery open``, both run as the county runs them; the store is the real
SQLCipher file, and what is checked is what a director and the county would see."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from childcare_desktop.cli import main
from childcare_desktop.core.errors import Kind, StoreError
from childcare_desktop.services import maintenance, stores
from childcare_desktop.storage import audit, keys
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import open_store
from sync import recovery
from sync.server import cli as server_cli
from tests.conftest import PASSPHRASE
from tests.factories import make_child

COUNTY_PASSPHRASE = "county-safe-passphrase-2026"
NEW_PASSPHRASE = "shuitong-yueliang-caomao-7"
OFFICER = "县民政局 王科长"


@pytest.fixture(scope="module")
def county_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(private key file, public key file), made as the county makes them."""
    return _keygen(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="module")
def other_county_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _keygen(tmp_path_factory.mktemp("other-county"))


def _keygen(folder: Path) -> tuple[Path, Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHILDCARE_COUNTY_PASSPHRASE", COUNTY_PASSPHRASE)
        assert server_cli.main(["recovery", "keygen", "--out", str(folder)]) == 0
    (private,) = folder.glob("*.key")
    (public,) = folder.glob("*.pub")
    return private, public


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sealed_store(
    store_path: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """A director's store with two children, sealed to the county key."""
    store = open_store(store_path, PASSPHRASE, actor="李主任")
    with store.session() as session:
        make_child(session, name="欧阳晓梅")
        make_child(session, name="司马小龙")
    store.close()
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    code, _, err = run(
        capsys, "recovery", "set-key", str(county_keys[1]), "--store", str(store_path)
    )
    assert code == 0, err
    monkeypatch.delenv("CHILDCARE_PASSPHRASE")
    return store_path


def _open_as_county(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    store: Path,
    key: Path,
    *extra: str,
    county_passphrase: str = COUNTY_PASSPHRASE,
) -> tuple[int, str, str]:
    monkeypatch.setenv("CHILDCARE_COUNTY_PASSPHRASE", county_passphrase)
    monkeypatch.setenv("CHILDCARE_NEW_PASSPHRASE", NEW_PASSPHRASE)
    return run(
        capsys,
        "recovery",
        "open",
        "--key",
        str(key),
        "--store",
        str(store),
        "--user",
        OFFICER,
        *extra,
    )


def _digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def _names(path: Path, passphrase: str) -> list[str]:
    store = open_store(path, passphrase)
    try:
        with store.session() as session:
            return sorted(session.scalars(select(Child.name)).all())
    finally:
        store.close()


def test_lost_passphrase_is_opened_with_the_county_key_and_rekeyed(
    sealed_store: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _names(sealed_store, PASSPHRASE)
    code, out, err = _open_as_county(capsys, monkeypatch, sealed_store, county_keys[0])
    assert code == 0, err
    fingerprint = recovery.CountyKey.parse(county_keys[1].read_text()).fingerprint
    assert fingerprint in out
    with pytest.raises(StoreError) as refused:  # the forgotten passphrase no longer opens it
        open_store(sealed_store, PASSPHRASE)
    assert refused.value.kind is Kind.WRONG_PASSPHRASE
    assert _names(sealed_store, NEW_PASSPHRASE) == before == ["司马小龙", "欧阳晓梅"]
    store = open_store(sealed_store, NEW_PASSPHRASE)
    try:
        with store.connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 2"
            ).all()
            assert audit.verify(conn) is None  # the chain holds
    finally:
        store.close()
    assert [r.action for r in rows] == ["passphrase_recovered", "passphrase_changed"]
    assert {r.actor for r in rows} == {OFFICER}
    assert json.loads(rows[0].detail) == {"by": OFFICER, "county_key": fingerprint}
    # the recovery file now holds the new key first: the county can do it again
    sealed = (sealed_store.parent / "store.db.recovery").read_text()
    private = recovery.unlock_private(county_keys[0].read_text(), COUNTY_PASSPHRASE)
    salt = keys.read_salt(sealed_store)
    assert recovery.unseal(sealed, private, salt)[0] == keys.derive_key(NEW_PASSPHRASE, salt)


def test_a_wrong_county_key_leaves_the_store_shut_and_unchanged(
    sealed_store: Path,
    other_county_keys: tuple[Path, Path],
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sidecar = sealed_store.parent / "store.db.recovery"
    before = _digest(sealed_store, sidecar)
    code, out, err = _open_as_county(capsys, monkeypatch, sealed_store, other_county_keys[0])
    assert code == 2 and out == ""
    sealed_to = recovery.CountyKey.parse(county_keys[1].read_text()).fingerprint
    assert "打不开" in err and sealed_to in err  # which key it needs: an older one, kept
    assert _digest(sealed_store, sidecar) == before
    assert not list(sealed_store.parent.glob("*.partial"))
    assert _names(sealed_store, PASSPHRASE)  # the old passphrase still opens it


def test_a_wrong_county_passphrase_leaves_the_store_shut_and_unchanged(
    sealed_store: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sidecar = sealed_store.parent / "store.db.recovery"
    before = _digest(sealed_store, sidecar)
    code, out, err = _open_as_county(
        capsys,
        monkeypatch,
        sealed_store,
        county_keys[0],
        county_passphrase="not-the-county-passphrase",
    )
    assert (code, out) == (2, "")
    assert "县级口令不正确" in err
    assert _digest(sealed_store, sidecar) == before


def test_a_weak_new_passphrase_is_refused_before_anything_changes(
    sealed_store: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _digest(sealed_store)
    monkeypatch.setenv("CHILDCARE_COUNTY_PASSPHRASE", COUNTY_PASSPHRASE)
    monkeypatch.setenv("CHILDCARE_NEW_PASSPHRASE", "123456")
    code, _, err = run(
        capsys,
        *("recovery", "open", "--key", str(county_keys[0]), "--store", str(sealed_store)),
        *("--user", OFFICER),
    )
    assert code == 2 and "口令太弱" in err
    assert _digest(sealed_store) == before


def test_a_store_without_a_recovery_file_cannot_be_recovered(
    store_path: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "recovery", "status", "--store", str(store_path))
    assert code == 0 and "没有恢复文件" in out
    code, _, err = _open_as_county(capsys, monkeypatch, store_path, county_keys[0])
    assert code == 2 and "没有该档案库的恢复文件" in err


def test_another_stores_recovery_file_does_not_open_it(
    sealed_store: Path,
    template_store: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = sealed_store.parent / "other.db"
    stores.create(other, PASSPHRASE, actor="x", region_code="349901101202").close()
    before = _digest(other)
    code, _, err = _open_as_county(
        capsys,
        monkeypatch,
        other,
        county_keys[0],
        "--recovery-file",
        str(sealed_store.parent / "store.db.recovery"),
    )
    assert code == 2 and "另一个档案库" in err
    assert _digest(other) == before


def test_a_change_of_passphrase_reseals_and_older_backups_still_open(
    sealed_store: Path,
    county_keys: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sidecar = sealed_store.parent / "store.db.recovery"
    old_sidecar = sealed_store.parent / "old.recovery"
    shutil.copyfile(sidecar, old_sidecar)
    store = stores.unlock(sealed_store, PASSPHRASE, actor="李主任")
    stores.backup(store, sealed_store.parent / "before.db")  # made under the old passphrase
    store = maintenance.change_passphrase(store, "another-lianhua-qiaomai-3")
    store.close()
    assert sidecar.read_bytes() != old_sidecar.read_bytes()
    # the recovery file as it was before the change no longer opens the store
    code, _, err = _open_as_county(
        capsys,
        monkeypatch,
        sealed_store,
        county_keys[0],
        "--recovery-file",
        str(old_sidecar),
    )
    assert code == 2 and "口令在此后更换过" in err
    # the re-sealed one opens the store, and the backup made before the change
    backup = sealed_store.parent / "before.db"
    code, _, err = _open_as_county(
        capsys, monkeypatch, backup, county_keys[0], "--recovery-file", str(sidecar)
    )
    assert code == 0, err
    assert _names(backup, NEW_PASSPHRASE) == ["司马小龙", "欧阳晓梅"]
    code, _, err = _open_as_county(capsys, monkeypatch, sealed_store, county_keys[0])
    assert code == 0, err
    assert _names(sealed_store, NEW_PASSPHRASE) == ["司马小龙", "欧阳晓梅"]


def test_the_recovery_file_names_no_child_and_no_user(
    sealed_store: Path, county_keys: tuple[Path, Path]
) -> None:
    store = open_store(sealed_store, PASSPHRASE)
    with store.session() as session:
        children = session.execute(select(Child.name, Child.id_number)).all()
    store.close()
    data = (sealed_store.parent / "store.db.recovery").read_bytes()
    secrets = [c.name for c in children] + [c.id_number for c in children if c.id_number]
    secrets += ["李主任", "349901101201"]
    assert len(secrets) >= 5
    for secret in secrets:
        assert secret.encode("utf-8") not in data
        assert secret.encode("utf-8") not in data.lower()
    key = keys.derive_key(PASSPHRASE, keys.read_salt(sealed_store))
    assert key.hex().encode() not in data and key not in data  # the key only sealed


def test_the_private_key_is_locked_and_only_the_public_one_is_plain(
    county_keys: tuple[Path, Path],
) -> None:
    private, public = county_keys
    assert private.stat().st_mode & 0o077 == 0  # the county's file, no one else's
    with pytest.raises(recovery.RecoveryError) as wrong:
        recovery.unlock_private(private.read_text(), "a-guess-at-the-passphrase")
    assert wrong.value.code == "wrong_passphrase"
    shown = json.loads(public.read_text())
    assert "key" in shown and set(shown) == {"kind", "version", "fingerprint", "key"}
    unlocked = recovery.unlock_private(private.read_text(), COUNTY_PASSPHRASE)
    assert recovery.CountyKey(bytes(unlocked.public_key)).fingerprint == shown["fingerprint"]


def test_a_backup_on_the_stick_opens_with_the_recovery_file_beside_it(
    sealed_store: Path,
    county_keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk died and the passphrase is forgotten: the automatic backup on the stick
    has the store's recovery file beside it, and the county opens the backup with it."""
    from childcare_desktop.services import backups

    stick = tmp_path / "stick"
    stick.mkdir()
    store = open_store(sealed_store, PASSPHRASE, actor="李主任")
    try:
        with store.session() as session:
            backups.set_backup_place(session, folder=stick)
        report = backups.run_auto_backup(store)
    finally:
        store.close()
    assert report.ok
    (copy,) = stick.rglob(backups.RECOVERY_COPY)
    (backup,) = stick.rglob("backup-*.db")
    sealed_store.unlink()  # the laptop's disk is gone, its recovery file with it
    sealed_store.with_name(sealed_store.name + ".recovery").unlink()
    code, _, err = _open_as_county(
        capsys, monkeypatch, backup, county_keys[0], "--recovery-file", str(copy)
    )
    assert code == 0, err
    assert sorted(_names(backup, NEW_PASSPHRASE)) == ["司马小龙", "欧阳晓梅"]
