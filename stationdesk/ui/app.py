"""The desk controller: start-up, first run, login, idle lock, logout and the main window.

Nothing heavy is imported before the login window shows: the station is opened (keyring,
backup, migrations) on the writer thread while the window is already on screen.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from . import i18n
from .lock import LockDialog
from .login import LoginWindow
from .tasks import TaskRunner
from .widgets import window_title

if TYPE_CHECKING:
    from stationdesk.services.actor import Actor
    from stationdesk.services.backup import BackupInfo
    from stationdesk.services.firstrun import FirstRun
    from stationdesk.services.settings import StationInfo
    from stationdesk.services.station import Station
    from stationdesk.services.sync import SyncStatus

    from .main_window import MainWindow
    from .sync_agent import SyncAgent
    from .wizard import FirstRunWizard

log = logging.getLogger(__name__)

# How long a worker thread running Python may keep the GIL while the GUI thread waits for it
# (CPython's default is 5 ms, paid again each time the GUI thread runs a slot during a sync).
GIL_SWITCH_INTERVAL_S = 0.001

# How long after login the heap is frozen: well after the main window's first frame is drawn
FREEZE_DELAY_MS = 500

# What the main window needs at login, imported on the pool while the worker types the password
# (otherwise the GUI thread would spend about a second on these imports after argon2)
LOGIN_MODULES = ("stationdesk.ui.sync_agent", "stationdesk.ui.main_window")

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Fires ``idle`` after a period with no keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, app: QApplication, interval_ms: int) -> None:
        super().__init__(app)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle.emit)
        app.installEventFilter(self)

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


def import_login_modules() -> None:
    """Import the main window's modules ahead of login (run off the GUI thread)."""
    for name in LOGIN_MODULES:
        importlib.import_module(name)


def freeze_long_lived_objects() -> None:
    """Collect once, then keep everything alive now out of later full garbage collections.

    A full collection runs on whichever thread happens to allocate (often the sync worker) and
    holds the GIL while it walks every tracked object. After login that is about 175,000
    objects (modules, Qt wrappers, the pages), so each one stopped the GUI thread for about
    100 ms during a large sync (benchmark P6). These objects live until logout anyway; frozen,
    a full collection only walks what was made since (a few milliseconds).
    """
    gc.collect()
    gc.freeze()


class DeskController(QObject):
    """Owns the station, the logged-in worker and the top-level windows.

    It is the ``DeskContext`` the main window, its pages and the sync agent are given.

    ``freeze_heap``: freeze the long-lived objects after login and release them at logout (the
    app does; tests, which share one process, leave the collector alone).
    """

    station_opened = Signal()
    main_window_shown = Signal(object)

    AUTO_BACKUP_CHECK_MS = 60 * 60 * 1000  # a backup is made when the last is a day old

    def __init__(
        self,
        app: QApplication,
        data_dir: Path,
        *,
        demo: bool,
        remember_location: bool = False,
        freeze_heap: bool = False,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.freeze_heap = freeze_heap
        self.data_dir = data_dir
        self.demo = demo
        # whether a data folder chosen in the wizard is noted for the next start (no --data-dir)
        self.remember_location = remember_location
        self.runner = TaskRunner(self)
        self.runner.changed.connect(self._data_changed)
        self.station: Station | None = None
        self.actor: Actor | None = None
        self.station_code = ""
        self.station_name = ""
        self.idle_lock_minutes = 10
        self.idle_interval_override_ms: int | None = None
        self.ready = False  # the station is open and its facts are shown
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.lock_dialog: LockDialog | None = None
        self.sync_agent: SyncAgent | None = None  # created at login
        self.idle = IdleWatcher(app, 10 * 60 * 1000)
        self.idle.idle.connect(self.lock)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(self.AUTO_BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.run_automatic_backup)
        self.freeze_timer = QTimer(self)  # freezes the heap once the main window is drawn
        self.freeze_timer.setSingleShot(True)
        self.freeze_timer.setInterval(FREEZE_DELAY_MS)
        self.freeze_timer.timeout.connect(freeze_long_lived_objects)
        app.aboutToQuit.connect(self._shutdown)

    # -- start ------------------------------------------------------------------------------
    def start(self) -> None:
        """Show the first window: the wizard when no station exists, else the login window."""
        from stationdesk.services.paths import rebuild_pending, station_exists

        # a rebuild from the district that stopped half-way goes on in the wizard
        if not self.demo and (not station_exists(self.data_dir) or rebuild_pending(self.data_dir)):
            self._show_wizard()
        else:
            self._show_login()

    def _show_wizard(self) -> None:
        from .wizard import FirstRunWizard

        self.wizard = FirstRunWizard(str(self.data_dir), self.runner)
        self.wizard.create_requested.connect(self._create_station)
        self.wizard.demo_requested.connect(self._switch_to_demo)
        self.wizard.rejected.connect(self.app.quit)
        self.wizard.show()

    def _create_station(self, values: dict[str, str]) -> None:
        wizard = self.wizard
        assert wizard is not None
        remember = self.remember_location

        def create() -> FirstRun:
            from stationdesk.services.firstrun import FirstRunChoices, start_first_station

            texts = {key: text for key, text in values.items() if key != "data_dir"}
            choices = FirstRunChoices(**texts, data_dir=Path(values["data_dir"]))
            return start_first_station(choices, remember_location=remember)

        def done(made: FirstRun) -> None:
            station = made.station
            self.data_dir = station.paths.root
            wizard.creation_done()
            wizard.deleteLater()
            self.wizard = None
            self._show_login()
            self._station_ready(station)
            if made.new_signing_key:
                self._tell_new_signing_key(values.get("code", ""), made.new_signing_key)

        def failed(exc: BaseException) -> None:
            wizard.creation_failed(i18n.error_text(exc))

        self.runner.write(create, done, failed)

    def _tell_new_signing_key(self, code: str, public_key: str) -> None:
        """After a rebuild: the old signing key was lost with the old PC, a new one was made."""
        box = QMessageBox(
            QMessageBox.Icon.Information,
            window_title(self.tr("New signing key")),
            self.tr(
                "A new certificate signing key was made for this station: the old one was lost "
                "with the old computer. Certificates issued before still verify. Certificates "
                "signed with the new key verify on the district platform once the district "
                "approves the key (stationdesk district approve-key %1; key begins %2)."
            )
            .replace("%1", code)
            .replace("%2", public_key[:16]),
            QMessageBox.StandardButton.Ok,
            self.login_window,
        )
        box.setObjectName("newSigningKeyBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _switch_to_demo(self) -> None:
        from stationdesk.services.paths import demo_data_dir

        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None
        self.data_dir = demo_data_dir()
        self.demo = True
        self._show_login()

    def _show_login(self) -> None:
        self.login_window = LoginWindow()
        self.login_window.login_requested.connect(self._login)
        self.login_window.show()
        if self.station is None:
            data_dir, demo = self.data_dir, self.demo

            def open_it() -> Station:
                from stationdesk.services.setup import open_or_create_demo
                from stationdesk.services.station import open_station

                return open_or_create_demo(data_dir) if demo else open_station(data_dir)

            # open (keyring, backup, migrations) once the window is on screen
            QTimer.singleShot(
                0, lambda: self.runner.write(open_it, self._station_ready, self._station_failed)
            )
        else:
            self._station_ready(self.station)

    def _station_ready(self, station: Station) -> None:
        self.station = station

        def facts() -> tuple[StationInfo, Any]:
            from stationdesk.services.settings import get_setting, station_info

            return station_info(station), get_setting(station, "idle_lock_minutes")

        def show(result: tuple[StationInfo, Any]) -> None:
            info, minutes = result
            self.station_code, self.station_name = info.code, info.name
            self.set_idle_lock_minutes(int(minutes))
            demo_accounts = []
            if info.demo:
                from stationdesk.services.setup import DEMO_ADMIN, DEMO_WORKERS

                demo_accounts = [
                    (u, pw, i18n.role_label(role)) for u, _n, role, pw in DEMO_WORKERS
                ] + [(DEMO_ADMIN[0], DEMO_ADMIN[2], i18n.role_label("admin"))]
            if self.login_window is not None:
                self.login_window.station_ready(info.code, info.name, demo_accounts)
            self.ready = True
            self.station_opened.emit()

        self.runner.run(facts, show, self._station_failed)
        self.runner.run(import_login_modules, None, self._prefetch_failed)
        self.run_automatic_backup()
        self.backup_timer.start()

    # -- daily backup -----------------------------------------------------------------------
    def run_automatic_backup(self) -> None:
        """Make the daily backup if it is due, on the pool (it only reads the database)."""
        station = self.station
        if station is None or station.demo:
            return

        def make() -> BackupInfo | None:
            from stationdesk.services.backup import automatic_backup

            return automatic_backup(station)

        def failed(exc: BaseException) -> None:
            log.error("automatic backup failed: %s", type(exc).__name__)

        self.runner.run(make, None, failed)

    def station_restored(self, station: Station) -> None:
        """Adopt the station reopened by a restore and ask everyone to log in again."""
        self.station = station
        self.logout()

    def _prefetch_failed(self, exc: BaseException) -> None:
        # harmless: the GUI thread imports them at login and reports any real error then
        log.warning("login modules not imported ahead: %s", type(exc).__name__)

    def _station_failed(self, exc: BaseException) -> None:
        log.error("station could not be opened: %s", type(exc).__name__)
        if self.login_window is not None:
            self.login_window.station_failed(i18n.error_text(exc))

    # -- login / logout ---------------------------------------------------------------------
    def _login(self, username: str, password: str) -> None:
        station = self.station
        assert station is not None

        def attempt() -> Actor:
            from stationdesk.services.auth import login

            return login(station, username, password)

        self.runner.write(attempt, self._logged_in, self._login_failed)

    def _login_failed(self, exc: BaseException) -> None:
        if self.login_window is not None:
            self.login_window.login_failed(i18n.error_text(exc))

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self._ensure_sync_agent()
        self._open_main_window()
        if self.login_window is not None:
            self.login_window.close()
            self.login_window.deleteLater()
            self.login_window = None
        self.idle.start()
        self._start_sync()
        if self.freeze_heap:  # once the window's first frame is drawn
            self.freeze_timer.start()

    def _ensure_sync_agent(self) -> None:
        from .sync_agent import SyncAgent

        if self.sync_agent is None:
            self.sync_agent = SyncAgent(self, self)
            self.sync_agent.status_changed.connect(self._show_sync_status)
            self.sync_agent.finished.connect(lambda _result: self.runner.announce())

    def _start_sync(self) -> None:
        """Background sync on a timer (network and writes off the GUI thread) + status label."""
        self._ensure_sync_agent()
        if self.sync_agent is not None:
            self.sync_agent.start()

    def _data_changed(self) -> None:
        """Writes or a sync landed: the status bar's counts and the page on screen follow."""
        if self.actor is None:
            return
        if self.sync_agent is not None:
            self.sync_agent.refresh_status()
        if self.main_window is not None:
            self.main_window.data_changed()

    def _show_sync_status(self, status: SyncStatus) -> None:
        if self.main_window is not None and self.sync_agent is not None:
            self.main_window.sync_label.setText(self.sync_agent.status_text(status))

    def _open_main_window(self, page: str | None = None) -> None:
        from .main_window import MainWindow

        window = MainWindow(self)
        window.logout_requested.connect(self.logout)
        window.lock_requested.connect(self.lock)
        if page:
            window.show_page(page)
        from .screen import show_main_window

        show_main_window(window)  # a station PC's small screen is filled
        self.main_window = window
        self.main_window_shown.emit(window)

    def logout(self) -> None:
        self.freeze_timer.stop()
        if self.freeze_heap:  # the closing window's objects become collectable again
            gc.unfreeze()
        self.idle.stop()
        if self.sync_agent is not None:
            self.sync_agent.stop()
        self.actor = None
        if self.lock_dialog is not None:
            self.lock_dialog.done(0)
            self.lock_dialog = None
        if self.main_window is not None:
            self.main_window.close()
            self.main_window.deleteLater()
            self.main_window = None
        self._show_login()

    # -- idle lock --------------------------------------------------------------------------
    def set_idle_lock_minutes(self, minutes: int) -> None:
        self.idle_lock_minutes = minutes
        interval = self.idle_interval_override_ms or minutes * 60 * 1000
        self.idle.set_interval(interval)

    def lock(self) -> None:
        window, actor = self.main_window, self.actor
        if window is None or actor is None or self.lock_dialog is not None:
            return
        self.idle.stop()
        dialog = LockDialog(actor.display_name, window)
        dialog.unlock_requested.connect(self._unlock)
        dialog.switch_user.connect(self.logout)
        self.lock_dialog = dialog
        window.set_covered(True)
        dialog.open()

    def _unlock(self, password: str) -> None:
        station, actor, window = self.station, self.actor, self.main_window
        assert station is not None and actor is not None and window is not None

        def check() -> bool:
            from stationdesk.services.auth import verify_password

            return verify_password(station, actor, password)

        def done(ok: bool) -> None:
            if self.lock_dialog is None:
                return
            if ok:
                self.lock_dialog.done(1)
                self.lock_dialog = None
                window.set_covered(False)
                self.idle.start()
            else:
                self.lock_dialog.failed(self.tr("Wrong password."))

        def failed(exc: BaseException) -> None:
            if self.lock_dialog is not None:
                self.lock_dialog.failed(i18n.error_text(exc))

        self.runner.write(check, done, failed)

    # -- shared helpers for pages -----------------------------------------------------------
    def report_error(self, exc: BaseException) -> None:
        """Tell the user a background task failed, without blocking the event loop."""
        log.warning("task failed: %s", type(exc).__name__)
        parent: QWidget | None = self.main_window
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            window_title(self.tr("Could not complete")),
            i18n.error_text(exc),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = exc
        box.open()

    def change_language(self, code: str) -> None:
        i18n.install(self.app, code)
        if self.main_window is not None:
            page = self.main_window.current_page_key()
            old = self.main_window
            self._open_main_window(page)
            old.close()
            old.deleteLater()

    def about_text(self) -> str:
        import stationdesk

        revision = self.station.migration.to_revision if self.station else "?"
        return (
            f"<b>stationdesk {stationdesk.__version__}</b><br>"
            + self.tr("Data folder: %1").replace("%1", str(self.data_dir))
            + "<br>"
            + self.tr("Database schema: %1").replace("%1", str(revision))
        )

    def _shutdown(self) -> None:
        self.idle.stop()
        self.backup_timer.stop()
        if self.sync_agent is not None:
            self.sync_agent.stop()
        self.runner.shutdown()
        if self.station is not None:
            self.station.close()


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with our identity, style, font and translations."""
    from stationdesk.resources import resource_path

    from .fonts import install_desk_font

    app = cast(QApplication, QApplication.instance() or QApplication(argv))
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)  # the GUI thread gets the GIL back sooner
    if app.style().name().lower() != "fusion":  # Linux has it already (setStyle costs ~6 ms)
        app.setStyle("Fusion")  # the same look on Windows, UOS/Kylin and the test machines
    app.setOrganizationName("stationdesk")
    app.setApplicationName("stationdesk")
    install_desk_font(app)  # with the shipped fallbacks for rare characters in names
    app.setStyleSheet(resource_path("style", "desk.qss").read_text(encoding="utf-8"))
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons", "stationdesk-256.png"))))
    app.setDesktopFileName("stationdesk")  # Wayland/X11 match the window to stationdesk.desktop
    i18n.install(app)
    return app
