"""The second factor set up in a real browser (Debian's chromium, Selenium), against the
real server on loopback with PostgreSQL: a first login goes to 设置动态验证码, the code
made from the secret the page shows confirms it, the recovery codes are shown, and after
logging out one of them logs in instead of the phone.

Screenshots at 1366x768 go to pytest's temporary folder, or to
``$CHILDCARE_CONSOLE_SHOTS`` when set (to look at them; they are not committed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
import segno
from sqlalchemy import select

from sync.server import schema as s
from sync.server.console import totp_codes
from tests.sync import test_console_browser as base
from tests.sync.conftest import LiveServer
from tests.sync.console import PASSWORD, add_staff

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver
browser = base.browser  # the fixture: headless chromium at 1366x768


def test_first_login_sets_up_totp_and_a_recovery_code_logs_in_once(
    pg_server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    server = pg_server
    driver = browser  # a selenium WebDriver
    shots = base._shots(tmp_path)
    add_staff(server.db, "wangfang", "county-admin")
    add_staff(server.db, "lisi", "county-viewer")
    with server.db.write() as conn:  # an administrator requires it; nothing set up yet
        conn.execute(s.staff.update().values(totp_required=True))
    wait = WebDriverWait(driver, 10)  # type: ignore[arg-type]
    find = driver.find_element  # type: ignore[attr-defined]

    def log_in(name: str) -> None:
        driver.get(server.url + "/console/login")  # type: ignore[attr-defined]
        find(By.ID, "name").send_keys(name)
        find(By.ID, "password").send_keys(PASSWORD)
        find(By.ID, "submit").click()

    log_in("wangfang")
    wait.until(ec.url_to_be(server.url + "/console/login/enrol"))
    secret = find(By.ID, "secret").text.replace(" ", "")
    qr = find(By.CSS_SELECTOR, "#qr svg")
    assert qr.size["width"] >= 120  # drawn, and big enough to scan
    # The QR code is the otpauth:// URI of the very secret the page shows.
    uri = totp_codes.uri("wangfang", secret)
    drawn = qr.find_element(By.CSS_SELECTOR, "path.qrline").get_attribute("d")
    assert drawn and f'd="{drawn}"' in segno.make(uri, error="m").svg_inline(scale=4)
    driver.save_screenshot(str(shots / "console-enrol.png"))  # type: ignore[attr-defined]
    find(By.ID, "code").send_keys(pyotp.TOTP(secret).now())
    find(By.ID, "submit").click()
    wait.until(ec.presence_of_element_located((By.ID, "recovery-codes")))
    codes = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#recovery-codes li")]  # type: ignore[attr-defined]
    assert len(codes) == 10 and all(len(c) == 14 for c in codes)
    driver.save_screenshot(str(shots / "console-recovery-codes.png"))  # type: ignore[attr-defined]
    find(By.ID, "continue").click()
    wait.until(ec.url_to_be(server.url + "/console/"))
    find(By.ID, "who").click()
    wait.until(ec.url_to_be(server.url + "/console/account"))
    assert find(By.ID, "recovery-left").text.startswith("10 / 10")
    assert "lisi" in find(By.ID, "staff").text  # an administrator may reset another's
    driver.save_screenshot(str(shots / "console-account.png"))  # type: ignore[attr-defined]
    ActionChains(driver).scroll_to_element(find(By.ID, "staff")).perform()  # type: ignore[arg-type]
    driver.save_screenshot(str(shots / "console-account-staff.png"))  # type: ignore[attr-defined]
    find(By.ID, "logout").click()
    wait.until(ec.url_to_be(server.url + "/console/login"))

    # The phone is not at hand: a recovery code instead.
    log_in("wangfang")
    wait.until(ec.url_to_be(server.url + "/console/login/totp"))
    find(By.ID, "code").send_keys(codes[0])
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/account?recovered=1"))
    assert "还剩 9 个" in find(By.ID, "notice").text
    assert find(By.ID, "recovery-left").text.startswith("9 / 10")
    driver.save_screenshot(str(shots / "console-account-recovered.png"))  # type: ignore[attr-defined]
    find(By.ID, "logout").click()
    wait.until(ec.url_to_be(server.url + "/console/login"))
    # Used once: refused the second time.
    log_in("wangfang")
    wait.until(ec.url_to_be(server.url + "/console/login/totp"))
    find(By.ID, "code").send_keys(codes[0])
    find(By.ID, "submit").click()
    wait.until(ec.presence_of_element_located((By.ID, "message")))
    assert "不对或已用过" in find(By.ID, "message").text
    with server.db.read() as conn:
        audit = [r.action for r in conn.execute(select(s.staff_audit.c.action))]
    assert {"totp_enrolled", "recovery_code_used", "totp_bad"} <= set(audit)
