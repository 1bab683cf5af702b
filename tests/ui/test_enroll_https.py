"""The enroll form refuses plain HTTP to another machine unless the box is ticked."""

from __future__ import annotations

from typing import Any

from tests.ui.test_sync_view import show_sync_page


def test_the_enroll_form_refuses_plain_http_to_another_machine(qtbot: Any, main: Any) -> None:
    view = show_sync_page(qtbot, main)
    assert not view.enroll_allow_http.isChecked()  # HTTPS unless someone says otherwise
    view.enroll_url.setText("http://192.0.2.10:8080")  # refused before any packet is sent
    view.enroll_user.setText("wang")
    view.enroll_code.setText("ABCD-EFGH")
    with qtbot.waitSignal(view.enroll_failed, timeout=10_000) as failed:
        view.enroll_button.click()
    assert "只能用加密的 https://" in failed.args[0]
    assert "允许不加密的连接" in failed.args[0] and view.enroll_message.text() == failed.args[0]
