"""Certificate dialogs: pick one of the list, fill and preview the real PDF, issue, print or save;
refuse with a notice; void (heads); verify. PDF work and printing run off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.catalog import FieldKind
from stationdesk.domain.roles import Permission
from stationdesk.services import certificates

from ..i18n import error_text, is_chinese

PREVIEW_DEBOUNCE_MS = 250
PRINT_DPI = 300  # rendering an A4 page at 300 dpi is a 35 MB image; more buys nothing on paper


# -- PDF helpers ----------------------------------------------------------------------------------
def load_pdf(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load PDF bytes into a QPdfDocument from memory; keep the returned buffer alive.

    Certificates carry the full ID number, so they are never written to a temporary file.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of a PDF onto a configured printer; returns the pages printed.

    Runs on a pool thread (painting on a QPrinter is allowed off the GUI thread).
    """
    document = QPdfDocument()
    buffer = load_pdf(document, pdf)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise RuntimeError("the PDF could not be read for printing")
        dpi = min(printer.resolution(), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise RuntimeError("the printer could not be started")
        try:
            for page in range(document.pageCount()):
                if page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        buffer.close()


class PdfPane(QFrame):
    """Shows a PDF held in memory (the real rendered file), or a note when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPane")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.note = QLabel("", self)
        self.note.setObjectName("pdfNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        self._buffer: QBuffer | None = None
        self.pdf: bytes | None = None

    def show_pdf(self, pdf: bytes, note: str = "") -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self.pdf = pdf
        self._buffer = load_pdf(self.document, pdf)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.view.setVisible(True)

    def clear(self, note: str) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        self.pdf = None
        self.note.setText(note)
        self.note.setVisible(True)
        self.view.setVisible(False)


class PdfOutput(QObject):
    """Print (Qt print dialog) or save an in-memory PDF; the work runs off the GUI thread."""

    printed = Signal(int)
    saved = Signal(str)

    def __init__(self, ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.print_dialog: QPrintDialog | None = None

    def ask_save_path(self, suggested: str) -> str:
        """Ask where to save (replaced in tests); an empty string means cancelled."""
        path, _filter = QFileDialog.getSaveFileName(
            self.widget, self.tr("Save PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        return path

    def save(self, pdf: bytes, suggested: str) -> None:
        path = self.ask_save_path(suggested)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"

        def write() -> str:
            Path(path).write_bytes(pdf)
            return path

        self.ctx.runner.run(write, self.saved.emit, self.ctx.report_error, owner=self.widget)

    def print(self, pdf: bytes, title: str) -> QPrintDialog:
        """Open the Qt print dialog; printing starts when it is accepted."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, self.widget)
        dialog.setObjectName("printDialog")
        self.print_dialog = dialog

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted.value:
                return
            self.ctx.runner.run(
                lambda: print_pdf(pdf, printer),
                self.printed.emit,
                self.ctx.report_error,
                owner=self.widget,
            )

        # ``finished`` rather than ``accepted``: QPrintDialog overloads accepted(QPrinter*).
        dialog.finished.connect(finished)
        QDialog.open(dialog)  # window-modal, no nested event loop
        return dialog


def _label(zh: str, en: str) -> str:
    return zh if is_chinese() or not en else en


# -- choose one of the list -----------------------------------------------------------------------
class ChooseTypeDialog(QDialog):
    """One button per certificate in the district's list; one click picks it."""

    chosen = Signal(str)
    refuse_requested = Signal()

    def __init__(self, types, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseCertificateType")
        self.setWindowTitle(self.tr("Issue a certificate"))
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr("Only these items may be issued. Anything else gets a refusal notice."), self
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, t in enumerate(types):
            button = QPushButton(_label(t.name_zh, t.name_en), self)
            button.setObjectName(f"type_{t.code}")
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, code=t.code: self._pick(code))
            self.buttons[t.code] = button
            grid.addWidget(button, i // 2, i % 2)
        layout.addLayout(grid)
        self.refuse_button = QPushButton(self.tr("Not on the list: refusal notice…"), self)
        self.refuse_button.setObjectName("refuseOffList")
        self.refuse_button.clicked.connect(self._refuse)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        cancel.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.refuse_button)
        row.addStretch(1)
        row.addWidget(cancel)
        layout.addLayout(row)

    def _pick(self, code: str) -> None:
        self.accept()
        self.chosen.emit(code)

    def _refuse(self) -> None:
        self.accept()
        self.refuse_requested.emit()


# -- issue ----------------------------------------------------------------------------------------
class IssueDialog(QDialog):
    """Fill the form (prefilled), tick the checklist, watch the real PDF, issue, print or save."""

    issued = Signal(object)
    refuse_requested = Signal(str, str)  # type code, missing checks in words

    def __init__(self, ctx, form: certificates.IssueForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.ctype = form.type
        self.outcome: certificates.IssuedCertificate | None = None
        self._preview_serial = 0
        self._busy = False
        self.setObjectName("issueDialog")
        name = _label(self.ctype.name_zh, self.ctype.name_en)
        self.setWindowTitle(self.tr("Issue: %1").replace("%1", name))
        self.resize(1180, 780)
        self.output = PdfOutput(ctx, self)
        self.output.saved.connect(self._saved)
        self.output.printed.connect(self._printed)

        holder = QLabel(f"{form.holder_name}　{form.holder_id_masked}", self)
        holder.setObjectName("issueHolder")
        heading = QLabel(name, self)
        heading.setObjectName("pageTitle")
        head = QVBoxLayout()
        head.addWidget(heading)
        head.addWidget(holder)
        if form.reissue_of:
            note = QLabel(self.tr("Reissue of %1 (voided)").replace("%1", form.reissue_of), self)
            note.setObjectName("reissueNote")
            head.addWidget(note)
        elif form.remembered:
            note = QLabel(self.tr("Filled in from this resident's last certificate."), self)
            note.setObjectName("rememberedNote")
            head.addWidget(note)

        fields_box = QGroupBox(self.tr("Form"), self)
        self.fields_form = QFormLayout(fields_box)
        self.inputs: dict[str, object] = {}
        for spec in self.ctype.fields:
            label = _label(spec.label_zh, spec.label_en)
            if not spec.required:
                label = self.tr("%1 (optional)").replace("%1", label)
            self.fields_form.addRow(label, self._make_input(spec))
        self.purpose = QLineEdit(form.purpose, fields_box)
        self.purpose.setObjectName("purpose")
        self.purpose.setMaxLength(certificates.PURPOSE_MAX)
        self.purpose.textChanged.connect(self._changed)
        chips = QHBoxLayout()
        self.purpose_buttons: list[QPushButton] = []
        for text in self.ctype.suggested_purposes:
            chip = QPushButton(text, fields_box)
            chip.setObjectName("purposeChip")
            chip.setAutoDefault(False)
            chip.clicked.connect(lambda _=False, t=text: self.purpose.setText(t))
            self.purpose_buttons.append(chip)
            chips.addWidget(chip)
        chips.addStretch(1)
        purpose_box = QVBoxLayout()
        purpose_box.addWidget(self.purpose)
        purpose_box.addLayout(chips)
        self.fields_form.addRow(self.tr("Purpose (此证明仅用于…)"), purpose_box)

        checks_box = QGroupBox(self.tr("Eligibility checklist"), self)
        checks_layout = QVBoxLayout(checks_box)
        self.checks: dict[str, QCheckBox] = {}
        for check in self.ctype.eligibility:
            box = QCheckBox(_label(check.label_zh, check.label_en), checks_box)
            box.setObjectName(f"check_{check.key}")
            box.toggled.connect(self._changed)
            self.checks[check.key] = box
            checks_layout.addWidget(box)
        self.all_checked = QPushButton(self.tr("All checked"), checks_box)
        self.all_checked.setObjectName("allChecked")
        self.all_checked.setAutoDefault(False)
        self.all_checked.clicked.connect(self._tick_all)
        checks_layout.addWidget(self.all_checked, 0, Qt.AlignmentFlag.AlignLeft)

        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.status = QLabel("", self)
        self.status.setObjectName("issueStatus")
        self.status.setWordWrap(True)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(head)
        left_layout.addWidget(fields_box)
        left_layout.addWidget(checks_box)
        left_layout.addWidget(self.message)
        left_layout.addWidget(self.status)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(520)

        self.preview = PdfPane(self)
        self.preview.setMinimumWidth(460)
        self.preview.clear(self.tr("The preview appears when the form is complete."))
        body = QHBoxLayout()
        body.addWidget(scroll, 5)
        body.addWidget(self.preview, 4)

        self.refuse_button = QPushButton(self.tr("Does not qualify: refusal notice…"), self)
        self.refuse_button.setObjectName("refuseInstead")
        self.refuse_button.setAutoDefault(False)
        self.refuse_button.clicked.connect(self._refuse)
        self.issue_print = QPushButton(self.tr("Issue and print…"), self)
        self.issue_print.setObjectName("issueAndPrint")
        self.issue_print.setDefault(True)
        self.issue_print.clicked.connect(lambda: self._issue("print"))
        self.issue_save = QPushButton(self.tr("Issue and save PDF…"), self)
        self.issue_save.setObjectName("issueAndSave")
        self.issue_save.setAutoDefault(False)
        self.issue_save.clicked.connect(lambda: self._issue("save"))
        self.print_again = QPushButton(self.tr("Print…"), self)
        self.print_again.setObjectName("printAgain")
        self.print_again.clicked.connect(self._print)
        self.save_again = QPushButton(self.tr("Save PDF…"), self)
        self.save_again.setObjectName("saveAgain")
        self.save_again.clicked.connect(self._save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        for b in (self.print_again, self.save_again):
            b.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        for b in (
            self.issue_save,
            self.issue_print,
            self.save_again,
            self.print_again,
            self.close_button,
        ):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self._timer.timeout.connect(self._render_preview)
        self._changed()

    # -- inputs --------------------------------------------------------------------------------
    def _make_input(self, spec):
        value = self.form.values.get(spec.key, "")
        if spec.key in self.form.locked:
            label = QLabel(value, self)
            label.setObjectName(f"field_{spec.key}")
            label.setToolTip(self.tr("From the resident record"))
            self.inputs[spec.key] = label
            return label
        if spec.kind is FieldKind.CHOICE and len(spec.choices) <= 4:
            box = QWidget(self)
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(box)
            for choice in spec.choices:
                radio = QRadioButton(_label(choice.value, choice.label_en), box)
                radio.setProperty("value", choice.value)
                radio.setChecked(choice.value == value)
                group.addButton(radio)
                row.addWidget(radio)
            row.addStretch(1)
            group.buttonToggled.connect(self._changed)
            box.setObjectName(f"field_{spec.key}")
            self.inputs[spec.key] = group
            return box
        if spec.kind is FieldKind.CHOICE:
            combo = QComboBox(self)
            combo.setObjectName(f"field_{spec.key}")
            combo.addItem("", "")
            for choice in spec.choices:
                combo.addItem(_label(choice.value, choice.label_en), choice.value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(self._changed)
            self.inputs[spec.key] = combo
            return combo
        if spec.multiline:
            edit = QPlainTextEdit(value, self)
            edit.setObjectName(f"field_{spec.key}")
            edit.setMaximumHeight(72)
            edit.textChanged.connect(self._changed)
            self.inputs[spec.key] = edit
            return edit
        line = QLineEdit(value, self)
        line.setObjectName(f"field_{spec.key}")
        if spec.kind is FieldKind.DATE:
            line.setPlaceholderText(self.tr("YYYY-MM-DD, e.g. 2019-05-01"))
            line.setMaxLength(10)
        elif spec.max_length:
            line.setMaxLength(spec.max_length)
        line.textChanged.connect(self._changed)
        self.inputs[spec.key] = line
        return line

    def field_widget(self, key: str):
        return self.inputs[key]

    def values(self) -> dict[str, str]:
        """What the form holds now (locked fields are left to the service)."""
        out: dict[str, str] = {}
        for key, widget in self.inputs.items():
            if key in self.form.locked:
                continue
            if isinstance(widget, QButtonGroup):
                checked = widget.checkedButton()
                out[key] = str(checked.property("value")) if checked else ""
            elif isinstance(widget, QComboBox):
                out[key] = str(widget.currentData() or "")
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text()
        return out

    def ticked(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.checks.items() if box.isChecked())

    def request(self) -> certificates.IssueRequest:
        return certificates.IssueRequest(
            type_code=self.ctype.code,
            resident_id=self.form.resident_id,
            purpose=self.purpose.text(),
            fields=self.values(),
            checks=self.ticked(),
            reissue_of=self.form.reissue_of,
        )

    # -- validation and preview ----------------------------------------------------------------
    def _field_errors(self) -> dict[str, str]:
        values = {**{k: self.form.values.get(k, "") for k in self.form.locked}, **self.values()}
        errors = dict(self.ctype.validate_fields(values))
        if not self.purpose.text().strip():
            errors["purpose"] = "请填写证明用途"
        return errors

    def _tick_all(self) -> None:
        for box in self.checks.values():
            box.setChecked(True)

    def _changed(self, *_args) -> None:
        if self.outcome is not None:
            return
        errors = self._field_errors()
        missing = self.ctype.missing_checks(self.ticked())
        if errors:
            self.message.setText("；".join(errors.values()))
        elif missing:
            self.message.setText(
                self.tr("%n check(s) of the checklist still to confirm.", "", len(missing))
            )
        else:
            self.message.setText("")
        ready = not errors and not missing and not self._busy
        self.issue_print.setEnabled(ready)
        self.issue_save.setEnabled(ready)
        if errors:
            self._preview_serial += 1
            self._timer.stop()
            if self.preview.pdf is None:
                self.preview.clear(self.tr("The preview appears when the form is complete."))
        elif self.sender() is None or not isinstance(self.sender(), QCheckBox):
            self._timer.start()

    def _render_preview(self) -> None:
        self._preview_serial += 1
        serial = self._preview_serial
        station, actor, request = self.ctx.station, self.ctx.actor, self.request()

        def show(pdf: bytes) -> None:
            if serial == self._preview_serial and self.outcome is None:
                self.preview.show_pdf(pdf, self.tr("Preview (sample, not yet numbered)"))

        def failed(exc: BaseException) -> None:
            if serial == self._preview_serial and self.outcome is None:
                self.preview.clear(error_text(exc))

        self.ctx.runner.run(
            lambda: certificates.preview_certificate(station, actor, request),
            show,
            failed,
            owner=self,
        )

    # -- issue, print, save --------------------------------------------------------------------
    def _issue(self, then: str) -> None:
        if self._busy or self.outcome is not None:
            return
        self._busy = True
        self.issue_print.setEnabled(False)
        self.issue_save.setEnabled(False)
        self._timer.stop()
        self._preview_serial += 1
        self.status.setText(self.tr("Issuing…"))
        station, actor, request = self.ctx.station, self.ctx.actor, self.request()

        def done(result: certificates.IssuedCertificate) -> None:
            self._busy = False
            self._show_issued(result)
            if then == "print":
                self._print()
            else:
                self._save()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.status.setText("")
            self.message.setText(error_text(exc))
            self._changed()

        self.ctx.runner.write(
            lambda: certificates.issue_certificate(station, actor, request),
            done,
            failed,
            owner=self,
        )

    def _show_issued(self, result: certificates.IssuedCertificate) -> None:
        self.outcome = result
        self.issued.emit(result)
        self.preview.show_pdf(
            result.pdf, self.tr("Issued: %1").replace("%1", result.display_number)
        )
        self.status.setText(
            self.tr("Issued as %1, valid until %2.")
            .replace("%1", result.display_number)
            .replace("%2", result.valid_until.isoformat())
        )
        self.message.setText("")
        for widget in self.findChildren(QWidget):
            if isinstance(
                widget, QLineEdit | QPlainTextEdit | QCheckBox | QRadioButton | QComboBox
            ):
                widget.setEnabled(False)
        for b in [*self.purpose_buttons, self.all_checked, self.refuse_button]:
            b.setEnabled(False)
        self.issue_print.setVisible(False)
        self.issue_save.setVisible(False)
        self.print_again.setVisible(True)
        self.save_again.setVisible(True)
        self.print_again.setDefault(True)

    def _file_name(self) -> str:
        assert self.outcome is not None
        return f"{self.outcome.display_number}-{self.outcome.type_name}.pdf"

    def _print(self) -> None:
        if self.outcome is not None:
            self.output.print(self.outcome.pdf, self.outcome.display_number)

    def _save(self) -> None:
        if self.outcome is not None:
            self.output.save(self.outcome.pdf, self._file_name())

    def _saved(self, path: str) -> None:
        self.status.setText(self.tr("Saved to %1").replace("%1", path))

    def _printed(self, pages: int) -> None:
        self.status.setText(self.tr("Sent to the printer (%n page(s)).", "", pages))

    def _refuse(self) -> None:
        missing = self.ctype.missing_checks(self.ticked())
        detail = "；".join(
            f"未能{c.label_zh}" if c.label_zh.startswith("已") else c.label_zh for c in missing
        )
        self.refuse_requested.emit(self.ctype.code, detail)
        self.reject()


# -- refuse ---------------------------------------------------------------------------------------
class RefusalDialog(QDialog):
    """A numbered refusal notice: reason code, the competent body prefilled from the guide."""

    refused = Signal(object)

    def __init__(
        self,
        ctx,
        resident_id: str,
        holder: str,
        guide,
        *,
        type_code: str | None = None,
        type_name: str = "",
        detail: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = resident_id
        self.guide = guide
        self.type_code = type_code
        self.outcome: certificates.IssuedRefusal | None = None
        self._body_from_guide = ""
        self._basis_from_guide = ""
        self.setObjectName("refusalDialog")
        self.setWindowTitle(self.tr("Refusal notice (不予出具证明告知书)"))
        self.resize(1100, 720)
        self.output = PdfOutput(ctx, self)

        self.requested = QLineEdit(type_name, self)
        self.requested.setObjectName("requestedItem")
        self.requested.setMaxLength(certificates.REQUESTED_MAX)
        self.requested.setPlaceholderText(self.tr("e.g. 亲属关系证明"))
        self.purpose = QLineEdit(self)
        self.purpose.setObjectName("refusalPurpose")
        self.purpose.setMaxLength(certificates.PURPOSE_MAX)
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonCode")
        for reason in guide.reasons:
            self.reason.addItem(_label(reason.label_zh, reason.label_en), reason.code)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("competentBody")
        self.body.setMaximumHeight(70)
        self.basis = QPlainTextEdit(self)
        self.basis.setObjectName("legalBasis")
        self.basis.setMaximumHeight(70)
        self.detail = QLineEdit(detail, self)
        self.detail.setObjectName("reasonDetail")
        self.detail.setMaxLength(certificates.DETAIL_MAX)
        self.matched = QLabel("", self)
        self.matched.setObjectName("guideMatch")

        form = QFormLayout()
        form.addRow(self.tr("Applicant"), QLabel(holder, self))
        form.addRow(self.tr("Item requested"), self.requested)
        form.addRow("", self.matched)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Explanation (optional)"), self.detail)
        form.addRow(self.tr("Where to go instead"), self.body)
        form.addRow(self.tr("Legal basis"), self.basis)
        self.message = QLabel("", self)
        self.message.setObjectName("inlineError")
        self.message.setWordWrap(True)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.output.saved.connect(
            lambda path: self.status.setText(self.tr("Saved to %1").replace("%1", path))
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.status)
        left.addStretch(1)
        self.preview = PdfPane(self)
        self.preview.clear(self.tr("The notice appears here once it is issued."))
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.preview, 4)

        self.issue_print = QPushButton(self.tr("Issue notice and print…"), self)
        self.issue_print.setObjectName("refuseAndPrint")
        self.issue_print.setDefault(True)
        self.issue_print.clicked.connect(lambda: self._issue("print"))
        self.issue_save = QPushButton(self.tr("Issue notice and save PDF…"), self)
        self.issue_save.setObjectName("refuseAndSave")
        self.issue_save.setAutoDefault(False)
        self.issue_save.clicked.connect(lambda: self._issue("save"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.issue_save, self.issue_print, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self.requested.textChanged.connect(self._suggest)
        for edit in (self.body, self.basis):
            edit.textChanged.connect(self._validate)
        self.reason.currentIndexChanged.connect(self._validate)
        self._suggest()

    def _suggest(self) -> None:
        """Prefill the reason, the competent body and the basis from the guide (live)."""
        text = self.requested.text()
        label = ""
        if self.type_code:  # a listed item the applicant does not qualify for
            code, body, basis = "NOT_ELIGIBLE", certificates.ELIGIBILITY_BODY_ZH, ""
        else:
            item = self.guide.suggest(text) if text.strip() else None
            code = item.default_reason if item else ""
            body = item.competent_body_zh if item else ""
            basis = item.legal_basis_zh if item else self.guide.legal_basis_zh
            label = item.label_zh if item else ""
        self.matched.setText(
            self.tr("On the do-not-issue list: %1").replace("%1", label) if label else ""
        )
        if code:
            self.reason.setCurrentIndex(max(0, self.reason.findData(code)))
        if self.body.toPlainText() in ("", self._body_from_guide):
            self.body.setPlainText(body)
        self._body_from_guide = body
        if basis and self.basis.toPlainText() in ("", self._basis_from_guide):
            self.basis.setPlainText(basis)
            self._basis_from_guide = basis
        self._validate()

    def _validate(self) -> None:
        if self.outcome is not None:
            return
        problems = []
        if not self.requested.text().strip() and not self.type_code:
            problems.append("请填写申请出具的证明事项")
        if not self.body.toPlainText().strip():
            problems.append("请填写应前往办理的部门（机构）")
        if not self.basis.toPlainText().strip() and not self.type_code:
            problems.append("请填写依据")
        self.message.setText("；".join(problems))
        for b in (self.issue_print, self.issue_save):
            b.setEnabled(not problems)

    def request(self) -> certificates.RefusalRequest:
        basis = self.basis.toPlainText().strip()
        return certificates.RefusalRequest(
            resident_id=self.resident_id,
            requested_item=self.requested.text(),
            reason_code=self.reason.currentData(),
            purpose=self.purpose.text(),
            competent_body=self.body.toPlainText(),
            legal_basis=basis or None,
            reason_detail=self.detail.text(),
            type_code=self.type_code,
        )

    def _issue(self, then: str) -> None:
        for b in (self.issue_print, self.issue_save):
            b.setEnabled(False)
        station, actor, request = self.ctx.station, self.ctx.actor, self.request()

        def done(result: certificates.IssuedRefusal) -> None:
            self.outcome = result
            self.refused.emit(result)
            self.preview.show_pdf(
                result.pdf, self.tr("Issued: %1").replace("%1", result.display_number)
            )
            self.status.setText(self.tr("Notice %1 issued.").replace("%1", result.display_number))
            for w in (
                self.requested,
                self.purpose,
                self.reason,
                self.body,
                self.basis,
                self.detail,
            ):
                w.setEnabled(False)
            name = f"{result.display_number}-不予出具证明告知书.pdf"
            self.issue_print.setText(self.tr("Print…"))
            self.issue_save.setText(self.tr("Save PDF…"))
            for b in (self.issue_print, self.issue_save):
                b.clicked.disconnect()
                b.setEnabled(True)
            self.issue_print.clicked.connect(
                lambda: self.output.print(result.pdf, result.display_number)
            )
            self.issue_save.clicked.connect(lambda: self.output.save(result.pdf, name))
            if then == "print":
                self.output.print(result.pdf, result.display_number)
            else:
                self.output.save(result.pdf, name)

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))
            self._validate()

        self.ctx.runner.write(
            lambda: certificates.refuse_certificate(station, actor, request),
            done,
            failed,
            owner=self,
        )


# -- void (heads) ---------------------------------------------------------------------------------
class VoidDialog(QDialog):
    """Void a certificate: station heads only, with a reason."""

    def __init__(self, number: str, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Void certificate"))
        text = QLabel(
            self.tr("Void %1 (%2)? This cannot be undone; a reissue gets a new number.")
            .replace("%1", number)
            .replace("%2", holder),
            self,
        )
        text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(certificates.REASON_MAX)
        self.reason.setPlaceholderText(self.tr("Reason, e.g. 地址填写有误"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Void"))
        self.ok.setObjectName("confirmVoid")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(len(t.strip()) >= 2))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)


# -- verify ---------------------------------------------------------------------------------------
class VerifyDialog(QDialog):
    """Check a number or a PDF file: valid, void, unknown or forged."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify a certificate"))
        self.setMinimumWidth(560)
        self.subject = QLineEdit(self)
        self.subject.setObjectName("verifySubject")
        self.subject.setPlaceholderText(self.tr("Number (e.g. SY0101-2026-000123) or QR text"))
        self.subject.returnPressed.connect(self._check_text)
        check = QPushButton(self.tr("Check"), self)
        check.setObjectName("verifyCheck")
        check.clicked.connect(self._check_text)
        pick = QPushButton(self.tr("Check a PDF file…"), self)
        pick.setObjectName("verifyFile")
        pick.clicked.connect(self._check_file)
        row = QHBoxLayout()
        row.addWidget(self.subject, 1)
        row.addWidget(check)
        row.addWidget(pick)
        self.answer = QLabel("", self)
        self.answer.setObjectName("verifyAnswer")
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.answer)
        layout.addWidget(close)

    def ask_file(self) -> str:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Choose a PDF"), "", self.tr("PDF files (*.pdf)")
        )
        return path

    def _check_text(self) -> None:
        text = self.subject.text().strip()
        if text:
            self._run(text)

    def _check_file(self) -> None:
        path = self.ask_file()
        if path:
            self._run(Path(path))

    def _run(self, subject) -> None:
        station, actor = self.ctx.station, self.ctx.actor
        self.answer.setText(self.tr("Checking…"))
        self.ctx.runner.run(
            lambda: certificates.verify(station, actor, subject),
            self._show,
            lambda exc: self.answer.setText(error_text(exc)),
            owner=self,
        )

    def _show(self, result: certificates.Verification) -> None:
        words = {
            certificates.Verdict.VALID: self.tr("VALID"),
            certificates.Verdict.VOID: self.tr("VOID"),
            certificates.Verdict.UNKNOWN: self.tr("UNKNOWN"),
            certificates.Verdict.FORGED: self.tr("FORGED"),
        }
        lines = [
            f"<b>{words[result.verdict]}</b>　{result.detail_zh if is_chinese() else result.detail}"
        ]
        if result.display_number:
            lines.append(
                f"{result.display_number}　{result.type_name or ''}　{result.holder_name or ''}"
                f"　{result.holder_id_masked or ''}"
            )
        if result.issue_date:
            lines.append(
                self.tr("Issued %1, valid until %2")
                .replace("%1", result.issue_date.isoformat())
                .replace("%2", result.valid_until.isoformat() if result.valid_until else "—")
            )
        if result.expired:
            lines.append(self.tr("Expired."))
        if result.void_reason:
            lines.append(self.tr("Void reason: %1").replace("%1", result.void_reason))
        if result.replaced_by:
            lines.append(self.tr("Reissued as %1").replace("%1", result.replaced_by))
        self.answer.setProperty("verdict", result.verdict.value)
        self.answer.setText("<br>".join(lines))


# -- the resident card's buttons ------------------------------------------------------------------
class CertificateCardActions(QObject):
    """Puts 开具证明 and 不予出具 on the resident card and runs the flows from there."""

    def __init__(self, ctx, card_view) -> None:
        super().__init__(card_view)
        self.ctx = ctx
        self.card_view = card_view
        self.issue_button = QPushButton(self.tr("Issue certificate"), card_view)
        self.issue_button.setObjectName("issueCertificate")
        self.issue_button.clicked.connect(self.start_issue)
        self.refuse_button = QPushButton(self.tr("Refuse (notice)"), card_view)
        self.refuse_button.setObjectName("refuseCertificate")
        self.refuse_button.clicked.connect(lambda: self.start_refusal())
        allowed = ctx.actor.can(Permission.HANDLE_MATTERS)
        for button in (self.issue_button, self.refuse_button):
            button.setVisible(allowed)
            button.setEnabled(False)
            card_view.add_action(button)
        self.chooser: ChooseTypeDialog | None = None
        self.dialog: IssueDialog | None = None
        self.refusal: RefusalDialog | None = None

    def card_changed(self, card) -> None:
        for button in (self.issue_button, self.refuse_button):
            button.setEnabled(card is not None)

    def _card(self):
        return self.card_view.card

    def start_issue(self) -> None:
        card = self._card()
        if card is None:
            return
        station = self.ctx.station

        def show(catalog) -> None:
            chooser = ChooseTypeDialog(list(catalog), self.card_view)
            chooser.chosen.connect(lambda code: self.open_form(card.row.id, code))
            chooser.refuse_requested.connect(lambda: self.start_refusal())
            self.chooser = chooser
            chooser.open()

        self.ctx.runner.run(
            lambda: certificates.active_catalog(station),
            show,
            self.ctx.report_error,
            owner=self.card_view,
        )

    def open_form(self, resident_id: str, type_code: str, reissue_of: str | None = None) -> None:
        open_issue_form(
            self.ctx, self.card_view, resident_id, type_code, reissue_of, self._issue_opened
        )

    def _issue_opened(self, dialog: IssueDialog) -> None:
        self.dialog = dialog
        dialog.refuse_requested.connect(
            lambda code, detail: self.start_refusal(code, dialog.ctype.name_zh, detail)
        )

    def start_refusal(self, type_code: str | None = None, type_name: str = "", detail: str = ""):
        card = self._card()
        if card is None:
            return
        open_refusal(
            self.ctx,
            self.card_view,
            card.row.id,
            f"{card.row.name}　{card.row.id_masked}",
            type_code=type_code,
            type_name=type_name,
            detail=detail,
            opened=lambda d: setattr(self, "refusal", d),
        )


def open_issue_form(ctx, parent, resident_id, type_code, reissue_of=None, opened=None) -> None:
    """Prepare the form off the GUI thread, then show the issue dialog."""
    station, actor = ctx.station, ctx.actor

    def show(form) -> None:
        dialog = IssueDialog(ctx, form, parent)
        if opened is not None:
            opened(dialog)
        dialog.open()

    ctx.runner.run(
        lambda: certificates.prepare_issue(
            station, actor, type_code, resident_id, reissue_of=reissue_of
        ),
        show,
        ctx.report_error,
        owner=parent,
    )


def open_refusal(
    ctx, parent, resident_id, holder, *, type_code=None, type_name="", detail="", opened=None
) -> None:
    """Load the refusal guide off the GUI thread, then show the refusal dialog."""
    station = ctx.station

    def show(guide) -> None:
        dialog = RefusalDialog(
            ctx,
            resident_id,
            holder,
            guide,
            type_code=type_code,
            type_name=type_name,
            detail=detail,
            parent=parent,
        )
        if opened is not None:
            opened(dialog)
        dialog.open()

    ctx.runner.run(
        lambda: certificates.active_refusal_guide(station), show, ctx.report_error, owner=parent
    )
