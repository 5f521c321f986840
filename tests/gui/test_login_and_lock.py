"""Login, lockout, idle lock and the main window, driven like a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from tests.conftest import WORKER_PASSWORD
from tests.helpers.desk import open_login, type_login


def test_login_window_shows_the_station_in_chinese(qtbot, make_desk, station):
    _desk, login = open_login(qtbot, make_desk, station)
    assert login.station_label.text() == "星海社区党群服务站（SY0101）"
    assert login.button.text() == "登录"
    assert not login.button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(login.username, "wangfang")
    assert not login.button.isEnabled()
    qtbot.keyClicks(login.password, "x")
    assert login.button.isEnabled()


def test_wrong_password_shows_an_inline_error(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "wangfang", "wrong-password")
    qtbot.waitUntil(lambda: login.error.isVisible(), timeout=10_000)
    assert login.error.text() == "用户名或密码错误。"
    assert desk.main_window is None
    assert login.password.text() == ""


def test_right_password_opens_the_main_window(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    win = desk.main_window
    assert win.isVisible()
    assert "王芳" in win.findChild(QLabel, "statusWorker").text()
    assert "全科社工" in win.findChild(QLabel, "statusWorker").text()
    assert "SY0101" in win.findChild(QLabel, "statusStation").text()
    nav = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert nav == ["居民", "证明", "事项", "同步", "统计", "设置", "应急", "志愿服务"]
    assert desk.login_window is None


def test_five_failures_lock_the_account(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    for attempt in range(5):
        type_login(qtbot, login, "wangfang", f"bad-{attempt}-password")
        qtbot.waitUntil(
            lambda: login.error.isVisible() and login.username.isEnabled(), timeout=10_000
        )
        login.error.setVisible(False)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: login.error.isVisible() and login.username.isEnabled(), timeout=10_000)
    assert "锁定" in login.error.text()
    assert desk.main_window is None


def test_idle_lock_covers_the_desk_until_the_password(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station, idle_ms=300)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    win = desk.main_window
    qtbot.waitUntil(
        lambda: desk.lock_dialog is not None and desk.lock_dialog.isVisible(), timeout=5_000
    )
    assert win.is_covered() and not win.search.isVisible()
    dialog = desk.lock_dialog
    field = dialog.findChild(QLineEdit, "unlockPassword")
    qtbot.keyClicks(field, "not-my-password")
    qtbot.mouseClick(dialog.findChild(QPushButton, "unlockButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "密码错误。"
    assert desk.lock_dialog is dialog
    desk.idle_interval_override_ms = None
    desk.set_idle_lock_minutes(10)
    qtbot.keyClicks(field, WORKER_PASSWORD)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.lock_dialog is None, timeout=10_000)
    assert not win.is_covered()


def test_keyboard_shortcuts_navigate_and_focus_search(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    win = desk.main_window
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page_key() == "cases"
    qtbot.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page_key() == "settings"
    qtbot.keyClick(win, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert win.search.hasFocus()


def test_english_can_be_chosen_in_settings(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    desk.main_window.show_page("settings")
    combo = desk.main_window.page_widgets["settings"].language
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    win = desk.main_window
    assert win.current_page_key() == "settings"
    assert [win.nav.item(i).text() for i in range(3)] == ["Residents", "Certificates", "Matters"]
    from stationdesk.ui import i18n

    i18n.install(desk.app, "zh_CN")


def test_logout_returns_to_login(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    desk.logout()
    assert desk.main_window is None and desk.actor is None
    assert desk.login_window is not None and desk.login_window.isVisible()
