"""The 应急 page's list and roster dialogs: add a resident the rule left out (补录), give the
selected resident to another responder (改派), and the responder list with adding one (a
station head); every one is keyboard-driven and writes through the emergency service."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from stationdesk.domain.roles import Permission
from stationdesk.services import emergency, residents

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..widgets import line_edit
from .emergency_dialogs import WriteDialog
from .resident_fields import ID_ROLE, search_residents, show_found

DIALOG_WIDTH = 460
SEARCH_DELAY_MS = 200
MEMBER_PREFIX = "member:"  # a combo entry naming an emergency-team member, not a login


class AddToListDialog(WriteDialog):
    """补录: find a resident by name, ID or phone digits or address, Enter puts them on the
    open event's list (audited as an addition)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "emergencyAddDialog", self.tr("Add to the emergency list"), parent, DIALOG_WIDTH
        )
        self.search = line_edit(
            self,
            "emergencyAddSearch",
            max_length=60,
            placeholder=self.tr("Name, initials, last digits of ID or phone, or address"),
        )
        self.found = QListWidget(self)
        self.found.setObjectName("emergencyAddFound")
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.found)
        self.finish_layout(self.tr("Add to the list"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.submit)
        self.found.itemActivated.connect(lambda _i: self.submit())
        self.found.currentRowChanged.connect(lambda row: self.ok.setEnabled(row >= 0))
        self.search.installEventFilter(self)
        self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.found.count()
        ):
            self.found.setFocus()  # Down goes into the results, as in the desk's search
            return True
        return super().eventFilter(watched, event)

    def _find(self) -> None:
        search_residents(
            self.ctx,
            self,
            self.search.text(),
            lambda rows: show_found(self.found, rows),
            lambda exc: self.error.setText(error_text(exc)),
        )

    def submit(self) -> None:
        item = self.found.currentItem()
        if item is None:
            self.error.setText(self.tr("Find the resident first."))
            return
        station, actor = logged_in(self.ctx)
        resident_id = str(item.data(ID_ROLE))
        self.write(lambda: emergency.add_to_event(station, actor, resident_id))


class ReassignDialog(WriteDialog):
    """改派: give the selected resident to another responder."""

    def __init__(
        self, ctx: DeskContext, row: emergency.EntryRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, "emergencyReassignDialog", self.tr("Give to a responder"), parent, DIALOG_WIDTH
        )
        self.row = row
        self.layout_.addWidget(QLabel(f"{row.name}  {row.address}", self))
        self.responder = QComboBox(self)
        self.responder.setObjectName("emergencyResponderChoice")
        form = QFormLayout()
        form.addRow(self.tr("Responder"), self.responder)
        self.layout_.addLayout(form)
        self.finish_layout(self.tr("Give"))
        station, actor = logged_in(self.ctx)
        self.load(lambda: emergency.list_responders(station, actor), self._show)
        self.responder.setFocus()

    def _show(self, responders: object) -> None:
        assert isinstance(responders, list)
        self.responder.clear()
        everywhere = self.tr("all grids")
        for r in responders:
            if r.active:
                self.responder.addItem(f"{r.name}  {r.grid or everywhere}", r.id)
        current = self.responder.findData(self.row.responder_id)
        self.responder.setCurrentIndex(max(current, 0))
        self.ok.setEnabled(self.responder.count() > 0)

    def submit(self) -> None:
        station, actor = logged_in(self.ctx)
        chosen = self.responder.currentData()
        if chosen is None:
            self.error.setText(self.tr("Add a responder first (Alt+Y)."))
            return
        responder, resident = str(chosen), self.row.resident_id
        self.write(lambda: emergency.reassign(station, actor, resident, responder))


class RespondersDialog(WriteDialog):
    """The responders, and adding one (a station head): a worker with their grid, a 双报到
    member marked for the emergency team, or a named volunteer (no grid: everywhere)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "emergencyRespondersDialog", self.tr("Responders"), parent, DIALOG_WIDTH
        )
        self.layout_.addWidget(QLabel(self.tr("On the list now"), self))
        self.listed = QListWidget(self)
        self.listed.setObjectName("emergencyResponders")
        self.listed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.layout_.addWidget(self.listed)
        form = QFormLayout()
        self.worker = QComboBox(self)
        self.worker.setObjectName("emergencyResponderWorker")
        self.name = line_edit(
            self,
            "emergencyResponderName",
            max_length=50,
            placeholder=self.tr("A volunteer's name, when not a worker"),
        )
        self.grid = QComboBox(self)
        self.grid.setObjectName("emergencyResponderGrid")
        form.addRow(self.tr("Worker"), self.worker)
        form.addRow(self.tr("Or name"), self.name)
        form.addRow(self.tr("Grid"), self.grid)
        self.layout_.addLayout(form)
        self.finish_layout(self.tr("Add responder"))
        self.worker.currentIndexChanged.connect(lambda _i: self._enable())
        self.name.textChanged.connect(lambda _t: self._enable())
        self.worker.setFocus()
        self._reload()

    def _reload(self) -> None:
        station, actor = logged_in(self.ctx)

        def read() -> tuple[object, object, object, object]:
            candidates: list[tuple[str, str]] = []
            members: list[str] = []
            if actor.can(Permission.APPROVE):  # who may add responders
                candidates = emergency.responder_candidates(station, actor)
                members = emergency.team_members(station, actor)
            return (
                emergency.list_responders(station, actor),
                candidates,
                members,
                residents.list_grids(station, actor),
            )

        self.load(read, self._show)

    def _show(self, loaded: object) -> None:
        assert isinstance(loaded, tuple)
        responders, candidates, members, grids = loaded
        self.listed.clear()
        everywhere = self.tr("all grids")
        for r in responders:
            who = f"{r.name}（{r.worker}）" if r.worker else r.name
            QListWidgetItem(f"{who}  {r.grid or everywhere}", self.listed)
        self.worker.clear()
        self.worker.addItem(self.tr("(a volunteer, by name)"), None)
        for user, display in candidates:
            self.worker.addItem(f"{display}（{user}）", user)
        team = self.tr("emergency team")
        for name in members:  # 双报到 members of the emergency team, by name
            self.worker.addItem(f"{name}（{team}）", f"{MEMBER_PREFIX}{name}")
        self.grid.clear()
        self.grid.addItem(self.tr("All grids"), None)
        for g in grids:
            self.grid.addItem(f"{g.code} {g.name}", g.code)
        self._enable()

    def _enable(self) -> None:
        has_worker = self.worker.currentData() is not None
        self.name.setEnabled(not has_worker)
        self.ok.setEnabled(has_worker or bool(self.name.text().strip()))

    def submit(self) -> None:
        station, actor = logged_in(self.ctx)
        chosen = self.worker.currentData()
        user = str(chosen) if chosen is not None else None
        name = None if user is not None else self.name.text().strip()
        if user is not None and user.startswith(MEMBER_PREFIX):
            name = user.removeprefix(MEMBER_PREFIX)
            user = None
        grid = self.grid.currentData()
        if user is None and not name:
            self.error.setText(self.tr("Choose a worker or give a name."))
            return
        self.write(
            lambda: emergency.add_responder(
                station,
                actor,
                worker=str(user) if user is not None else None,
                name=name,
                grid=str(grid) if grid is not None else None,
            ),
            close=False,  # a head adds several in a row
        )

    def landed(self, result: object) -> None:
        self.name.clear()
        self._reload()
        self.worker.setFocus()
