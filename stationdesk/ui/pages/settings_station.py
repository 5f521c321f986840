"""The station address prefix field of 设置 (站点): checked as the admin types, saved on demand."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stationdesk.services import settings
from stationdesk.services.errors import InputError

from .. import i18n
from ..context import DeskContext, logged_in
from ..widgets import inline_error, line_edit, section_save_button

KEY = "station_address_prefix"


class AddressPrefixField(QWidget):
    """What certificates print before the building address (e.g. 大连市西岗区人民广场街道XX社区);
    only an admin may change it."""

    def __init__(self, ctx: DeskContext, can_manage: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.edit = line_edit(
            self, "addressPrefix", placeholder=self.tr("e.g. 大连市西岗区人民广场街道XX社区")
        )
        self.edit.setMinimumWidth(360)
        self.edit.setEnabled(can_manage)
        self.save = section_save_button(self, self.tr("Save"), "saveAddressPrefix", enabled=False)
        self.save.setVisible(can_manage)
        self.save.clicked.connect(self._save)
        self.message = inline_error(self)
        self.status = QLabel("", self)
        self.status.setObjectName("addressPrefixStatus")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.save)
        row.addWidget(self.status)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.edit.textEdited.connect(self._validate)
        station, _actor = logged_in(ctx)
        ctx.runner.run(
            lambda: settings.get_setting(station, KEY), self._show, ctx.report_error, owner=self
        )

    def _show(self, value: object) -> None:
        self.edit.setText(str(value or ""))
        self.message.setText("")
        self.save.setEnabled(False)

    def _validate(self) -> None:
        self.status.setText("")
        try:
            settings.check_address_prefix(self.edit.text())
        except InputError as exc:
            self.message.setText(i18n.error_text(exc))
            self.save.setEnabled(False)
            return
        self.message.setText("")
        self.save.setEnabled(True)

    def _save(self) -> None:
        text = self.edit.text()
        self.save.setEnabled(False)
        station, actor = logged_in(self.ctx)

        def saved(_result: object) -> None:
            self._show(settings.check_address_prefix(text))
            self.status.setText(self.tr("Saved."))

        self.ctx.runner.write(
            lambda: settings.set_setting(station, actor, KEY, text),
            saved,
            lambda exc: self.message.setText(i18n.error_text(exc)),
            owner=self,
        )
