"""Driving the desk like a user: typing (with an input method for Chinese) and signing in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import StationFixture


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: ASCII as key presses, Chinese as input-method commits (as an IME does)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ord(ch) < 128:
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def start_desk(qtbot, desk):
    """Start the desk and wait until it is ready; return its login window."""
    desk.start()
    qtbot.waitUntil(lambda: desk.ready, timeout=10_000)
    return desk.login_window


def open_login(qtbot, make_desk, station: StationFixture, **kw):
    """A desk on the test station, started, with its login window showing."""
    desk = make_desk(station.station.paths.root, **kw)
    login = start_desk(qtbot, desk)
    assert login is not None and login.isVisible()
    return desk, login


def type_login(qtbot, login, user: str, password: str) -> None:
    """Type a user name and password into the login window and press Return."""
    login.username.clear()
    login.password.clear()
    qtbot.keyClicks(login.username, user)
    qtbot.keyClicks(login.password, password)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)


def log_in(qtbot, desk, user: str, password: str):
    """Start the desk, sign in as a user would, and return the main window once it shows."""
    type_login(qtbot, start_desk(qtbot, desk), user, password)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    return desk.main_window
