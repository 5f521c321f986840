"""The main window: navigation, global search, pages and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from .context import DeskContext, logged_in
from .i18n import role_label
from .pages import cases
from .pages.certificates import CertificatesPage
from .pages.residents import ResidentsPage
from .pages.settings import SettingsPage
from .pages.stats import StatsPage
from .pages.sync import SyncPage
from .widgets import line_edit


def settings_page(ctx: DeskContext, parent: QWidget) -> SettingsPage:
    """The settings page, its language choice wired to the desk."""
    page = SettingsPage(ctx, parent)
    page.language_changed.connect(ctx.change_language)
    return page


class NavEntry(NamedTuple):
    """A navigation entry: its key, its title and what makes its page."""

    key: str
    title: str
    factory: Callable[[DeskContext, QWidget], QWidget]


class MainWindow(QMainWindow):
    """The desk a worker uses all day."""

    logout_requested = Signal()
    lock_requested = Signal()
    search_requested = Signal(str)

    def nav_entries(self) -> list[NavEntry]:
        """The pages in navigation order (Ctrl+1 ... Ctrl+6 follow it)."""
        return [
            NavEntry("residents", self.tr("Residents"), ResidentsPage),
            NavEntry("certificates", self.tr("Certificates"), CertificatesPage),
            NavEntry("cases", self.tr("Matters"), cases.create_page),
            NavEntry("sync", self.tr("Sync"), SyncPage),
            NavEntry("stats", self.tr("Statistics"), StatsPage),
            NavEntry("settings", self.tr("Settings"), settings_page),
        ]

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _station, actor = logged_in(ctx)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("stationdesk — %1").replace("%1", ctx.station_name))
        self.resize(1200, 760)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.pages = QStackedWidget(self)
        self.page_widgets: dict[str, QWidget] = {}
        entries = self.nav_entries()
        for i, entry in enumerate(entries):
            item = QListWidgetItem(entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(f"Ctrl+{i + 1}")
            self.nav.addItem(item)
            page = entry.factory(ctx, self)
            self.page_widgets[entry.key] = page
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.body = QWidget(self)
        body_layout = QHBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.nav)
        body_layout.addWidget(self.pages, 1)
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
        toolbar.addWidget(self.search)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
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
            act.triggered.connect(lambda _=False, row=i: self.nav.setCurrentRow(row))
            self.addAction(act)

        self.worker_label = QLabel(self)
        self.worker_label.setObjectName("statusWorker")
        self.station_label = QLabel(self)
        self.station_label.setObjectName("statusStation")
        self.sync_label = QLabel(self.tr("Sync: not set up"), self)
        self.sync_label.setObjectName("statusSync")
        status = self.statusBar()
        status.addWidget(self.worker_label)
        status.addWidget(self.station_label)
        status.addPermanentWidget(self.sync_label)
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

    def _search_edited(self, text: str) -> None:
        """Route the global search to the residents page (it debounces and runs off-thread)."""
        page = self.page_widgets["residents"]
        if isinstance(page, ResidentsPage):
            if text.strip():
                self.show_page("residents")
            page.search(text)
        self.search_requested.emit(text)

    def set_covered(self, covered: bool) -> None:
        """Hide the desk's content (while locked) or show it again."""
        self.body.setVisible(not covered)
        self.toolbar.setVisible(not covered)

    def is_covered(self) -> bool:
        return not self.body.isVisible()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(list(self.page_widgets).index(key))

    def current_page_key(self) -> str:
        return list(self.page_widgets)[self.nav.currentRow()]
