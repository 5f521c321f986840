"""The 设置 page of an installed station: daily backups, restore, district link, printer, about."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

import stationdesk
from stationdesk.domain.roles import Role
from stationdesk.secrets import keys
from stationdesk.services import settings, workers
from stationdesk.services.enrolment import SYNC_TOKEN
from stationdesk.store import migrate
from stationdesk.ui import wizard as wizard_module
from tests.conftest import ADMIN_PASSWORD, WORKER_PASSWORD
from tests.helpers.desk import open_login, type_login

TOKEN = "enrol-5d2c8e1f9a7b3046"


def settings_page(qtbot, make_desk, station, user="admin", password=ADMIN_PASSWORD):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, user, password)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    desk.main_window.show_page("settings")
    return desk, desk.main_window.page_widgets["settings"]


def test_a_daily_backup_is_made_at_start_and_can_be_restored(
    qtbot, make_desk, station, monkeypatch
):
    desk, page = settings_page(qtbot, make_desk, station)
    qtbot.waitUntil(lambda: page.backups_table.rowCount() >= 1, timeout=10_000)
    assert page.backups_table.item(0, 1).text() == "每日自动"
    assert not page.restore_selected.isEnabled(), "nothing selected yet"
    before = desk.station
    # something recorded after the backup, which the restore takes back
    workers.add_worker(before, station.admin, "later", Role.WORKER, "later-pass-1", "后来者")

    asked = []

    def answer_yes(*args, **kw):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    page.backups_table.selectRow(0)
    assert page.restore_selected.isEnabled()
    qtbot.mouseClick(page.restore_selected, Qt.MouseButton.LeftButton)
    assert asked and "同步之前不能出具证明" in asked[0]
    qtbot.waitUntil(
        lambda: desk.station is not before and desk.login_window is not None, timeout=15_000
    )
    assert desk.main_window is None, "everyone is logged out after a restore"
    restored = desk.station
    assert settings.get_setting(restored, "needs_sequence_floor") is True
    admin = station.admin
    names = [w.username for w in workers.list_workers(restored, admin)]
    assert "later" not in names and "wangfang" in names
    assert any(p.name.startswith("pre-restore-") for p in restored.paths.backups.iterdir())
    qtbot.waitUntil(lambda: desk.login_window._ready, timeout=10_000)
    type_login(qtbot, desk.login_window, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)


def test_declining_the_restore_changes_nothing(qtbot, make_desk, station, monkeypatch):
    desk, page = settings_page(qtbot, make_desk, station)
    qtbot.waitUntil(lambda: page.backups_table.rowCount() >= 1, timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    before = desk.station
    page.backups_table.selectRow(0)
    qtbot.mouseClick(page.restore_selected, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert desk.station is before and desk.main_window is not None
    assert settings.get_setting(before, "needs_sequence_floor") is False


def test_the_district_link_is_entered_later_with_inline_checks(qtbot, make_desk, station):
    desk, page = settings_page(qtbot, make_desk, station)
    qtbot.waitUntil(lambda: page.district_state.text() != "", timeout=10_000)
    assert page.district_state.text() == "尚未接入区平台：本站离线使用。"
    assert not page.district_save.isEnabled()
    qtbot.keyClicks(page.district_url, "https://sync.example.com")
    assert not page.district_save.isEnabled()
    assert "接入令牌" in page.district_message.text()
    qtbot.keyClicks(page.district_token, TOKEN)
    assert page.district_save.isEnabled() and page.district_message.text() == ""
    qtbot.mouseClick(page.district_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.district_state.text() == "已保存接入令牌。", timeout=10_000)
    assert page.district_token.text() == "", "the token is not shown again"
    assert settings.get_setting(desk.station, "district_url") == "https://sync.example.com"
    assert keys.get_secret(desk.station.uid, SYNC_TOKEN) == TOKEN


def test_the_backup_count_is_kept_as_set(qtbot, make_desk, station):
    desk, page = settings_page(qtbot, make_desk, station)
    qtbot.waitUntil(lambda: page.backup_keep.value() == 14, timeout=10_000)
    page.backup_keep.setValue(30)
    qtbot.mouseClick(page.backup_keep_save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.backup_status.text() == "已保存。", timeout=10_000)
    assert settings.get_setting(desk.station, "backup_keep") == 30


def test_a_social_worker_sees_neither_backups_nor_the_district_link(qtbot, make_desk, station):
    _desk, page = settings_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD)
    assert not hasattr(page, "backups_table") and not hasattr(page, "district_url")


def test_the_default_printer_is_kept_per_computer(qtbot, make_desk, station, monkeypatch):
    import stationdesk.ui.pages.settings as settings_ui

    monkeypatch.setattr(settings_ui, "system_printers", lambda: (["P1", "P2"], "P2"))
    QSettings().setValue(wizard_module.PRINTER_KEY, "P1")
    _desk, page = settings_page(qtbot, make_desk, station)
    qtbot.waitUntil(lambda: page.printer.isEnabled(), timeout=10_000)
    assert page.printer.currentData() == "P1"
    page.printer.setCurrentIndex(page.printer.findData("P2"))
    assert QSettings().value(wizard_module.PRINTER_KEY) == "P2"


def test_the_about_box_shows_version_data_folder_and_schema(qtbot, make_desk, station, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    desk, page = settings_page(qtbot, make_desk, station)
    page._about()
    text = shown[0]
    assert stationdesk.__version__ in text
    assert str(desk.data_dir) in text
    assert migrate.head_revision() in text
    assert str(desk.station.paths.backups) in text
