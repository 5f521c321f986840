"""The settings page's ID-card reader section: which reader, on which port, with which SDK."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from stationdesk.cardreader import ReaderConfig, ReaderKind
from stationdesk.cardreader.serial_reader import serial_ports
from stationdesk.domain.roles import Permission
from stationdesk.services import settings

from ..card_reader import restart_card_reader
from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..widgets import inline_error, line_edit, push_button, section_save_button


class CardReaderBox(QGroupBox):
    """Chooses the desk's reader (the admin saves it); the desk restarts its reader on save."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("ID-card reader"))
        self.setObjectName("cardReaderBox")
        self.ctx = ctx
        _station, actor = logged_in(ctx)
        form = self.form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.kind = QComboBox(self)
        self.kind.setObjectName("readerKind")
        for label, kind in (
            (self.tr("No reader"), ReaderKind.NONE),
            (self.tr("Serial reader (GA/T 467, USB serial port)"), ReaderKind.SERIAL),
            (self.tr("Vendor library (termb.dll, Windows)"), ReaderKind.SDK),
        ):
            self.kind.addItem(label, kind.value)
        self.port = QComboBox(self)
        self.port.setObjectName("readerPort")
        self.port.setEditable(True)
        self.port.setMinimumWidth(320)
        line = self.port.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("e.g. COM3 or /dev/ttyUSB0; 1001 for a USB SDK"))
        self.library = line_edit(self, "readerLibrary", placeholder="C:\\reader\\termb.dll")
        self.library.setMinimumWidth(300)
        browse = push_button(self, self.tr("Choose…"), "readerBrowse", self._browse, keys="Alt+C")
        self.library_row = QWidget(self)
        library_row = QHBoxLayout(self.library_row)
        library_row.setContentsMargins(0, 0, 0, 0)
        library_row.addWidget(self.library)
        library_row.addWidget(browse)
        self.message = inline_error(self)
        self.state = QLabel("", self)
        self.state.setObjectName("readerState")
        self.save = section_save_button(self, self.tr("Save"), "saveReader", self._save)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save)
        save_row.addWidget(self.state)
        save_row.addStretch(1)
        form.addRow(self.tr("Reader"), self.kind)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("SDK library"), self.library_row)
        form.addRow(self.message)
        form.addRow(save_row)
        can_manage = actor.can(Permission.MANAGE_STATION)
        for w in (self.kind, self.port, self.library, browse, self.save):
            w.setEnabled(can_manage)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        station, _actor = logged_in(ctx)
        ctx.runner.run(
            lambda: (settings.card_reader_config(station), serial_ports()),
            self._show,
            ctx.report_error,
            owner=self,
        )

    def _show(self, result: tuple[ReaderConfig, list[str]]) -> None:
        config, ports = result
        self.kind.setCurrentIndex(max(0, self.kind.findData(config.kind.value)))
        for port in ports:
            self.port.addItem(port)
        self.port.setEditText(config.port)
        self.library.setText(config.library)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = ReaderKind(self.kind.currentData())
        self.form.setRowVisible(self.port, kind is not ReaderKind.NONE)
        self.form.setRowVisible(self.library_row, kind is ReaderKind.SDK)
        self.state.setText("")

    def _browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The reader's SDK library"), "", self.tr("Libraries (*.dll *.so)")
        )
        if name:
            self.library.setText(name)

    def _save(self) -> None:
        kind = str(self.kind.currentData())
        port, library = self.port.currentText().strip(), self.library.text().strip()
        if kind == ReaderKind.SERIAL.value and not port:
            self.message.setText(self.tr("Choose the reader's serial port."))
            return
        if kind == ReaderKind.SDK.value and not library:
            self.message.setText(self.tr("Choose the SDK library (termb.dll)."))
            return
        self.message.setText("")
        self.save.setEnabled(False)
        station, actor = logged_in(self.ctx)

        def done(_result: None) -> None:
            self.save.setEnabled(True)
            self.state.setText(self.tr("Saved."))
            restart_card_reader(self)

        def failed(exc: BaseException) -> None:
            self.save.setEnabled(True)
            self.message.setText(error_text(exc))

        self.ctx.runner.write(
            lambda: settings.set_card_reader(station, actor, kind, port, library),
            done,
            failed,
            owner=self,
        )
