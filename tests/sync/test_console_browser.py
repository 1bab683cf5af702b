"""The county console in a real browser: Debian's chromium driven by Selenium
(chromium-driver), against the real server on loopback with PostgreSQL.

Screenshots of the pages at 1366x768 go to pytest's temporary folder, or to
``$CHILDCARE_CONSOLE_SHOTS`` when set (to look at them; they are not committed)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
import requests
from sqlalchemy import select

from sync.server import schema as s
from tests.sync.conftest import VILLAGE_A, LiveServer
from tests.sync.console import PASSWORD, add_staff

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="Debian's chromium and chromium-driver are not installed "
        "(apt-get install chromium chromium-driver; .ci/run installs them)",
    ),
]


def chrome(prefs: dict[str, object] | None = None) -> Iterator[object]:
    """Headless chromium at 1366x768 in Chinese (``prefs``: Chrome's preferences, such
    as a download folder), quit when the test is done."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # as root in CI
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1366,768",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.set_window_size(1366, 768)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser() -> Iterator[object]:
    yield from chrome()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("CHILDCARE_CONSOLE_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_log_in_with_totp_issue_a_code_see_it_and_cancel_it(
    pg_server: LiveServer, browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    server = pg_server
    driver = browser  # a selenium WebDriver
    shots = _shots(tmp_path)
    secret = add_staff(server.db, "wangfang", "county-admin", totp=True)
    assert secret
    server.user("dir_a", "director", VILLAGE_A)
    wait = WebDriverWait(driver, 10)  # type: ignore[arg-type]
    find = driver.find_element  # type: ignore[attr-defined]

    driver.get(server.url + "/console/codes")  # type: ignore[attr-defined]
    wait.until(ec.url_to_be(server.url + "/console/login"))  # anonymous: to the login page
    driver.save_screenshot(str(shots / "console-login.png"))  # type: ignore[attr-defined]
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/login/totp"))
    driver.save_screenshot(str(shots / "console-totp.png"))  # type: ignore[attr-defined]
    find(By.ID, "code").send_keys(pyotp.TOTP(secret).now())
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/"))
    assert "wangfang" in find(By.ID, "who").text
    assert find(By.CSS_SELECTOR, "#count-users .n").text == "1"
    driver.save_screenshot(str(shots / "console-home.png"))  # type: ignore[attr-defined]

    find(By.LINK_TEXT, "登记码").click()
    wait.until(ec.presence_of_element_located((By.ID, "issue")))
    Select(find(By.ID, "user")).select_by_value("dir_a")
    days = find(By.ID, "days")
    days.clear()
    days.send_keys("3")
    find(By.ID, "issue").click()
    code = wait.until(ec.presence_of_element_located((By.ID, "issued-code"))).text
    assert len(code) == 14 and code.count("-") == 2
    row = find(By.CSS_SELECTOR, "#codes tbody tr")
    assert "dir_a" in row.text and "未使用" in row.text
    driver.save_screenshot(str(shots / "console-codes.png"))  # type: ignore[attr-defined]

    find(By.CSS_SELECTOR, "button.cancel[data-user='dir_a']").click()
    wait.until(ec.presence_of_element_located((By.ID, "notice")))
    assert "已作废" in find(By.CSS_SELECTOR, "#codes tbody tr .state").text
    assert not driver.find_elements(By.CSS_SELECTOR, "button.cancel")  # type: ignore[attr-defined]
    with server.db.read() as conn:
        cancelled = conn.execute(select(s.enroll_code.c.cancelled_ms)).scalar()
        audit = [r.action for r in conn.execute(select(s.staff_audit.c.action))]
    assert cancelled is not None
    assert {"password_ok", "login", "code_issued", "codes_cancelled"} <= set(audit)
    # The code the page showed is the one the server issued, and it no longer enrolls.
    answer = requests.post(
        server.url + "/v1/enroll",
        json={"user": "dir_a", "code": code, "label": "laptop"},
        timeout=10,
    )
    assert answer.status_code == 401 and answer.json()["error"] == "bad_code"

    find(By.ID, "logout").click()
    wait.until(ec.url_to_be(server.url + "/console/login"))
    driver.get(server.url + "/console/")  # type: ignore[attr-defined]
    wait.until(ec.url_to_be(server.url + "/console/login"))
