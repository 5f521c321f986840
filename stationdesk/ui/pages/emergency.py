"""The 应急 page: the open emergency event's list with one keystroke per status (1-5, the row
then moves on, so a paper sheet is entered one key per row), coverage per grid and overall, the
open 需要帮助 list, overdue 联系不上 in red; printing call sheets and ending the event."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.emergency import UNREACHABLE_TOO_LONG, CheckStatus
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_short
from stationdesk.services import emergency

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..tables import current_item, fill_row, list_table
from ..widgets import (
    exported_message,
    inline_error,
    keyboard_back_on_close,
    line_edit,
    page_title,
    push_button,
)
from .emergency_contacts import ContactsBox

#: Keys 1-5 in the order of the statuses.
STATUS_KEYS = {
    Qt.Key.Key_1: CheckStatus.NOT_CONTACTED,
    Qt.Key.Key_2: CheckStatus.SAFE,
    Qt.Key.Key_3: CheckStatus.NEED_HELP,
    Qt.Key.Key_4: CheckStatus.RELOCATED,
    Qt.Key.Key_5: CheckStatus.UNREACHABLE,
}
SIDE_WIDTH = 330


def _starts_a_code(event: QKeyEvent) -> bool:
    """A letter typed with no Ctrl or Alt: the start of a scanned code (SDEM:…), never a status."""
    plain = not event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    return plain and event.text().isascii() and event.text().isalpha()


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 // whole}%" if whole else "—"


class EmergencyPage(QWidget):
    """The open event's totals and list; 1-5 on a row record a check-off."""

    loaded = Signal(object)  # the list of EntryRow on screen (empty when no event is open)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("emergencyPage")
        self.rows: list[emergency.EntryRow] = []
        self.report: emergency.StatusReport | None = None
        self.stop_dialog: QWidget | None = None
        self._focus_pending = False
        self._serial = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Emergency mode"), self))
        top.addStretch(1)
        self.start_button = push_button(
            self, self.tr("Start emergency (Ctrl+Shift+E)"), "emergencyStartOpen", self._start
        )
        self.add_button = push_button(
            self, self.tr("Add to list…"), "emergencyAdd", self.ask_add, keys="Alt+A"
        )
        self.assign_button = push_button(
            self, self.tr("Assign"), "emergencyAssign", self.assign, keys="Alt+G"
        )
        self.reassign_button = push_button(
            self, self.tr("Give to…"), "emergencyReassign", self.ask_reassign, keys="Alt+R"
        )
        self.responders_button = push_button(
            self, self.tr("Responders…"), "emergencyResponders", self.ask_responders, keys="Alt+Y"
        )
        self.sheets_button = push_button(
            self, self.tr("Print call sheets"), "emergencySheets", self.print_sheets
        )
        self.stop_button = push_button(
            self, self.tr("End emergency…"), "emergencyStop", self.ask_stop
        )
        self.open_buttons = (
            self.add_button,
            self.assign_button,
            self.reassign_button,
            self.responders_button,
            self.sheets_button,
            self.stop_button,
        )
        for button in (self.start_button, *self.open_buttons):
            top.addWidget(button)
        layout.addLayout(top)
        self.summary = QLabel(self.tr("No emergency event is open."), self)
        self.summary.setObjectName("emergencySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.hint = QLabel(
            self.tr(
                "Keys on a row: 1 not contacted, 2 safe, 3 needs help (opens a case), "
                "4 relocated, 5 unreachable; the next row is then selected."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        scan_row = QHBoxLayout()
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        scan_row.addWidget(self.hint, 1)
        self.scan = line_edit(
            self,
            "emergencyScan",
            max_length=200,
            placeholder=self.tr("Scan a call sheet's QR code (Alt+S)"),
        )
        self.scan.setFixedWidth(SIDE_WIDTH)
        self.scan.returnPressed.connect(self._scanned)
        scan_key = QShortcut(QKeySequence("Alt+S"), self)
        scan_key.activated.connect(lambda: self.scan.setFocus(Qt.FocusReason.ShortcutFocusReason))
        scan_row.addWidget(self.scan)
        layout.addLayout(scan_row)
        self.message = inline_error(self)
        self.message.setObjectName("emergencyMessage")
        self.message.setVisible(False)
        layout.addWidget(self.message)
        body = QHBoxLayout()
        self.table = list_table(
            self,
            "emergencyList",
            [
                self.tr("Name"),
                self.tr("Address"),
                self.tr("Grid"),
                self.tr("Responder"),
                self.tr("Status"),
                self.tr("Note"),
            ],
            stretch=5,
        )
        self.table.installEventFilter(self)
        body.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Coverage by grid"), self))
        self.grid_table = list_table(
            self,
            "emergencyGrids",
            [self.tr("Grid"), self.tr("Reached"), self.tr("Coverage")],
            stretch=0,
        )
        self.grid_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side.addWidget(self.grid_table, 2)
        self.help_title = QLabel(self.tr("Needs help"), self)
        side.addWidget(self.help_title)
        self.help_table = list_table(
            self, "emergencyHelp", [self.tr("Name"), self.tr("Case")], stretch=0
        )
        self.help_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side.addWidget(self.help_table, 2)
        self.contacts = ContactsBox(self.ctx, self)
        side.addWidget(self.contacts)
        self.table.currentCellChanged.connect(lambda *_: self._contacts_follow())
        self.overdue_note = QLabel("", self)
        self.overdue_note.setObjectName("emergencyOverdueNote")
        self.overdue_note.setWordWrap(True)
        side.addWidget(self.overdue_note)
        holder = QWidget(self)
        holder.setLayout(side)
        holder.setFixedWidth(SIDE_WIDTH)
        side.setContentsMargins(0, 0, 0, 0)
        body.addWidget(holder)
        layout.addLayout(body, 1)
        self._set_open(False)

    def say(self, text: str) -> None:
        """Show a line under the hint (an export written, a refusal); none hides the line."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

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

    def focus_entry(self) -> None:
        """Ctrl+7: the keyboard goes to the list (its first row), or to the start button;
        again once the list has loaded, if it was still loading."""
        self._focus_pending = True
        self._place_focus()

    def _place_focus(self) -> None:
        if self.rows:
            self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.table.currentRow() < 0:
                self.table.selectRow(0)
        else:
            self.start_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_open(self, is_open: bool) -> None:
        self.start_button.setVisible(not is_open)
        for button in self.open_buttons:
            button.setVisible(is_open)

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
            self.start_button.setVisible(False)
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
        self.report = report
        self._set_open(report is not None)
        if report is None:
            self.summary.setText(self.tr("No emergency event is open."))
        else:
            self.summary.setText(
                self.tr(
                    "%1 %2 %3: %4 residents, %5 reached (%6), %7 need help, "
                    "%8 unreachable (%9 overdue)"
                )
                .replace("%1", report.event.kind_zh)
                .replace("%2", report.event.level_zh)
                .replace("%3", report.event.name)
                .replace("%4", str(report.total))
                .replace("%5", str(report.reached))
                .replace("%6", _percent(report.reached, report.total))
                .replace("%7", str(report.need_help))
                .replace("%8", str(report.unreachable))
                .replace("%9", str(len(report.overdue)))
            )
        overdue = {r.resident_id for r in report.overdue} if report else set()
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            status = self.status_label(r.status)
            late = r.resident_id in overdue  # red and bold: the selection stays pink
            if late and r.unreachable_since is not None:
                status = (
                    self.tr("%1 since %2")
                    .replace("%1", status)
                    .replace("%2", shown_short(r.unreachable_since))
                )
            values = (
                r.name,
                r.address,
                r.grid or "",
                r.responder or "",
                status,
                " · ".join(p for p in (r.note or "", r.case_number or "") if p),
            )
            fill_row(self.table, i, values, red=late)
        self._show_side(report, rows)
        if selected is not None:
            for i, r in enumerate(rows):
                if r.resident_id == selected.resident_id:
                    self.table.selectRow(i)
                    break
        if self._focus_pending:
            self._focus_pending = False
            self._place_focus()
        self.loaded.emit(rows)

    def _show_side(
        self, report: emergency.StatusReport | None, rows: list[emergency.EntryRow]
    ) -> None:
        grids = list(report.by_grid.items()) if report else []
        if report is not None and len(grids) > 1:
            totals = emergency.GridTotals(report.total, report.reached, 0, 0)
            grids.append((self.tr("All"), totals))
        self.grid_table.setRowCount(len(grids))
        for i, (grid, t) in enumerate(grids):
            fill_row(
                self.grid_table, i, (grid, f"{t.reached}/{t.total}", _percent(t.reached, t.total))
            )
        helped = [r for r in rows if r.status is CheckStatus.NEED_HELP]
        self.help_title.setText(self.tr("Needs help (%1)").replace("%1", str(len(helped))))
        self.help_table.setRowCount(len(helped))
        for i, r in enumerate(helped):
            fill_row(self.help_table, i, (r.name, r.case_number or ""))
        late = len(report.overdue) if report else 0
        hours = int(UNREACHABLE_TOO_LONG / timedelta(hours=1))
        self.overdue_note.setText(
            self.tr("%1 unreachable for over %2 h: go in person (red rows).")
            .replace("%1", str(late))
            .replace("%2", str(hours))
            if late
            else ""
        )

    def _scanned(self) -> None:
        """A scanner typed a call sheet row's code and Enter: go to that resident's row, so
        the result written on paper is one key (1-5) away."""
        text = self.scan.text()
        self.scan.clear()
        try:
            event_id, resident_id = emergency.parse_qr(text)
        except ValueError:
            self.say(self.tr("That is not a call sheet code."))
            return
        if self.report is None or event_id != self.report.event.id:
            self.say(self.tr("That sheet belongs to another emergency event."))
            return
        for i, row in enumerate(self.rows):
            if row.resident_id == resident_id:
                self.say("")
                self.table.selectRow(i)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.say(self.tr("That resident is not on the list now."))

    def _contacts_follow(self) -> None:
        row = self.selected()
        resident = row.resident_id if row is not None else None
        if resident != self.contacts.resident_id:
            self.contacts.show_for(resident)

    # -- check-offs ---------------------------------------------------------------------------
    def selected(self) -> emergency.EntryRow | None:
        """The row the worker is on, if any."""
        return current_item(self.table, self.rows)

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
            if _starts_a_code(event):  # a scanner typing on the list: into the scan field
                self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
                self.scan.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    def set_status(self, status: CheckStatus) -> None:
        """Record a check-off with this status on the selected resident; the next row is
        selected at once (the key for it may follow before this one lands)."""
        row = self.selected()
        if row is None:
            return
        current = self.table.currentRow()
        if current + 1 < self.table.rowCount():
            self.table.selectRow(current + 1)
        station, actor = logged_in(self.ctx)
        self.say("")
        self.ctx.runner.write(
            lambda: emergency.check(station, actor, row.resident_id, status),
            lambda _entry: self.reload(),
            lambda exc: self.say(error_text(exc)),
            owner=self,
        )

    # -- the event ----------------------------------------------------------------------------
    def _start(self) -> None:
        window = self.window()
        start = getattr(window, "start_emergency", None)
        if callable(start):
            start()

    def print_sheets(self) -> None:
        """Write the call sheets (per responder and per grid) to the exports folder."""
        station, actor = logged_in(self.ctx)
        self.sheets_button.setEnabled(False)
        self.say(self.tr("Writing the call sheets…"))

        def done(files: emergency.SheetFiles) -> None:
            self.sheets_button.setEnabled(True)
            count = len(files.by_responder) + len(files.by_grid)
            self.say(
                self.tr("%1 call sheets written (in %2)")
                .replace("%1", str(count))
                .replace("%2", str(files.folder))
            )

        def failed(exc: BaseException) -> None:
            self.sheets_button.setEnabled(True)
            self.say(error_text(exc))

        # the printing is audited (full phones on paper): a write
        self.ctx.runner.write(
            lambda: emergency.call_sheets(station, actor), done, failed, owner=self
        )

    def assign(self) -> None:
        """Alt+G: give every unassigned resident a responder (whole buildings, balanced)."""
        station, actor = logged_in(self.ctx)
        self.say("")

        def done(report: emergency.AssignReport) -> None:
            self.say(
                self.tr("%1 assigned, %2 left without a responder")
                .replace("%1", str(report.assigned))
                .replace("%2", str(report.unassigned))
            )
            self.reload()

        self.ctx.runner.write(
            lambda: emergency.assign(station, actor),
            done,
            lambda exc: self.say(error_text(exc)),
            owner=self,
        )

    def _open_dialog(self, dialog: QDialog) -> None:
        dialog.wrote.connect(lambda _result: self.reload())  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keyboard_back_on_close(dialog)
        dialog.open()

    def ask_add(self) -> None:
        """Alt+A: find a resident the rule left out and put them on the list."""
        from .emergency_roster import AddToListDialog

        self._open_dialog(AddToListDialog(self.ctx, self))

    def ask_reassign(self) -> None:
        """Alt+R: give the selected resident to another responder."""
        from .emergency_roster import ReassignDialog

        row = self.selected()
        if row is None:
            self.say(self.tr("Select a resident on the list first."))
            return
        self._open_dialog(ReassignDialog(self.ctx, row, self))

    def ask_responders(self) -> None:
        """Alt+Y: the responders, and adding one (a station head)."""
        from .emergency_roster import RespondersDialog

        self._open_dialog(RespondersDialog(self.ctx, self))

    def ask_stop(self) -> None:
        """Ask for the summary, end the event and write the after-action report."""
        from .emergency_dialogs import StopEmergencyDialog

        name = self.report.event.name if self.report else ""
        dialog = StopEmergencyDialog(self.ctx, name, self)
        dialog.stopped.connect(lambda path: self.say(exported_message(path)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keyboard_back_on_close(dialog)
        self.stop_dialog = dialog
        dialog.open()
