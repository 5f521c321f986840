"""The 微心愿 tab, the wish wall: a resident's wish is recorded, claimed by a member, fulfilled
with a note (and a photo) and confirmed by the resident (满意/不满意); overdue wishes are red."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from stationdesk.domain.volunteering import WishStatus
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext, logged_in
from ...i18n import error_text
from ...tables import current_item, fill_row, select_again
from ...widgets import push_button
from ..cases.dialogs import ImagePreview
from .common import ListTab, open_dialog
from .wish_dialogs import WishDialog, WishStepDialog

#: The step each button takes, by the status a wish must be in for it.
STEP_FROM = {
    "claim": WishStatus.OPEN,
    "fulfil": WishStatus.CLAIMED,
    "confirm": WishStatus.FULFILLED,
}


class WishesTab(ListTab):
    """The wish wall by deadline; Ctrl+N records a wish, F3 claims, F4 fulfils, F6 confirms,
    F7 shows a fulfilled wish's photo."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.wishes: list[vol.WishInfo] = []
        self.members: list[vol.MemberInfo] = []
        self.add_button = push_button(
            self, self.tr("Record a wish"), "wishAdd", self.add_wish, keys="Ctrl+N"
        )
        self.claim_button = push_button(
            self, self.tr("Claim"), "wishClaim", lambda: self.step("claim"), keys="F3"
        )
        self.fulfil_button = push_button(
            self, self.tr("Fulfilled"), "wishFulfil", lambda: self.step("fulfil"), keys="F4"
        )
        self.confirm_button = push_button(
            self, self.tr("Resident confirms"), "wishConfirm", lambda: self.step("confirm"),
            keys="F6",
        )  # fmt: skip
        self.photo_button = push_button(
            self, self.tr("View photo"), "wishPhoto", self.view_photo, keys="F7"
        )
        self.step_buttons = {
            "claim": self.claim_button,
            "fulfil": self.fulfil_button,
            "confirm": self.confirm_button,
        }
        self.photo_view: ImagePreview | None = None
        self.overdue_note = QLabel("", self)
        self.overdue_note.setObjectName("wishOverdueNote")
        layout = self.head(
            [self.add_button, *self.step_buttons.values(), self.photo_button], self.overdue_note
        )
        self.table = self.list_table(
            "wishTable",
            [
                self.tr("Resident"),
                self.tr("Wish"),
                self.tr("Category"),
                self.tr("Deadline"),
                self.tr("Status"),
                self.tr("Member"),
                self.tr("Grade"),
                self.tr("What was done"),
                self.tr("Photo"),
            ],
            stretch=1,
            selection=self._selection,
        )
        layout.addWidget(self.table, 1)
        self._selection()

    def fetch(
        self, station: Station, actor: Actor
    ) -> tuple[list[vol.WishInfo], list[vol.MemberInfo]]:
        return vol.list_wishes(station, actor), vol.list_members(station, actor)

    def show_data(self, data: tuple[list[vol.WishInfo], list[vol.MemberInfo]]) -> None:
        current = self.selected()
        self.wishes, self.members = data
        self.table.setRowCount(len(self.wishes))
        overdue = self.tr("%1 (overdue)")
        for i, w in enumerate(self.wishes):
            status = overdue.replace("%1", w.status_zh) if w.overdue else w.status_zh
            values = (
                w.resident,
                w.text,
                w.category,
                f"{w.deadline:%Y-%m-%d}",
                status,
                w.member or "",
                w.grade or "",
                w.fulfil_note or "",
                w.photo or "",
            )
            fill_row(self.table, i, values, red=w.overdue)
        late = sum(w.overdue for w in self.wishes)
        self.overdue_note.setText(
            self.tr("%1 overdue (red)").replace("%1", str(late)) if late else ""
        )
        select_again(self.table, [w.id for w in self.wishes], current.id if current else None)
        self._selection()

    def selected(self) -> vol.WishInfo | None:
        return current_item(self.table, self.wishes)

    def _selection(self) -> None:
        wish = self.selected()
        for step, button in self.step_buttons.items():
            button.setEnabled(wish is not None and wish.status == STEP_FROM[step].value)
        self.photo_button.setEnabled(wish is not None and wish.photo is not None)

    def add_wish(self) -> None:
        self.show_form(WishDialog(self.ctx, self))

    def step(self, step: str) -> None:
        wish = self.selected()
        if wish is None or wish.status != STEP_FROM[step].value:
            return
        self.show_form(WishStepDialog(self.ctx, step, wish, self.members, self))

    def view_photo(self) -> None:
        """The selected wish's photo, read off the GUI thread (opening it is audited)."""
        wish = self.selected()
        if wish is None or wish.photo is None:
            return
        station, actor = logged_in(self.ctx)
        wish_id = wish.id

        def show(photo: vol.WishPhotoData) -> None:
            self.photo_view = ImagePreview(photo.name, photo.data, self)
            open_dialog(self.photo_view)

        self.say("")
        self.ctx.runner.write(
            lambda: vol.wish_photo(station, actor, wish_id),
            show,
            lambda exc: self.say(error_text(exc)),
            owner=self,
        )
