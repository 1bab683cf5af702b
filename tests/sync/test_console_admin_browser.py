"""The console's administration pages in a real browser (Debian's chromium through
Selenium, see tests/sync/test_console_browser.py) against the real server with
PostgreSQL: import the region names, see a user with its village's name, revoke an
enrolled laptop through the list and its confirmation page; the laptop's next sync is
refused. Screenshots at 1366x768 go to ``$CHILDCARE_CONSOLE_SHOTS`` (not committed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sync.server import schema as s
from tests.sync import test_console_browser as base
from tests.sync.conftest import VILLAGE_A, LiveServer
from tests.sync.console import PASSWORD, add_staff

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver
browser = base.browser  # the fixture: headless chromium at 1366x768

NAMES = "区划代码,名称\n349901,示例县\n349901101,东岭镇\n349901101201,桃源村\n349901101202,杏花村\n"


def test_import_names_and_revoke_a_laptop_through_the_pages(
    pg_server: LiveServer, browser: Any, make_laptop: Callable[..., Any], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    server, driver, shots = pg_server, browser, base._shots(tmp_path)
    add_staff(server.db, "wangfang", "county-admin")
    server.user("dir_a", "director", VILLAGE_A)
    server.user("sup_1", "supervisor", "349901101")
    laptop = make_laptop("dir_a-laptop", server, user="dir_a")
    assert laptop.run().ok
    wait = WebDriverWait(driver, 10)
    find = driver.find_element

    driver.get(server.url + "/console/login")
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/"))

    find(By.LINK_TEXT, "区划名称").click()
    wait.until(ec.presence_of_element_located((By.ID, "no-regions")))
    bad = tmp_path / "bad.csv"
    bad.write_text("代码,名称\n349901101,东岭镇\n3499011,短\n349902101,外县镇\n", encoding="utf-8")
    find(By.ID, "file").send_keys(str(bad))
    find(By.ID, "import").click()
    problems = wait.until(ec.presence_of_element_located((By.ID, "problems"))).text
    assert "第3行" in problems and "第4行：“349902101”不属于本县" in problems
    driver.save_screenshot(str(shots / "console-regions-refused.png"))
    names = tmp_path / "names.csv"
    names.write_bytes(NAMES.encode("gbk"))
    find(By.ID, "file").send_keys(str(names))
    find(By.ID, "import").click()
    assert "新增 4" in wait.until(ec.presence_of_element_located((By.ID, "notice"))).text
    assert "杏花村" in find(By.ID, "regions").text
    driver.save_screenshot(str(shots / "console-regions.png"))

    find(By.LINK_TEXT, "用户").click()
    row = wait.until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#users tr[data-user='dir_a']"))
    )
    assert "桃源村" in row.text and "儿童主任" in row.text
    driver.save_screenshot(str(shots / "console-users.png"))

    find(By.LINK_TEXT, "设备").click()
    row = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#devices tbody tr")))
    assert "dir_a-laptop" in row.text and "在用" in row.text
    driver.save_screenshot(str(shots / "console-devices.png"))
    row.find_element(By.CSS_SELECTOR, "button.revoke").click()
    confirm = wait.until(ec.presence_of_element_located((By.ID, "confirm-revoke")))
    assert "dir_a-laptop" in find(By.TAG_NAME, "main").text
    driver.save_screenshot(str(shots / "console-device-revoke.png"))
    with server.db.read() as conn:  # asking is not doing
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is None
    confirm.click()
    wait.until(ec.presence_of_element_located((By.ID, "notice")))
    assert "已吊销" in find(By.CSS_SELECTOR, "#devices tbody tr .state").text
    assert not driver.find_elements(By.CSS_SELECTOR, "button.revoke")
    driver.save_screenshot(str(shots / "console-devices-revoked.png"))

    find(By.LINK_TEXT, "县级政策").click()
    assert "默认规则" in wait.until(ec.presence_of_element_located((By.ID, "in-force"))).text
    driver.save_screenshot(str(shots / "console-policy.png"))

    with server.db.read() as conn:
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is not None
        actions = [r.action for r in conn.execute(select(s.staff_audit.c.action))]
    assert "device_revoked" in actions and "regions_imported" in actions
    report = laptop.run()
    assert not report.ok and report.error == "device_revoked", report
