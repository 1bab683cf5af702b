"""``childcare import-xlsx``: the report on the terminal, --dry-run, --json, --report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from childcare_desktop.cli import main
from tests.conftest import PASSPHRASE
from tests.ledgers import dirty


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "花名册.xlsx"
    dirty.roster(path)
    return path


def test_import_prints_rows_that_need_a_look_and_saves_the_report(
    store_path: Path, ledger: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.xlsx"
    code = main(["import-xlsx", "--store", str(store_path), str(ledger), "--report", str(report)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "第10行 吴七 未导入: D10：Excel 把证件号码存成了数字" in out
    assert "新建 9 人" in out and "未导入 5 行" in out
    assert load_workbook(report, read_only=True).sheetnames[0] == "导入结果"


def test_dry_run_then_json_import(
    store_path: Path, ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-xlsx", "--store", str(store_path), str(ledger), "--dry-run"]) == 0
    assert "试导入（未保存）" in capsys.readouterr().out
    assert main(["import-xlsx", "--store", str(store_path), str(ledger), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["imported"] == 9  # the dry run kept nothing
    assert all("name" not in row for row in result["rows"])  # no names in machine output
    rejected = [r for r in result["rows"] if r["outcome"] == "rejected"]
    assert {"D10", "D12"} <= {p["cell"] for r in rejected for p in r["problems"]}


def test_a_file_that_is_not_a_workbook_exits_2_with_advice(
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert main(["import-xlsx", "--store", str(store_path), str(old)]) == 2
    assert "另存为" in capsys.readouterr().err


def test_category_for_rows_that_give_none(
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.ui.test_import_wizard_title import left_behind_roster

    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "留守.xlsx"
    left_behind_roster(path)
    args = ["import-xlsx", "--store", str(store_path), str(path), "--json"]
    assert main([*args, "--category", "外星儿童"]) == 2
    assert "“外星儿童”不在可选范围内" in capsys.readouterr().err
    assert main([*args, "--category", "农村留守儿童"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["imported"] == 2
