"""The main window: navigation, global search, pages and the status bar.

Only the residents page is built with the window; every other page is built the first time it
is shown (or asked for through ``page_widgets``), so login reaches a usable window quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission

from .context import DeskContext, logged_in
from .emergency_banner import EmergencyBanner
from .i18n import role_label
from .pages.residents import ResidentsPage
from .screen import keep_on_screen
from .widgets import focus_first_in, keyboard_back_on_close, line_edit, window_title

if TYPE_CHECKING:
    from stationdesk.services.sync import SyncResult

# The page modules other than the residents page are imported when their page is first built.


def certificates_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages.certificates import CertificatesPage

    return CertificatesPage(ctx, parent)


def cases_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages import cases

    return cases.create_page(ctx, parent)


def sync_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages.sync import SyncPage

    return SyncPage(ctx, parent)


def stats_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages.stats import StatsPage

    return StatsPage(ctx, parent)


def emergency_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages.emergency import EmergencyPage

    return EmergencyPage(ctx, parent)


def volunteer_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    from .pages import volunteer

    return volunteer.create_page(ctx, parent)


def settings_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    """The settings page, its language choice wired to the desk."""
    from .pages.settings import SettingsPage

    page = SettingsPage(ctx, parent)
    page.language_changed.connect(ctx.change_language)
    return page


@runtime_checkable
class LivePage(Protocol):
    """A page that shows stored data and reloads it when the desk says data changed."""

    def data_changed(self) -> None:
        """Reload what the page shows (off the GUI thread), keeping the worker's place."""


class NavEntry(NamedTuple):
    """A navigation entry: its key, its title and what makes its page."""

    key: str
    title: str
    factory: Callable[[DeskContext, QWidget], QWidget]


class PageMap(Mapping[str, QWidget]):
    """The window's pages by key, in navigation order; a page is built when first looked up."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, key: str) -> QWidget:
        return self._window.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._window.page_keys)

    def __len__(self) -> int:
        return len(self._window.page_keys)


class MainWindow(QMainWindow):
    """The desk a worker uses all day."""

    logout_requested = Signal()
    lock_requested = Signal()
    search_requested = Signal(str)

    def nav_entries(self) -> list[NavEntry]:
        """The pages in navigation order (Ctrl+1 ... Ctrl+8 follow it)."""
        return [
            NavEntry("residents", self.tr("Residents"), ResidentsPage),
            NavEntry("certificates", self.tr("Certificates"), certificates_page),
            NavEntry("cases", self.tr("Matters"), cases_page),
            NavEntry("sync", self.tr("Sync"), sync_page),
            NavEntry("stats", self.tr("Statistics"), stats_page),
            NavEntry("settings", self.tr("Settings"), settings_page),
            NavEntry("emergency", self.tr("Emergency"), emergency_page),
            NavEntry("volunteer", self.tr("Volunteer service"), volunteer_page),
        ]

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _station, actor = logged_in(ctx)
        self.setObjectName("mainWindow")
        self.setWindowTitle(window_title(ctx.station_name))
        keep_on_screen(self, centre=True)
        self.resize(1200, 760)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget(self)
        entries = self.nav_entries()
        self._entries = {entry.key: entry for entry in entries}
        self.page_keys = [entry.key for entry in entries]
        self._built: dict[str, QWidget] = {}
        self._stale: set[str] = set()  # built pages to reload when next shown
        self.page_widgets: Mapping[str, QWidget] = PageMap(self)
        self._last_sync_result: SyncResult | BaseException | None = None
        self.emergency_dialog: QWidget | None = None  # the start dialog, while open
        for i, entry in enumerate(entries):
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
            placeholder = QWidget(self.pages)  # stands in until the page is first shown
            placeholder.setObjectName(f"pagePlaceholder_{entry.key}")
            self.pages.addWidget(placeholder)
        self.page(entries[0].key)  # the first page is what the worker sees at once
        self.nav.currentRowChanged.connect(self._show_row)
        agent = ctx.sync_agent
        if agent is not None:  # a sync page built later still shows the last result
            agent.finished.connect(self._remember_sync_result)

        self.body = QWidget(self)
        outer = QVBoxLayout(self.body)  # the emergency banner across the top, then the desk
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.emergency_banner = EmergencyBanner(ctx, self.body)
        outer.addWidget(self.emergency_banner)
        body_layout = QHBoxLayout()
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.nav)
        body_layout.addWidget(self.pages, 1)
        outer.addLayout(body_layout, 1)
        self.setCentralWidget(self.body)

        toolbar = self.toolbar = QToolBar(self.tr("Search"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.search = line_edit(
            toolbar,
            "globalSearch",
            placeholder=self.tr(
                "Search residents: name, pinyin, last digits of ID or phone, address (Ctrl+K)"
            ),
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(520)
        self.search.textEdited.connect(self._search_edited)
        self.search.returnPressed.connect(lambda: self._search_edited(self.search.text()))
        self.search.installEventFilter(self)  # Down goes on into the results
        toolbar.addWidget(self.search)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
        self.emergency_action = QAction(self.tr("Emergency mode"), self)
        self.emergency_action.setObjectName("startEmergency")
        self.emergency_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.emergency_action.setToolTip(self.tr("Start an emergency event (Ctrl+Shift+E)"))
        self.emergency_action.triggered.connect(self.start_emergency)
        self.emergency_action.setVisible(actor.can(Permission.HANDLE_MATTERS))
        toolbar.addAction(self.emergency_action)
        lock = QAction(self.tr("Lock"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested.emit)
        toolbar.addAction(lock)
        logout = QAction(self.tr("Log out"), self)
        logout.triggered.connect(self.logout_requested.emit)
        toolbar.addAction(logout)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        focus_search = QAction(self)
        focus_search.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        focus_search.triggered.connect(self.focus_search)
        self.addAction(focus_search)
        for i in range(len(entries)):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            act.triggered.connect(lambda _=False, row=i: self.go_to_page(row))
            self.addAction(act)

        self.worker_label = QLabel(self)
        self.worker_label.setObjectName("statusWorker")
        self.station_label = QLabel(self)
        self.station_label.setObjectName("statusStation")
        self.sync_label = QLabel(self.tr("Sync: not set up"), self)
        self.sync_label.setObjectName("statusSync")
        self.busy_label = QLabel(self.tr("Saving…"), self)
        self.busy_label.setObjectName("statusBusy")
        self.busy_label.setVisible(False)
        self._busy_timer = QTimer(self)  # a quick write never flashes the label
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(lambda: self.busy_label.setVisible(True))
        status = self.statusBar()
        status.addWidget(self.worker_label)
        status.addWidget(self.station_label)
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.sync_label)
        ctx.runner.writing.connect(self._writing)
        self.worker_label.setText(
            self.tr("Worker: %1 (%2)")
            .replace("%1", actor.display_name)
            .replace("%2", role_label(actor.role))
        )
        self.station_label.setText(
            self.tr("Station: %1 %2")
            .replace("%1", ctx.station_code)
            .replace("%2", ctx.station_name)
        )
        self.nav.setCurrentRow(0)
        from .card_reader import CardReaderHook

        self.card_reader = CardReaderHook(self, ctx)  # a card placed opens its resident
        self.emergency_banner.refresh()

    def start_emergency(self) -> None:
        """Ctrl+Shift+E: the 应急 page when an event is open, else the dialog that starts one
        (the page opens once it has started)."""
        if self.emergency_banner.report is not None:
            self.show_page("emergency")
            return
        from .pages.emergency_dialogs import StartEmergencyDialog

        dialog = StartEmergencyDialog(self.ctx, self)
        dialog.started.connect(self._emergency_started)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keyboard_back_on_close(dialog)
        self.emergency_dialog = dialog
        dialog.open()

    def _emergency_started(self, _info: object) -> None:
        self.emergency_banner.refresh()
        self.go_to_page(self.page_keys.index("emergency"))

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built (in place of its placeholder) on first use."""
        page = self._built.get(key)
        if page is not None:
            return page
        entry = self._entries[key]  # KeyError for an unknown key, as a dict would
        index = self.page_keys.index(key)
        page = entry.factory(self.ctx, self)
        self._built[key] = page
        placeholder = self.pages.widget(index)
        assert placeholder is not None
        on_screen = self.pages.currentWidget() is placeholder
        self.pages.insertWidget(index, page)
        if on_screen:  # never let the stack fall back on a neighbour page while swapping
            self.pages.setCurrentWidget(page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        if key == "sync" and self._last_sync_result is not None:
            show_result = getattr(page, "show_result", None)
            if show_result is not None:
                show_result(self._last_sync_result)
        return page

    def page_built(self, key: str) -> bool:
        """Whether the page for ``key`` has been built yet."""
        return key in self._built

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.page_keys):
            key = self.page_keys[row]
            self.page(key)
            if key in self._stale:
                self._refresh(key)
        self.pages.setCurrentIndex(row)

    def data_changed(self) -> None:
        """Stored data changed: the page on screen reloads now, the other built pages when
        they are next shown."""
        self._stale.update(self._built)
        self.emergency_banner.refresh()
        if self.nav.currentRow() >= 0:
            current = self.current_page_key()
            if current in self._built:
                self._refresh(current)

    def _refresh(self, key: str) -> None:
        self._stale.discard(key)
        page = self._built[key]
        if isinstance(page, LivePage):
            page.data_changed()

    def _writing(self, writing: bool) -> None:
        if writing:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy_label.setVisible(False)

    def _remember_sync_result(self, result: SyncResult | BaseException) -> None:
        if not self.page_built("sync"):
            self._last_sync_result = result

    def _search_edited(self, text: str) -> None:
        """Route the global search to the residents page (it debounces and runs off-thread)."""
        page = self.page_widgets["residents"]
        if isinstance(page, ResidentsPage):
            if text.strip():
                self.show_page("residents")
            page.search(text)
        self.search_requested.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            return self.enter_results()
        return super().eventFilter(watched, event)

    def enter_results(self) -> bool:
        """Move the keyboard from the search box into the residents found (the first one
        selected); False when there is nothing to enter."""
        page = self.page_widgets["residents"]
        if not isinstance(page, ResidentsPage) or page.model.rowCount() == 0:
            return False
        self.show_page("residents")
        page.table.setFocus(Qt.FocusReason.TabFocusReason)
        if not page.table.currentIndex().isValid():
            page.table.selectRow(0)
        return True

    def set_covered(self, covered: bool) -> None:
        """Hide the desk's content (while locked) or show it again."""
        self.body.setVisible(not covered)  # the emergency banner with it
        self.toolbar.setVisible(not covered)

    def is_covered(self) -> bool:
        return not self.body.isVisible()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def go_to_page(self, row: int) -> None:
        """Ctrl+<n>: show the n-th page with the keyboard on its natural first field (the
        search box for the residents, a page's own ``focus_entry``, else its first field)."""
        self.nav.setCurrentRow(row)
        key = self.page_keys[row]
        if key == "residents":
            self.focus_search()
            return
        page = self.page(key)
        entry = getattr(page, "focus_entry", None)
        if callable(entry):
            entry()
        else:
            focus_first_in(page)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys.index(key))

    def current_page_key(self) -> str:
        return self.page_keys[self.nav.currentRow()]
