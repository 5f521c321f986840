"""设置 (站点): the admin types the station address prefix, checked inline, and saves it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stationdesk.services import settings
from tests.conftest import ADMIN_PASSWORD, WORKER_PASSWORD
from tests.helpers.desk import open_login, type_login, type_text

PREFIX = "大连市西岗区人民广场街道星海社区"


def settings_page(qtbot, make_desk, station, user: str, password: str):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, user, password)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    desk.main_window.show_page("settings")
    return desk.main_window.page_widgets["settings"]


def test_an_admin_sets_the_address_prefix_with_inline_checks(qtbot, make_desk, station):
    field = settings_page(qtbot, make_desk, station, "admin", ADMIN_PASSWORD).address_prefix
    assert field.edit.isEnabled() and not field.save.isEnabled()
    type_text(qtbot, field.edit, "街" * 61)
    assert "60" in field.message.text() and not field.save.isEnabled()
    field.edit.clear()
    type_text(qtbot, field.edit, PREFIX)
    assert field.message.text() == "" and field.save.isEnabled()
    qtbot.mouseClick(field.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.status.text() != "", timeout=10_000)
    assert settings.get_setting(station.station, "station_address_prefix") == PREFIX


def test_a_worker_sees_the_prefix_but_cannot_change_it(qtbot, make_desk, station):
    settings.set_setting(station.station, station.admin, "station_address_prefix", PREFIX)
    field = settings_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD).address_prefix
    qtbot.waitUntil(lambda: field.edit.text() == PREFIX, timeout=10_000)
    assert not field.edit.isEnabled() and not field.save.isVisible()
