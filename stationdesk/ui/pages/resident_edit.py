"""The 编辑 dialog of the resident card: field-level edits; identity fields only for a head."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.identity import DocumentType, IdNumberError, parse_id_number
from stationdesk.domain.names import name_problem
from stationdesk.domain.residents import NOTE_MAX, SERVICE_TAGS, phone_problem
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_minute
from stationdesk.services import residents

from ..context import DeskContext, logged_in
from ..widgets import Standard, dialog_buttons, inline_error, line_edit, window_title
from .resident_fields import (
    AddressFields,
    CardDialog,
    Places,
    ethnicity_combo,
    load_places,
    save_card,
    tag_boxes,
)


class ResidentEditDialog(CardDialog):
    """Edits one resident; only the fields changed are sent, at the version the card showed.

    Emits ``saved(card)`` with the card after the edit.
    """

    saved = Signal(object)

    def __init__(
        self, ctx: DeskContext, card: residents.ResidentCard, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, card, "residentEditDialog", parent)
        self.setWindowTitle(window_title(self.tr("Edit %1").replace("%1", card.row.name)))
        _station, actor = logged_in(ctx)
        self.may_edit_identity = actor.can(Permission.APPROVE)
        row = card.row

        self.name = line_edit(self, "editName", row.name)
        self.id_number = line_edit(
            self,
            "editIdNumber",
            max_length=20,
            placeholder=self.tr("%1 (type a new number to change it)").replace("%1", row.id_masked),
        )
        self.ethnicity = ethnicity_combo(self, "editEthnicity", card.ethnicity)
        # a resident ID or residence permit number says sex and birth date; other documents not
        self.encoded = row.id_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT)
        self.sex = QComboBox(self)
        self.sex.setObjectName("editSex")
        for label, value in (("", None), (self.tr("male"), "M"), (self.tr("female"), "F")):
            self.sex.addItem(label, value)
        self.sex.setCurrentIndex(max(0, self.sex.findData(row.sex)))
        self.birth = line_edit(
            self,
            "editBirth",
            row.birth_date.isoformat() if row.birth_date else "",
            max_length=10,
            placeholder="1980-01-31",
        )
        for w in (self.name, self.id_number, self.ethnicity, self.sex, self.birth):
            w.setEnabled(self.may_edit_identity)

        shown_phones = "、".join(card.phones_masked)
        self.phone = line_edit(
            self,
            "editPhone",
            placeholder=(
                self.tr("%1 (type a new number to replace it)").replace("%1", shown_phones)
                if shown_phones
                else self.tr("Mobile, e.g. 13800000000")
            ),
        )
        place = AddressFields(self, "edit", self.tr("(no address)"))
        self.building, self.unit, self.room = place.building, place.unit, place.room
        if card.building:
            self.building.addItem(card.building, card.building)
            self.building.setCurrentIndex(1)
        self.unit.setText(card.unit or "")
        self.room.setText(card.room or "")
        self.grid = QComboBox(self)
        self.grid.setObjectName("editGrid")
        self.grid.addItem(self.tr("(none)"), None)
        self._grid_code: str | None = None  # the grid as loaded, known once the list is

        tags_box, self.tag_boxes = tag_boxes(self, SERVICE_TAGS, row.tags)
        self.note = line_edit(self, "editNote", card.note or "", max_length=NOTE_MAX)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Document number"), self.id_number)
        form.addRow(self.tr("Ethnicity"), self.ethnicity)
        if not self.encoded:
            born = QHBoxLayout()
            born.addWidget(self.sex)
            born.addWidget(QLabel(self.tr("Born"), self))
            born.addWidget(self.birth, 1)
            form.addRow(self.tr("Sex"), born)
        else:
            self.sex.hide()
            self.birth.hide()
        if not self.may_edit_identity:
            locked = QLabel(
                self.tr(
                    "Name, ID number, sex, birth date and ethnic group are changed by a station "
                    "head."
                ),
                self,
            )
            locked.setObjectName("identityLocked")
            locked.setWordWrap(True)
            form.addRow("", locked)
        form.addRow(self.tr("Mobile"), self.phone)
        form.addRow(self.tr("Building"), place.row)
        form.addRow(self.tr("Grid"), self.grid)
        form.addRow(self.tr("Service tags"), tags_box)
        form.addRow(self.tr("Note"), self.note)

        self.message = inline_error(self)
        self.buttons, self.save_button = dialog_buttons(self, Standard.Save, self._save)
        self.save_button.setObjectName("saveEdit")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Ctrl+Enter")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(self._save)
            self.addAction(act)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        for edit in (
            self.name,
            self.id_number,
            self.birth,
            self.phone,
            self.unit,
            self.room,
            self.note,
        ):
            edit.textChanged.connect(self._validate)
            edit.returnPressed.connect(self._save)
        for combo in (self.ethnicity, self.sex, self.building, self.grid):
            combo.currentIndexChanged.connect(self._validate)
        for box in self.tag_boxes.values():
            box.toggled.connect(self._validate)
        self._saving = False
        (self.name if self.may_edit_identity else self.phone).setFocus()
        self._validate()
        self._load_lists()

    def _load_lists(self) -> None:
        def show(places: Places) -> None:
            buildings, grids = places
            for b in buildings:
                if b.name != self.card.building:
                    self.building.addItem(b.name, b.name)
            for g in grids:
                self.grid.addItem(g.name, g.code)
                if g.name == self.card.row.grid:
                    self._grid_code = g.code
                    self.grid.setCurrentIndex(self.grid.count() - 1)
            self._validate()

        load_places(self.ctx, self, show)

    # -- what changed ---------------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The fields the worker changed, as ``edit_resident`` takes them."""
        card = self.card
        out: dict[str, Any] = {}
        name = self.name.text().strip()
        if name != card.row.name:
            out["name"] = name
        if self.id_number.text().strip():
            out["id_number"] = self.id_number.text().strip()
        if self.ethnicity.currentData() != card.ethnicity:
            out["ethnicity"] = self.ethnicity.currentData()
        if not self.encoded:
            if self.sex.currentData() != card.row.sex:
                out["sex"] = self.sex.currentData()
            born = card.row.birth_date.isoformat() if card.row.birth_date else ""
            if self.birth.text().strip() != born:
                out["birth_date"] = self.birth.text().strip() or None
        if self.phone.text().strip():
            out["phones"] = [self.phone.text().strip()]
        if self.building.currentData() != card.building:
            out["building"] = self.building.currentData()
        for key, edit, was in (("unit", self.unit, card.unit), ("room", self.room, card.room)):
            if (edit.text().strip() or None) != was:
                out[key] = edit.text().strip() or None
        grid_loaded = self.grid.count() > 1
        if grid_loaded and self.grid.currentData() != self._grid_code:
            out["grid"] = self.grid.currentData()
        tags = [t for t, b in self.tag_boxes.items() if b.isChecked()]
        if tuple(tags) != card.row.tags:
            out["tags"] = tags
        if (self.note.text().strip() or None) != (card.note or None):
            out["note"] = self.note.text().strip() or None
        return out

    def problem(self) -> str | None:
        if self.name.text().strip() and name_problem(self.name.text()):
            return name_problem(self.name.text())
        if not self.name.text().strip():
            return self.tr("Enter the name.")
        number = self.id_number.text().strip()
        if number and self.card.row.id_type in (
            DocumentType.RESIDENT_ID,
            DocumentType.HMT_RESIDENCE_PERMIT,
        ):
            try:
                parse_id_number(number, today=date.today())
            except IdNumberError as exc:
                return exc.zh
        if not self.encoded and self.birth.text().strip():
            try:
                born = date.fromisoformat(self.birth.text().strip())
            except ValueError:
                return self.tr("Enter the birth date as 1980-01-31.")
            if born > date.today():
                return self.tr("The birth date is in the future.")
        if self.phone.text().strip():
            found = phone_problem(self.phone.text())
            if found:
                return found
        if self.building.currentData() and not self.room.text().strip():
            return self.tr("Enter the room number.")
        return None

    def _validate(self) -> None:
        problem = self.problem()
        self.message.setText(problem or "")
        self.save_button.setEnabled(problem is None and bool(self.changes()) and not self._saving)

    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        changes = self.changes()
        station, actor = logged_in(self.ctx)
        resident_id, version = self.card.row.id, self.card.version
        save_card(
            self,
            lambda: residents.edit_resident(
                station, actor, resident_id, changes, base_version=version
            ),
        )


def _field_labels() -> dict[str, str]:
    return {
        "name": QCoreApplication.translate("ResidentFields", "Name"),
        "name_pinyin": QCoreApplication.translate("ResidentFields", "Reading"),
        "id_number": QCoreApplication.translate("ResidentFields", "ID number"),
        "sex": QCoreApplication.translate("ResidentFields", "Sex"),
        "birth_date": QCoreApplication.translate("ResidentFields", "Birth date"),
        "ethnicity": QCoreApplication.translate("ResidentFields", "Ethnicity"),
        "phones": QCoreApplication.translate("ResidentFields", "Mobile"),
        "building": QCoreApplication.translate("ResidentFields", "Building"),
        "unit": QCoreApplication.translate("ResidentFields", "Unit"),
        "room": QCoreApplication.translate("ResidentFields", "Room"),
        "relation": QCoreApplication.translate("ResidentFields", "Relation to head"),
        "household": QCoreApplication.translate("ResidentFields", "Household"),
        "grid": QCoreApplication.translate("ResidentFields", "Grid"),
        "tags": QCoreApplication.translate("ResidentFields", "Service tags"),
        "sensitive_tags": QCoreApplication.translate("ResidentFields", "Sensitive tags"),
        "note": QCoreApplication.translate("ResidentFields", "Note"),
    }


def change_text(change: residents.FieldChange) -> str:
    """One line of the card's edit history: when, who, which field, from what to what."""

    def shown(value: object) -> str:
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value)
        return "" if value is None else str(value)

    line = (
        QCoreApplication.translate("ResidentFields", "%1: %2 → %3")
        .replace("%1", _field_labels().get(change.field, change.field))
        .replace("%2", shown(change.old))
        .replace("%3", shown(change.new))
    )
    return f"{shown_minute(change.at)}  {change.worker}  {line}"
