"""The ``childcare`` command: exit codes, messages, and each subcommand end to end."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from childcare_desktop.cli import main
from childcare_desktop.storage.store import open_store
from tests.conftest import PASSPHRASE

DEMO_PASSPHRASE = "demo-passphrase"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``demo`` command's store, made once for this module's tests."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.setenv("CHILDCARE_PASSPHRASE", DEMO_PASSPHRASE)
        code = main(["demo", "--store", str(path), "--children", "12", "--seed", "3"])
    assert code == 0 and "虚构" in out.getvalue()
    assert [p.name for p in path.parent.iterdir()] == ["demo.db"]  # the store is one file
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo store of its own, its passphrase in the environment."""
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", DEMO_PASSPHRASE)
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return path


def test_validate_id_accepts_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate-id", "11010519491231002x")
    assert code == 0
    assert "1949-12-31" in out and "女" in out and "北京市" in out
    code, out, _ = run(capsys, "validate-id", "810000199001010035", "--json")
    assert code == 0 and json.loads(out)["kind"] == "hmt_permit"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("360426199101010072", "校验位"),
        ("11010519491331002X", "出生日期"),
        ("1101051949123100", "18位"),
        ("11010519491231002A", "数字"),
        ("9X", "18位"),
        ("X1234567890123456X", "数字"),
    ],
)
def test_validate_id_rejects_with_the_reason(
    capsys: pytest.CaptureFixture[str], number: str, reason: str
) -> None:
    code, out, err = run(capsys, "validate-id", number)
    assert (code, out) == (2, "")
    assert reason in err and " / " in err  # Chinese, then English


def test_worklist_json_per_policy_and_date(
    demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "worklist", "--store", str(demo_store), "--json", "--as-of", "2026-01-15"
    )
    assert code == 0
    result = json.loads(out)
    assert result["as_of"] == "2026-01-15"
    assert result["items"] and {"kind", "due_on", "overdue_days", "colour"} <= set(
        result["items"][0]
    )
    overdue = [i["overdue_days"] > 0 for i in result["items"]]
    assert overdue == sorted(overdue, reverse=True)  # overdue first


def test_the_worklists_json_lists_the_work_not_every_childs_facts(
    demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The facts the worklist was made from (every child 在册: name, birth date, village,
    agreements) stay inside: at 20,000 children they would bury the items, and a child
    with nothing due has no business in the output; the roll's counts are printed."""
    code, out, _ = run(capsys, "worklist", "--store", str(demo_store), "--json")
    assert code == 0
    result = json.loads(out)
    assert "facts" not in result and "birth_date" not in out
    figures = json.loads(run(capsys, "stats", "--store", str(demo_store), "--json")[1])
    assert result["roll"]["active"] == figures["active"]


def test_human_worklist_and_stats(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "worklist", "--store", str(demo_store))
    assert code == 0 and "工作清单" in out
    code, out, _ = run(capsys, "stats", "--store", str(demo_store))
    assert code == 0 and "在册" in out and "农村留守儿童" in out
    code, out, _ = run(capsys, "stats", "--store", str(demo_store), "--json")
    assert json.loads(out)["children"] == 12


def test_wrong_passphrase_exits_2_and_leaves_the_file_byte_identical(
    demo_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hashlib.sha256(demo_store.read_bytes()).hexdigest()
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", "not-the-passphrase")
    code, out, err = run(capsys, "stats", "--store", str(demo_store))
    assert (code, out) == (2, "")
    assert "口令不正确" in err and "wrong passphrase" in err
    assert hashlib.sha256(demo_store.read_bytes()).hexdigest() == before


def test_passphrase_file(
    demo_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CHILDCARE_PASSPHRASE")
    secret = tmp_path / "secret.txt"
    secret.write_text(DEMO_PASSPHRASE + "\n", encoding="utf-8")
    code, _, _ = run(capsys, "check", "--store", str(demo_store), "--passphrase-file", str(secret))
    assert code == 0


def test_no_passphrase_and_no_terminal_is_an_input_error(
    demo_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHILDCARE_PASSPHRASE")
    code, _, err = run(capsys, "stats", "--store", str(demo_store))
    assert code == 2 and "必须填写" in err


def test_init_backup_restore_change_passphrase_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, backup = tmp_path / "s.db", tmp_path / "usb" / "b.db"
    backup.parent.mkdir()
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "init", "--store", str(store), "--region", "349901101201")[0] == 0
    assert run(capsys, "init", "--store", str(store))[0] == 2  # exists: never overwritten
    assert run(capsys, "backup", "--store", str(store), "--out", str(backup))[0] == 0
    assert run(capsys, "backup", "--store", str(store), "--out", str(backup))[0] == 2
    monkeypatch.setenv("CHILDCARE_NEW_PASSPHRASE", "another-passphrase")
    assert run(capsys, "change-passphrase", "--store", str(store))[0] == 0
    assert run(capsys, "check", "--store", str(store))[0] == 2  # the old one no longer opens
    code, out, _ = run(capsys, "restore", "--from", str(backup), "--store", str(store))
    assert code == 0 and "before-restore" in out
    code, out, _ = run(capsys, "check", "--store", str(store), "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_init_refuses_a_weak_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", "1234")
    code, _, err = run(capsys, "init", "--store", str(tmp_path / "s.db"))
    assert code == 2 and "口令太弱" in err
    assert not (tmp_path / "s.db").exists()


# A township's 9 digits make a supervisor's store (tests/cli/test_init_identity.py).
@pytest.mark.parametrize("region", ["349901", "3499011012"])
def test_init_wants_a_village_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, region: str
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "init", "--store", str(tmp_path / "s.db"), "--region", region)
    assert code == 2 and "区划代码" in err
    assert not (tmp_path / "s.db").exists()


def test_a_passphrase_file_saved_with_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8-sig")  # as Windows Notepad saves it
    store = str(tmp_path / "s.db")
    assert run(capsys, "init", "--store", store, "--passphrase-file", str(secret))[0] == 0
    open_store(store, PASSPHRASE).close()


def test_the_installed_command(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("childcare")
    ok = subprocess.run(
        [command, "validate-id", "11010519491231002X"], capture_output=True, text=True, check=False
    )
    bad = subprocess.run(
        [command, "validate-id", "11010519491231002"], capture_output=True, text=True, check=False
    )
    missing = subprocess.run(
        [command, "stats", "--store", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        check=False,
        env={
            "CHILDCARE_PASSPHRASE": "x",
            "CHILDCARE_LOG_DIR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert (ok.returncode, bad.returncode, missing.returncode) == (0, 2, 2)
    assert "找不到档案库" in missing.stderr


def test_demo_replace_replaces_only_a_demo_store(
    demo_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "demo", "--store", str(demo_store))[0] == 2  # exists
    args = ["demo", "--store", str(demo_store), "--children", "5", "--replace"]
    assert run(capsys, *args)[0] == 0
    assert (
        json.loads(run(capsys, "stats", "--store", str(demo_store), "--json")[1])["children"] == 5
    )
    real = tmp_path / "real.db"
    assert run(capsys, "init", "--store", str(real))[0] == 0
    before = hashlib.sha256(real.read_bytes()).hexdigest()
    code, _, err = run(capsys, "demo", "--store", str(real), "--replace")
    assert code == 2 and "不会覆盖" in err
    assert hashlib.sha256(real.read_bytes()).hexdigest() == before


def test_a_county_policy_from_a_file_changes_the_worklist(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def overdue_home_visits() -> int:
        out = run(capsys, "worklist", "--store", str(demo_store), "--json")[1]
        return sum(
            i["kind"] == "home_visit" and i["overdue_days"] > 0 for i in json.loads(out)["items"]
        )

    before = overdue_home_visits()
    strict = tmp_path / "policy.json"
    strict.write_text(
        '{"rhythm": {"green": {"home_visit": "P7D"}, "blue": {"home_visit": "P7D"}}}',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "policy", "--store", str(demo_store), "--set", str(strict))
    assert code == 0 and "第 2 版" in out  # the demo's county policy (三留守 on) is the first
    assert overdue_home_visits() > before
    code, out, _ = run(capsys, "policy", "--store", str(demo_store))
    assert code == 0 and '"home_visit": "P7D"' in out
    strict.write_text('{"rhythm": {"green": {"home_visit": "weekly"}}}', encoding="utf-8")
    code, _, err = run(capsys, "policy", "--store", str(demo_store), "--set", str(strict))
    assert code == 2 and "政策" in err


def test_print_each_document(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    code, out, _ = run(capsys, "worklist", "--store", str(demo_store), "--json")
    child = json.loads(out)["items"][0]["child_id"]
    for doc, extra, title in [
        ("dossier", ["--child", child], "儿童档案"),
        ("visit-sheet", ["--child", child], "走访"),
        ("roster", [], "花名册"),
        ("summary", [], "汇总表"),
        ("monthly", ["--month", "2026-10"], "月"),
    ]:
        pdf = tmp_path / f"{doc}.pdf"
        code, _, err = run(
            capsys, "print", "--store", str(demo_store), "--doc", doc, *extra, "--out", str(pdf)
        )
        assert code == 0, err
        first = PdfReader(pdf).pages[0].extract_text()
        assert title in first and "内部资料" in first
    assert not list(tmp_path.glob("*.partial"))


def test_print_a_batch_of_dossiers_and_refuse_an_unknown_child(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "档案"
    code, _, err = run(
        capsys,
        "print",
        "--store",
        str(demo_store),
        "--doc",
        "dossier",
        "--all",
        "--out",
        str(out_dir),
    )
    done, total = err.strip().rsplit("\r", 1)[-1].split("/")
    assert code == 0 and done == total.strip() and 8 <= int(done) <= 12  # those on the roster
    assert len(list(out_dir.glob("*-儿童档案.pdf"))) == int(done)
    code, _, err = run(
        capsys,
        "print",
        "--store",
        str(demo_store),
        "--doc",
        "dossier",
        "--child",
        "无此人",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 2 and "找不到" in err and not (tmp_path / "x.pdf").exists()


def test_verify_agreement_from_the_command_line(
    demo_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from childcare_desktop.core.printing import qr_payload
    from childcare_desktop.services import printing
    from childcare_desktop.storage.models import CareAgreement
    from childcare_desktop.storage.store import open_store

    store = open_store(demo_store, DEMO_PASSPHRASE)
    try:
        with store.session() as session:
            agreement = session.query(CareAgreement).filter_by(state="signed").first()
            payload = qr_payload(printing.agreement_document(session, agreement_id=agreement.id))
    finally:
        store.close()
    code, out, _ = run(capsys, "verify-agreement", "--store", str(demo_store), payload)
    assert code == 0 and "一致" in out
    changed = payload[:-4] + ("0000" if not payload.endswith("0000") else "1111")
    code, out, _ = run(capsys, "verify-agreement", "--store", str(demo_store), changed, "--json")
    assert code == 3 and json.loads(out)["status"] == "changed"
    code, _, err = run(capsys, "verify-agreement", "--store", str(demo_store), "不是二维码")
    assert code == 2 and "二维码" in err


def test_the_command_offers_every_document_the_services_make() -> None:
    from childcare_desktop.cli import document_commands
    from childcare_desktop.services import printing

    assert document_commands.DOCS == printing.DOCUMENTS


def test_export_the_workbook_and_the_county_json(
    demo_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    book_path = tmp_path / "export.xlsx"
    code, out, _ = run(
        capsys, "export", "--store", str(demo_store), "--format", "xlsx", "--out", str(book_path)
    )
    assert code == 0 and "已导出" in out and "登记表、花名册" in out
    book = load_workbook(book_path, read_only=True)
    assert book.sheetnames == ["登记表", "花名册"]
    book.close()
    json_path = tmp_path / "county.json"
    code, out, _ = run(
        capsys, "export", "--store", str(demo_store), "--format", "json", "--out", str(json_path)
    )
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert code == 0 and f"{data['counts']['children']} 名儿童" in out
    assert data["format"] == "childcare-export" and len(data["children"]) == 12
    with pytest.raises(SystemExit) as refused:  # argparse refuses an unknown format
        run(capsys, "export", "--store", str(demo_store), "--format", "pdf", "--out", "x")
    assert refused.value.code == 2
