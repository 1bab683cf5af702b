"""设置 › 导出: the 登记表/花名册 workbook and the JSON export, from the app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import text

from tests.factories import make_child
from tests.ui.conftest import run


def test_both_exports_from_the_settings_page(qtbot: Any, main: Any, tmp_path: Path) -> None:
    run(qtbot, main, lambda s: make_child(s, name="李<小>&明"))
    main.show_page("settings")
    view = main.settings
    with qtbot.waitSignal(view.exported, timeout=20_000) as done:
        view.export_to("xlsx", tmp_path / "导出.xlsx")
    assert "1 名儿童" in done.args[0]
    book = load_workbook(tmp_path / "导出.xlsx", read_only=True)
    assert book.sheetnames == ["登记表", "花名册"]
    with qtbot.waitSignal(view.exported, timeout=20_000):
        view.export_to("json", tmp_path / "导出.json")
    exported = json.loads((tmp_path / "导出.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in exported["children"]] == ["李<小>&明"]
    audited = run(
        qtbot,
        main,
        lambda s: s.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'exported'")
        ).scalar(),
    )
    assert audited == 2 and view.export_json_button.isEnabled()


def test_an_export_to_a_missing_folder_says_why(qtbot: Any, main: Any, tmp_path: Path) -> None:
    main.show_page("settings")
    view = main.settings
    target = tmp_path / "a file, not a folder"
    target.write_text("x")
    with qtbot.waitSignal(view.exported, timeout=20_000) as done:
        view.export_to("xlsx", target / "导出.xlsx")
    assert done.args[0] and view.export_xlsx_button.isEnabled()
