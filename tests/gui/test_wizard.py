"""The first-run wizard, step by step: every step validates inline and blocks Next until fixed.

Set STATIONDESK_SCREENSHOTS=<folder> to save a picture of every step while the test runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from stationdesk.secrets import keys
from stationdesk.services.enrolment import SYNC_TOKEN
from stationdesk.services.settings import get_setting
from stationdesk.services.station import station_exists
from stationdesk.ui import wizard as wizard_module
from tests.helpers.desk import type_text

TOKEN = "enrol-7f3a9c2e5b1d4068"


@pytest.fixture
def printers(monkeypatch):
    """Two printers the 'system' knows, the second its default."""
    monkeypatch.setattr(
        wizard_module,
        "system_printers",
        lambda: (["Office-Laser", "HP-Front-Desk"], "HP-Front-Desk"),
    )


def snap(wizard, name: str) -> None:
    folder = os.environ.get("STATIONDESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        wizard.grab().save(str(Path(folder) / f"{name}.png"))


def next_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def finish_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_every_step_validates_inline_and_the_station_is_created(
    qtbot, make_desk, tmp_path: Path, printers
):
    proposed = tmp_path / "proposed"
    desk = make_desk(proposed)
    desk.start()
    wizard = desk.wizard
    assert wizard is not None and wizard.isVisible()
    assert desk.login_window is None
    assert wizard.currentPage() is wizard.intro_page
    snap(wizard, "0-welcome")
    wizard.next()

    # 1. station code and name
    page = wizard.station_page
    assert wizard.currentPage() is page and not next_enabled(wizard)
    qtbot.keyClicks(page.code, "SY-01")
    assert not page.ready() and not next_enabled(wizard)
    assert page.message.text() == "站点编码应为4-12位字母或数字。"
    snap(wizard, "1-station-invalid")
    page.code.clear()
    qtbot.keyClicks(page.code, "sy0909")
    type_text(qtbot, page.name, "海湾社区党群服务站")
    assert page.ready() and next_enabled(wizard) and page.message.text() == ""
    snap(wizard, "1-station")
    wizard.next()

    # 2. the admin account
    admin = wizard.admin_page
    assert wizard.currentPage() is admin
    type_text(qtbot, admin.display_name, "刘管理")
    qtbot.keyClicks(admin.password, "short")
    assert not admin.ready() and not next_enabled(wizard)
    assert "至少8位" in admin.message.text()
    admin.password.clear()
    qtbot.keyClicks(admin.password, "good-password-1")
    qtbot.keyClicks(admin.repeat, "good-password-2")
    assert not admin.ready() and admin.message.text() == "两次输入的密码不一致。"
    admin.repeat.clear()
    qtbot.keyClicks(admin.repeat, "good-password-1")
    assert admin.ready() and next_enabled(wizard)
    snap(wizard, "2-admin")
    wizard.next()

    # 3. the district link: optional, but both parts or neither
    district = wizard.district_page
    assert wizard.currentPage() is district
    assert next_enabled(wizard), "an empty district step can be skipped"
    qtbot.keyClicks(district.url, "ftp://district")
    assert not next_enabled(wizard) and "网址" in district.message.text()
    district.url.clear()
    qtbot.keyClicks(district.url, "https://sync.example.com/")
    assert not next_enabled(wizard)
    assert district.message.text() == "请再填写接入令牌，或清空服务器地址。"
    qtbot.keyClicks(district.token, "abc")
    assert not next_enabled(wizard) and "8-512" in district.message.text()
    snap(wizard, "3-district-invalid")
    district.token.clear()
    qtbot.keyClicks(district.token, TOKEN)
    assert next_enabled(wizard) and district.message.text() == ""
    snap(wizard, "3-district")
    wizard.next()

    # 4. the default printer, listed off the GUI thread
    printer = wizard.printer_page
    assert wizard.currentPage() is printer
    qtbot.waitUntil(lambda: printer.loaded, timeout=5_000)
    assert printer.chosen() == "HP-Front-Desk", "the system default is proposed"
    assert printer.printer.count() == 3  # none + two printers
    printer.printer.setCurrentIndex(printer.printer.findData("Office-Laser"))
    assert next_enabled(wizard)
    snap(wizard, "4-printer")
    wizard.next()

    # 5. the data folder, checked on the task runner
    folder = wizard.folder_page
    assert wizard.currentPage() is folder
    assert folder.folder.text() == str(proposed)
    qtbot.waitUntil(lambda: folder.isComplete(), timeout=5_000)
    assert finish_enabled(wizard)
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x", encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.docx").write_text("x", encoding="utf-8")
    for bad, says in (
        (str(a_file), "是一个文件"),
        (str(busy), "不是空的"),
        ("relative/folder", "完整的文件夹路径"),
    ):
        folder.folder.setText(bad)
        assert not finish_enabled(wizard), "Finish waits for the check"
        qtbot.waitUntil(lambda says=says: says in folder.message.text(), timeout=5_000)
        assert not finish_enabled(wizard)
    snap(wizard, "5-data-folder-invalid")
    chosen = tmp_path / "D" / "站点数据"
    folder.folder.clear()
    qtbot.keyClicks(folder.folder, str(tmp_path / "D") + "/")
    type_text(qtbot, folder.folder, "站点数据")
    qtbot.waitUntil(lambda: folder.isComplete(), timeout=5_000)
    assert folder.message.text() == "" and finish_enabled(wizard)
    snap(wizard, "5-data-folder")

    assert not station_exists(chosen) and not station_exists(proposed)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: desk.ready, timeout=15_000)
    assert station_exists(chosen) and not station_exists(proposed)
    assert desk.data_dir == chosen
    assert desk.login_window.station_label.text() == "海湾社区党群服务站（SY0909）"
    assert get_setting(desk.station, "district_url") == "https://sync.example.com"
    assert keys.get_secret(desk.station.uid, SYNC_TOKEN) == TOKEN
    assert QSettings().value(wizard_module.PRINTER_KEY) == "Office-Laser"


def test_the_district_step_can_be_skipped(qtbot, make_desk, tmp_path: Path, printers):
    desk = make_desk(tmp_path / "station")
    desk.start()
    wizard = desk.wizard
    wizard.next()
    qtbot.keyClicks(wizard.station_page.code, "SY0101")
    type_text(qtbot, wizard.station_page.name, "星海社区")
    wizard.next()
    for edit in (wizard.admin_page.password, wizard.admin_page.repeat):
        qtbot.keyClicks(edit, "good-password-1")
    wizard.next()
    qtbot.keyClicks(wizard.district_page.url, "https://half.typed")
    assert not next_enabled(wizard)
    qtbot.mouseClick(wizard.district_page.skip, qtbot_button())
    assert wizard.currentPage() is wizard.printer_page
    assert wizard.values()["district_url"] == "" and wizard.values()["district_token"] == ""


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_demo_station_is_one_click_away(qtbot, make_desk, tmp_path: Path, monkeypatch):
    import stationdesk.services.paths as station_module

    demo_dir = tmp_path / "demo"
    monkeypatch.setattr(station_module, "demo_data_dir", lambda: demo_dir)
    desk = make_desk(tmp_path / "nothing-here")
    desk.start()
    wizard = desk.wizard
    demo = wizard.intro_page.findChild(type(wizard.district_page.skip), "openDemo")
    qtbot.mouseClick(demo, qtbot_button())
    qtbot.waitUntil(lambda: desk.ready, timeout=30_000)
    assert desk.demo and desk.data_dir == demo_dir
    assert "wangfang" in desk.login_window.demo_hint.text()
    assert not station_exists(tmp_path / "nothing-here")


def test_demo_station_shows_its_logins(qtbot, make_desk, tmp_path: Path):
    desk = make_desk(tmp_path / "demo", demo=True)
    desk.start()
    qtbot.waitUntil(lambda: desk.ready, timeout=30_000)
    hint = desk.login_window.demo_hint
    assert hint.isVisible()
    assert "wangfang" in hint.text() and "演示站点" in hint.text()
