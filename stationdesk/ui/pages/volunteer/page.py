"""The 志愿服务 page (双报到): four tabs, 驻区单位, 在职党员, 活动 and 微心愿, switched with
Alt+1..4; each loads off the GUI thread and reloads when stored data changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from stationdesk.domain.roles import Permission

from ...context import DeskContext, logged_in
from ...widgets import focus_first_in, page_title, with_keys
from .activities import ActivitiesTab
from .common import ListTab
from .members import MembersTab
from .units import UnitsTab
from .wishes import WishesTab


class VolunteerPage(QWidget):
    """Units, members, activities with sign-in, and the wish wall."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("volunteerPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addWidget(page_title(self.tr("Volunteer service"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("volunteerTabs")
        self.units = UnitsTab(ctx, self.tabs)
        self.members = MembersTab(ctx, self.tabs)
        self.activities = ActivitiesTab(ctx, self.tabs)
        self.wishes = WishesTab(ctx, self.tabs)
        titles = (
            self.tr("Units"),
            self.tr("Party members"),
            self.tr("Activities"),
            self.tr("Wish wall"),
        )
        self.tab_list: list[ListTab] = [self.units, self.members, self.activities, self.wishes]
        for i, (tab, title) in enumerate(zip(self.tab_list, titles, strict=True)):
            self.tabs.addTab(tab, with_keys(title, f"Alt+{i + 1}"))
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, row=i: self.show_tab(row))
            self.addAction(action)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _i: self.data_changed())

    def show_tab(self, index: int) -> None:
        """Alt+<n>: that tab, the keyboard on its first control."""
        self.tabs.setCurrentIndex(index)
        self.focus_entry()

    def focus_entry(self) -> None:
        """Ctrl+8: the keyboard goes to the shown tab's first control (its sign-in box on 活动)."""
        tab = self.tabs.currentWidget()
        if tab is self.activities and self.activities.picker.isEnabled():
            self.activities.picker.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif tab is not None:
            focus_first_in(tab)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.data_changed()

    def data_changed(self) -> None:
        """Stored data changed: the tab on screen reads its list again."""
        tab = self.tabs.currentWidget()
        if isinstance(tab, ListTab):
            tab.reload()


class NoVolunteerPage(QWidget):
    """What a role that does not handle matters (the administrator) sees instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("volunteerPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addWidget(page_title(self.tr("Volunteer service"), self))
        layout.addWidget(QLabel(self.tr("Your role does not handle volunteer service."), self))
        layout.addStretch(1)


def create_page(ctx: DeskContext, parent: QWidget) -> QWidget:
    """The page for the worker logged in."""
    _station, actor = logged_in(ctx)
    if not actor.can(Permission.HANDLE_MATTERS):
        return NoVolunteerPage(parent)
    return VolunteerPage(ctx, parent)
