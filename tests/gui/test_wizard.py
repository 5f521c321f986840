"""The first-run wizard creates a real station; bad input keeps Next/Finish disabled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from stationdesk.services.station import station_exists
from tests.gui.conftest import type_text


def test_wizard_validates_inline_and_creates_the_station(qtbot, make_desk, tmp_path: Path):
    data_dir = tmp_path / "new-station"
    desk = make_desk(data_dir)
    desk.start()
    wizard = desk.wizard
    assert wizard is not None and wizard.isVisible()
    assert desk.login_window is None
    wizard.next()
    page = wizard.station_page
    qtbot.keyClicks(page.code, "SY-01")
    assert not page.ready() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.message.text() == "站点编码应为4-12位字母或数字。"
    page.code.clear()
    qtbot.keyClicks(page.code, "sy0909")
    type_text(qtbot, page.name, "海湾社区党群服务站")
    assert (
        page.ready()
        and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        and page.message.text() == ""
    )
    wizard.next()
    admin = wizard.admin_page
    type_text(qtbot, admin.display_name, "刘管理")
    qtbot.keyClicks(admin.password, "short")
    assert not admin.ready()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert "至少8位" in admin.message.text()
    admin.password.clear()
    qtbot.keyClicks(admin.password, "good-password-1")
    qtbot.keyClicks(admin.repeat, "good-password-2")
    assert not admin.ready() and admin.message.text() == "两次输入的密码不一致。"
    admin.repeat.clear()
    qtbot.keyClicks(admin.repeat, "good-password-1")
    assert admin.ready() and wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert not station_exists(data_dir)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: desk.ready, timeout=15_000)
    assert station_exists(data_dir)
    assert desk.login_window is not None
    assert desk.login_window.station_label.text() == "海湾社区党群服务站（SY0909）"


def test_demo_station_shows_its_logins(qtbot, make_desk, tmp_path: Path):
    desk = make_desk(tmp_path / "demo", demo=True)
    desk.start()
    qtbot.waitUntil(lambda: desk.ready, timeout=30_000)
    hint = desk.login_window.demo_hint
    assert hint.isVisible()
    assert "wangfang" in hint.text() and "演示站点" in hint.text()
