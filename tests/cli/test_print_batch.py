"""``childcare print`` per village: --village, --all, --merged / --per-child, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from childcare_desktop.cli import main
from childcare_desktop.storage.store import open_store
from tests.batch_world import VILLAGE_B, Township, pdf_text, township_store
from tests.conftest import PASSPHRASE, VILLAGE


@pytest.fixture
def town(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Township:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    store = open_store(store_path, PASSPHRASE, actor="测试员")
    try:
        return township_store(store)
    finally:
        store.close()


def cli(capsys: pytest.CaptureFixture[str], store: Path, *args: str) -> tuple[int, str, str]:
    code = main(["print", "--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_agreements_of_two_villages_merged_with_json_and_progress(
    town: Township, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "协议.pdf"
    code, stdout, err = cli(
        capsys,
        store_path,
        "--doc", "agreement",
        "--village", VILLAGE,
        "--village", VILLAGE_B,
        "--out", str(out),
        "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(stdout)
    assert result == {"files": [str(out)], "count": 3, "skipped": 1, "pages": result["pages"]}
    assert err.strip().rsplit("\r", 1)[-1] == "4/4"  # progress on stderr, every child counted
    words = pdf_text(out)
    assert all(name in words for name in ("林晓", "林朝", "王小明")) and "孙别村" not in words
    assert len(PdfReader(out).pages) == result["pages"]


def test_all_dossiers_of_a_village_one_pdf_per_child(
    town: Township, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "档案"
    code, stdout, err = cli(
        capsys, store_path, "--doc", "dossier", "--village", VILLAGE_B, "--all",
        "--out", str(folder), "--json",
    )  # fmt: skip
    assert code == 0, err
    (written,) = json.loads(stdout)["files"]
    assert Path(written).parent == folder and Path(written).name.endswith("-儿童档案.pdf")
    assert "王小明" not in written and "王小明" in pdf_text(Path(written))
    # --all alone: everyone on the roll, each in a file of their own
    code, stdout, err = cli(
        capsys, store_path, "--doc", "visit-sheet", "--all", "--per-child", "--out", str(folder)
    )
    assert code == 0, err
    assert len(list(folder.glob("*-走访记录表.pdf"))) == len(town.ids)
    assert "5 名儿童" in stdout


def test_a_table_for_one_village_and_bad_choices_refused(
    town: Township, store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "花名册.pdf"
    code, stdout, err = cli(
        capsys, store_path, "--doc", "roster", "--village", VILLAGE_B, "--out", str(roster),
        "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(stdout) == {"files": [str(roster)], "count": 1, "skipped": 0, "pages": 0}
    words = pdf_text(roster)
    assert "王小明" in words and "林晓" not in words
    code, _, err = cli(
        capsys, store_path, "--doc", "summary", "--village", VILLAGE, "--village", VILLAGE_B,
        "--out", str(tmp_path / "s.pdf"),
    )  # fmt: skip
    assert code == 2 and not (tmp_path / "s.pdf").exists()
    with pytest.raises(SystemExit) as refused:
        cli(
            capsys, store_path, "--doc", "agreement", "--merged", "--per-child",
            "--child", "x", "--out", str(tmp_path / "x.pdf"),
        )  # fmt: skip
    assert refused.value.code == 2 and "not allowed with" in capsys.readouterr().err
