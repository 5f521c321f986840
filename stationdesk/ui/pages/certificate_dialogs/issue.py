"""Issuing a certificate: pick one of the list, fill the form, preview the PDF, print or save."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from stationdesk.domain.catalog import CertificateType, FieldKind, FieldSpec, RecordFact
from stationdesk.services import certificates

from ...context import DeskContext, logged_in
from ...i18n import error_text
from ...pdf import PdfOutput, PdfPane
from ...screen import keep_on_screen
from ...widgets import (
    inline_error,
    line_edit,
    page_title,
    push_button,
    submit_keys,
    window_title,
    with_keys,
)
from .common import issue_buttons, open_when_loaded, print_button, save_button, ui_label
from .district_hours import DistrictHoursLine

PREVIEW_DEBOUNCE_MS = 250
REFUSE_KEYS = "F6"  # a refusal notice instead, as on the resident card
ALL_CHECKED_KEYS = "Alt+A"

# What holds a form field's value: a label for locked fields, radio buttons for short choices.
FieldInput = QLabel | QButtonGroup | QComboBox | QPlainTextEdit | QLineEdit


class ChooseTypeDialog(QDialog):
    """One button per certificate in the district's list; one click, or its digit key (1 to
    9), picks it."""

    chosen = Signal(str)
    refuse_requested = Signal()

    def __init__(self, types: Iterable[CertificateType], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseCertificateType")
        self.setWindowTitle(window_title(self.tr("Issue a certificate")))
        keep_on_screen(self)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr("Only these items may be issued. Anything else gets a refusal notice."), self
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, t in enumerate(types):
            button = push_button(self, ui_label(t.name_zh, t.name_en), f"type_{t.code}")
            if i < 9:
                button.setText(with_keys(button.text(), str(i + 1)))
                button.setShortcut(str(i + 1))
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, code=t.code: self._pick(code))
            self.buttons[t.code] = button
            grid.addWidget(button, i // 2, i % 2)
        layout.addLayout(grid)
        self.refuse_button = QPushButton(
            with_keys(self.tr("Not on the list: refusal notice…"), REFUSE_KEYS), self
        )
        self.refuse_button.setObjectName("refuseOffList")
        self.refuse_button.setShortcut(REFUSE_KEYS)
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


class IssueDialog(QDialog):
    """Fill the form (prefilled), tick the checklist, watch the real PDF, issue, print or save."""

    issued = Signal(object)
    refuse_requested = Signal(str, str)  # type code, missing checks in words

    def __init__(
        self, ctx: DeskContext, form: certificates.IssueForm, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.ctype = form.type
        self.outcome: certificates.IssuedCertificate | None = None
        self._preview_serial = 0
        self._busy = False
        self.setObjectName("issueDialog")
        name = ui_label(self.ctype.name_zh, self.ctype.name_en)
        self.setWindowTitle(window_title(self.tr("Issue: %1").replace("%1", name)))
        keep_on_screen(self)
        self.resize(1180, 780)
        self.output = PdfOutput(ctx, self)
        self.output.saved.connect(self._saved)
        self.output.printed.connect(self._printed)

        holder = QLabel(f"{form.holder_name}　{form.holder_id_masked}", self)
        holder.setObjectName("issueHolder")
        heading = page_title(name, self)
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
        if RecordFact.HOURS in self.ctype.record_fields():  # the total across the district
            head.addWidget(DistrictHoursLine(ctx, form.resident_id, self))

        fields_box = QGroupBox(self.tr("Form"), self)
        self.fields_form = QFormLayout(fields_box)
        self.inputs: dict[str, FieldInput] = {}
        for spec in self.ctype.fields:
            label = ui_label(spec.label_zh, spec.label_en)
            if not spec.required:
                label = self.tr("%1 (optional)").replace("%1", label)
            self.fields_form.addRow(label, self._make_input(spec))
        self.purpose = line_edit(
            fields_box, "purpose", form.purpose, max_length=certificates.PURPOSE_MAX
        )
        self.purpose.textChanged.connect(self._changed)
        chips = QHBoxLayout()
        self.purpose_buttons: list[QPushButton] = []
        for text in self.ctype.suggested_purposes:
            chip = push_button(fields_box, text, "purposeChip")
            chip.setAutoDefault(False)
            chip.clicked.connect(lambda _=False, t=text: self.purpose.setText(t))
            self.purpose_buttons.append(chip)
            chips.addWidget(chip)
        chips.addStretch(1)
        purpose_box = QVBoxLayout()
        purpose_box.addWidget(self.purpose)
        purpose_box.addLayout(chips)
        self.fields_form.addRow(self.tr("Purpose (used only for…)"), purpose_box)

        checks_box = QGroupBox(self.tr("Eligibility checklist"), self)
        checks_layout = QVBoxLayout(checks_box)
        self.checks: dict[str, QCheckBox] = {}
        for check in self.ctype.eligibility:
            box = QCheckBox(ui_label(check.label_zh, check.label_en), checks_box)
            box.setObjectName(f"check_{check.key}")
            box.toggled.connect(self._changed)
            self.checks[check.key] = box
            checks_layout.addWidget(box)
        self.all_checked = QPushButton(
            with_keys(self.tr("All checked"), ALL_CHECKED_KEYS), checks_box
        )
        self.all_checked.setObjectName("allChecked")
        self.all_checked.setShortcut(ALL_CHECKED_KEYS)
        self.all_checked.setAutoDefault(False)
        self.all_checked.clicked.connect(self._tick_all)
        checks_layout.addWidget(self.all_checked, 0, Qt.AlignmentFlag.AlignLeft)

        self.message = inline_error(self)
        self.output.notice.connect(self.message.setText)
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

        self.refuse_button = QPushButton(
            with_keys(self.tr("Does not qualify: refusal notice…"), REFUSE_KEYS), self
        )
        self.refuse_button.setObjectName("refuseInstead")
        self.refuse_button.setShortcut(REFUSE_KEYS)
        self.refuse_button.setAutoDefault(False)
        self.refuse_button.clicked.connect(self._refuse)
        self.issue_print, self.issue_save = issue_buttons(
            self,
            self._issue,
            print_text=self.tr("Issue and print"),
            print_name="issueAndPrint",
            save_text=self.tr("Issue and save PDF…"),
            save_name="issueAndSave",
        )
        self.print_again = print_button(self, self.tr("Print again"), "printAgain", self._issue)
        self.save_again = save_button(self, self.tr("Save PDF…"), "saveAgain", self._issue)
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
        submit_keys(self, self._submit)
        self._changed()

    # -- inputs --------------------------------------------------------------------------------
    def _make_input(self, spec: FieldSpec) -> QWidget:
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
                radio = QRadioButton(ui_label(choice.value, choice.label_en), box)
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
                combo.addItem(ui_label(choice.value, choice.label_en), choice.value)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(self._changed)
            self.inputs[spec.key] = combo
            return combo
        if spec.multiline:
            edit = QPlainTextEdit(value, self)
            edit.setObjectName(f"field_{spec.key}")
            edit.setMaximumHeight(72)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._changed)
            self.inputs[spec.key] = edit
            return edit
        line = line_edit(self, f"field_{spec.key}", value)
        if spec.kind is FieldKind.DATE:
            line.setPlaceholderText(self.tr("YYYY-MM-DD, e.g. 2019-05-01"))
            line.setMaxLength(10)
        elif spec.max_length:
            line.setMaxLength(spec.max_length)
        line.textChanged.connect(self._changed)
        self.inputs[spec.key] = line
        return line

    def field_widget(self, key: str) -> FieldInput:
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
        fed = {spec.key for fact, spec in self.ctype.record_fields().items() if not fact.typed}
        if fed & errors.keys():  # nothing to type there: say why they are empty, once
            errors = {k: v for k, v in errors.items() if k not in fed}
            errors["records"] = self.tr(
                "This person has no approved volunteer record (or is not on the roster) for "
                "this period; those fields come from the records and cannot be typed."
            )
        if not self.purpose.text().strip():
            errors["purpose"] = "请填写证明用途"
        return errors

    def _tick_all(self) -> None:
        for box in self.checks.values():
            box.setChecked(True)

    def _changed(self, *_args: object) -> None:
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
        (station, actor), request = logged_in(self.ctx), self.request()

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
    def _submit(self) -> None:
        """Ctrl+Enter: issue and print on the default printer; once issued, close."""
        if self.outcome is None:
            self._issue("print")
        else:
            self.accept()

    def _issue(self, then: str) -> None:
        """Issue, then print ("print", or "choose" for the dialog) or save; once issued, print
        again (an audited reprint) or save again."""
        if self.outcome is not None:
            if then == "save":
                self._save()
            else:
                self._reprint(choose=then == "choose")
            return
        if self._busy or not self.issue_print.isEnabled():
            return
        self._busy = True
        self.issue_print.setEnabled(False)
        self.issue_save.setEnabled(False)
        self._timer.stop()
        self._preview_serial += 1
        self.status.setText(self.tr("Issuing…"))
        (station, actor), request = logged_in(self.ctx), self.request()

        def done(result: certificates.IssuedCertificate) -> None:
            self._busy = False
            self._show_issued(result)
            if then == "save":
                self._save()
            else:
                self.output.print(
                    result.pdf, result.display_number, result.copies, choose=then == "choose"
                )

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

    def _reprint(self, *, choose: bool) -> None:
        """Print the issued certificate again: rendered and audited by the service."""
        if self.outcome is None:
            return
        (station, actor), number = logged_in(self.ctx), self.outcome.number
        shown = self.outcome.display_number
        self.ctx.runner.write(
            lambda: certificates.reprint(station, actor, number),
            lambda again: self.output.print(again.pdf, shown, again.copies, choose=choose),
            lambda exc: self.message.setText(error_text(exc)),
            owner=self,
        )

    def _save(self) -> None:
        if self.outcome is not None:
            self.output.save(self.outcome.pdf, self._file_name())

    def _saved(self, path: str) -> None:
        self.status.setText(self.tr("Saved to %1").replace("%1", path))

    def _printed(self, copies: int) -> None:
        self.status.setText(self.tr("Sent to the printer (%n copy(ies)).", "", copies))

    def _refuse(self) -> None:
        missing = self.ctype.missing_checks(self.ticked())
        detail = "；".join(
            f"未能{c.label_zh}" if c.label_zh.startswith("已") else c.label_zh for c in missing
        )
        self.refuse_requested.emit(self.ctype.code, detail)
        self.reject()


def open_issue_form(
    ctx: DeskContext,
    parent: QWidget,
    resident_id: str,
    type_code: str,
    reissue_of: str | None = None,
    opened: Callable[[IssueDialog], None] | None = None,
) -> None:
    """Prepare the form off the GUI thread, then show the issue dialog."""
    station, actor = logged_in(ctx)
    open_when_loaded(
        ctx,
        parent,
        lambda: certificates.prepare_issue(
            station, actor, type_code, resident_id, reissue_of=reissue_of
        ),
        lambda form: IssueDialog(ctx, form, parent),
        opened,
    )
