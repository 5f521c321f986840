"""Resident dialogs: intake (live ID checks, duplicate detection), reveal with a reason, visits."""

from __future__ import annotations

import re

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.identity import DocumentType, IdNumberError, parse_id_number
from stationdesk.domain.names import is_rare_han, name_problem, reading_problem
from stationdesk.domain.residents import (
    NOTE_MAX,
    RELATIONS,
    SENSITIVE_TAGS,
    SERVICE_TAGS,
    VISIT_PURPOSES,
    phone_problem,
    unread_characters,
)
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import station_today
from stationdesk.services import residents

from ..context import DeskContext, logged_in
from ..screen import keep_on_screen
from ..widgets import (
    Standard,
    confirm_buttons,
    dialog_buttons,
    inline_error,
    line_edit,
    push_button,
    window_title,
)
from .resident_fields import (
    AddressFields,
    Places,
    ethnicity_combo,
    load_places,
    save_card,
    tag_boxes,
)

# the unit and room after a building's name in an ID card's address: 2单元502室, 502室, 502
CARD_UNIT_ROOM = re.compile(r"(?:(?P<unit>\d{1,3})单元)?(?P<room>\d{1,5})(?:室|号)?$")


class ResidentIntakeDialog(QDialog):
    """Registers a resident. Emits ``saved(card)`` or ``open_existing(resident_id)``."""

    saved = Signal(object)
    open_existing = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeDialog")
        self.setWindowTitle(window_title(self.tr("Register a resident")))
        keep_on_screen(self)
        self.setMinimumWidth(560)
        self._today = station_today()
        self._valid_id: str | None = None
        self._saving = False
        self._card_address = ""  # the address of an ID card read into the form
        self._existing: tuple[str, str, str] | None = None  # (number, resident id, name)

        self.id_type = QComboBox(self)
        self.id_type.setObjectName("idType")
        for label, value in (
            (self.tr("Resident ID card"), DocumentType.RESIDENT_ID),
            (self.tr("HK/Macau/Taiwan residence permit"), DocumentType.HMT_RESIDENCE_PERMIT),
            (self.tr("Passport"), DocumentType.PASSPORT),
            (self.tr("Other document"), DocumentType.OTHER),
        ):
            self.id_type.addItem(label, value)
        self.id_number = line_edit(
            self,
            "idNumber",
            max_length=20,
            placeholder=self.tr("18-digit number; 15-digit numbers are upgraded"),
        )
        self.id_facts = QLabel("", self)
        self.id_facts.setObjectName("idFacts")
        self.name = line_edit(self, "residentName")
        self.name_pinyin = line_edit(
            self,
            "namePinyin",
            placeholder=self.tr(
                "Pinyin, e.g. chen yan: needed when a character has no known reading"
            ),
        )
        self.reading_hint = QLabel("", self)
        self.reading_hint.setObjectName("readingHint")
        self.reading_hint.setWordWrap(True)
        self.phone = line_edit(self, "phone", placeholder=self.tr("Mobile, e.g. 13800000000"))
        self.ethnicity = ethnicity_combo(self, "ethnicity")
        place = AddressFields(self, "", self.tr("(no address)"))
        self.building, self.unit, self.room = place.building, place.unit, place.room
        self.relation = QComboBox(self)
        self.relation.setObjectName("relation")
        self.relation.addItem(self.tr("(automatic)"), None)
        for r in RELATIONS:
            self.relation.addItem(r, r)
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid")
        self.grid.addItem(self.tr("(from the building)"), None)

        tags_box, self.tag_boxes = tag_boxes(self, SERVICE_TAGS)
        self.sensitive_boxes: dict[str, QCheckBox] = {}
        sensitive_box = QWidget(self)
        s_layout = QHBoxLayout(sensitive_box)
        s_layout.setContentsMargins(0, 0, 0, 0)
        for tag in SENSITIVE_TAGS:
            box = QCheckBox(tag, sensitive_box)
            self.sensitive_boxes[tag] = box
            s_layout.addWidget(box)
        s_layout.addStretch(1)
        self.note = line_edit(self, "note", max_length=NOTE_MAX)

        self.message = inline_error(self)
        self.open_existing_button = push_button(
            self, self.tr("Open the registered resident"), "openExisting"
        )
        self.open_existing_button.setVisible(False)
        self.open_existing_button.clicked.connect(self._open_existing)

        form = QFormLayout()
        form.addRow(self.tr("Document type"), self.id_type)
        form.addRow(self.tr("Document number"), self.id_number)
        form.addRow("", self.id_facts)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Reading"), self.name_pinyin)
        form.addRow("", self.reading_hint)
        form.addRow(self.tr("Mobile"), self.phone)
        form.addRow(self.tr("Ethnicity"), self.ethnicity)
        form.addRow(self.tr("Building"), place.row)
        form.addRow(self.tr("Relation to head"), self.relation)
        form.addRow(self.tr("Grid"), self.grid)
        form.addRow(self.tr("Service tags"), tags_box)
        _station, actor = logged_in(ctx)
        if actor.can(Permission.VIEW_SENSITIVE_TAGS):
            form.addRow(self.tr("Sensitive (restricted)"), sensitive_box)
        else:
            sensitive_box.hide()
        form.addRow(self.tr("Note"), self.note)

        self.buttons, self.save_button = dialog_buttons(self, Standard.Save, self._save)
        self.save_button.setObjectName("saveResident")
        self.save_button.setDefault(True)  # Enter saves, so intake works from the keyboard
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.open_existing_button)
        layout.addLayout(message_row)
        layout.addWidget(self.buttons)

        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(150)
        self._dup_timer.timeout.connect(self._check_duplicate)
        for edit in (self.id_number, self.name, self.name_pinyin, self.phone, self.room):
            edit.textChanged.connect(self._validate)
        for edit in (
            self.id_number,
            self.name,
            self.name_pinyin,
            self.phone,
            self.unit,
            self.room,
            self.note,
        ):
            edit.returnPressed.connect(self._save)  # Enter saves once the form is valid
        self.id_type.currentIndexChanged.connect(self._validate)
        self.building.currentIndexChanged.connect(self._validate)
        self.id_number.setFocus()
        self._validate()
        self._load_lists()

    # -- from an ID card ----------------------------------------------------------------------
    def prefill(self, name: str, id_number: str, ethnicity: str | None, address: str) -> None:
        """Fill what an ID card says (sex and birth follow from the number); focus the phone.

        The card's address is the registered (户籍) one: it goes into the note, and a building
        of the station named in it is chosen once the list has loaded.
        """
        self.id_type.setCurrentIndex(self.id_type.findData(DocumentType.RESIDENT_ID))
        self.id_number.setText(id_number)
        self.name.setText(name)
        self.ethnicity.setCurrentIndex(max(0, self.ethnicity.findData(ethnicity)))
        self._card_address = address
        if address:
            self.note.setText(self.tr("Registered address: %1").replace("%1", address))
        self._choose_building_from_card()
        self.phone.setFocus()

    def _choose_building_from_card(self) -> None:
        """Choose the station's building the card's address names, with its unit and room."""
        address = self._card_address
        named = [
            (len(self.building.itemData(i)), i)
            for i in range(1, self.building.count())
            if address and self.building.itemData(i) in address
        ]
        if not named or self.building.currentIndex() != 0:
            return
        index = max(named)[1]
        rest = address[address.index(self.building.itemData(index)) :]
        place = CARD_UNIT_ROOM.match(rest[len(self.building.itemData(index)) :])
        if place and not self.room.text():
            self.unit.setText(place["unit"] or "")
            self.room.setText(place["room"])
        self.building.setCurrentIndex(index)

    # -- lists ------------------------------------------------------------------------------
    def _load_lists(self) -> None:
        def show(places: Places) -> None:
            buildings, grids = places
            for b in buildings:
                self.building.addItem(b.name, b.name)
            for g in grids:
                self.grid.addItem(g.name, g.code)
            self._choose_building_from_card()

        load_places(self.ctx, self, show)

    # -- validation -------------------------------------------------------------------------
    def _id_problem(self) -> str | None:
        raw = self.id_number.text().strip()
        self._valid_id = None
        self.id_facts.setText("")
        if not raw:
            return None
        kind = self.id_type.currentData()
        if kind in (DocumentType.RESIDENT_ID, DocumentType.HMT_RESIDENCE_PERMIT):
            digits = raw.replace(" ", "")
            if len(digits) < 15 or (15 < len(digits) < 18):
                return None  # still typing
            try:
                facts = parse_id_number(raw, today=self._today)
            except IdNumberError as exc:
                return exc.zh
            sex = self.tr("male") if facts.sex.value == "M" else self.tr("female")
            region = facts.region_name or self.tr("unknown region code (check it)")
            self.id_facts.setText(
                self.tr("Born %1, %2, %3")
                .replace("%1", facts.birth_date.isoformat())
                .replace("%2", sex)
                .replace("%3", region)
            )
            self._valid_id = facts.number
            return None
        self._valid_id = raw.upper()
        return None

    def _validate(self) -> None:
        id_problem = self._id_problem()
        if id_problem:  # shown right under the number, where the eye is
            self.id_facts.setText(id_problem)
        self.id_facts.setProperty("error", bool(id_problem))
        self.id_facts.style().unpolish(self.id_facts)
        self.id_facts.style().polish(self.id_facts)
        problem = None
        if self.name.text() and name_problem(self.name.text()):
            problem = name_problem(self.name.text())
        if problem is None and self.name_pinyin.text().strip():
            problem = reading_problem(self.name_pinyin.text())
        self._hint_reading()
        if problem is None and self.phone.text().strip():
            problem = phone_problem(self.phone.text())
        if problem is None and self.building.currentData() and not self.room.text().strip():
            problem = self.tr("Enter the room number.")
        existing = self._existing
        duplicate = existing is not None and existing[0] == self._valid_id
        if duplicate and problem is None and existing is not None:
            problem = self.tr("This ID number is already registered (%1).").replace(
                "%1", existing[2]
            )
        self.open_existing_button.setVisible(duplicate)
        self.open_existing_button.setDefault(duplicate)
        self.save_button.setDefault(not duplicate)
        self.message.setText(problem or "")
        ok = (
            not duplicate
            and problem is None
            and id_problem is None
            and self._valid_id is not None
            and bool(self.name.text().strip())
            and not self._saving
        )
        self.save_button.setEnabled(ok)
        if self._valid_id and not duplicate:
            self._dup_timer.start()

    def _hint_reading(self) -> None:
        """Ask for the reading while the name holds a character pypinyin cannot read."""
        unread: list[str] = []
        name = self.name.text()
        if any(is_rare_han(c) for c in name) and not self.name_pinyin.text().strip():
            unread = unread_characters(name)  # pypinyin reads every character of the basic block
        self.reading_hint.setText(
            self.tr(
                "No known reading for %1: type the name's pinyin so it can be found by it."
            ).replace("%1", "、".join(dict.fromkeys(unread)))
            if unread
            else ""
        )

    def _check_duplicate(self) -> None:
        number = self._valid_id
        if not number:
            return
        station, actor = logged_in(self.ctx)

        def look() -> list[residents.ResidentRow]:
            return residents.find_residents(station, actor, number, 1)

        def seen(rows: list[residents.ResidentRow]) -> None:
            if rows and self._valid_id == number:
                self._show_existing(number, rows[0].id, rows[0].name)

        self.ctx.runner.run(look, seen, self.ctx.report_error, owner=self)

    def _show_existing(self, number: str, resident_id: str, name: str) -> None:
        """Keep the form open and say who holds the number, with a button to their card."""
        self._existing = (number, resident_id, name)
        self._validate()
        if self.open_existing_button.isVisible():
            self.open_existing_button.setFocus()

    def _open_existing(self) -> None:
        if self._existing is not None:
            self.open_existing.emit(self._existing[1])
            self.accept()

    # -- save -------------------------------------------------------------------------------
    def values(self) -> residents.ResidentInput:
        return residents.ResidentInput(
            name=self.name.text().strip(),
            name_pinyin=self.name_pinyin.text().strip() or None,
            id_number=self.id_number.text().strip(),
            id_type=DocumentType(self.id_type.currentData()),
            phones=(self.phone.text().strip(),) if self.phone.text().strip() else (),
            ethnicity=self.ethnicity.currentData(),
            building=self.building.currentData(),
            unit=self.unit.text().strip() or None,
            room=self.room.text().strip() or None,
            relation=self.relation.currentData(),
            grid=self.grid.currentData(),
            tags=tuple(t for t, b in self.tag_boxes.items() if b.isChecked()),
            sensitive_tags=tuple(t for t, b in self.sensitive_boxes.items() if b.isChecked()),
            note=self.note.text().strip() or None,
        )

    def _save(self) -> None:
        if not self.save_button.isEnabled():
            return
        data = self.values()
        station, actor = logged_in(self.ctx)

        def duplicate(exc: BaseException) -> bool:
            if not isinstance(exc, residents.DuplicateResidentError):
                return False
            self._show_existing(self._valid_id or "", exc.existing_id, data.name)
            return True

        save_card(self, lambda: residents.register_resident(station, actor, data), duplicate)


class ReasonDialog(QDialog):
    """Asks why the full number must be shown; OK stays disabled until a reason is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(self.tr("Show the full number")))
        keep_on_screen(self)
        self.reason = line_edit(
            self, "revealReason", placeholder=self.tr("e.g. checking identity for a certificate")
        )
        note = QLabel(
            self.tr("Showing the full ID number and phone is recorded with your name and reason."),
            self,
        )
        note.setWordWrap(True)
        buttons, self.ok = confirm_buttons(self, self.reason, least=2)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)


class VisitDialog(QDialog):
    """Records a walk-in's purpose: one of the usual purposes, or any text typed over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title(self.tr("Record a visit")))
        keep_on_screen(self)
        self.purposes = QComboBox(self)
        self.purposes.setObjectName("visitPurposes")
        self.purposes.setEditable(True)
        self.purposes.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.purposes.addItems(VISIT_PURPOSES)
        purpose = self.purposes.lineEdit()
        assert purpose is not None  # an editable combo box has its line edit
        self.purpose = purpose
        self.purpose.setObjectName("visitPurpose")
        self.purpose.setMaxLength(200)
        buttons, self.save = confirm_buttons(self, self.purpose, accept=Standard.Save)
        self.save.setEnabled(bool(self.purpose.text().strip()))
        self.save.setDefault(True)
        hint = QLabel(self.tr("Pick a purpose with the arrow keys or type your own."), self)
        hint.setWordWrap(True)
        layout = QFormLayout(self)
        layout.addRow(self.tr("Purpose"), self.purposes)
        layout.addRow("", hint)
        layout.addRow(buttons)
        self.purposes.setFocus()
