"""``childcare init`` makes a supervisor's store for a 9-digit township: the role follows
from the code, and the places' names given keep without the user's name (asked later in
设置); a bad name leaves no file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.services import preferences
from childcare_desktop.services.places import place_label
from childcare_desktop.storage.store import open_store
from tests.cli.test_cli import run
from tests.conftest import PASSPHRASE, VILLAGE

TOWNSHIP = VILLAGE[:9]


def test_a_township_code_alone_makes_a_supervisors_store_with_its_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "township.db"
    names = ("--township-name", "青石镇", "--county-name", "清河县", "--village-name", "柳溪村")
    code, _out, err = run(capsys, "init", "--store", str(path), "--region", TOWNSHIP, *names)
    assert code == 0, err
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        work = preferences.work_settings(s)
        shown = place_label(s, TOWNSHIP)
    store.close()
    assert (work.role, work.home_region, work.township_code) == ("supervisor", TOWNSHIP, TOWNSHIP)
    assert (work.township, work.county, work.village) == ("青石镇", "清河县", "")
    assert shown == "青石镇"


def test_a_bad_place_name_leaves_no_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "township.db"
    args = ("--region", TOWNSHIP, "--township-name", "<b>青石镇</b>")
    code, _out, err = run(capsys, "init", "--store", str(path), *args)
    assert code == 2 and "标记" in err
    assert not path.exists()
