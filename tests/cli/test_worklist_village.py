"""``childcare worklist --village CODE`` on a supervisor's store: that village's items only
(text and --json), and a clear refusal (exit 2) of a code that is not a village, a village
of another township, or one the store holds no child of; a director's store takes its own
village and refuses another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from childcare_desktop.cli.main import main
from tests.conftest import PASSPHRASE, VILLAGE
from tests.township_villages import OUTSIDE, TOWNSHIP, VILLAGE_A, VILLAGE_B, township_store


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def township(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    township_store(store_path)
    return store_path


def test_the_worklist_of_one_village(township: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "worklist", "--store", str(township), "--json")
    assert code == 0
    everyone = json.loads(out)["items"]
    assert {i["region_code"] for i in everyone} == {VILLAGE_A, VILLAGE_B}

    code, out, _ = run(
        capsys, "worklist", "--store", str(township), "--village", VILLAGE_B, "--json"
    )
    assert code == 0
    items = json.loads(out)["items"]
    assert items and {i["child_name"] for i in items} == {"赵蓝"}
    assert items == [i for i in everyone if i["region_code"] == VILLAGE_B]

    code, out, _ = run(capsys, "worklist", "--store", str(township), "--village", VILLAGE_A)
    assert code == 0
    assert f"村 village: {VILLAGE_A}" in out  # named once the county's names arrive
    assert "张红" in out and "赵蓝" not in out


@pytest.mark.parametrize(
    ("village", "says"),
    [
        ("12345", "无效"),  # not a village code
        (TOWNSHIP, "无效"),  # the township itself
        (OUTSIDE, "不是本乡镇"),
        (TOWNSHIP + "299", "没有村"),  # in the township, no child filed there
    ],
)
def test_a_village_not_of_the_store_is_refused(
    township: Path, capsys: pytest.CaptureFixture[str], village: str, says: str
) -> None:
    code, out, err = run(capsys, "worklist", "--store", str(township), "--village", village)
    assert code == 2, err
    assert says in err and out == ""


def test_a_directors_store_takes_its_own_village_only(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    code, out, _ = run(
        capsys, "worklist", "--store", str(store_path), "--village", VILLAGE, "--json"
    )
    assert code == 0 and json.loads(out)["items"] == []
    code, _, err = run(capsys, "worklist", "--store", str(store_path), "--village", VILLAGE_B)
    assert code == 2 and VILLAGE_B in err
