"""The 应急 page: the open emergency event's list of residents and its totals; keys 1-5 set
the check-off status of the selected resident."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.emergency import CheckStatus
from stationdesk.domain.roles import Permission
from stationdesk.services import emergency

from ..context import DeskContext, logged_in
from ..tables import fit_columns
from ..widgets import page_title

#: Keys 1-5 in the order of the statuses.
STATUS_KEYS = {
    Qt.Key.Key_1: CheckStatus.NOT_CONTACTED,
    Qt.Key.Key_2: CheckStatus.SAFE,
    Qt.Key.Key_3: CheckStatus.NEED_HELP,
    Qt.Key.Key_4: CheckStatus.RELOCATED,
    Qt.Key.Key_5: CheckStatus.UNREACHABLE,
}


class EmergencyPage(QWidget):
    """The open event's totals and list; 1-5 on a row record a check-off."""

    loaded = Signal(object)  # the list of EntryRow on screen (empty when no event is open)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("emergencyPage")
        self.rows: list[emergency.EntryRow] = []
        self._serial = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.addWidget(page_title(self.tr("Emergency mode"), self))
        self.summary = QLabel(self.tr("No emergency event is open."), self)
        self.summary.setObjectName("emergencySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.hint = QLabel(
            self.tr(
                "Keys 1-5 set the selected resident's status: 1 not contacted, 2 safe, "
                "3 needs help, 4 relocated, 5 unreachable."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("emergencyList")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Address"),
                self.tr("Grid"),
                self.tr("Responder"),
                self.tr("Status"),
                self.tr("Note"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.installEventFilter(self)
        fit_columns(self.table)
        layout.addWidget(self.table, 1)

    def status_label(self, status: CheckStatus) -> str:
        """A status as the page shows it."""
        labels = {
            CheckStatus.NOT_CONTACTED: self.tr("Not contacted"),
            CheckStatus.SAFE: self.tr("Contacted, safe"),
            CheckStatus.NEED_HELP: self.tr("Needs help"),
            CheckStatus.RELOCATED: self.tr("Relocated"),
            CheckStatus.UNREACHABLE: self.tr("Unreachable"),
        }
        return labels[status]

    # -- loading ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def data_changed(self) -> None:
        """Stored data changed: read the list again (the selected row is kept)."""
        self.reload()

    def reload(self) -> None:
        station, actor = logged_in(self.ctx)
        if not actor.can(Permission.HANDLE_MATTERS):  # an administrator checks on nobody
            self.summary.setText(self.tr("Your role does not take part in check-offs."))
            return
        self._serial += 1
        serial = self._serial

        def load() -> tuple[emergency.StatusReport | None, list[emergency.EntryRow]]:
            if emergency.current_event(station, actor) is None:
                return None, []
            return emergency.status(station, actor), emergency.list_entries(station, actor)

        def show(result: tuple[emergency.StatusReport | None, list[emergency.EntryRow]]) -> None:
            if serial == self._serial:
                self._show(*result)

        self.ctx.runner.run(load, show, self.ctx.report_error, owner=self)

    def _show(self, report: emergency.StatusReport | None, rows: list[emergency.EntryRow]) -> None:
        selected = self.selected()
        self.rows = rows
        if report is None:
            self.summary.setText(self.tr("No emergency event is open."))
        else:
            self.summary.setText(
                self.tr("%1: %2 residents, %3 reached, %4 need help, %5 unreachable (%6 overdue)")
                .replace("%1", report.event.name)
                .replace("%2", str(report.total))
                .replace("%3", str(report.reached))
                .replace("%4", str(report.need_help))
                .replace("%5", str(report.unreachable))
                .replace("%6", str(len(report.overdue)))
            )
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (
                r.name,
                r.address,
                r.grid or "",
                r.responder or "",
                self.status_label(r.status),
                r.note or "",
            )
            for column, value in enumerate(values):
                self.table.setItem(i, column, QTableWidgetItem(value))
        if selected is not None:
            for i, r in enumerate(rows):
                if r.resident_id == selected.resident_id:
                    self.table.selectRow(i)
                    break
        self.loaded.emit(rows)

    # -- check-offs ---------------------------------------------------------------------------
    def selected(self) -> emergency.EntryRow | None:
        """The row the worker is on, if any."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            status = STATUS_KEYS.get(Qt.Key(event.key()))
            if status is not None and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                self.set_status(status)
                return True
        return super().eventFilter(watched, event)

    def set_status(self, status: CheckStatus) -> None:
        """Record a check-off with this status on the selected resident."""
        row = self.selected()
        if row is None:
            return
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: emergency.check(station, actor, row.resident_id, status),
            lambda _entry: self.reload(),
            self.ctx.report_error,
            owner=self,
        )
