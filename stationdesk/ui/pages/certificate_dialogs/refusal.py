"""The numbered refusal notice (不予出具证明告知书): reason, where to go, basis; print or save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.catalog import RefusalGuide
from stationdesk.services import certificates

from ...context import DeskContext, logged_in
from ...i18n import error_text
from ...pdf import PdfOutput, PdfPane
from ...screen import keep_on_screen, scrolling
from ...widgets import inline_error, line_edit, submit_keys, window_title, with_keys
from .common import PRINT_KEYS, SAVE_KEYS, issue_buttons, open_when_loaded, ui_label


@dataclass(frozen=True)
class RefusalSubject:
    """Who is refused what: the resident, the applicant as the notice names them, and the
    listed item they do not qualify for (``type_code``, its name and the missing checks in
    words), or no item when what they ask for is not on the list."""

    resident_id: str
    holder: str
    type_code: str | None = None
    type_name: str = ""
    detail: str = ""


class RefusalDialog(QDialog):
    """A numbered refusal notice: reason code, the competent body prefilled from the guide."""

    refused = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        subject: RefusalSubject,
        guide: RefusalGuide,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id = subject.resident_id
        self.guide = guide
        self.type_code = subject.type_code
        self.outcome: certificates.IssuedRefusal | None = None
        self._body_from_guide = ""
        self._basis_from_guide = ""
        self.setObjectName("refusalDialog")
        self.setWindowTitle(window_title(self.tr("Refusal notice")))
        keep_on_screen(self)
        self.resize(1100, 720)
        self.output = PdfOutput(ctx, self)

        self.requested = line_edit(
            self,
            "requestedItem",
            subject.type_name,
            max_length=certificates.REQUESTED_MAX,
            placeholder=self.tr("e.g. 亲属关系证明"),
        )
        self.purpose = line_edit(self, "refusalPurpose", max_length=certificates.PURPOSE_MAX)
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonCode")
        for reason in guide.reasons:
            self.reason.addItem(ui_label(reason.label_zh, reason.label_en), reason.code)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("competentBody")
        self.body.setMaximumHeight(70)
        self.body.setTabChangesFocus(True)
        self.basis = QPlainTextEdit(self)
        self.basis.setObjectName("legalBasis")
        self.basis.setMaximumHeight(70)
        self.basis.setTabChangesFocus(True)
        self.detail = line_edit(
            self, "reasonDetail", subject.detail, max_length=certificates.DETAIL_MAX
        )
        self.matched = QLabel("", self)
        self.matched.setObjectName("guideMatch")

        form = QFormLayout()
        form.addRow(self.tr("Applicant"), QLabel(subject.holder, self))
        form.addRow(self.tr("Item requested"), self.requested)
        form.addRow("", self.matched)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Explanation (optional)"), self.detail)
        form.addRow(self.tr("Where to go instead"), self.body)
        form.addRow(self.tr("Legal basis"), self.basis)
        self.message = inline_error(self)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.output.saved.connect(
            lambda path: self.status.setText(self.tr("Saved to %1").replace("%1", path))
        )
        self.output.notice.connect(self.message.setText)
        self.output.printed.connect(
            lambda copies: self.status.setText(
                self.tr("Sent to the printer (%n copy(ies)).", "", copies)
            )
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.message)
        left.addWidget(self.status)
        left.addStretch(1)
        self.preview = PdfPane(self)
        self.preview.clear(self.tr("The notice appears here once it is issued."))
        body = QHBoxLayout()
        body.addWidget(scrolling(left, self, "refusalForm"), 5)
        body.addWidget(self.preview, 4)

        self.issue_print, self.issue_save = issue_buttons(
            self,
            self._issue,
            print_text=self.tr("Issue notice and print"),
            print_name="refuseAndPrint",
            save_text=self.tr("Issue notice and save PDF…"),
            save_name="refuseAndSave",
        )
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
        submit_keys(self, self._submit)
        self._suggest()
        (self.purpose if subject.type_name else self.requested).setFocus()

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

    def _submit(self) -> None:
        """Ctrl+Enter: issue the notice and print it on the default printer; once issued,
        close."""
        if self.outcome is None:
            self._issue("print")
        else:
            self.accept()

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
        """Issue the notice, then print ("print", or "choose" for the dialog) or save; once
        issued, print again (an audited reprint) or save again."""
        if self.outcome is not None:
            self._again(self.outcome, then)
            return
        if not self.issue_print.isEnabled():
            return
        for b in (self.issue_print, self.issue_save):
            b.setEnabled(False)
        (station, actor), request = logged_in(self.ctx), self.request()

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
            self.issue_print.setText(with_keys(self.tr("Print again"), PRINT_KEYS))
            self.issue_save.setText(with_keys(self.tr("Save PDF…"), SAVE_KEYS))
            for b in (self.issue_print, self.issue_save):
                b.setEnabled(True)
            if then == "save":
                self.output.save(result.pdf, self._file_name(result))
            else:
                self.output.print(
                    result.pdf, result.display_number, result.copies, choose=then == "choose"
                )

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))
            self._validate()

        self.ctx.runner.write(
            lambda: certificates.refuse_certificate(station, actor, request),
            done,
            failed,
            owner=self,
        )

    @staticmethod
    def _file_name(result: certificates.IssuedRefusal) -> str:
        return f"{result.display_number}-不予出具证明告知书.pdf"

    def _again(self, result: certificates.IssuedRefusal, then: str) -> None:
        """Save the issued notice again, or print it again (rendered and audited as a reprint)."""
        if then == "save":
            self.output.save(result.pdf, self._file_name(result))
            return
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: certificates.reprint(station, actor, result.number),
            lambda again: self.output.print(
                again.pdf, result.display_number, again.copies, choose=then == "choose"
            ),
            lambda exc: self.message.setText(error_text(exc)),
            owner=self,
        )


def open_refusal(
    ctx: DeskContext,
    parent: QWidget,
    subject: RefusalSubject,
    opened: Callable[[RefusalDialog], None] | None = None,
) -> None:
    """Load the refusal guide off the GUI thread, then show the refusal dialog."""
    station, _actor = logged_in(ctx)
    open_when_loaded(
        ctx,
        parent,
        lambda: certificates.active_refusal_guide(station),
        lambda guide: RefusalDialog(ctx, subject, guide, parent),
        opened,
    )
