"""The 居民 page: instant search with masked results, the resident card, intake and visits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_minute
from stationdesk.services import residents
from stationdesk.services.errors import NotFoundError

from ..context import DeskContext, logged_in, write_when_accepted
from ..models import RowsModel
from ..tables import list_view
from ..widgets import REVEAL_KEYS, focus_first_in, keyboard_back_on_close, page_title, push_button
from .certificate_dialogs import CertificateCardActions
from .resident_edit import change_text
from .resident_forms import ReasonDialog, ResidentIntakeDialog, VisitDialog
from .resident_hub import ResidentHub

if TYPE_CHECKING:
    from stationdesk.services.actor import Actor
    from stationdesk.services.station import Station

SEARCH_DEBOUNCE_MS = 120


def _sex(value: str | None, _page: QWidget | None = None) -> str:
    labels = {
        "M": QCoreApplication.translate("Residents", "male"),
        "F": QCoreApplication.translate("Residents", "female"),
    }
    return labels.get(value or "", "")


class ResidentCardView(QFrame):
    """One resident, masked; reveal, visit and other actions act on it."""

    card_shown = Signal(object)  # the card now shown, or None

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("residentCard")
        self.card: residents.ResidentCard | None = None
        self._revealed: residents.RevealedIdentity | None = None  # shown in full, audited
        self.title = QLabel(self.tr("Pick a resident from the list"), self)
        self.title.setObjectName("cardTitle")
        self.fields = QFormLayout()
        self.id_value = QLabel(self)
        self.id_value.setObjectName("cardIdNumber")
        self.phone_value = QLabel(self)
        self.phone_value.setObjectName("cardPhone")
        self.reveal_button = push_button(
            self, self.tr("Show full"), "revealButton", self._reveal, keys=REVEAL_KEYS
        )
        id_row = QHBoxLayout()
        id_row.addWidget(self.id_value)
        id_row.addWidget(self.reveal_button)
        id_row.addStretch(1)
        self.facts = {
            key: QLabel(self)
            for key in ("sex_birth", "address", "grid", "ethnicity", "tags", "sensitive", "note")
        }
        self.fields.addRow(self.tr("ID number"), id_row)
        self.fields.addRow(self.tr("Phone"), self.phone_value)
        self.fields.addRow(self.tr("Sex / born"), self.facts["sex_birth"])
        self.fields.addRow(self.tr("Address"), self.facts["address"])
        self.fields.addRow(self.tr("Grid"), self.facts["grid"])
        self.fields.addRow(self.tr("Ethnicity"), self.facts["ethnicity"])
        self.fields.addRow(self.tr("Service tags"), self.facts["tags"])
        self.sensitive_label = QLabel(self.tr("Sensitive"), self)
        self.fields.addRow(self.sensitive_label, self.facts["sensitive"])
        self.fields.addRow(self.tr("Note"), self.facts["note"])
        for label in self.facts.values():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.actions_row = QHBoxLayout()
        self.visit_button = push_button(self, self.tr("Record visit"), "visitButton", self._visit)
        self.actions_row.addWidget(self.visit_button)
        self.actions_row.addStretch(1)

        self.household = QListWidget(self)
        self.household.setObjectName("householdList")
        self.household.setMaximumHeight(110)
        self.visits = QListWidget(self)
        self.visits.setObjectName("visitList")
        self.visits.setMaximumHeight(110)
        self.changes = QListWidget(self)
        self.changes.setObjectName("changeList")
        self.changes.setMaximumHeight(110)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.fields)
        layout.addLayout(self.actions_row)
        for heading, widget in (
            (self.tr("Household"), self.household),
            (self.tr("Visits"), self.visits),
            (self.tr("Edits"), self.changes),
        ):
            h = QLabel(heading, self)
            h.setObjectName("sectionTitle")
            layout.addWidget(h)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.show_card(None)

    def add_action(self, button: QPushButton) -> None:
        """Other areas (certificates, cases) put their buttons on the card here."""
        self.actions_row.insertWidget(self.actions_row.count() - 1, button)

    def show_card(self, card: residents.ResidentCard | None, *, reload: bool = False) -> None:
        """Show ``card``; a ``reload`` of the resident on screen (after a write or a sync)
        keeps an identity the worker revealed, anything else shows it masked again."""
        if not (
            reload and card is not None and self._revealed and self._revealed.still_shows(card)
        ):
            self._revealed = None
        self.card = card
        enabled = card is not None
        for w in (self.reveal_button, self.visit_button):
            w.setEnabled(enabled)
        if card is None:
            self.title.setText(self.tr("Pick a resident from the list"))
            for label in (self.id_value, self.phone_value, *self.facts.values()):
                label.setText("")
            for lst in (self.household, self.visits, self.changes):
                lst.clear()
            self.card_shown.emit(None)
            return
        row = card.row
        self.title.setText(f"{row.name}（{card.name_pinyin}）" if card.name_pinyin else row.name)
        self._show_identity(card)
        self.facts["sex_birth"].setText(
            f"{_sex(row.sex, self)}  {row.birth_date.isoformat() if row.birth_date else ''}"
        )
        self.facts["address"].setText(row.address)
        self.facts["grid"].setText(row.grid or "")
        self.facts["ethnicity"].setText(card.ethnicity or "")
        self.facts["tags"].setText("、".join(row.tags))
        visible = card.sensitive_tags is not None
        self.sensitive_label.setVisible(visible)
        self.facts["sensitive"].setVisible(visible)
        self.facts["sensitive"].setText("、".join(card.sensitive_tags or ()))
        self.facts["note"].setText(card.note or "")
        _station, actor = logged_in(self.ctx)
        self.reveal_button.setVisible(actor.can(Permission.REVEAL_PERSONAL_DATA))
        self.household.clear()
        for m in card.household:
            self.household.addItem(f"{m.relation or ''}  {m.name}  {m.id_masked}")
        self.visits.clear()
        for v in card.visits:
            self.visits.addItem(f"{shown_minute(v.at)}  {v.worker}  {v.purpose}")
        self.changes.clear()
        for c in card.changes:
            self.changes.addItem(change_text(c))
        self.card_shown.emit(card)

    def _show_identity(self, card: residents.ResidentCard) -> None:
        """The ID number and phones: in full while revealed, masked otherwise."""
        if self._revealed is not None:
            self.id_value.setText(self._revealed.id_number or "")
            self.phone_value.setText("、".join(self._revealed.phones))
        else:
            self.id_value.setText(card.row.id_masked)
            self.phone_value.setText("、".join(card.phones_masked))

    def _reveal(self) -> None:
        card = self.card
        if card is None:
            return
        dialog = ReasonDialog(self)
        self.reason_dialog = dialog
        keyboard_back_on_close(dialog)

        def show(revealed: residents.RevealedIdentity) -> None:
            if self.card is not None and self.card.row.id == revealed.resident_id:
                self._revealed = revealed
                self._show_identity(self.card)

        write_when_accepted(
            self.ctx,
            self,
            dialog,
            dialog.reason,
            lambda station, actor, reason: residents.reveal_resident(
                station, actor, card.row.id, reason
            ),
            show,
        )

    def _visit(self) -> None:
        card = self.card
        if card is None:
            return
        dialog = VisitDialog(self)
        self.visit_dialog = dialog
        keyboard_back_on_close(dialog)

        def record(station: Station, actor: Actor, purpose: str) -> residents.ResidentCard:
            residents.add_visit(station, actor, card.row.id, purpose)
            return residents.get_resident(station, actor, card.row.id)

        write_when_accepted(self.ctx, self, dialog, dialog.purpose, record, self.show_card)


class ResidentsPage(QWidget):
    """Search results on the left, the selected resident's card on the right."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._query = ""
        self._query_serial = 0
        self._card_serial = 0  # the latest card asked for; older answers are dropped
        title = page_title(self.tr("Residents"), self)
        self.count = QLabel(self.tr("Type in the search box above to find residents."), self)
        self.count.setObjectName("resultCount")
        self.new_button = push_button(
            self, self.tr("New resident (Ctrl+N)"), "newResident", self.open_intake
        )
        new_shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        new_shortcut.activated.connect(self.open_intake)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.count, 1)
        head.addWidget(self.new_button)

        self.model = RowsModel(
            [
                (self.tr("Name"), lambda r: r.name),
                (self.tr("Sex"), lambda r: _sex(r.sex, self)),
                (self.tr("Born"), lambda r: r.birth_date.isoformat() if r.birth_date else ""),
                (self.tr("ID number"), lambda r: r.id_masked),
                (self.tr("Phone"), lambda r: r.phone_masked),
                (self.tr("Address"), lambda r: r.address),
                (self.tr("Grid"), lambda r: r.grid or ""),
            ],
            self,
        )
        self.table = list_view(self, "residentTable", self.model, stretch=5)  # the address
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._row_chosen(current.row())
        )
        self.card = ResidentCardView(ctx, self)
        self._card_takes_keys = ""  # Enter on this resident: their card gets the keyboard
        self.table.activated.connect(self._enter_card)
        self.card.card_shown.connect(self._card_shown_by_key)
        self.certificate_actions = CertificateCardActions(ctx, self.card)
        self.card.card_shown.connect(self.certificate_actions.card_changed)
        self.hub = ResidentHub(ctx, self.card, self.certificate_actions)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.card)
        scroll.setMinimumWidth(380)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(scroll, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addLayout(body, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_search)
        self._run_search()  # the recent visitors until something is typed

    # -- search -----------------------------------------------------------------------------
    def search(self, text: str) -> None:
        """Debounced: the lookup runs off the GUI thread once typing pauses."""
        self._query = text
        self._timer.start()

    def _run_search(self) -> None:
        query = self._query.strip()
        self._query_serial += 1
        serial = self._query_serial
        station, actor = logged_in(self.ctx)
        if not actor.can(Permission.HANDLE_MATTERS):
            self.model.set_rows([])
            self.count.setText(self.tr("Your role does not look up residents."))
            return
        if not query:
            self._show_recent(station, actor, serial)
            return

        def show(rows: list[residents.ResidentRow]) -> None:
            if serial != self._query_serial:
                return  # a newer query is on its way
            self.model.set_rows(rows)
            self.count.setText(self.tr("%n match(es)", "", len(rows)))
            if rows:
                self.table.selectRow(0)

        self.ctx.runner.run(
            lambda: residents.find_residents(station, actor, query),
            show,
            self.ctx.report_error,
            owner=self,
        )

    def _show_recent(self, station: Station, actor: Actor, serial: int) -> None:
        """With an empty search box: the residents received at the desk most lately."""

        def show(rows: list[residents.ResidentRow]) -> None:
            if serial != self._query_serial:
                return
            self.model.set_rows(rows)
            if rows:
                self.count.setText(
                    self.tr("Seen at the desk lately: %n. Type above to search.", "", len(rows))
                )
            else:
                self.count.setText(self.tr("Type in the search box above to find residents."))

        self.ctx.runner.run(
            lambda: residents.recent_visitors(station, actor),
            show,
            self.ctx.report_error,
            owner=self,
        )

    def data_changed(self) -> None:
        """After a write or a sync: the list of recent visitors follows (a search is left as it
        is), and an open card shows the resident as now stored (a resident merged away or
        gone closes the card)."""
        if not self._query.strip():
            self._run_search()
        shown = self.card.card
        if shown is not None:
            self._reload_card(shown.row.id)

    def _reload_card(self, resident_id: str) -> None:
        station, actor = logged_in(self.ctx)

        def still_shown() -> bool:
            return self.card.card is not None and self.card.card.row.id == resident_id

        def show(card: residents.ResidentCard) -> None:
            if still_shown():
                self.card.show_card(card, reload=True)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, NotFoundError):
                self.ctx.report_error(exc)
            elif still_shown():
                self.card.show_card(None)

        self.ctx.runner.run(
            lambda: residents.get_resident(station, actor, resident_id), show, failed, owner=self
        )

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_resident(self.model.row_at(row).id)

    def _enter_card(self, index: QModelIndex) -> None:
        if 0 <= index.row() < self.model.rowCount():
            self._card_takes_keys = self.model.row_at(index.row()).id
            self.open_resident(self._card_takes_keys)

    def _card_shown_by_key(self, card: residents.ResidentCard | None) -> None:
        if card is not None and card.row.id == self._card_takes_keys:
            self._card_takes_keys = ""
            focus_first_in(self.card)

    def open_resident(self, resident_id: str) -> None:
        station, actor = logged_in(self.ctx)
        self._card_serial += 1
        serial = self._card_serial

        def show(card: residents.ResidentCard) -> None:
            if serial == self._card_serial:  # reads run on a pool and may finish out of order
                self.card.show_card(card)

        self.ctx.runner.run(
            lambda: residents.get_resident(station, actor, resident_id),
            show,
            self.ctx.report_error,
            owner=self,
        )

    # -- intake -----------------------------------------------------------------------------
    def open_intake(self) -> ResidentIntakeDialog:
        dialog = ResidentIntakeDialog(self.ctx, self)
        dialog.saved.connect(lambda card: self._show_saved(card))
        dialog.open_existing.connect(self.open_resident)
        keyboard_back_on_close(dialog)
        self.intake = dialog
        dialog.open()
        return dialog

    def _show_saved(self, card: residents.ResidentCard) -> None:
        self.model.set_rows([card.row])
        self.count.setText(self.tr("Registered"))
        self.card.show_card(card)
        focus_first_in(self.card)  # the new resident's card has the keyboard
