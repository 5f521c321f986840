"""Voiding a certificate (heads) and verifying a number or a PDF file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stationdesk.services import certificates

from ...context import DeskContext, logged_in
from ...i18n import error_text, is_chinese
from ...screen import keep_on_screen
from ...widgets import confirm_buttons, line_edit, push_button, window_title


class VoidDialog(QDialog):
    """Void a certificate: station heads only, with a reason."""

    def __init__(self, number: str, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(window_title(self.tr("Void certificate")))
        keep_on_screen(self)
        text = QLabel(
            self.tr("Void %1 (%2)? This cannot be undone; a reissue gets a new number.")
            .replace("%1", number)
            .replace("%2", holder),
            self,
        )
        text.setWordWrap(True)
        self.reason = line_edit(
            self,
            "voidReason",
            max_length=certificates.REASON_MAX,
            placeholder=self.tr("Reason, e.g. 地址填写有误"),
        )
        self.buttons, self.ok = confirm_buttons(self, self.reason, least=2)
        self.ok.setText(self.tr("Void"))
        self.ok.setObjectName("confirmVoid")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)


class VerifyDialog(QDialog):
    """Check a number or a PDF file: valid, void, unknown or forged."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("verifyDialog")
        self.setWindowTitle(window_title(self.tr("Verify a certificate")))
        keep_on_screen(self)
        self.setMinimumWidth(560)
        self.subject = line_edit(
            self,
            "verifySubject",
            placeholder=self.tr("Number (e.g. SY0101-2026-000123) or QR text"),
        )
        self.subject.returnPressed.connect(self._check_text)
        check = push_button(self, self.tr("Check"), "verifyCheck", self._check_text)
        pick = push_button(self, self.tr("Check a PDF file…"), "verifyFile", self._check_file)
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

    def _run(self, subject: str | Path) -> None:
        station, actor = logged_in(self.ctx)
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
