"""What the benchmarks' desk child processes share: the demo station with the simulated card
reader set up, Qt settings kept beside it, and the real desk opened and logged in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station


def keep_settings_in(folder: Path) -> None:
    """Qt settings (printer, window state) in an ini file under ``folder``, not the user's."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "qs"))


def demo_with_reader(data_dir: Path, port: str) -> tuple[Station, Actor, tuple[str, str]]:
    """The demo station (no generated residents) with the serial card reader on ``port``; the
    open station, the demo worker logged in, and the worker's user name and password."""
    from stationdesk.services import auth, settings, setup

    station = setup.open_or_create_demo(data_dir, residents=0)
    user, _name, password = setup.DEMO_ADMIN
    admin = auth.login(station, user, password)
    worker_name, _n, _r, worker_password = setup.DEMO_WORKERS[0]
    worker = auth.login(station, worker_name, worker_password)
    settings.set_setting(station, admin, "card_reader_kind", "serial")
    settings.set_setting(station, admin, "card_reader_port", port)
    return station, worker, (worker_name, worker_password)


def open_desk(app: Any, data_dir: Path, login: tuple[str, str]) -> tuple[Any, Any, list[Any]]:
    """The real desk on ``data_dir``, logged in, its main window active and the reader ready;
    returns the desk, its main window and the list the desk reports its errors into."""
    from stationdesk.ui.app import DeskController
    from tests.helpers.keys import wait_until

    desk = DeskController(app, data_dir, demo=True)
    errors: list[BaseException] = []
    desk.report_error = errors.append
    desk.start()
    wait_until(lambda: desk.ready, 60, "the station to open")
    desk._login(*login)
    wait_until(lambda: desk.main_window is not None, 60, "the main window")
    win = desk.main_window
    assert win is not None
    win.activateWindow()
    wait_until(win.isActiveWindow, 10, "the main window active")
    wait_until(lambda: win.card_reader.label.text() == "读卡器：就绪", 10, "the reader")
    return desk, win, errors
