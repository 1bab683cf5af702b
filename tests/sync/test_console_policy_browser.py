"""The 县级政策 page in a real browser (Debian's chromium through Selenium, see
tests/sync/test_console_browser.py) against the real server with PostgreSQL: an
administrator types a bad visit rhythm, sees the error beside it, fixes it and saves;
the page lists the new version. Then the 查阅记录 page shows what a laptop printed.
Screenshots at 1366x768 go to ``$CHILDCARE_CONSOLE_SHOTS`` (not committed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from childcare_desktop.services import printing
from sync.server import county_policy
from tests.factories import make_child
from tests.sync import test_console_browser as base
from tests.sync.conftest import VILLAGE_A, LiveServer
from tests.sync.console import PASSWORD, add_staff

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver
browser = base.browser  # the fixture: headless chromium at 1366x768


def test_an_administrator_fixes_a_bad_rhythm_and_saves_a_new_version(
    pg_server: LiveServer, browser: Any, make_laptop: Callable[..., Any], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    server, driver, shots = pg_server, browser, base._shots(tmp_path)
    add_staff(server.db, "wangfang", "county-admin")
    server.user("dir_a", "director", VILLAGE_A)
    laptop = make_laptop("dir_a-laptop", server, user="dir_a")
    with laptop.store.session() as session:
        child = make_child(session, name="陈小雨")
        printing.dossier(session, child_id=child.id)
    assert laptop.run().ok
    wait = WebDriverWait(driver, 10)
    find = driver.find_element

    driver.get(server.url + "/console/login")
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/"))

    find(By.LINK_TEXT, "县级政策").click()
    red = wait.until(ec.presence_of_element_located((By.ID, "f-rhythm.red.contact")))
    assert red.get_attribute("value") == "7天"
    driver.save_screenshot(str(shots / "console-policy.png"))
    red.clear()
    red.send_keys("7周期")
    find(By.ID, "f-note").send_keys("县政府文件：红色每三天联系一次")
    find(By.ID, "save").click()
    message = wait.until(ec.presence_of_element_located((By.ID, "message"))).text
    assert "“红色 · 联系”：应为间隔" in message
    bad = find(By.CSS_SELECTOR, "[aria-invalid='true']")
    assert bad.get_attribute("id") == "f-rhythm.red.contact"
    assert bad.get_attribute("value") == "7周期"  # kept, to be fixed
    driver.save_screenshot(str(shots / "console-policy-refused.png"))

    red = find(By.ID, "f-rhythm.red.contact")
    red.clear()
    red.send_keys("3天")
    find(By.ID, "save").click()
    notice = wait.until(ec.presence_of_element_located((By.ID, "notice"))).text
    assert "已保存第1版" in notice
    row = find(By.CSS_SELECTOR, "#versions tr[data-version='1']").text
    assert "wangfang" in row and "县政府文件" in row and "在用" in row
    assert find(By.ID, "f-rhythm.red.contact").get_attribute("value") == "3天"
    assert "第1版" in find(By.ID, "in-force").text
    driver.save_screenshot(str(shots / "console-policy-saved.png"))
    with server.db.read() as conn:
        (stored,) = county_policy.stored(conn, VILLAGE_A[:6])
    assert stored["body"] == {"rhythm": {"red": {"contact": "P3D"}}}

    find(By.LINK_TEXT, "查阅记录").click()
    table = wait.until(ec.presence_of_element_located((By.ID, "trail"))).text
    assert "陈小雨" in table and "打印" in table and "设定县级政策" in table
    driver.save_screenshot(str(shots / "console-audit.png"))
