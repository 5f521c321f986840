"""The dialog that registers a new matter (type by name or pinyin, reporter, place)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.cases import Channel
from stationdesk.services import cases
from stationdesk.services.case_reference import MatterTypeInfo
from stationdesk.services.cases import NewCase
from stationdesk.services.residents import ResidentCard

from ... import i18n
from ...screen import keep_on_screen
from ...widgets import (
    Standard,
    dialog_buttons,
    inline_error,
    line_edit,
    submit_keys,
    window_title,
    with_keys,
)
from ..case_models import channel_label

SPOT_KEYS = "Alt+D"  # as 办结 (resolve) on the case page


class CaseIntakeDialog(QDialog):
    """A new matter: type (filter by name or pinyin), channel, summary, reporter, place.

    Ticking "closed on the spot" asks for the result and records accept + resolve at once.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeDialog")
        self.setWindowTitle(window_title(self.tr("New matter")))
        keep_on_screen(self)
        self.setMinimumWidth(560)
        self._types: list[MatterTypeInfo] = []
        self.resident_id: str | None = None  # set when the matter is the resident's on the card
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.type_filter = line_edit(
            self, "typeFilter", placeholder=self.tr("Type a name or pinyin initials, e.g. zczx")
        )
        self.type_list = QListWidget(self)
        self.type_list.setObjectName("typeList")
        self.type_list.setMinimumHeight(150)
        type_box = QVBoxLayout()
        type_box.addWidget(self.type_filter)
        type_box.addWidget(self.type_list)
        form.addRow(self.tr("Matter type"), type_box)

        self.channel = QComboBox(self)
        self.channel.setObjectName("channelCombo")
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)
        form.addRow(self.tr("Channel"), self.channel)

        self.summary = line_edit(
            self,
            "summaryEdit",
            max_length=cases.MAX_SUMMARY,
            placeholder=self.tr("What the resident asks for, in one line"),
        )
        form.addRow(self.tr("Summary"), self.summary)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("descriptionEdit")
        self.description.setFixedHeight(60)
        self.description.setTabChangesFocus(True)
        form.addRow(self.tr("Details"), self.description)

        self.reporter_name = line_edit(
            self,
            "reporterName",
            max_length=cases.MAX_NAME,
            placeholder=self.tr("Leave empty when anonymous"),
        )
        self.reporter_phone = line_edit(self, "reporterPhone", max_length=24)
        reporter = QHBoxLayout()
        reporter.addWidget(self.reporter_name, 1)
        reporter.addWidget(QLabel(self.tr("Phone"), self))
        reporter.addWidget(self.reporter_phone, 1)
        form.addRow(self.tr("Reported by"), reporter)

        self.address = line_edit(self, "addressEdit", max_length=cases.MAX_ADDRESS)
        self.grid_code = line_edit(self, "gridEdit", max_length=cases.MAX_GRID)
        self.grid_code.setFixedWidth(120)
        place = QHBoxLayout()
        place.addWidget(self.address, 1)
        place.addWidget(QLabel(self.tr("Grid"), self))
        place.addWidget(self.grid_code)
        form.addRow(self.tr("Address"), place)
        self.linked_note = QLabel("", self)
        self.linked_note.setObjectName("linkedResident")
        self.linked_note.setVisible(False)
        form.addRow("", self.linked_note)

        self.on_the_spot = QCheckBox(with_keys(self.tr("Closed on the spot"), SPOT_KEYS), self)
        self.on_the_spot.setObjectName("onTheSpot")
        self.on_the_spot.setShortcut(SPOT_KEYS)
        self.result_edit = line_edit(
            self, "resultEdit", placeholder=self.tr("What was done for the resident")
        )
        self.result_edit.setEnabled(False)
        spot = QHBoxLayout()
        spot.addWidget(self.on_the_spot)
        spot.addWidget(self.result_edit, 1)
        form.addRow("", spot)

        self.message = inline_error(self)
        form.addRow(self.message)
        self.buttons, self.save_button = dialog_buttons(self, Standard.Save, self._accept_if_valid)
        self.save_button.setObjectName("intakeSave")
        self.save_button.setToolTip("Ctrl+Enter")
        form.addRow(self.buttons)
        submit_keys(self, self._accept_if_valid)

        self.type_filter.textChanged.connect(self._filter_types)
        self.type_filter.returnPressed.connect(self.summary.setFocus)
        self.type_filter.installEventFilter(self)
        self.type_list.currentRowChanged.connect(lambda _r: self._validate())
        self.on_the_spot.toggled.connect(self._spot_toggled)
        for edit in (self.summary, self.reporter_phone, self.result_edit):
            edit.textChanged.connect(self._validate)
        self.type_filter.setFocus()
        self._validate()

    def link_resident(self, card: ResidentCard) -> None:
        """Register the matter for this resident: who reports it, where and in which grid come
        from their record (the fields show it and cannot be typed over)."""
        self.resident_id = card.row.id
        self.setWindowTitle(window_title(self.tr("New matter for %1").replace("%1", card.row.name)))
        self.reporter_name.setText(card.row.name)
        self.reporter_phone.setText(card.row.phone_masked)
        self.address.setText(card.row.address)
        self.grid_code.setText(card.row.grid or "")
        for edit in (self.reporter_name, self.reporter_phone, self.address, self.grid_code):
            edit.setReadOnly(True)
            edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.linked_note.setText(
            self.tr("Reporter, address and grid come from the resident record.")
        )
        self.linked_note.setVisible(True)
        self._validate()

    # -- type list ---------------------------------------------------------------------------
    def set_types(self, types: Iterable[MatterTypeInfo]) -> None:
        self._types = list(types)
        self.type_list.clear()
        for t in self._types:
            label = (
                self.tr("%1 · %2 · %3 working days")
                .replace("%1", t.name if i18n.is_chinese() else t.name_en)
                .replace("%2", t.category_name)
                .replace("%3", str(t.time_limit_days))
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, t.search_key + " " + t.name_en.lower())
            self.type_list.addItem(item)
        self._filter_types(self.type_filter.text())

    def _filter_types(self, text: str) -> None:
        needle = text.strip().lower()
        first = -1
        for i in range(self.type_list.count()):
            item = self.type_list.item(i)
            key = item.data(Qt.ItemDataRole.UserRole + 1) or ""
            hidden = bool(needle) and needle not in key
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = i
        current = self.type_list.currentItem()
        if needle and (current is None or current.isHidden()) and first >= 0:
            self.type_list.setCurrentRow(first)
        elif first < 0:
            self.type_list.setCurrentRow(-1)
        self._validate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.type_filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_type(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _move_type(self, step: int) -> None:
        row = self.type_list.currentRow()
        count = self.type_list.count()
        i = row
        while True:
            i += step
            if not 0 <= i < count:
                return
            if not self.type_list.item(i).isHidden():
                self.type_list.setCurrentRow(i)
                return

    def selected_type(self) -> str | None:
        item = self.type_list.currentItem()
        if item is None or item.isHidden():
            return None
        code: str = item.data(Qt.ItemDataRole.UserRole)
        return code

    # -- validation ---------------------------------------------------------------------------
    def _spot_toggled(self, checked: bool) -> None:
        self.result_edit.setEnabled(checked)
        if checked:
            self.result_edit.setFocus()
        self._validate()

    def problem(self) -> str | None:
        phone = self.reporter_phone.text().strip()
        if self.resident_id is None and phone and not cases.valid_phone(phone):
            return self.tr("The phone number is not valid.")
        if self.selected_type() is None:
            return self.tr("Choose a matter type.")
        if not self.summary.text().strip():
            return self.tr("Enter a summary.")
        if self.on_the_spot.isChecked() and not self.result_edit.text().strip():
            return self.tr("Enter what was done for the resident.")
        return None

    def _validate(self) -> None:
        problem = self.problem()
        # only speak up about fields the worker has started on
        shown = problem
        if problem in (self.tr("Choose a matter type."), self.tr("Enter a summary.")):
            shown = None
        if (
            problem == self.tr("Enter what was done for the resident.")
            and not self.result_edit.text()
        ):
            shown = None
        self.message.setText(shown or "")
        self.save_button.setEnabled(problem is None)

    def _accept_if_valid(self) -> None:
        if self.problem() is None:
            self.accept()

    def values(self) -> NewCase:
        if self.resident_id is not None:  # the service takes them from the record
            return NewCase(
                type_code=self.selected_type() or "",
                channel=self.channel.currentData(),
                summary=self.summary.text(),
                description=self.description.toPlainText(),
                resident_id=self.resident_id,
                resolve_on_the_spot=self._spot_result(),
            )
        return NewCase(
            type_code=self.selected_type() or "",
            channel=self.channel.currentData(),
            summary=self.summary.text(),
            description=self.description.toPlainText(),
            reporter_name=self.reporter_name.text() or None,
            reporter_phone=self.reporter_phone.text() or None,
            address=self.address.text() or None,
            grid=self.grid_code.text() or None,
            resolve_on_the_spot=self._spot_result(),
        )

    def _spot_result(self) -> str | None:
        return self.result_edit.text() if self.on_the_spot.isChecked() else None
