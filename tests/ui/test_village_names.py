"""Places have names in the window (issue 15): once the county's names have reached a
township's store, the village picker of the new-child dialog and of the import wizard
offers each village by its name, never by its 12-digit code, and a name typed whole
picks its village."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from childcare_desktop.storage.models import Child
from childcare_desktop.storage.places import save_names
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import close
from tests.ui.test_form_input import focus, type_into
from tests.ui.test_supervisor_store import (
    OTHER_VILLAGE,
    TOWNSHIP,
    VILLAGE,
    as_supervisor,
    filed,
    fill_child,
    ledger,
    new_child_dialog,
    wizard_on,
)

NAMES = [
    (TOWNSHIP[:6], "清河县"),
    (TOWNSHIP, "青石镇"),
    (VILLAGE, "柳溪村"),
    (OTHER_VILLAGE, "桃园村"),
]


def synced_names(qtbot: Any, main: Any) -> int:
    """The county's names as a sync leaves them in the store, and a child filed at
    VILLAGE; how many children are filed there."""
    run(qtbot, main, lambda s: save_names(s.connection(), "v1", NAMES))
    run(qtbot, main, lambda s: make_child(s, name="柳一", region_code=VILLAGE))
    query = select(func.count()).where(Child.region_code == VILLAGE, Child.deleted.is_(False))
    return int(run(qtbot, main, lambda s: s.scalar(query)))


def items(field: Any) -> list[str]:
    return [field.itemText(i) for i in range(field.count())]


def test_the_new_child_dialog_offers_villages_by_name(qtbot: Any, main: Any) -> None:
    as_supervisor(qtbot, main)
    held = synced_names(qtbot, main)
    before = filed(qtbot, main)
    dialog = new_child_dialog(qtbot, main)
    village = dialog.form.editors["region_code"]
    qtbot.waitUntil(lambda: village.count() == 2, timeout=10_000)
    assert items(village) == [f"柳溪村（已有{held}名儿童）", "桃园村（尚无儿童）"]
    assert not any(code in text for text in items(village) for code in (VILLAGE, OTHER_VILLAGE))
    fill_child(qtbot, dialog, "桃小园", date(2016, 4, 1))
    focus(qtbot, village)
    type_into(qtbot, village.lineEdit(), "桃园村")
    assert village.code() == OTHER_VILLAGE
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].region_code == OTHER_VILLAGE
    assert filed(qtbot, main) == {**before, "桃小园": OTHER_VILLAGE}


def test_the_import_wizard_offers_villages_by_name(qtbot: Any, main: Any, tmp_path: Path) -> None:
    as_supervisor(qtbot, main)
    synced_names(qtbot, main)
    path = ledger(tmp_path / "台账.xlsx", ["姓名", "出生日期"], ["桃一", "2016-03-01"])
    wizard = wizard_on(qtbot, main, path)
    field = wizard.mapping_page.village_row.field
    qtbot.waitUntil(lambda: field.count() == 2, timeout=10_000)
    assert items(field)[1] == "桃园村（尚无儿童）"
    field.setCurrentIndex(1)
    assert wizard.mapping_page.village_row.village() == OTHER_VILLAGE
    close(wizard)
