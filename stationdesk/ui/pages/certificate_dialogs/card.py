"""The resident card's certificate buttons and the flows they start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from stationdesk.domain.catalog import Catalog
from stationdesk.domain.roles import Permission
from stationdesk.services import certificates
from stationdesk.services.residents import ResidentCard

from ...context import DeskContext, logged_in
from ...widgets import keyboard_back_on_close, push_button
from .issue import ChooseTypeDialog, IssueDialog, open_issue_form
from .refusal import RefusalDialog, RefusalSubject, open_refusal

if TYPE_CHECKING:
    from ..residents import ResidentCardView


class CertificateCardActions(QObject):
    """Puts 开具证明 and 不予出具 on the resident card and runs the flows from there."""

    document_made = Signal()  # a certificate was issued or a refusal notice made from the card

    def __init__(self, ctx: DeskContext, card_view: ResidentCardView) -> None:
        super().__init__(card_view)
        self.ctx = ctx
        self.card_view = card_view
        self.issue_button = push_button(
            card_view, self.tr("Issue certificate"), "issueCertificate", self.start_issue
        )
        self.refuse_button = push_button(
            card_view, self.tr("Refuse (notice)"), "refuseCertificate", lambda: self.start_refusal()
        )
        _station, actor = logged_in(ctx)
        allowed = actor.can(Permission.HANDLE_MATTERS)
        for button in (self.issue_button, self.refuse_button):
            button.setVisible(allowed)
            button.setEnabled(False)
            card_view.add_action(button)
        self.chooser: ChooseTypeDialog | None = None
        self.dialog: IssueDialog | None = None
        self.refusal: RefusalDialog | None = None

    def card_changed(self, card: ResidentCard | None) -> None:
        for button in (self.issue_button, self.refuse_button):
            button.setEnabled(card is not None)

    def _card(self) -> ResidentCard | None:
        return self.card_view.card

    def start_issue(self) -> None:
        card = self._card()
        if card is None:
            return
        station, _actor = logged_in(self.ctx)

        def show(catalog: Catalog) -> None:
            chooser = ChooseTypeDialog(list(catalog), self.card_view)
            chooser.chosen.connect(lambda code: self.open_form(card.row.id, code))
            chooser.refuse_requested.connect(lambda: self.start_refusal())
            keyboard_back_on_close(chooser)
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
        dialog.issued.connect(lambda _issued: self.document_made.emit())
        dialog.refuse_requested.connect(
            lambda code, detail: self.start_refusal(code, dialog.ctype.name_zh, detail)
        )

    def start_refusal(
        self, type_code: str | None = None, type_name: str = "", detail: str = ""
    ) -> None:
        card = self._card()
        if card is None:
            return
        subject = RefusalSubject(
            card.row.id,
            f"{card.row.name}　{card.row.id_masked}",
            type_code=type_code,
            type_name=type_name,
            detail=detail,
        )
        open_refusal(self.ctx, self.card_view, subject, opened=self._refusal_opened)

    def _refusal_opened(self, dialog: RefusalDialog) -> None:
        self.refusal = dialog
        dialog.refused.connect(lambda _notice: self.document_made.emit())
