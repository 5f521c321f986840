"""Pieces the resident forms and dialogs share: ethnic group, address, tags, place lists, and
the base of a dialog about the resident on a card, how a resident form saves its card, and
the resident search and the list it fills."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from stationdesk.domain.residents import ETHNICITIES
from stationdesk.services import residents

from ..context import DeskContext, logged_in
from ..i18n import error_text
from ..screen import keep_on_screen
from ..widgets import line_edit

Places = tuple[list[residents.BuildingInfo], list[residents.GridInfo]]
ID_ROLE = Qt.ItemDataRole.UserRole


def show_found(found: QListWidget, rows: Iterable[residents.ResidentRow]) -> None:
    """List the residents a search found (name, address, masked ID; the resident's id under
    :data:`ID_ROLE`), the first one current."""
    found.clear()
    for r in rows:
        item = QListWidgetItem(f"{r.name}  {r.address}  {r.id_masked}", found)
        item.setData(ID_ROLE, r.id)
    if found.count():
        found.setCurrentRow(0)


def search_residents(
    ctx: DeskContext,
    owner: QObject,
    query: str,
    show: Callable[[list[residents.ResidentRow]], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Find the residents ``query`` names (name, initials, last digits of ID or phone,
    address) off the GUI thread and ``show`` them; a blank query shows no one at once."""
    query = query.strip()
    if not query:
        show([])
        return
    station, actor = logged_in(ctx)
    ctx.runner.run(
        lambda: residents.find_residents(station, actor, query, 20), show, failed, owner=owner
    )


def ethnicity_combo(parent: QWidget, name: str, current: str | None = None) -> QComboBox:
    """The ethnic groups of the list after an empty choice, ``current`` chosen."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem("", None)
    for e in ETHNICITIES:
        combo.addItem(e, e)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class AddressFields:
    """Building (a list the station keeps), unit and room in one row."""

    def __init__(self, parent: QWidget, prefix: str, no_address: str) -> None:
        def named(name: str) -> str:
            return f"{prefix}{name[0].upper()}{name[1:]}" if prefix else name

        self.building = QComboBox(parent)
        self.building.setObjectName(named("building"))
        self.building.addItem(no_address, None)
        self.unit = line_edit(parent, named("unit"))
        self.unit.setMaximumWidth(70)
        self.room = line_edit(parent, named("room"))
        self.room.setMaximumWidth(90)
        self.row = QHBoxLayout()
        self.row.addWidget(self.building, 2)
        self.row.addWidget(QLabel(QCoreApplication.translate("AddressFields", "Unit"), parent))
        self.row.addWidget(self.unit)
        self.row.addWidget(QLabel(QCoreApplication.translate("AddressFields", "Room"), parent))
        self.row.addWidget(self.room)


def tag_boxes(
    parent: QWidget, tags: Iterable[str], checked: Iterable[str] = ()
) -> tuple[QWidget, dict[str, QCheckBox]]:
    """A check box for each tag, four a row; the ones in ``checked`` ticked."""
    ticked = set(checked)
    box = QWidget(parent)
    layout = QGridLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    boxes: dict[str, QCheckBox] = {}
    for i, tag in enumerate(tags):
        check = QCheckBox(tag, box)
        check.setChecked(tag in ticked)
        boxes[tag] = check
        layout.addWidget(check, i // 4, i % 4)
    return box, boxes


def load_places(ctx: DeskContext, owner: QObject, show: Callable[[Places], None]) -> None:
    """The station's buildings and grids, read off the GUI thread, then given to ``show``."""
    station, actor = logged_in(ctx)

    def load() -> Places:
        return residents.list_buildings(station, actor), residents.list_grids(station, actor)

    ctx.runner.run(load, show, ctx.report_error, owner=owner)


class CardDialog(QDialog):
    """A dialog about the resident on ``card``: it keeps the desk context and the card, has this
    object name, stays on the screen and is at least 520 pixels wide (its title is its own)."""

    def __init__(
        self, ctx: DeskContext, card: residents.ResidentCard, name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card = card
        self.setObjectName(name)
        keep_on_screen(self)
        self.setMinimumWidth(520)


class CardForm(Protocol):
    """A resident form dialog as :func:`save_card` uses it."""

    ctx: DeskContext
    save_button: QPushButton
    message: QLabel
    _saving: bool

    @property
    def saved(self) -> SignalInstance: ...

    def _validate(self) -> None: ...

    def accept(self) -> None: ...


def save_card(
    form: CardForm,
    job: Callable[[], residents.ResidentCard],
    refused: Callable[[BaseException], bool] = lambda _exc: False,
) -> None:
    """Run the form's save ``job`` on the writer thread with Save disabled meanwhile: the form
    emits ``saved(card)`` and closes; a refusal that ``refused`` does not take (returns False)
    is said under the form."""
    form._saving = True
    form.save_button.setEnabled(False)

    def done(card: residents.ResidentCard) -> None:
        form.saved.emit(card)
        form.accept()

    def failed(exc: BaseException) -> None:
        form._saving = False
        if refused(exc):
            return
        form._validate()
        form.message.setText(error_text(exc))

    # Every CardForm is a dialog: a closed one gets no answer.
    form.ctx.runner.write(job, done, failed, owner=cast(QObject, form))
