"""The resident card as the hub: one key each for edit, household, visit, certificate, refusal,
a linked matter and a 微心愿, and the resident's certificates, refusals, cases and pending wishes
listed on the card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission
from stationdesk.domain.volunteering import WISH_PENDING
from stationdesk.services import case_reference, cases, certificates, resident_hub, residents
from stationdesk.services import volunteering as vol
from stationdesk.services.case_reference import MatterTypeInfo

from ..context import DeskContext, logged_in
from ..pdf import PdfPane
from ..screen import keep_on_screen
from ..widgets import keyboard_back_on_close, push_button, window_title, with_keys
from .case_models import state_label
from .cases.intake import CaseIntakeDialog
from .resident_edit import ResidentEditDialog
from .resident_household import HouseholdDialog
from .volunteer.wish_dialogs import WishDialog

if TYPE_CHECKING:
    from .certificate_dialogs import CertificateCardActions
    from .residents import ResidentCardView

ID_ROLE = Qt.ItemDataRole.UserRole

KEY_EDIT = "F2"
KEY_VISIT = "F3"
KEY_ISSUE = "F4"
KEY_REFUSE = "F6"
KEY_CASE = "F7"
KEY_HOUSEHOLD = "F8"
KEY_WISH = "F11"


def _list(parent: QWidget, name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setMaximumHeight(130)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setTabKeyNavigation(False)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setTextElideMode(Qt.TextElideMode.ElideLeft)  # a number's end tells it apart
    return tree


class DocumentViewDialog(QDialog):
    """One certificate or refusal notice as its PDF (opening it was audited)."""

    def __init__(self, title: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setWindowTitle(window_title(title))
        keep_on_screen(self)
        self.pane = PdfPane(self)
        self.pane.show_pdf(pdf)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane, 1)
        layout.addWidget(close)
        self.resize(560, 680)


class ResidentHub(QObject):
    """Puts the hub's buttons and lists on a resident card and runs what they start."""

    def __init__(
        self, ctx: DeskContext, card_view: ResidentCardView, certs: CertificateCardActions
    ) -> None:
        super().__init__(card_view)
        self.ctx = ctx
        self.card_view = card_view
        _station, actor = logged_in(ctx)
        self.allowed = actor.can(Permission.HANDLE_MATTERS)
        self.edit_button = self._button(self.tr("Edit"), KEY_EDIT, "editResident", self.edit)
        self.household_button = self._button(
            self.tr("Household"), KEY_HOUSEHOLD, "manageHousehold", self.household
        )
        self.case_button = self._button(
            self.tr("New matter"), KEY_CASE, "linkedCase", self.new_case
        )
        visit = card_view.visit_button
        visit.setText(with_keys(self.tr("Record visit"), KEY_VISIT))
        visit.setShortcut(KEY_VISIT)
        certs.issue_button.setText(with_keys(self.tr("Issue certificate"), KEY_ISSUE))
        certs.issue_button.setShortcut(KEY_ISSUE)
        certs.refuse_button.setText(with_keys(self.tr("Refuse (notice)"), KEY_REFUSE))
        certs.refuse_button.setShortcut(KEY_REFUSE)
        self.wish_button = self._button(
            self.tr("Record a wish"), KEY_WISH, "residentWish", self.new_wish
        )
        self.buttons = (self.edit_button, self.household_button, self.case_button, self.wish_button)
        for button in self.buttons:
            button.setVisible(self.allowed)
            card_view.add_action(button)
        self._arrange_actions(certs)

        self.documents = _list(
            card_view,
            "residentDocuments",
            [self.tr("Item"), self.tr("Date"), self.tr("Status"), self.tr("Number")],
        )
        self.documents.itemActivated.connect(lambda item, _c: self.open_document(item))
        self.cases = _list(
            card_view, "residentCases", [self.tr("Number"), self.tr("State"), self.tr("Due")]
        )
        self.cases.itemActivated.connect(lambda item, _c: self.open_case(item))
        self.wishes = _list(
            card_view, "residentWishes", [self.tr("Wish"), self.tr("Status"), self.tr("Due")]
        )
        layout = card_view.layout()
        assert isinstance(layout, QVBoxLayout)
        at = layout.count() - 1  # before the closing stretch
        for heading, widget in (
            (self.tr("Certificates and refusals (Enter opens the PDF)"), self.documents),
            (self.tr("Matters (Enter opens on the Matters page)"), self.cases),
            (self.tr("Pending wishes"), self.wishes),
        ):
            label = QLabel(heading, card_view)
            label.setObjectName("sectionTitle")
            layout.insertWidget(at, label)
            layout.insertWidget(at + 1, widget)
            at += 2
        self.records: resident_hub.ResidentRecords | None = None
        self.dialog: QDialog | None = None
        card_view.card_shown.connect(self.card_changed)
        certs.document_made.connect(lambda: self.card_changed(self.card_view.card))
        self.card_changed(card_view.card)

    def _button(self, text: str, key: str, name: str, slot: object) -> QPushButton:
        button = push_button(self.card_view, text, name, keys=key)
        button.clicked.connect(slot)
        return button

    def _arrange_actions(self, certs: CertificateCardActions) -> None:
        """One row would not fit the card: the buttons go in a grid, three a row, in key
        order (F2, F3, F4 / F6, F7, F8 / F11)."""
        row = self.card_view.actions_row
        ordered = [
            self.edit_button,
            self.card_view.visit_button,
            certs.issue_button,
            certs.refuse_button,
            self.case_button,
            self.household_button,
            self.wish_button,
        ]
        grid_box = QWidget(self.card_view)
        grid_box.setObjectName("cardActions")
        # narrow side padding: six labels with their keys fit a 380-pixel card
        grid_box.setStyleSheet("QPushButton { padding-left: 2px; padding-right: 2px; }")
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        for i, button in enumerate(ordered):
            row.removeWidget(button)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, i // 3, i % 3)
        row.insertWidget(0, grid_box, 1)
        for i in range(1, row.count()):  # the row's closing stretch gives the grid the width
            row.setStretch(i, 0)

    # -- the card ------------------------------------------------------------------------------
    def card_changed(self, card: residents.ResidentCard | None) -> None:
        for button in self.buttons:
            button.setEnabled(card is not None)
        self.documents.clear()
        self.cases.clear()
        self.wishes.clear()
        if card is None or not self.allowed:
            return
        station, actor = logged_in(self.ctx)
        resident_id = card.row.id
        self.ctx.runner.run(
            lambda: resident_hub.resident_records(station, actor, resident_id),
            self.show_records,
            self.ctx.report_error,
            owner=self.card_view,
        )
        self.ctx.runner.run(
            lambda: vol.list_wishes(station, actor, resident_id=resident_id),
            lambda wishes: self.show_wishes(resident_id, wishes),
            self.ctx.report_error,
            owner=self.card_view,
        )

    def show_wishes(self, resident_id: str, wishes: list[vol.WishInfo]) -> None:
        """The resident's wishes not yet fulfilled (overdue ones say so)."""
        card = self.card_view.card
        if card is None or card.row.id != resident_id:
            return
        self.wishes.clear()
        pending = {s.value for s in WISH_PENDING}
        overdue = self.tr("%1 (overdue)")
        for w in wishes:
            if w.status not in pending:
                continue
            status = overdue.replace("%1", w.status_zh) if w.overdue else w.status_zh
            item = QTreeWidgetItem([w.text, status, w.deadline.isoformat()])
            item.setToolTip(0, f"{w.category}：{w.text}")
            self.wishes.addTopLevelItem(item)
        for col in range(self.wishes.columnCount() - 1):
            self.wishes.resizeColumnToContents(col)

    def show_records(self, records: resident_hub.ResidentRecords) -> None:
        card = self.card_view.card
        if card is None or card.row.id != records.resident_id:
            return
        self.records = records
        self.documents.clear()
        status = {
            "issued": self.tr("issued"),
            "void": self.tr("void"),
            "refused": self.tr("refused"),
        }
        for d in records.documents:
            item = QTreeWidgetItem(
                [d.item, d.day.isoformat(), status.get(d.status, d.status), d.display_number]
            )
            item.setData(0, ID_ROLE, d.number)
            item.setToolTip(3, d.display_number)
            self.documents.addTopLevelItem(item)
        self.cases.clear()
        for c in records.cases:
            item = QTreeWidgetItem([c.number, state_label(c.state), c.due_date.isoformat()])
            item.setData(0, ID_ROLE, c.id)
            item.setToolTip(0, f"{c.type_name}：{c.summary}")
            self.cases.addTopLevelItem(item)
        for tree in (self.documents, self.cases):
            for col in range(tree.columnCount() - 1):  # the last one takes what is left
                tree.resizeColumnToContents(col)

    # -- actions -------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        """Open one of the hub's dialogs; when it closes the desk has the keyboard again."""
        keyboard_back_on_close(dialog)
        self.dialog = dialog
        dialog.open()

    def edit(self) -> None:
        card = self.card_view.card
        if card is None:
            return
        dialog = ResidentEditDialog(self.ctx, card, self.card_view)
        dialog.saved.connect(self.card_view.show_card)
        self._open(dialog)

    def household(self) -> None:
        card = self.card_view.card
        if card is None:
            return
        dialog = HouseholdDialog(self.ctx, card, self.card_view)
        dialog.changed.connect(self.card_view.show_card)
        self._open(dialog)

    def new_case(self) -> None:
        card = self.card_view.card
        if card is None:
            return
        station, _actor = logged_in(self.ctx)

        def show(types: list[MatterTypeInfo]) -> None:
            dialog = CaseIntakeDialog(self.card_view)
            dialog.set_types(types)
            dialog.link_resident(card)
            dialog.accepted.connect(lambda: self._save_case(dialog))
            self._open(dialog)

        self.ctx.runner.run(
            lambda: case_reference.list_matter_types(station),
            show,
            self.ctx.report_error,
            owner=self.card_view,
        )

    def _save_case(self, dialog: CaseIntakeDialog) -> None:
        new = dialog.values()
        station, actor = logged_in(self.ctx)
        self.ctx.runner.write(
            lambda: cases.open_case(station, actor, new),
            lambda _detail: self.card_changed(self.card_view.card),
            self.ctx.report_error,
            owner=self.card_view,
        )

    def new_wish(self) -> None:
        """Record a wish for the resident on the card (shown masked, not searched for)."""
        card = self.card_view.card
        if card is None:
            return
        shown = f"{card.row.name}  {card.row.id_masked}"
        dialog = WishDialog(self.ctx, self.card_view, (card.row.id, shown))
        dialog.saved.connect(lambda _wish: self.card_changed(self.card_view.card))
        self._open(dialog)

    def open_document(self, item: QTreeWidgetItem) -> None:
        number = str(item.data(0, ID_ROLE))
        title = item.text(3)
        station, actor = logged_in(self.ctx)

        def show(pdf: bytes) -> None:
            self._open(DocumentViewDialog(title, pdf, self.card_view))

        self.ctx.runner.write(
            lambda: certificates.view_issued(station, actor, number),
            show,
            self.ctx.report_error,
            owner=self.card_view,
        )

    def open_case(self, item: QTreeWidgetItem) -> None:
        """Show the case on the 事项 page (the main window's page of that name)."""
        case_id = str(item.data(0, ID_ROLE))
        window = self.card_view.window()
        show_page = getattr(window, "show_page", None)
        pages = getattr(window, "page_widgets", None)
        if show_page is None or pages is None:
            return
        show_page("cases")
        page = pages["cases"]
        show_case = getattr(page, "show_case", None)
        if show_case is not None:
            show_case(case_id)
