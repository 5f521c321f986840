"""The dialogs that switch emergency mode on (kind, name, level, grids, start time) and off (a
summary, then the after-action report), and the base of the emergency page's write dialogs; the
service decides who may do what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.emergency import DEFAULT_LEVEL, EVENT_KINDS, LEVEL_LABELS
from stationdesk.domain.station_time import STATION_TZ
from stationdesk.services import emergency, residents

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..widgets import Standard, dialog_buttons, inline_error, line_edit, submit_keys, window_title

#: The longest name and summary the fields take (the service's limits).
MAX_NAME = 100
MAX_SUMMARY = 4000
DIALOG_WIDTH = 480
T = TypeVar("T")


class WriteDialog(QDialog):
    """A small modal dialog whose OK (renamed, disabled at first) runs one service write;
    ``wrote`` gives its result, and a refusal is said on the error line."""

    wrote = Signal(object)

    def __init__(
        self,
        ctx: DeskContext,
        name: str,
        title: str,
        parent: QWidget | None,
        width: int = DIALOG_WIDTH,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setMinimumWidth(width)
        self.setWindowTitle(window_title(title))
        self.setModal(True)
        self.layout_ = QVBoxLayout(self)
        self.error = inline_error(self)

    def finish_layout(self, ok_text: str, *, ctrl_enter: bool = True) -> None:
        """Put the error line and the buttons under what the subclass laid out; with
        ``ctrl_enter``, Ctrl+Enter submits from anywhere in the dialog."""
        self.layout_.addWidget(self.error)
        buttons, self.ok = dialog_buttons(self, Standard.Ok, self.submit)
        self.ok.setText(ok_text)
        self.ok.setEnabled(False)
        if ctrl_enter:
            submit_keys(self, self.submit)
        self.layout_.addWidget(buttons)

    def submit(self) -> None:
        raise NotImplementedError

    def landed(self, result: object) -> None:
        """After a write that keeps the dialog open."""

    def write(self, call: Callable[[], object], *, close: bool = True) -> None:
        """Run the write off the GUI thread; on success say so (``wrote``) and close unless
        told to stay open; say why not otherwise."""
        self.ok.setEnabled(False)
        self.error.setText("")

        def landed(result: object) -> None:
            self.wrote.emit(result)
            if close:
                self.accept()
            else:
                self.landed(result)

        def failed(exc: BaseException) -> None:
            self.error.setText(error_text(exc))
            self.ok.setEnabled(True)

        self.ctx.runner.write(call, landed, failed, owner=self)

    def load(self, call: Callable[[], T], show: Callable[[T], None]) -> None:
        """Read off the GUI thread; a failure is said on the error line."""
        self.ctx.runner.run(call, show, lambda exc: self.error.setText(error_text(exc)), owner=self)


class StartEmergencyDialog(WriteDialog):
    """Start an emergency event: the kind, a name, the level, the affected grids (all by
    default) and when it began (now by default). ``started`` gives the EventInfo."""

    started = Signal(object)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "emergencyStartDialog", self.tr("Start emergency mode"), parent)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("emergencyKind")
        for kind in EVENT_KINDS:
            self.kind.addItem(kind.label, kind.code)
        self.name = line_edit(
            self,
            "emergencyName",
            max_length=MAX_NAME,
            placeholder=self.tr("e.g. Typhoon Yagi, warning no. 12"),
        )
        self.level = QComboBox(self)
        self.level.setObjectName("emergencyLevel")
        for level, label in LEVEL_LABELS.items():
            self.level.addItem(label, level)
        self.level.setCurrentIndex(self.level.findData(DEFAULT_LEVEL))
        self.grids = QListWidget(self)
        self.grids.setObjectName("emergencyGrids")
        self.grids.setMaximumHeight(120)
        self.start = QDateTimeEdit(self)
        self.start.setObjectName("emergencyStart")
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = datetime.now(STATION_TZ)
        self.start.setDateTime(QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Affected grids"), self.grids)
        form.addRow(self.tr("Started at"), self.start)
        self.layout_.addLayout(form)
        self.finish_layout(self.tr("Start"), ctrl_enter=False)
        self.ok.setObjectName("emergencyStartButton")
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.setTabOrder(self.kind, self.name)
        self.name.setFocus()
        self._load_grids()

    def _load_grids(self) -> None:
        station, actor = logged_in(self.ctx)
        self.load(lambda: residents.list_grids(station, actor), self._show_grids)

    def _show_grids(self, grids: list[residents.GridInfo]) -> None:
        self.grids.clear()
        for g in grids:
            item = QListWidgetItem(f"{g.code} {g.name}", self.grids)
            item.setData(Qt.ItemDataRole.UserRole, g.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)  # every grid, unless narrowed

    def chosen_grids(self) -> list[str] | None:
        """The grid codes ticked; None when every grid is (or there are none)."""
        items = [self.grids.item(i) for i in range(self.grids.count())]
        ticked = [
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i is not None and i.checkState() == Qt.CheckState.Checked
        ]
        return None if len(ticked) == len(items) else ticked

    def started_at(self) -> datetime:
        """The start time as entered (station time, aware)."""
        shown = self.start.dateTime()
        d, t = shown.date(), shown.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=STATION_TZ)

    def submit(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the event a name."))
            return
        station, actor = logged_in(self.ctx)
        kind = str(self.kind.currentData())
        name = self.name.text()
        level = int(self.level.currentData())
        grids = self.chosen_grids()
        began = self.started_at()
        self.ok.setEnabled(False)
        self.error.setText("")
        self.ctx.runner.write(
            lambda: emergency.start_event(
                station, actor, kind, name, level=level, grids=grids, started_at=began
            ),
            self._done,
            self._failed,
            owner=self,
        )

    def _done(self, info: emergency.EventInfo) -> None:
        self.started.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.ok.setEnabled(bool(self.name.text().strip()))


class StopEmergencyDialog(WriteDialog):
    """End the open event: a summary is required; the after-action report is written to the
    station's exports folder (a PDF and a workbook beside it). ``stopped`` gives the PDF's path."""

    stopped = Signal(object)

    def __init__(self, ctx: DeskContext, event_name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "emergencyStopDialog", self.tr("End emergency mode"), parent)
        form = QFormLayout()
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("emergencySummaryEdit")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(
            self.tr("What happened, who was helped, what is left to do (required)")
        )
        self.summary.setMinimumHeight(110)
        shown = QLabel(event_name, self)
        shown.setWordWrap(True)
        form.addRow(self.tr("Event"), shown)
        form.addRow(self.tr("Summary"), self.summary)
        self.layout_.addLayout(form)
        self.finish_layout(self.tr("End and write the report"))
        self.ok.setObjectName("emergencyStopButton")
        self.summary.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.summary.toPlainText().strip()))
        )
        self.summary.setFocus()

    def submit(self) -> None:
        text = self.summary.toPlainText().strip()
        if not text:
            self.error.setText(self.tr("Write a summary of the event first."))
            return
        if len(text) > MAX_SUMMARY:
            self.error.setText(self.tr("The summary is too long."))
            return
        station, actor = logged_in(self.ctx)
        self.ok.setEnabled(False)
        self.error.setText("")

        def stop() -> Path:
            info = emergency.stop_event(station, actor, text)
            path = emergency.report_path(station, info.name, station.now())
            emergency.write_report(station, actor, path.with_suffix(".xlsx"), info.id)
            return emergency.write_report(station, actor, path, info.id)

        self.ctx.runner.write(stop, self._done, self._failed, owner=self)

    def _done(self, path: Path) -> None:
        self.stopped.emit(path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.ok.setEnabled(bool(self.summary.toPlainText().strip()))
