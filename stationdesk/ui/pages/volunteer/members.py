"""The 在职党员 tab: the in-service Party members who reported, ID and phone masked (F9 shows
them in full, audited, as on the resident card); add, edit, link to a resident record."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QWidget,
)

from stationdesk.domain.identity import IdNumberError, parse_id_number
from stationdesk.domain.names import name_problem
from stationdesk.domain.roles import Permission
from stationdesk.services import residents
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext, logged_in, write_when_accepted
from ...tables import current_item, fill_row, select_again
from ...widgets import REVEAL_KEYS, keyboard_back_on_close, line_edit, push_button
from ..resident_forms import ReasonDialog
from .common import (
    FormDialog,
    ListTab,
    ResidentPicker,
    date_edit,
    desk_today,
    phone_text_problem,
    pydate,
    qdate,
    text_of,
)

SKILL_SPLIT = re.compile(r"[、，,;；\s]+")
Choices = tuple[list[vol.UnitInfo], list[residents.GridInfo]]


class MembersTab(ListTab):
    """The members by name; Ctrl+N adds, F2 (or Enter) edits, F9 shows the full ID number and
    phone (with a reason, audited), F7 links the member to a resident record."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.members: list[vol.MemberInfo] = []
        self.choices: Choices = ([], [])
        _station, actor = logged_in(ctx)
        self.add_button = push_button(
            self, self.tr("Add member"), "memberAdd", self.add_member, keys="Ctrl+N"
        )
        self.edit_button = push_button(
            self, self.tr("Edit"), "memberEdit", self.edit_member, keys="F2", enabled=False
        )
        self.link_button = push_button(
            self, self.tr("Link resident"), "memberLink", self.link, keys="F7", enabled=False
        )
        self.reveal_button = push_button(
            self, self.tr("Show full"), "memberReveal", self.reveal, keys=REVEAL_KEYS
        )
        self.reveal_button.setEnabled(False)
        self.reveal_button.setVisible(actor.can(Permission.REVEAL_PERSONAL_DATA))
        layout = self.head(
            [self.add_button, self.edit_button, self.link_button, self.reveal_button]
        )
        self.revealed = QLabel("", self)
        self.revealed.setObjectName("memberRevealed")
        self.revealed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.revealed)
        self.table = self.list_table(
            "memberTable",
            [
                self.tr("Name"),
                self.tr("ID number"),
                self.tr("Phone"),
                self.tr("Unit"),
                self.tr("Party branch"),
                self.tr("Grid"),
                self.tr("Reported"),
                self.tr("Emergency team"),
                self.tr("Resident"),
                self.tr("Skills"),
            ],
            stretch=9,
            selection=self._selection,
            enter=self.edit_member,
        )
        layout.addWidget(self.table, 1)

    def fetch(self, station: Station, actor: Actor) -> tuple[list[vol.MemberInfo], Choices]:
        members = vol.list_members(station, actor)
        return members, (vol.list_units(station, actor), residents.list_grids(station, actor))

    def show_data(self, data: tuple[list[vol.MemberInfo], Choices]) -> None:
        current = self.selected()
        self.members, self.choices = data
        self.table.setRowCount(len(self.members))
        yes = self.tr("Yes")
        linked = self.tr("Linked")
        for i, m in enumerate(self.members):
            values = (
                m.name,
                m.id_masked,
                m.phone_masked,
                m.unit or "",
                m.branch or "",
                m.grid or "",
                f"{m.report_date:%Y-%m-%d}",
                yes if m.emergency_team else "",
                linked if m.resident_id else "",
                "、".join(m.skills),
            )
            fill_row(self.table, i, values)
        select_again(self.table, [m.id for m in self.members], current.id if current else None)
        self._selection()

    def selected(self) -> vol.MemberInfo | None:
        return current_item(self.table, self.members)

    def _selection(self) -> None:
        member = self.selected()
        for b in (self.edit_button, self.link_button, self.reveal_button):
            b.setEnabled(member is not None)
        if member is None or self.revealed.property("member") != member.id:
            self.revealed.setText("")
        self.revealed.setVisible(bool(self.revealed.text()))

    def add_member(self) -> None:
        self.show_form(MemberDialog(self.ctx, None, self.choices, self))

    def edit_member(self) -> None:
        member = self.selected()
        if member is not None:
            self.show_form(MemberDialog(self.ctx, member, self.choices, self))

    def link(self) -> None:
        member = self.selected()
        if member is not None:
            self.show_form(LinkResidentDialog(self.ctx, member, self))

    def reveal(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = ReasonDialog(self)
        self.dialog = dialog

        def show(found: vol.RevealedMember) -> None:
            self.revealed.setProperty("member", found.member_id)
            self.revealed.setText(
                self.tr("%1: ID number %2, phone %3")
                .replace("%1", member.name)
                .replace("%2", found.id_number)
                .replace("%3", found.phone or "—")
            )
            self.revealed.setVisible(True)

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keyboard_back_on_close(dialog)
        write_when_accepted(
            self.ctx,
            self,
            dialog,
            dialog.reason,
            lambda station, actor, reason: vol.reveal_member(station, actor, member.id, reason),
            show,
        )


class MemberDialog(FormDialog):
    """Register a member who reported, or edit one (``member``; the ID number stays, the phone
    is kept unless a new one is typed)."""

    def __init__(
        self,
        ctx: DeskContext,
        member: vol.MemberInfo | None,
        choices: Choices,
        parent: QWidget,
    ) -> None:
        title = self.tr("Add member") if member is None else self.tr("Edit member")
        super().__init__(ctx, title, "memberDialog", parent)
        self.member = member
        self.today = desk_today(ctx)
        units, grids = choices
        self.name = line_edit(self, "memberName", member.name if member else "", max_length=40)
        self.id_number = line_edit(self, "memberIdNumber", max_length=18)
        if member is not None:
            self.id_number.setText(member.id_masked)
            self.id_number.setReadOnly(True)
            self.id_number.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phone = line_edit(
            self,
            "memberPhone",
            max_length=20,
            placeholder=(
                self.tr("Kept as %1 unless a new number is typed").replace(
                    "%1", member.phone_masked
                )
                if member is not None and member.phone_masked
                else ""
            ),
        )
        self.unit = QComboBox(self)
        self.unit.setObjectName("memberUnit")
        self.unit.addItem("", "")
        for u in units:
            self.unit.addItem(u.name, u.id)
        self.branch = line_edit(
            self, "memberBranch", (member.branch or "") if member else "", max_length=100
        )
        self.grid = QComboBox(self)
        self.grid.setObjectName("memberGrid")
        self.grid.addItem("", "")
        for g in grids:
            self.grid.addItem(f"{g.code} {g.name}", g.code)
        self.reported = date_edit(
            self, "memberReported", member.report_date if member else self.today
        )
        self.reported.setMaximumDate(qdate(self.today))
        self.skills = line_edit(
            self,
            "memberSkills",
            "、".join(member.skills) if member else "",
            placeholder=self.tr("e.g. first aid, law, electrician"),
        )
        self.emergency = QCheckBox(self.tr("On the emergency team"), self)
        self.emergency.setObjectName("memberEmergency")
        if member is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findText(member.unit or "")))
            self.grid.setCurrentIndex(max(0, self.grid.findData(member.grid or "")))
            self.emergency.setChecked(member.emergency_team)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("ID number"), self.id_number)
        self.form.addRow(self.tr("Phone"), self.phone)
        self.form.addRow(self.tr("Employer unit"), self.unit)
        self.form.addRow(self.tr("Party branch"), self.branch)
        self.form.addRow(self.tr("Paired grid"), self.grid)
        self.form.addRow(self.tr("Report date"), self.reported)
        self.form.addRow(self.tr("Skills"), self.skills)
        self.form.addRow("", self.emergency)
        self.watch(self.name.textChanged, self.id_number.textChanged, self.phone.textChanged)
        self.name.setFocus()
        self.check()

    def problem(self) -> str | None:
        name, number = text_of(self.name), self.id_number.text().strip()
        if name and name_problem(name):
            return name_problem(name)
        if number and self.member is None and len(number) >= 15:
            try:
                parse_id_number(number, today=self.today)
            except IdNumberError as exc:
                return exc.zh
        phone = phone_text_problem(self.phone.text())
        if phone:
            return phone
        if not name or (self.member is None and len(number) < 15):
            return ""
        return None

    def job(self) -> Callable[[Station, Actor], vol.MemberInfo]:
        phone = self.phone.text().strip()
        data = vol.MemberInput(
            name=self.name.text(),
            id_number=self.id_number.text().strip() if self.member is None else "",
            report_date=pydate(self.reported.date()),
            phone=phone if phone or self.member is None else None,
            unit=str(self.unit.currentData()) or None,
            branch=self.branch.text(),
            grid=str(self.grid.currentData()) or None,
            skills=tuple(s for s in SKILL_SPLIT.split(self.skills.text()) if s),
            emergency_team=self.emergency.isChecked(),
        )
        if self.member is None:
            return lambda station, actor: vol.add_member(station, actor, data)
        member_id = self.member.id
        return lambda station, actor: vol.edit_member(station, actor, member_id, data)


class LinkResidentDialog(FormDialog):
    """Link a member to the resident record of the same person (found by a search; nothing is
    copied)."""

    def __init__(self, ctx: DeskContext, member: vol.MemberInfo, parent: QWidget) -> None:
        super().__init__(ctx, self.tr("Link resident"), "linkResidentDialog", parent)
        self.member = member
        self.form.addRow(self.tr("Member"), QLabel(f"{member.name}  {member.id_masked}", self))
        self.picker = ResidentPicker(
            ctx, self, "linkResident", self.tr("Name, pinyin or last digits of the ID number")
        )
        self.form.addRow(self.tr("Resident"), self.picker)
        self.picker.list.currentRowChanged.connect(lambda _row: self.check())
        self.picker.edit.returnPressed.connect(self.submit)
        self.picker.edit.setFocus()
        self.check()

    def problem(self) -> str | None:
        return None if self.picker.chosen() else ""

    def job(self) -> Callable[[Station, Actor], vol.MemberInfo]:
        resident_id, member_id = self.picker.chosen() or "", self.member.id
        return lambda station, actor: vol.link_resident(station, actor, member_id, resident_id)
