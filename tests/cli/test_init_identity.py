"""``childcare init`` takes who works the store; a supervisor's store has a township code;
``childcare enroll`` refuses the demo store; ``childcare restore`` checks first."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.services import preferences
from childcare_desktop.storage.store import open_store
from tests.cli.test_cli import DEMO_PASSPHRASE, run
from tests.conftest import PASSPHRASE, VILLAGE

TOWNSHIP = VILLAGE[:9]


def test_init_a_supervisors_township_store_with_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "township.db"
    code, _out, err = run(
        capsys,
        "init",
        "--store",
        str(path),
        "--region",
        TOWNSHIP,
        "--role",
        "supervisor",
        "--name",
        "赵督导",
        "--township-name",
        "河口镇",
        "--county-name",
        "示例县",
    )
    assert code == 0, err
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        work = preferences.work_settings(s)
    store.close()
    assert (work.director, work.role, work.home_region) == ("赵督导", "supervisor", TOWNSHIP)
    assert (work.township, work.county, work.village) == ("河口镇", "示例县", "")


def test_init_a_directors_store_names_the_village(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "village.db"
    args = ("--region", VILLAGE, "--name", "林晓燕", "--village-name", "桃源村")
    assert run(capsys, "init", "--store", str(path), *args)[0] == 0
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        work = preferences.work_settings(s)
    store.close()
    assert (work.role, work.committee) == ("director", "桃源村村民委员会")


@pytest.mark.parametrize(
    ("region", "role"),
    [
        (TOWNSHIP, "director"),  # a director's store wants the village
        (VILLAGE, "supervisor"),  # a supervisor's the township
        ("349901", None),  # a county is nobody's laptop store
        ("3499011012", None),
    ],
)
def test_init_refuses_a_code_that_does_not_fit_with_the_reason(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    region: str,
    role: str | None,
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "s.db"
    code, _, err = run(
        capsys,
        "init",
        "--store",
        str(path),
        "--region",
        region,
        *(["--role", role] if role else []),
    )
    assert code == 2 and "区划代码" in err
    if len(region) in (9, 12):
        assert "儿童督导员填本乡镇9位" in err  # says which code the role wants
    assert not path.exists()


def test_enroll_refuses_the_demo_store_before_asking_for_a_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", DEMO_PASSPHRASE)
    path = tmp_path / "demo.db"
    assert run(capsys, "demo", "--store", str(path), "--children", "3")[0] == 0
    monkeypatch.setattr("getpass.getpass", lambda *_a: pytest.fail("asked for a code"))
    code, _, err = run(
        capsys, "enroll", "--store", str(path), "--user", "zhou", "--server", "https://127.0.0.1:9"
    )
    assert code == 2 and "示范档案库" in err and "不能登记" in err


def test_restore_checks_the_backup_and_keeps_the_old_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path, backup = tmp_path / "s.db", tmp_path / "b.db"
    assert run(capsys, "init", "--store", str(path), "--region", VILLAGE)[0] == 0
    assert run(capsys, "backup", "--store", str(path), "--out", str(backup))[0] == 0
    code, out, _ = run(capsys, "restore", "--store", str(path), "--from", str(backup))
    assert code == 0 and "检查通过" in out and ".before-restore" in out
