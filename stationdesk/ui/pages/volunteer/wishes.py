"""The 微心愿 tab, the wish wall: a resident's wish is recorded, claimed by a member, fulfilled
with a note and confirmed by the resident (满意/不满意); overdue wishes are red."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.residents import pinyin_keys
from stationdesk.domain.volunteering import WISH_CATEGORIES, WISH_GRADES, WishStatus
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext
from ...tables import list_table
from ...widgets import line_edit, push_button
from .common import (
    FormDialog,
    ListTab,
    PickList,
    ResidentPicker,
    date_edit,
    desk_today,
    fill_row,
    pydate,
    qdate,
    text_of,
)

MAX_NOTE = 2000
#: The step each button takes, by the status a wish must be in for it.
STEP_FROM = {
    "claim": WishStatus.OPEN,
    "fulfil": WishStatus.CLAIMED,
    "confirm": WishStatus.FULFILLED,
}


class WishesTab(ListTab):
    """The wish wall by deadline; Ctrl+N records a wish, F3 claims, F4 fulfils, F6 confirms."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.wishes: list[vol.WishInfo] = []
        self.members: list[vol.MemberInfo] = []
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = push_button(
            self, self.tr("Record a wish"), "wishAdd", self.add_wish, keys="Ctrl+N"
        )
        self.claim_button = push_button(
            self, self.tr("Claim"), "wishClaim", lambda: self.step("claim"), keys="F3"
        )
        self.fulfil_button = push_button(
            self, self.tr("Fulfilled"), "wishFulfil", lambda: self.step("fulfil"), keys="F4"
        )
        self.confirm_button = push_button(
            self, self.tr("Resident confirms"), "wishConfirm", lambda: self.step("confirm"),
            keys="F6",
        )  # fmt: skip
        self.step_buttons = {
            "claim": self.claim_button,
            "fulfil": self.fulfil_button,
            "confirm": self.confirm_button,
        }
        for b in (self.add_button, *self.step_buttons.values()):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.overdue_note = QLabel("", self)
        self.overdue_note.setObjectName("wishOverdueNote")
        buttons.addWidget(self.overdue_note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.table = list_table(
            self,
            "wishTable",
            [
                self.tr("Resident"),
                self.tr("Wish"),
                self.tr("Category"),
                self.tr("Deadline"),
                self.tr("Status"),
                self.tr("Member"),
                self.tr("Grade"),
                self.tr("What was done"),
            ],
            stretch=1,
        )
        self.table.itemSelectionChanged.connect(self._selection)
        layout.addWidget(self.table, 1)
        self._selection()

    def fetch(
        self, station: Station, actor: Actor
    ) -> tuple[list[vol.WishInfo], list[vol.MemberInfo]]:
        return vol.list_wishes(station, actor), vol.list_members(station, actor)

    def show_data(self, data: tuple[list[vol.WishInfo], list[vol.MemberInfo]]) -> None:
        current = self.selected()
        self.wishes, self.members = data
        self.table.setRowCount(len(self.wishes))
        overdue = self.tr("%1 (overdue)")
        for i, w in enumerate(self.wishes):
            status = overdue.replace("%1", w.status_zh) if w.overdue else w.status_zh
            values = (
                w.resident,
                w.text,
                w.category,
                f"{w.deadline:%Y-%m-%d}",
                status,
                w.member or "",
                w.grade or "",
                w.fulfil_note or "",
            )
            fill_row(self.table, i, values, red=w.overdue)
        late = sum(w.overdue for w in self.wishes)
        self.overdue_note.setText(
            self.tr("%1 overdue (red)").replace("%1", str(late)) if late else ""
        )
        ids = [w.id for w in self.wishes]
        if ids:
            self.table.selectRow(ids.index(current.id) if current and current.id in ids else 0)
        self._selection()

    def selected(self) -> vol.WishInfo | None:
        row = self.table.currentRow()
        return self.wishes[row] if 0 <= row < len(self.wishes) else None

    def _selection(self) -> None:
        wish = self.selected()
        for step, button in self.step_buttons.items():
            button.setEnabled(wish is not None and wish.status == STEP_FROM[step].value)

    def add_wish(self) -> None:
        dialog = WishDialog(self.ctx, self)
        dialog.saved.connect(lambda _w: self.reload())
        self.show_dialog(dialog)

    def step(self, step: str) -> None:
        wish = self.selected()
        if wish is None or wish.status != STEP_FROM[step].value:
            return
        dialog = WishStepDialog(self.ctx, step, wish, self.members, self)
        dialog.saved.connect(lambda _w: self.reload())
        self.show_dialog(dialog)


class WishDialog(FormDialog):
    """Record a resident's wish: who (found by a search), what, its category and deadline."""

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(ctx, self.tr("Record a wish"), "wishDialog", parent)
        today = desk_today(ctx)
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
        self.form.addRow(self.tr("Resident"), self.picker)
        self.form.addRow(self.tr("Wish"), self.text)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Deadline"), self.deadline)
        self.picker.list.currentRowChanged.connect(lambda _row: self.check())
        self.watch(self.text.textChanged)
        self.picker.edit.setFocus()
        self.check()

    def problem(self) -> str | None:
        return None if self.picker.chosen() and text_of(self.text) else ""

    def job(self) -> Callable[[Station, Actor], vol.WishInfo]:
        resident, text = self.picker.chosen() or "", self.text.text()
        category, deadline = self.category.currentText(), pydate(self.deadline.date())
        return lambda station, actor: vol.add_wish(
            station, actor, resident, text, deadline=deadline, category=category
        )


class WishStepDialog(FormDialog):
    """One step of a wish: ``claim`` (pick the member), ``fulfil`` (what was done) or
    ``confirm`` (the resident's 满意/不满意)."""

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
        shown = QLabel(f"{wish.resident}：{wish.text}", self)
        shown.setWordWrap(True)
        self.form.addRow(self.tr("Wish"), shown)
        self.picker = PickList(self, "wishMember", self.tr("Member's name or pinyin"), rows=4)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("wishNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
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
            self.note.textChanged.connect(self.check)
            self.note.setFocus()
        else:
            self.form.addRow(self.tr("Grade"), self.grade)
            self.grade.setFocus()
        for w, used in ((self.picker, "claim"), (self.note, "fulfil"), (self.grade, "confirm")):
            w.setVisible(step == used)
        self.check()

    def problem(self) -> str | None:
        if self.step == "claim":
            return None if self.picker.chosen() else ""
        if self.step == "fulfil":
            note = self.note.toPlainText().strip()
            if len(note) > MAX_NOTE:
                return self.tr("The note is too long.")
            return None if note else ""
        return None

    def job(self) -> Callable[[Station, Actor], vol.WishInfo]:
        wish_id = self.wish.id
        if self.step == "claim":
            member = self.picker.chosen() or ""
            return lambda station, actor: vol.claim_wish(station, actor, wish_id, member)
        if self.step == "fulfil":
            note = self.note.toPlainText()
            return lambda station, actor: vol.fulfil_wish(station, actor, wish_id, note)
        grade = self.grade.currentText()
        return lambda station, actor: vol.confirm_wish(station, actor, wish_id, grade)
