"""The 应急 page's phone box: the selected resident's and household's phones, masked, and
显示完整电话（F9） for the responder the resident is assigned to (each reveal audited)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stationdesk.services import emergency

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..widgets import REVEAL_KEYS, push_button


class ContactsBox(QWidget):
    """Shows one listed resident's phone lines; loads and reveals off the GUI thread."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.resident_id: str | None = None
        self._serial = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self.tr("Phones"), self)
        layout.addWidget(self.title)
        self.lines = QLabel("", self)
        self.lines.setObjectName("emergencyPhones")
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.lines)
        self.reveal_button = push_button(
            self,
            self.tr("Show in full"),
            "emergencyRevealPhones",
            self.reveal,
            enabled=False,
            keys=REVEAL_KEYS,
        )
        self.reveal_button.setToolTip(
            self.tr("Only the responder the resident is assigned to; every time is recorded.")
        )
        layout.addWidget(self.reveal_button)

    def show_for(self, resident_id: str | None) -> None:
        """Show this resident's phones, masked (none: clear the box)."""
        self.resident_id = resident_id
        self._serial += 1
        serial = self._serial
        self.reveal_button.setEnabled(False)
        if resident_id is None:
            self.lines.setText("")
            return
        station, actor = logged_in(self.ctx)
        show, failed = self._answers(serial)
        self.ctx.runner.run(
            lambda: emergency.entry_contacts(station, actor, resident_id),
            show,
            failed,
            owner=self,
        )

    def _answers(
        self, serial: int
    ) -> tuple[Callable[[emergency.EntryContacts], None], Callable[[BaseException], None]]:
        """What to do with a read's answer, unless another resident was chosen meanwhile."""

        def show(found: emergency.EntryContacts) -> None:
            if serial == self._serial:
                self._show(found)

        def failed(exc: BaseException) -> None:
            if serial == self._serial:
                self.lines.setText(error_text(exc))

        return show, failed

    def _show(self, found: emergency.EntryContacts) -> None:
        self.lines.setText("\n".join(found.lines) or self.tr("No phone on record."))
        self.reveal_button.setEnabled(found.can_reveal and not found.full)

    def reveal(self) -> None:
        """F9: the phones in full, if this worker is the resident's responder (audited)."""
        resident_id = self.resident_id
        if resident_id is None:
            return
        station, actor = logged_in(self.ctx)
        serial = self._serial
        self.reveal_button.setEnabled(False)
        show, failed = self._answers(serial)
        self.ctx.runner.write(
            lambda: emergency.entry_contacts(station, actor, resident_id, reveal=True),
            show,
            failed,
            owner=self,
        )
