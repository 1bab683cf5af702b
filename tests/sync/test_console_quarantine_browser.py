"""The console's 搁置的修改 in a real browser (Debian's chromium through Selenium, see
tests/sync/test_console_browser.py) against the real server with PostgreSQL: village
B's laptop edited a child of village A and the server held it; an administrator tries
to release it (still refused: the page says why), the county corrects the user's
village, the administrator releases it, and the laptop's next sync reports it applied.
Screenshots at 1366x768 go to ``$CHILDCARE_CONSOLE_SHOTS`` (not committed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from childcare_desktop.services import syncing
from sync.server import regions
from sync.server.app import now_ms
from tests.sync import test_console_browser as base
from tests.sync.conftest import LiveServer
from tests.sync.console import PASSWORD, add_staff
from tests.sync.test_console_quarantine import EDIT, NAME, fix_cause, held_edit, held_ids
from tests.sync.township import PLACES, make_world

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver
browser = base.browser  # the fixture: headless chromium at 1366x768


def test_an_administrator_releases_a_held_change_and_the_laptop_sees_it_applied(
    pg_server: LiveServer, browser: Any, make_laptop: Callable[..., Any], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    server, driver, shots = pg_server, browser, base._shots(tmp_path)
    world = make_world(server, make_laptop)
    held_edit(world)
    with server.db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=now_ms())
    add_staff(server.db, "wangfang", "county-admin")
    wait = WebDriverWait(driver, 10)
    find = driver.find_element

    driver.get(server.url + "/console/login")
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/"))

    find(By.LINK_TEXT, "搁置的修改").click()
    (held,) = held_ids(server)
    row = wait.until(
        ec.presence_of_element_located((By.CSS_SELECTOR, f"#held tr[data-held='{held}']"))
    )
    assert NAME in row.text and "柳溪村" in row.text and EDIT in row.text
    assert "超出本账号负责的区划" in row.text
    driver.save_screenshot(str(shots / "console-quarantine.png"))

    row.find_element(By.CSS_SELECTOR, "button.release").click()  # the cause is still there
    message = wait.until(ec.presence_of_element_located((By.ID, "message"))).text
    assert "仍不能并入" in message and "超出本账号负责的区划" in message
    assert held_ids(server) == [held]
    driver.save_screenshot(str(shots / "console-quarantine-still-held.png"))

    fix_cause(server)
    find(By.CSS_SELECTOR, f"button.release[data-held='{held}']").click()
    assert "已释放" in wait.until(ec.presence_of_element_located((By.ID, "notice"))).text
    assert find(By.ID, "no-held") and held_ids(server) == []
    driver.save_screenshot(str(shots / "console-quarantine-released.png"))

    b = world.laptop("dir_b")
    report = b.run()
    assert report.ok and report.released == 1, report
    assert syncing.quarantined(b.store) == []
