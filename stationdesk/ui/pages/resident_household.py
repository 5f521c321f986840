"""The household dialog of the resident card: change the head, split off members, move the
resident into another household found by search."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.residents import HEAD_RELATION, RELATIONS
from stationdesk.services import residents

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..widgets import inline_error, line_edit, push_button, window_title
from .resident_fields import ID_ROLE, CardDialog, search_residents, show_found


def _relations(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for r in RELATIONS:
        if r != HEAD_RELATION:
            combo.addItem(r, r)
    return combo


class HouseholdDialog(CardDialog):
    """Household management for the resident on the card; emits ``changed(card)`` after each
    operation with the card to show (the resident's, or the new head's after a split)."""

    changed = Signal(object)

    def __init__(
        self, ctx: DeskContext, card: residents.ResidentCard, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, card, "householdDialog", parent)
        self.setWindowTitle(window_title(self.tr("Household of %1").replace("%1", card.row.name)))

        self.members = QListWidget(self)
        self.members.setObjectName("householdMembers")
        self.members.setMinimumHeight(96)
        self.members.setMaximumHeight(150)
        self.former_relation = _relations(self, "formerHeadRelation")
        self.head_button = push_button(self, self.tr("Make head"), "makeHead", keys="Alt+H")
        self.head_button.clicked.connect(self._make_head)
        self.split_button = push_button(self, self.tr("Split off"), "splitHousehold", keys="Alt+S")
        self.split_button.clicked.connect(self._split)
        members_box = QGroupBox(self.tr("Members"), self)
        mb = QVBoxLayout(members_box)
        mb.addWidget(self.members)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("The former head becomes"), self))
        row.addWidget(self.former_relation)
        row.addWidget(self.head_button)
        row.addStretch(1)
        mb.addLayout(row)
        split_hint = QLabel(
            self.tr(
                "Split: tick (Space) the members who leave; the highlighted one heads the new "
                "household at the same address."
            ),
            self,
        )
        split_hint.setWordWrap(True)
        mb.addWidget(split_hint)
        mb.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.search = line_edit(
            self, "householdSearch", placeholder=self.tr("Find a member of the other household")
        )
        self.found = QListWidget(self)
        self.found.setObjectName("householdFound")
        self.found.setMaximumHeight(110)
        self.move_relation = _relations(self, "moveRelation")
        self.move_button = push_button(self, self.tr("Move into"), "moveMember", keys="Alt+M")
        self.move_button.clicked.connect(self._move)
        move_box = QGroupBox(
            self.tr("Move %1 into another household").replace("%1", card.row.name), self
        )
        vb = QVBoxLayout(move_box)
        vb.addWidget(self.search)
        vb.addWidget(self.found)
        mrow = QHBoxLayout()
        mrow.addWidget(QLabel(self.tr("Relation to its head"), self))
        mrow.addWidget(self.move_relation)
        mrow.addWidget(self.move_button)
        mrow.addStretch(1)
        vb.addLayout(mrow)

        for button in (self.head_button, self.split_button, self.move_button):
            button.setAutoDefault(False)  # Enter never changes a household; its key does
        self.message = inline_error(self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(members_box)
        layout.addWidget(move_box)
        layout.addWidget(self.message)
        layout.addWidget(close)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._find)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.found.setFocus)
        self.members.currentRowChanged.connect(lambda _r: self._enable())
        self.members.itemChanged.connect(lambda _i: self._enable())
        self.found.currentRowChanged.connect(lambda _r: self._enable())
        self.show_card(card)
        self.members.setFocus()

    def show_card(self, card: residents.ResidentCard) -> None:
        self.card = card
        self.members.clear()
        for m in card.household:
            item = QListWidgetItem(f"{m.relation or ''}  {m.name}  {m.id_masked}")
            item.setData(ID_ROLE, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.addItem(item)
            if m.id == card.row.id:
                self.members.setCurrentItem(item)
        self._enable()

    def _current_member(self) -> str | None:
        item = self.members.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def _ticked(self) -> list[str]:
        return [
            str(self.members.item(i).data(ID_ROLE))
            for i in range(self.members.count())
            if self.members.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _enable(self) -> None:
        current = self._current_member()
        head = next((m for m in self.card.household if m.relation == HEAD_RELATION), None)
        self.head_button.setEnabled(current is not None and (head is None or head.id != current))
        self.split_button.setEnabled(current is not None and bool(self._ticked()))
        self.move_button.setEnabled(self.found.currentItem() is not None)

    def _find(self) -> None:
        def show(rows: list[residents.ResidentRow]) -> None:
            others = [r for r in rows if r.id != self.card.row.id and r.address]
            show_found(self.found, others)
            self._enable()

        search_residents(self.ctx, self, self.search.text(), show, self.ctx.report_error)

    # -- operations ----------------------------------------------------------------------------
    def _run(self, write: Callable[[], residents.ResidentCard]) -> None:
        self.message.setText("")

        def done(card: residents.ResidentCard) -> None:
            self.show_card(card)
            self.changed.emit(card)

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))

        self.ctx.runner.write(write, done, failed, owner=self)

    def _make_head(self) -> None:
        member = self._current_member()
        if member is None:
            return
        station, actor = logged_in(self.ctx)
        relation = str(self.former_relation.currentData())
        self._run(lambda: residents.set_household_head(station, actor, member, relation))

    def _split(self) -> None:
        head, ticked = self._current_member(), self._ticked()
        if head is None or not ticked:
            return
        station, actor = logged_in(self.ctx)
        self._run(lambda: residents.split_household(station, actor, ticked, head))

    def _move(self) -> None:
        item = self.found.currentItem()
        if item is None:
            return
        target = str(item.data(ID_ROLE))
        station, actor = logged_in(self.ctx)
        resident_id = self.card.row.id
        relation = str(self.move_relation.currentData())
        self._run(lambda: residents.move_member(station, actor, resident_id, target, relation))
