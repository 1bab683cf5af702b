"""The county's recovery key reaches laptops through the real server (SQLite and
PostgreSQL): enrollment seals the store's key to it, a hello after the county rotated
it re-seals, and the county then opens the laptop's store with its private key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from childcare_desktop.services import recovery as county_recovery
from childcare_desktop.services import syncing
from childcare_desktop.storage import keys
from childcare_desktop.storage.recovery import raw_key_of
from childcare_desktop.storage.store import open_store
from sync import recovery
from sync.server.cli import main as server_cli
from tests.conftest import PASSPHRASE
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer

COUNTY_PASSPHRASE = "county-safe-passphrase-2026"


def _keygen(folder: Path) -> tuple[str, Path]:
    """(the private key file's text, the public key file) made by the county's command."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHILDCARE_COUNTY_PASSPHRASE", COUNTY_PASSPHRASE)
        assert server_cli(["recovery", "keygen", "--out", str(folder)]) == 0
    (private,) = folder.glob("*.key")
    (public,) = folder.glob("*.pub")
    return private.read_text(), public


def _set_key(server: LiveServer, public: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert server_cli(["--db", server.db.url, "recovery", "set-key", str(public)]) == 0
    assert server_cli(["--db", server.db.url, "recovery", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(shown) == {"fingerprint", "key", "set_ms"}  # the public half, nothing else
    return str(shown["fingerprint"])


def _enrolled(server: LiveServer, make_laptop: Callable[..., Laptop], name: str) -> Laptop:
    laptop = make_laptop(name)
    syncing.enroll(laptop.store, server.url, user="dir_a", code=server.code("dir_a"), label=name)
    return laptop


def test_enrollment_and_hello_seal_the_store_to_the_county_key(
    server: LiveServer,
    make_laptop: Callable[..., Laptop],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.user("dir_a", "director", VILLAGE_A)
    before = _enrolled(server, make_laptop, "before")  # the county has set no key yet
    assert not county_recovery.recoverable(before.store.path)

    private, public = _keygen(tmp_path / "county-2026")
    fingerprint = _set_key(server, public, capsys)
    laptop = _enrolled(server, make_laptop, "a")
    sidecar = county_recovery.recovery_path(laptop.store.path)
    assert recovery.sealed_to(sidecar.read_text()) == fingerprint
    key, salt = raw_key_of(laptop.store)
    opened = recovery.unlock_private(private, COUNTY_PASSPHRASE)
    assert recovery.unseal(sidecar.read_text(), opened, salt) == [key]

    assert before.run().ok  # the laptop enrolled earlier gets it at its next hello
    assert (
        recovery.sealed_to(county_recovery.recovery_path(before.store.path).read_text())
        == fingerprint
    )

    # The county rotates its key: the next hello re-seals; the old key still opens it.
    new_private, new_public = _keygen(tmp_path / "county-2027")
    new_fingerprint = _set_key(server, new_public, capsys)
    assert new_fingerprint != fingerprint
    unchanged = sidecar.read_bytes()
    assert laptop.run().ok
    assert recovery.sealed_to(sidecar.read_text()) == new_fingerprint
    assert sidecar.read_bytes() != unchanged
    resealed = sidecar.read_bytes()
    assert laptop.run().ok and sidecar.read_bytes() == resealed  # sealed once, not each sync
    assert recovery.unseal(sidecar.read_text(), opened, salt) == [key]
    newly = recovery.unlock_private(new_private, COUNTY_PASSPHRASE)
    assert recovery.unseal(sidecar.read_text(), newly, salt) == [key]

    # The director forgets the passphrase; the county opens the store with its new key.
    laptop.store.close()
    done = county_recovery.open_for_county(
        laptop.store.path,
        private_key=new_private,
        county_passphrase=COUNTY_PASSPHRASE,
        new_passphrase="shuitong-yueliang-caomao-7",
        by="县民政局 王科长",
    )
    assert done.county_key == new_fingerprint and done.resealed
    store = open_store(laptop.store.path, "shuitong-yueliang-caomao-7")
    try:
        assert syncing.status(store).enrolled  # still the same enrolled laptop
    finally:
        store.close()
    with pytest.raises(Exception, match="wrong_passphrase"):
        open_store(laptop.store.path, PASSPHRASE)
    assert keys.read_salt(laptop.store.path) == salt
