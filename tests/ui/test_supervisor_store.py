"""A supervisor's store through the real window: a new township store, who works it, a new
child filed under a village of the township (offered once the store holds it), a village
outside refused with the reason under the field, the import wizard's village, the title
and the first-run note. A director's store asks no village."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from sqlalchemy import select

from childcare_desktop.storage.models import Child
from tests.conftest import VILLAGE
from tests.factories import make_id
from tests.ui.conftest import fill_first_run, run
from tests.ui.dialog_world import close, opened
from tests.ui.test_form_input import focus, type_into

TOWNSHIP = VILLAGE[:9]  # 349901101
OTHER_VILLAGE = TOWNSHIP + "202"
OUTSIDE = "349901102201"


def filed(qtbot: Any, main: Any) -> dict[str, str]:
    rows = run(qtbot, main, lambda s: list(s.execute(select(Child.name, Child.region_code))))
    return dict(rows)


def new_township_store(qtbot: Any, controller: Any, path: Path) -> Any:
    """The review's steps: a new store with 区划代码 349901101, then 设置 › 本机使用人."""
    view = fill_first_run(controller, path, TOWNSHIP)
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.create_button.click()
    main = controller.main
    work = main.settings.work
    qtbot.waitUntil(lambda: work.note.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: work.region.text() == TOWNSHIP, timeout=10_000)
    return main


def save_who(qtbot: Any, main: Any) -> None:
    work = main.settings.work
    type_into(qtbot, work.name, "周督导")
    type_into(qtbot, work.township, "青石镇")
    type_into(qtbot, work.county, "示范县")
    with qtbot.waitSignal(work.saved, timeout=10_000):
        work.save_button.click()
    qtbot.waitUntil(lambda: main.township == TOWNSHIP, timeout=10_000)


def new_child_dialog(qtbot: Any, main: Any) -> Any:
    main.show_page("roster")
    return opened(qtbot, main, main.roster.findChild(object, "new_child").click)


def fill_child(qtbot: Any, dialog: Any, name: str, born: date) -> None:
    form = dialog.form
    focus(qtbot, form.editors["name"])
    type_into(qtbot, form.editors["name"], name)
    focus(qtbot, form.editors["id_number"])
    type_into(qtbot, form.editors["id_number"], make_id(born, male=False))
    ticks = form.editors["categories"].findChildren(QCheckBox)
    next(c for c in ticks if c.text() == "农村留守儿童").click()


def test_a_new_township_store_registers_a_child_under_the_village_chosen(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    main = new_township_store(qtbot, controller, tmp_path / "township.db")
    work = main.settings.work
    assert "乡镇（街道）" in work.note.text() and "村（社区）" not in work.note.text()
    assert main.windowTitle() == "儿童督导员工作台[*]"
    save_who(qtbot, main)
    assert main.windowTitle() == "儿童督导员工作台[*]"

    dialog = new_child_dialog(qtbot, main)
    village = dialog.form.editors["region_code"]
    assert village.isVisible() and village.count() == 0  # the store holds no village yet
    assert any(TOWNSHIP in label.text() for label in dialog.findChildren(QLabel))  # the intro
    fill_child(qtbot, dialog, "林晓", date(2016, 3, 1))
    # Not chosen: the form says so and nothing is saved.
    dialog.save_button.click()
    assert "所在村" in dialog.form.error_of("region_code")
    # A village of another township: refused by the service, the reason under the field.
    focus(qtbot, village)
    type_into(qtbot, village.lineEdit(), OUTSIDE)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.form.error_of("region_code") != "", timeout=10_000)
    reason = dialog.form.error_of("region_code")
    assert "不是本乡镇" in reason and TOWNSHIP in reason, reason
    assert dialog.isVisible() and filed(qtbot, main) == {}
    village.lineEdit().clear()
    type_into(qtbot, village.lineEdit(), VILLAGE)
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].region_code == VILLAGE
    assert saved.args[0].file_no.startswith(f"{VILLAGE}-{date.today().year}-")
    assert filed(qtbot, main) == {"林晓": VILLAGE}

    # The next child: the village is offered, and chosen with the keyboard.
    dialog = new_child_dialog(qtbot, main)
    village = dialog.form.editors["region_code"]
    qtbot.waitUntil(lambda: village.count() == 1, timeout=10_000)
    assert village.itemText(0) == f"{VILLAGE}（已有1名儿童）"
    fill_child(qtbot, dialog, "林朝", date(2015, 6, 2))
    focus(qtbot, village)
    qtbot.keyClick(village, Qt.Key.Key_Down)
    assert village.code() == VILLAGE
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert filed(qtbot, main) == {"林晓": VILLAGE, "林朝": VILLAGE}


def test_a_directors_store_asks_no_village(qtbot: Any, main: Any) -> None:
    assert main.windowTitle() == "儿童主任工作台[*]" and main.township is None
    dialog = new_child_dialog(qtbot, main)
    assert "region_code" not in dialog.form.editors
    type_into(qtbot, dialog.form.editors["name"], "王小明")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].region_code == VILLAGE


def as_supervisor(qtbot: Any, main: Any) -> None:
    """设置 › 本机使用人 on the template store: a supervisor of its township."""
    main.show_page("settings")
    work = main.settings.work
    work.name.setText("周督导")
    work.role.setCurrentIndex(work.role.findData("supervisor"))
    work.region.setText(TOWNSHIP)
    with qtbot.waitSignal(work.saved, timeout=10_000):
        work.save_button.click()
    qtbot.waitUntil(lambda: main.township == TOWNSHIP, timeout=10_000)
    assert main.windowTitle() == "儿童督导员工作台[*]"


def ledger(path: Path, *rows: list[Any]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def wizard_on(qtbot: Any, main: Any, path: Path) -> Any:
    main.show_page("roster")
    wizard = opened(qtbot, main, main.import_ledger)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.open_file(path)
    wizard.next()
    return wizard


def test_the_import_wizard_files_rows_by_their_village_column(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    as_supervisor(qtbot, main)
    path = ledger(
        tmp_path / "乡镇台账.xlsx",
        ["姓名", "身份证号", "村级区划代码"],
        ["柳一", make_id(date(2016, 3, 1), male=True), VILLAGE],
        ["柳二", make_id(date(2017, 5, 2), male=False), OTHER_VILLAGE],
        ["柳三", make_id(date(2015, 1, 9), male=True), OUTSIDE],
    )
    wizard = wizard_on(qtbot, main, path)
    page = wizard.mapping_page
    assert page.combos["C"].currentData() == "child.region_code"
    assert page.village_row.isVisible()
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()  # the column names every row's village: nothing to choose
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as done:
        wizard.next()
    rejected = next(r for r in done.args[0].rows if r.name == "柳三")
    assert "C4" in str(rejected.problems[0]) and "不是本乡镇" in str(rejected.problems[0])
    assert filed(qtbot, main) == {"柳一": VILLAGE, "柳二": OTHER_VILLAGE}


def test_the_import_wizard_asks_the_village_of_a_ledger_without_one(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    as_supervisor(qtbot, main)
    path = ledger(tmp_path / "台账.xlsx", ["姓名", "出生日期"], ["柳一", "2016-03-01"])
    wizard = wizard_on(qtbot, main, path)
    page = wizard.mapping_page
    wizard.next()  # no village: the page says so and stays
    assert wizard.currentPage() is page and "请选择这些儿童所在的村" in page.subTitle()
    field = page.village_row.field
    focus(qtbot, field)
    type_into(qtbot, field.lineEdit(), OTHER_VILLAGE)
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    assert filed(qtbot, main) == {"柳一": OTHER_VILLAGE}


def test_a_directors_import_wizard_asks_no_village(qtbot: Any, main: Any, tmp_path: Path) -> None:
    path = ledger(tmp_path / "台账.xlsx", ["姓名", "出生日期"], ["柳一", "2016-03-01"])
    wizard = wizard_on(qtbot, main, path)
    assert not wizard.mapping_page.village_row.isVisible()
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    close(wizard)
