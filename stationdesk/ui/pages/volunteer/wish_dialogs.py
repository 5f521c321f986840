"""The 微心愿 dialogs the wish wall and the resident card share: record a wish (for a resident
found by a search, or the one on the card), and each step after it, a photo with 完成."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from stationdesk.domain.residents import pinyin_keys
from stationdesk.domain.volunteering import WISH_CATEGORIES, WISH_GRADES
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.files import Upload, read_upload
from stationdesk.services.station import Station

from ...context import DeskContext
from ...i18n import error_text
from ...widgets import line_edit, push_button
from .common import (
    FormDialog,
    PickList,
    ResidentPicker,
    date_edit,
    desk_today,
    pydate,
    qdate,
    text_of,
)

MAX_NOTE = 2000
KEY_PHOTO = "Alt+P"
KEY_NO_PHOTO = "Alt+R"


def _read_photo(path: Path) -> Upload:
    """The picked file read and checked as a wish's photo (on the pool)."""
    upload = read_upload(path, "photo")
    vol.checked_photo(upload)
    return upload


class WishDialog(FormDialog):
    """Record a resident's wish: who (found by a search, or ``resident``, the id and how the
    card shows them, fixed), what, its category and deadline."""

    def __init__(
        self, ctx: DeskContext, parent: QWidget, resident: tuple[str, str] | None = None
    ) -> None:
        super().__init__(ctx, self.tr("Record a wish"), "wishDialog", parent)
        today = desk_today(ctx)
        self.resident = resident
        self.picker = ResidentPicker(
            ctx, self, "wishResident", self.tr("Resident: name, pinyin or last digits of the ID")
        )
        self.text = line_edit(
            self, "wishText", max_length=200, placeholder=self.tr("e.g. change a light bulb")
        )
        self.category = QComboBox(self)
        self.category.setObjectName("wishCategory")
        self.category.addItems(list(WISH_CATEGORIES))
        self.deadline = date_edit(self, "wishDeadline", today + timedelta(days=14))
        self.deadline.setMinimumDate(qdate(today))
        if resident is None:
            self.form.addRow(self.tr("Resident"), self.picker)
            self.picker.list.currentRowChanged.connect(lambda _row: self.check())
        else:
            self.picker.setVisible(False)
            fixed = QLabel(resident[1], self)
            fixed.setObjectName("wishResidentFixed")
            self.form.addRow(self.tr("Resident"), fixed)
        self.form.addRow(self.tr("Wish"), self.text)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Deadline"), self.deadline)
        self.watch(self.text.textChanged)
        (self.picker.edit if resident is None else self.text).setFocus()
        self.check()

    def resident_id(self) -> str | None:
        return self.resident[0] if self.resident is not None else self.picker.chosen()

    def problem(self) -> str | None:
        return None if self.resident_id() and text_of(self.text) else ""

    def job(self) -> Callable[[Station, Actor], vol.WishInfo]:
        resident, text = self.resident_id() or "", self.text.text()
        category, deadline = self.category.currentText(), pydate(self.deadline.date())
        return lambda station, actor: vol.add_wish(
            station, actor, resident, text, deadline=deadline, category=category
        )


class WishStepDialog(FormDialog):
    """One step of a wish: ``claim`` (pick the member), ``fulfil`` (what was done, and a photo
    if one was taken) or ``confirm`` (the resident's 满意/不满意)."""

    def __init__(
        self,
        ctx: DeskContext,
        step: str,
        wish: vol.WishInfo,
        members: list[vol.MemberInfo],
        parent: QWidget,
    ) -> None:
        titles = {
            "claim": self.tr("Claim a wish"),
            "fulfil": self.tr("Wish fulfilled"),
            "confirm": self.tr("Resident's confirmation"),
        }
        super().__init__(ctx, titles[step], f"wish_{step}Dialog", parent)
        self.step, self.wish = step, wish
        self.photo: Upload | None = None
        self.photo_problem: str | None = None
        self._reading = 0  # photos being read and checked
        shown = QLabel(f"{wish.resident}：{wish.text}", self)
        shown.setWordWrap(True)
        self.form.addRow(self.tr("Wish"), shown)
        self.picker = PickList(self, "wishMember", self.tr("Member's name or pinyin"), rows=4)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("wishNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.photo_row = self._photo_row()
        self.grade = QComboBox(self)
        self.grade.setObjectName("wishGrade")
        self.grade.addItems(list(WISH_GRADES))
        if step == "claim":
            self.picker.set_items(
                [
                    (f"{m.name}  {m.unit or ''}", m.id, " ".join(pinyin_keys(m.name)))
                    for m in members
                ]
            )
            self.form.addRow(self.tr("Member"), self.picker)
            self.picker.list.currentRowChanged.connect(lambda _row: self.check())
            self.picker.edit.returnPressed.connect(self.submit)
            self.picker.edit.setFocus()
        elif step == "fulfil":
            self.form.addRow(self.tr("What was done"), self.note)
            self.form.addRow(self.tr("Photo"), self.photo_row)
            self.note.textChanged.connect(self.check)
            self.note.setFocus()
        else:
            self.form.addRow(self.tr("Grade"), self.grade)
            self.grade.setFocus()
        for w, used in ((self.picker, "claim"), (self.note, "fulfil"), (self.grade, "confirm")):
            w.setVisible(step == used)
        self.photo_row.setVisible(step == "fulfil")
        self.check()

    def _photo_row(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.photo_name = QLabel(self.tr("none"), row)
        self.photo_name.setObjectName("wishPhotoName")
        self.photo_button = push_button(
            row, self.tr("Add photo…"), "wishPhotoAdd", self.pick_photo, keys=KEY_PHOTO
        )
        self.no_photo_button = push_button(
            row, self.tr("Remove photo"), "wishPhotoRemove", self.remove_photo, keys=KEY_NO_PHOTO
        )
        self.no_photo_button.setVisible(False)
        layout.addWidget(self.photo_name, 1)
        layout.addWidget(self.photo_button)
        layout.addWidget(self.no_photo_button)
        return row

    def pick_photo(self) -> None:
        """Choose a JPEG or PNG file; it is read and checked off the GUI thread."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if path:
            self.photo_chosen(Path(path))

    def photo_chosen(self, path: Path) -> None:
        self._reading += 1
        self.photo, self.photo_problem = None, None
        self.photo_name.setText(path.name)
        self.check()

        def read() -> Upload:
            return _read_photo(path)

        def done(upload: Upload) -> None:
            self._reading -= 1
            self.photo = upload
            self.no_photo_button.setVisible(True)
            self.check()

        def failed(exc: BaseException) -> None:
            self._reading -= 1
            self.photo_problem = error_text(exc)
            self.no_photo_button.setVisible(True)
            self.check()

        self.ctx.runner.run(read, done, failed, owner=self)

    def remove_photo(self) -> None:
        self.photo, self.photo_problem = None, None
        self.photo_name.setText(self.tr("none"))
        self.no_photo_button.setVisible(False)
        self.photo_button.setFocus()
        self.check()

    def problem(self) -> str | None:
        if self.step == "claim":
            return None if self.picker.chosen() else ""
        if self.step == "fulfil":
            note = self.note.toPlainText().strip()
            if len(note) > MAX_NOTE:
                return self.tr("The note is too long.")
            if self.photo_problem:
                return self.photo_problem
            if self._reading:
                return ""
            return None if note else ""
        return None

    def job(self) -> Callable[[Station, Actor], vol.WishInfo]:
        wish_id = self.wish.id
        if self.step == "claim":
            member = self.picker.chosen() or ""
            return lambda station, actor: vol.claim_wish(station, actor, wish_id, member)
        if self.step == "fulfil":
            note, photo = self.note.toPlainText(), self.photo
            return lambda station, actor: vol.fulfil_wish(station, actor, wish_id, note, photo)
        grade = self.grade.currentText()
        return lambda station, actor: vol.confirm_wish(station, actor, wish_id, grade)
