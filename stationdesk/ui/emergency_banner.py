"""The red banner across the desk while an emergency event is open: the event and how many of
its residents have been reached; it follows every change that lands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from stationdesk.domain.roles import Permission
from stationdesk.services import emergency

from .context import DeskContext, logged_in


class EmergencyBanner(QLabel):
    """Hidden while no event is open; ``refresh`` reads the totals off the GUI thread."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("emergencyBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(False)
        self.setVisible(False)
        self._serial = 0
        self.report: emergency.StatusReport | None = None

    def refresh(self) -> None:
        """Read whether an event is open and its totals again."""
        station, actor = logged_in(self.ctx)
        if not actor.can(Permission.HANDLE_MATTERS):  # an administrator sees no residents
            return
        self._serial += 1
        serial = self._serial

        def load() -> emergency.StatusReport | None:
            if emergency.current_event(station, actor) is None:
                return None
            return emergency.status(station, actor)

        def show(report: emergency.StatusReport | None) -> None:
            if serial == self._serial:
                self.show_report(report)

        self.ctx.runner.run(load, show, lambda _exc: None, owner=self)

    def show_report(self, report: emergency.StatusReport | None) -> None:
        """Show the open event's line, or hide the banner when none is open."""
        self.report = report
        if report is None:
            self.setVisible(False)
            return
        e = report.event
        self.setText(
            self.tr("Emergency: %1 「%2」 %3 · reached %4/%5")
            .replace("%1", e.kind_zh)
            .replace("%2", e.name)
            .replace("%3", e.level_zh)
            .replace("%4", str(report.reached))
            .replace("%5", str(report.total))
        )
        self.setVisible(True)
