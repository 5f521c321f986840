"""What the 志愿服务 tabs and dialogs share: a list tab that loads off the GUI thread, a form
dialog whose save waits for valid input, a filter-as-you-type pick list, and field helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.residents import normalize_phone, phone_problem
from stationdesk.domain.station_time import STATION_TZ, station_local, station_today
from stationdesk.services import residents
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext, logged_in
from ...i18n import error_text
from ...screen import keep_on_screen
from ...tables import list_table
from ...widgets import (
    Standard,
    dialog_buttons,
    inline_error,
    keyboard_back_on_close,
    line_edit,
    submit_keys,
    window_title,
)

T = TypeVar("T")
DIALOG_WIDTH = 480


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def qdatetime(moment: datetime) -> QDateTime:
    """A stored moment as a date-time field shows it (the station's wall clock)."""
    local = station_local(moment)
    return QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)


def pydatetime(value: QDateTime) -> datetime:
    """What a date-time field holds, as an aware station time (to the minute)."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=STATION_TZ)


def datetime_edit(parent: QWidget, name: str, moment: datetime) -> QDateTimeEdit:
    """A date-and-time field (yyyy-MM-dd HH:mm, station time) set to ``moment``."""
    edit = QDateTimeEdit(qdatetime(moment), parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def desk_today(ctx: DeskContext) -> date:
    """Today on the station's clock."""
    station, _actor = logged_in(ctx)
    return station_today(station.now())


def date_edit(parent: QWidget, name: str, day: date) -> QDateEdit:
    """A date field (yyyy-MM-dd, a calendar on Alt+Down) set to ``day``."""
    edit = QDateEdit(qdate(day), parent)
    edit.setObjectName(name)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


def phone_text_problem(text: str) -> str | None:
    """Why a typed phone cannot be saved (Chinese), or None; an empty field is fine."""
    phone = normalize_phone(text)
    return phone_problem(phone) if phone else None


def enter_pressed(watched: QObject, event: QEvent, widget: QWidget) -> bool:
    """Whether ``event`` is Return or Enter pressed on ``widget`` (seen by an event filter)."""
    if watched is not widget or event.type() != QEvent.Type.KeyPress:
        return False
    assert isinstance(event, QKeyEvent)
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def open_dialog(dialog: QDialog) -> None:
    """Open ``dialog`` (it deletes itself when closed and gives the keyboard back)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keyboard_back_on_close(dialog)
    dialog.open()


class ListTab(QWidget):
    """A tab that shows one list: it loads off the GUI thread, says refusals on its message
    line, and runs writes on the writer thread."""

    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._serial = 0
        self.message = inline_error(self)
        self.message.setVisible(False)
        self.dialog: QDialog | None = None  # the dialog last opened (tests reach it here)
        self._enter: tuple[QTableWidget, Callable[[], object]] | None = None

    def head(self, buttons: Sequence[QWidget], *after: QWidget) -> QVBoxLayout:
        """The tab's layout, begun: ``buttons`` in a row (then free space, then ``after``)
        and the message line under them."""
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        for widget in after:
            row.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.message)
        return layout

    def list_table(
        self,
        name: str,
        headers: Sequence[str],
        *,
        stretch: int,
        selection: Callable[[], object],
        enter: Callable[[], object] | None = None,
    ) -> QTableWidget:
        """The tab's list (:func:`~stationdesk.ui.tables.list_table`): a change of row runs
        ``selection``, and Enter on it runs ``enter`` (when given)."""
        table = list_table(self, name, headers, stretch=stretch)
        table.itemSelectionChanged.connect(selection)
        if enter is not None:
            self._enter = (table, enter)
            table.installEventFilter(self)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._enter is not None and enter_pressed(watched, event, self._enter[0]):
            self._enter[1]()
            return True
        return super().eventFilter(watched, event)

    def say(self, text: str) -> None:
        """Show a line under the list (a refusal, a result); none hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def fetch(self, station: Station, actor: Actor) -> Any:
        """Read what the tab shows (on the pool; no widget may be touched)."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Show what :meth:`fetch` read (on the GUI thread)."""
        raise NotImplementedError

    def reload(self) -> None:
        station, actor = logged_in(self.ctx)
        self._serial += 1
        serial = self._serial

        def shown(data: Any) -> None:
            if serial == self._serial:
                self.show_data(data)
                self.loaded.emit()

        self.ctx.runner.run(
            lambda: self.fetch(station, actor), shown, self.ctx.report_error, owner=self
        )

    def write(self, fn: Callable[[Station, Actor], T], then: Callable[[T], object]) -> None:
        """Run ``fn`` on the writer thread; a refusal is said inline."""
        station, actor = logged_in(self.ctx)
        self.say("")
        self.ctx.runner.write(
            lambda: fn(station, actor), then, lambda exc: self.say(error_text(exc)), owner=self
        )

    def show_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        open_dialog(dialog)

    def show_form(self, dialog: FormDialog) -> None:
        """Open a form; once it saves, the list is read again."""
        dialog.saved.connect(lambda _saved: self.reload())
        self.show_dialog(dialog)


class FormDialog(QDialog):
    """A form whose save button is enabled only while :meth:`problem` finds nothing; the
    problem is said under the form in Chinese, and so is the service's refusal on save.
    ``saved`` gives what the write returned."""

    saved = Signal(object)

    def __init__(self, ctx: DeskContext, title: str, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(window_title(title))
        self.setModal(True)
        self.setMinimumWidth(DIALOG_WIDTH)
        keep_on_screen(self)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = inline_error(self)
        self.error.setObjectName(f"{name}Error")
        buttons, self.save = dialog_buttons(self, Standard.Save, self.submit)
        self.save.setObjectName(f"{name}Save")
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(buttons)
        submit_keys(self, self.submit)
        self._busy = False

    def watch(self, *signals: Any) -> None:
        """Check the form again whenever one of these signals fires."""
        for signal in signals:
            signal.connect(self.check)

    def problem(self) -> str | None:
        """Why the form cannot be saved yet (Chinese), or None. ``""`` disables save silently
        (an empty required field before anything was typed)."""
        return None

    def check(self) -> bool:
        problem = self.problem()
        self.error.setText(problem or "")
        ok = problem is None and not self._busy
        self.save.setEnabled(ok)
        return ok

    def job(self) -> Callable[[Station, Actor], object]:
        """The write that saves the form, with what was typed read now (on the GUI thread);
        it runs on the writer thread and touches no widget."""
        raise NotImplementedError

    def submit(self) -> None:
        if self._busy or not self.check():
            return
        station, actor = logged_in(self.ctx)
        job = self.job()
        self._busy = True
        self.save.setEnabled(False)
        self.ctx.runner.write(lambda: job(station, actor), self._done, self._failed, owner=self)

    def _done(self, result: object) -> None:
        self._busy = False
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.check()
        self.error.setText(error_text(exc))


def text_of(edit: QLineEdit) -> str:
    return " ".join(edit.text().split())


class PickList(QWidget):
    """A search field over a short list: typing filters (or searches, through ``searched``),
    Up and Down move in the list without leaving the field, and the current row is
    :meth:`chosen`. Enter is left to the owner."""

    searched = Signal(str)

    def __init__(self, parent: QWidget, name: str, placeholder: str, rows: int = 6) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = line_edit(self, f"{name}Search", placeholder=placeholder)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}List")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        line = self.list.fontMetrics().height() + 6
        self.list.setFixedHeight(line * rows + 2 * self.list.frameWidth() + 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self._items: list[tuple[str, str, str]] = []  # label, key, what matches
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)

    def set_items(self, items: Sequence[tuple[str, str, str]]) -> None:
        """The rows to pick from: (label, key, extra text a search may match)."""
        self._items = list(items)
        self._filter()

    def _typed(self, text: str) -> None:
        self.searched.emit(text)
        self._filter()

    def _filter(self) -> None:
        words = self.edit.text().split()
        self.list.clear()
        for label, key, extra in self._items:
            haystack = f"{label} {extra}".lower()
            if all(w.lower() in haystack for w in words):
                item = QListWidgetItem(label, self.list)
                item.setData(Qt.ItemDataRole.UserRole, key)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> str | None:
        """The key of the row picked (the first match unless moved), or None."""
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def clear(self) -> None:
        self.edit.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)


class ResidentPicker(PickList):
    """A :class:`PickList` over the residents found for what is typed (name, pinyin, last
    digits of ID or phone, address), searched off the GUI thread a moment after typing stops."""

    def __init__(self, ctx: DeskContext, parent: QWidget, name: str, placeholder: str) -> None:
        super().__init__(parent, name, placeholder)
        self.ctx = ctx
        self._serial = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self._search)
        self.searched.connect(lambda _text: self.timer.start())

    def _search(self) -> None:
        query = self.edit.text().strip()
        self._serial += 1
        serial = self._serial
        if not query:
            self.set_items([])
            return
        station, actor = logged_in(self.ctx)

        def shown(rows: list[residents.ResidentRow]) -> None:
            if serial == self._serial:
                self.set_items([(f"{r.name}  {r.id_masked}  {r.address}", r.id, "") for r in rows])

        self.ctx.runner.run(
            lambda: residents.find_residents(station, actor, query, limit=20),
            shown,
            self.ctx.report_error,
            owner=self,
        )

    def _filter(self) -> None:  # the search already chose the rows
        self.list.clear()
        for label, key, _extra in self._items:
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
        if self.list.count():
            self.list.setCurrentRow(0)
