"""The 证明 page: the ledger (issued, voided, refused) with filters, exports, reprint, void,
reissue and verify."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_today
from stationdesk.services import certificate_ledger as ledger_service
from stationdesk.services import certificates

from ..clock import station_qdate
from ..context import DeskContext, logged_in, write_when_accepted
from ..models import RowsModel
from ..pdf import PdfOutput
from ..tables import list_view
from ..widgets import exported_message, page_title, push_button, with_keys
from .certificate_dialogs import IssueDialog, VerifyDialog, VoidDialog, open_issue_form
from .certificate_dialogs.common import shift_held


class CertificatesPage(QWidget):
    """The station's certificate ledger (台账)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        _station, actor = logged_in(ctx)
        self._serial = 0
        self.ledger: ledger_service.Ledger | None = None
        self.output = PdfOutput(ctx, self)
        title = page_title(self.tr("Certificates"), self)
        self.summary = QLabel("", self)
        self.summary.setObjectName("ledgerSummary")
        self.output.saved.connect(
            lambda path: self.summary.setText(self.tr("Saved to %1").replace("%1", path))
        )
        self.output.notice.connect(self.summary.setText)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.summary, 1)

        today = station_qdate()
        self.use_dates = QCheckBox(with_keys(self.tr("From"), "Alt+D"), self)
        self.use_dates.setObjectName("useDates")
        self.use_dates.setShortcut("Alt+D")
        self.date_from = QDateEdit(today.addDays(-30), self)
        self.date_from.setObjectName("dateFrom")
        self.date_to = QDateEdit(today, self)
        self.date_to.setObjectName("dateTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(self.reload)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.type_filter = QComboBox(self)
        self.type_filter.setObjectName("typeFilter")
        self.type_filter.addItem(self.tr("All items"), None)
        self.type_filter.addItem(self.tr("Refusal notices"), ledger_service.REFUSALS_ONLY)
        self.type_filter.currentIndexChanged.connect(self.reload)
        self.worker_filter = QComboBox(self)
        self.worker_filter.setObjectName("workerFilter")
        self.worker_filter.addItem(self.tr("All workers"), None)
        self.worker_filter.currentIndexChanged.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.date_to)
        filters.addSpacing(12)
        filters.addWidget(self.type_filter)
        filters.addWidget(self.worker_filter)
        filters.addStretch(1)
        self.export_xlsx = push_button(
            self,
            self.tr("Export Excel…"),
            "exportXlsx",
            lambda: self._export("xlsx"),
            keys="Alt+E",
        )
        self.export_pdf = push_button(
            self, self.tr("Export PDF…"), "exportPdf", lambda: self._export("pdf"), keys="Alt+P"
        )
        filters.addWidget(self.export_xlsx)
        filters.addWidget(self.export_pdf)

        self.model = RowsModel(
            [
                (self.tr("Date"), lambda e: e.day.isoformat()),
                (self.tr("Number"), lambda e: e.display_number),
                (self.tr("Item"), lambda e: e.item),
                (self.tr("Holder / applicant"), lambda e: e.holder_name),
                (self.tr("ID number"), lambda e: e.holder_id_masked),
                (self.tr("Purpose"), lambda e: e.purpose),
                (self.tr("Worker"), lambda e: e.worker_name),
                (self.tr("Status"), self._status_text),
                (self.tr("Note"), self._note_text),
            ],
            self,
        )
        self.table = list_view(self, "ledgerTable", self.model, stretch=8)  # the note
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection())
        self.table.doubleClicked.connect(lambda *_: self._reprint())

        self.reprint_button = push_button(
            self, self.tr("Print again…"), "reprint", self._reprint, keys="Ctrl+P"
        )
        self.void_button = push_button(
            self, self.tr("Void…"), "voidCertificate", self._void, keys="Alt+V"
        )
        self.void_button.setVisible(actor.can(Permission.APPROVE))
        self.reissue_button = push_button(
            self, self.tr("Reissue…"), "reissue", self._reissue, keys="Alt+B"
        )
        self.verify_button = push_button(
            self, self.tr("Verify…"), "verify", self.open_verify, keys="Alt+Y"
        )
        actions = QHBoxLayout()
        for b in (self.reprint_button, self.void_button, self.reissue_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._selection()
        self.void_dialog: VoidDialog | None = None
        self.verify_dialog: VerifyDialog | None = None

    # -- text ---------------------------------------------------------------------------------
    def _status_text(self, e: ledger_service.LedgerEntry) -> str:
        return {
            "issued": self.tr("Issued"),
            "void": self.tr("Void"),
            "refused": self.tr("Refused"),
        }[e.status]

    def _note_text(self, e: ledger_service.LedgerEntry) -> str:
        if e.status == "void":
            text = self.tr("Void: %1").replace("%1", e.reason)
            if e.replaced_by:
                text += "；" + self.tr("reissued as %1").replace("%1", e.replaced_by)
            return text
        if e.reissue_of:
            return self.tr("Reissue of %1").replace("%1", e.reissue_of)
        if e.kind == ledger_service.KIND_REFUSAL:
            return e.competent_body
        return ""

    # -- loading ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.reload()

    def current_filter(self) -> ledger_service.LedgerFilter:
        date_from = date_to = None
        if self.use_dates.isChecked():
            date_from = date.fromisoformat(self.date_from.date().toString("yyyy-MM-dd"))
            date_to = date.fromisoformat(self.date_to.date().toString("yyyy-MM-dd"))
        return ledger_service.LedgerFilter(
            date_from=date_from,
            date_to=date_to,
            type_code=self.type_filter.currentData(),
            worker_id=self.worker_filter.currentData(),
        )

    def data_changed(self) -> None:
        """Stored data changed: the ledger reloads."""
        self.reload()

    def reload(self, *_args: object) -> None:
        self._serial += 1
        serial = self._serial
        station, actor = logged_in(self.ctx)
        try:
            flt = self.current_filter()
        except ValueError:
            return

        def show(result: ledger_service.Ledger) -> None:
            if serial != self._serial:
                return
            self.ledger = result
            self.model.set_rows(result.entries)
            self._fill_choices(result)
            c = result.counts
            self.summary.setText(
                self.tr("%1 issued (%2 void), %3 refused")
                .replace("%1", str(c.issued))
                .replace("%2", str(c.void))
                .replace("%3", str(c.refused))
            )
            self._selection()

        def failed(exc: BaseException) -> None:
            if serial == self._serial:
                from ..i18n import error_text

                self.summary.setText(error_text(exc))

        self.ctx.runner.run(
            lambda: ledger_service.ledger(station, actor, flt), show, failed, owner=self
        )

    def _fill_choices(self, result: ledger_service.Ledger) -> None:
        for combo, choices in (
            (self.type_filter, result.types),
            (self.worker_filter, result.workers),
        ):
            known = {combo.itemData(i) for i in range(combo.count())}
            combo.blockSignals(True)
            for value, label in choices:
                if value not in known:
                    combo.addItem(label, value)
            combo.blockSignals(False)

    def selected(self) -> ledger_service.LedgerEntry | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        entry: ledger_service.LedgerEntry = self.model.row_at(index.row())
        return entry

    def _selection(self) -> None:
        e = self.selected()
        self.reprint_button.setEnabled(e is not None and e.status != "void")
        self.void_button.setEnabled(e is not None and e.status == "issued")
        self.reissue_button.setEnabled(e is not None and e.status == "void" and not e.replaced_by)

    # -- actions ------------------------------------------------------------------------------
    def _reprint(self) -> None:
        e = self.selected()
        if e is None or e.status == "void":
            return
        station, actor = logged_in(self.ctx)
        choose = shift_held()  # Shift+click (or Shift+double-click) opens the print dialog
        self.ctx.runner.write(
            lambda: certificates.reprint(station, actor, e.number),
            lambda again: self.output.print(
                again.pdf, e.display_number, again.copies, choose=choose
            ),
            self.ctx.report_error,
            owner=self,
        )

    def _void(self) -> None:
        e = self.selected()
        if e is None or e.status != "issued":
            return
        dialog = VoidDialog(e.display_number, e.holder_name, self)
        self.void_dialog = dialog
        write_when_accepted(
            self.ctx,
            self,
            dialog,
            dialog.reason,
            lambda station, actor, reason: certificates.void_certificate(
                station, actor, e.number, reason
            ),
            lambda _r: self.reload(),
        )

    def _reissue(self) -> None:
        e = self.selected()
        if e is None or e.status != "void" or not e.type_code:
            return

        def opened(dialog: IssueDialog) -> None:
            self.issue_dialog = dialog
            dialog.issued.connect(lambda _r: self.reload())

        open_issue_form(self.ctx, self, e.resident_id, e.type_code, e.number, opened)

    def open_verify(self) -> VerifyDialog:
        dialog = VerifyDialog(self.ctx, self)
        self.verify_dialog = dialog
        dialog.open()
        return dialog

    def ask_export_path(self, fmt: str) -> str:
        """Ask where to export (replaced in tests)."""
        name = f"证明台账-{station_today().isoformat()}.{fmt}"
        pattern = (
            self.tr("Excel workbooks (*.xlsx)") if fmt == "xlsx" else self.tr("PDF files (*.pdf)")
        )
        path, _f = QFileDialog.getSaveFileName(self, self.tr("Export the ledger"), name, pattern)
        return path

    def _export(self, fmt: str) -> None:
        path = self.ask_export_path(fmt)
        if not path:
            return
        from pathlib import Path

        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        (station, actor), flt = logged_in(self.ctx), self.current_filter()
        export = (
            ledger_service.export_ledger_xlsx if fmt == "xlsx" else ledger_service.export_ledger_pdf
        )
        self.ctx.runner.write(
            lambda: export(station, actor, flt, Path(path)),
            lambda out: self.summary.setText(exported_message(out)),
            self.ctx.report_error,
            owner=self,
        )
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
