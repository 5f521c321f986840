"""The 活动 tab: volunteer activities and their sign-ins. Typing a member's name (pinyin or the
last digits of the ID number) and Enter signs them in, Ctrl+Enter out, and so does placing their
ID card on the desk's reader; with the paper sheet
switch on, the sheet's times are entered instead. Hours are computed by the service from the
times and shown, never typed; a head's approval locks the record, a correction is a new
entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.residents import pinyin_keys
from stationdesk.domain.roles import Permission
from stationdesk.domain.station_time import shown_minute, station_local
from stationdesk.domain.volunteering import ACTIVITY_KINDS, SignSource, hours_text
from stationdesk.services import residents
from stationdesk.services import volunteering as vol
from stationdesk.services.actor import Actor
from stationdesk.services.station import Station

from ...context import DeskContext, logged_in
from ...tables import current_item, fill_row, list_table, select_again
from ...widgets import line_edit, push_button, with_keys
from .common import (
    FormDialog,
    ListTab,
    PickList,
    datetime_edit,
    pydatetime,
    qdatetime,
    text_of,
)

SIDE_WIDTH = 560
SIGN_IN_KEYS = ("Return", "Enter")
SIGN_OUT_KEYS = ("Ctrl+Return", "Ctrl+Enter")
Loaded = tuple[list[vol.ActivityInfo], list[vol.MemberInfo], list[residents.GridInfo]]


def total_minutes(a: vol.ActivityInfo) -> int:
    return sum(r.minutes or 0 for r in a.signins)


def window_text(a: vol.ActivityInfo) -> str:
    start, end = station_local(a.starts_at), station_local(a.ends_at)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%m-%d %H:%M}"
    return f"{start:%m-%d %H:%M}–{until}"


class ActivitiesTab(ListTab):
    """The activities (latest first) beside the selected one's sign-ins and the sign-in box."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        _station, actor = logged_in(ctx)
        self.activities: list[vol.ActivityInfo] = []
        self.members: list[vol.MemberInfo] = []
        self.grids: list[residents.GridInfo] = []
        self.current_id: str | None = None
        self.add_button = push_button(
            self, self.tr("New activity"), "activityAdd", self.add_activity, keys="Ctrl+N"
        )
        self.approve_button = push_button(
            self, self.tr("Approve"), "activityApprove", self.approve, keys="Ctrl+Shift+A"
        )
        self.correct_button = push_button(
            self, self.tr("Correction"), "activityCorrect", self.correct, keys="Ctrl+Shift+C"
        )
        self.all_out_button = push_button(
            self, self.tr("Sign everyone out"), "activityAllOut", self.sign_all_out,
            keys="Ctrl+Shift+O",
        )  # fmt: skip
        head = actor.can(Permission.APPROVE)
        self.approve_button.setVisible(head)
        self.correct_button.setVisible(head)
        layout = self.head(
            [self.add_button, self.all_out_button, self.approve_button, self.correct_button]
        )
        body = QHBoxLayout()
        self.table = self.list_table(
            "activityTable",
            [
                self.tr("Activity"),
                self.tr("Kind"),
                self.tr("Time"),
                self.tr("Signed in"),
                self.tr("Hours"),
                self.tr("Record"),
            ],
            stretch=0,
            selection=self._selection,
            enter=lambda: self.picker.edit.setFocus(Qt.FocusReason.OtherFocusReason),
        )
        body.addWidget(self.table, 1)
        body.addWidget(self._side())
        layout.addLayout(body, 1)
        self._selection()

    def _side(self) -> QWidget:
        side = QWidget(self)
        side.setFixedWidth(SIDE_WIDTH)
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("", side)
        self.heading.setObjectName("activityHeading")
        self.heading.setWordWrap(True)
        box.addWidget(self.heading)
        self.picker = PickList(
            side,
            "signIn",
            self.tr("Member's name, pinyin or last digits of the ID number; Enter signs in"),
            rows=4,
        )
        box.addWidget(self.picker)
        row = QHBoxLayout()
        self.in_button = push_button(
            side,
            with_keys(self.tr("Sign in"), QKeySequence(SIGN_IN_KEYS[0])),
            "signInButton",
            self.sign_in,
        )
        self.out_button = push_button(
            side,
            with_keys(self.tr("Sign out"), QKeySequence(SIGN_OUT_KEYS[0])),
            "signOutButton",
            self.sign_out,
        )
        row.addWidget(self.in_button)
        row.addWidget(self.out_button)
        row.addStretch(1)
        box.addLayout(row)
        for keys, slot in ((SIGN_IN_KEYS, self.sign_in), (SIGN_OUT_KEYS, self.sign_out)):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.picker.edit.addAction(action)
        sheet = QGridLayout()
        self.sheet = QCheckBox(with_keys(self.tr("Enter a paper sheet"), "F8"), side)
        self.sheet.setObjectName("signSheet")
        self.sheet.setShortcut(QKeySequence("F8"))
        now = datetime.now()
        self.sheet_in = datetime_edit(side, "sheetIn", now)
        self.sheet_out = datetime_edit(side, "sheetOut", now)
        sheet.addWidget(self.sheet, 0, 0, 1, 4)
        sheet.addWidget(QLabel(self.tr("In"), side), 1, 0)
        sheet.addWidget(self.sheet_in, 1, 1)
        sheet.addWidget(QLabel(self.tr("Out"), side), 1, 2)
        sheet.addWidget(self.sheet_out, 1, 3)
        box.addLayout(sheet)
        self.sheet.toggled.connect(self._sheet_mode)
        self._sheet_mode(False)
        self.signins = list_table(
            side,
            "signInTable",
            [
                self.tr("Name"),
                self.tr("In"),
                self.tr("Out"),
                self.tr("Hours"),
                self.tr("Source"),
            ],
            stretch=0,
        )
        self.signins.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box.addWidget(self.signins, 1)
        return side

    def _sheet_mode(self, on: bool) -> None:
        self.sheet_in.setEnabled(on)
        self.sheet_out.setEnabled(on)

    # -- loading ------------------------------------------------------------------------------
    def fetch(self, station: Station, actor: Actor) -> Loaded:
        return (
            vol.list_activities(station, actor),
            vol.list_members(station, actor),
            residents.list_grids(station, actor),
        )

    def show_data(self, data: Loaded) -> None:
        self.activities, self.members, self.grids = data
        self.table.setRowCount(len(self.activities))
        approved, open_ = self.tr("Approved"), self.tr("Not approved")
        for i, a in enumerate(self.activities):
            capacity = f"/{a.capacity}" if a.capacity else ""
            values = (
                a.title,
                a.kind_zh,
                window_text(a),
                f"{len(a.signins)}{capacity}",
                hours_text(total_minutes(a)),
                approved if a.approved_at else open_,
            )
            fill_row(self.table, i, values)
        select_again(self.table, [a.id for a in self.activities], self.current_id)
        self._selection()

    def selected(self) -> vol.ActivityInfo | None:
        return current_item(self.table, self.activities)

    def _selection(self) -> None:
        a = self.selected()
        if a is not None and a.id != self.current_id:
            self.current_id = a.id
            self.sheet_in.setDateTime(qdatetime(a.starts_at))
            self.sheet_out.setDateTime(qdatetime(a.ends_at))
        self.show_activity(a)

    def show_activity(self, a: vol.ActivityInfo | None) -> None:
        """Show ``a``'s sign-ins, total and state beside the list (a write's result too)."""
        if a is not None and a.id != self.current_id:
            return
        if a is not None:  # a write's newer view of the activity replaces the listed one
            self.activities = [a if x.id == a.id else x for x in self.activities]
        locked = a is None or a.approved_at is not None
        for w in (self.in_button, self.out_button, self.all_out_button, self.picker, self.sheet):
            w.setEnabled(not locked)
        self.approve_button.setEnabled(not locked)
        self.correct_button.setEnabled(a is not None and a.approved_at is not None)
        rows = a.signins if a else ()
        self.signins.setRowCount(len(rows))
        sources = {
            SignSource.DESK.value: self.tr("Desk"),
            SignSource.SHEET.value: self.tr("Paper sheet"),
            SignSource.CORRECTION.value: self.tr("Correction"),
        }
        for i, r in enumerate(rows):
            source = sources.get(r.source, r.source)
            values = (
                r.name,
                f"{station_local(r.signed_in_at):%H:%M}",
                f"{station_local(r.signed_out_at):%H:%M}" if r.signed_out_at else "",
                hours_text(r.minutes) if r.minutes is not None else "",
                f"{source}*" if r.corrected else source,
            )
            fill_row(self.signins, i, values)
        self.heading.setText(self._heading(a))
        self._member_items(a)

    def _heading(self, a: vol.ActivityInfo | None) -> str:
        if a is None:
            return self.tr("No activity selected. Ctrl+N adds one.")
        state = (
            self.tr("approved by %1 on %2, locked")
            .replace("%1", a.approved_by or "")
            .replace("%2", shown_minute(a.approved_at))
            if a.approved_at
            else self.tr("not approved")
        )
        return (
            self.tr("%1 (%2), %3 to %4; %5 signed in, %6 h in all; %7")
            .replace("%1", a.title)
            .replace("%2", a.kind_zh)
            .replace("%3", shown_minute(a.starts_at))
            .replace("%4", shown_minute(a.ends_at))
            .replace("%5", str(len(a.signins)))
            .replace("%6", hours_text(total_minutes(a)))
            .replace("%7", state)
        )

    def _member_items(self, a: vol.ActivityInfo | None) -> None:
        state = {r.member_id: r for r in (a.signins if a else ())}
        items = []
        for m in self.members:
            row = state.get(m.id)
            mark = ""
            if row is not None:
                mark = self.tr("signed out") if row.signed_out_at else self.tr("signed in")
            label = "  ".join(p for p in (m.name, m.unit or "", m.id_masked, mark) if p)
            full, initials = pinyin_keys(m.name)
            items.append((label, m.id, f"{full} {initials} {m.id_masked[-4:]}"))
        self.picker.set_items(items)

    # -- writes -------------------------------------------------------------------------------
    def _target(self) -> tuple[vol.ActivityInfo, str] | None:
        a = self.selected()
        if a is None:
            self.say(self.tr("Choose an activity first."))
            return None
        member = self.picker.chosen()
        if member is None:
            self.say(self.tr("No member matches what was typed."))
            return None
        return a, member

    def sign_in(self) -> None:
        """Sign in the member picked: now, or at the sheet's times (then out as well)."""
        target = self._target()
        if target is None:
            return
        (a, member), sheet = target, self.sheet.isChecked()
        at_in, at_out = pydatetime(self.sheet_in.dateTime()), pydatetime(self.sheet_out.dateTime())
        self.picker.clear()

        def job(station: Station, actor: Actor) -> vol.ActivityInfo:
            if not sheet:
                return vol.sign_in(station, actor, a.id, member)
            vol.sign_in(station, actor, a.id, member, at=at_in, source=SignSource.SHEET)
            return vol.sign_out(station, actor, a.id, member, at=at_out)

        self.write(job, self.show_activity)

    def sign_out(self) -> None:
        """Sign out the member picked: now, or at the sheet's time."""
        target = self._target()
        if target is None:
            return
        a, member = target
        at = pydatetime(self.sheet_out.dateTime()) if self.sheet.isChecked() else None
        self.picker.clear()
        self.write(lambda st, ac: vol.sign_out(st, ac, a.id, member, at=at), self.show_activity)

    def sign_by_card(self, id_number: str) -> bool:
        """An ID card placed on the desk's reader while this tab is on screen: its member is
        signed in to the selected activity (out if in already), the result said under the
        list. False when no activity open for sign-in is selected (the card goes elsewhere)."""
        a = self.selected()
        if a is None or a.approved_at is not None or not self.isVisible():
            return False
        self.write(lambda st, ac: vol.sign_by_card(st, ac, a.id, id_number), self._carded)
        return True

    def _carded(self, result: vol.CardSignIn) -> None:
        self.show_activity(result.activity)
        done = self.tr("Signed out: %1") if result.signed_out else self.tr("Signed in: %1")
        self.say(done.replace("%1", result.name))

    def sign_all_out(self) -> None:
        """Sign out everyone still signed in to the selected activity."""
        a = self.selected()
        if a is None:
            return
        left = [r.member_id for r in a.signins if r.signed_out_at is None]
        at = pydatetime(self.sheet_out.dateTime()) if self.sheet.isChecked() else None

        def job(station: Station, actor: Actor) -> vol.ActivityInfo:
            for member in left:
                vol.sign_out(station, actor, a.id, member, at=at)
            return vol.show_activity(station, actor, a.id)

        self.write(job, self.show_activity)

    def approve(self) -> None:
        a = self.selected()
        if a is not None:
            self.write(lambda st, ac: vol.approve(st, ac, a.id), self.show_activity)

    def add_activity(self) -> None:
        dialog = ActivityDialog(self.ctx, self.grids, self)
        dialog.saved.connect(self._added)
        self.show_dialog(dialog)

    def _added(self, info: vol.ActivityInfo) -> None:
        self.current_id = info.id
        self.reload()

    def correct(self) -> None:
        a = self.selected()
        if a is not None and a.approved_at is not None:
            dialog = CorrectionDialog(self.ctx, a, self.members, self)
            dialog.saved.connect(self.show_activity)
            self.show_dialog(dialog)


class ActivityDialog(FormDialog):
    """A new activity: title, kind (from data), place, grid, start and end, organiser and
    capacity. Save waits until the title is given and the end follows the start."""

    def __init__(self, ctx: DeskContext, grids: list[residents.GridInfo], parent: QWidget) -> None:
        super().__init__(ctx, self.tr("New activity"), "activityDialog", parent)
        station, _actor = logged_in(ctx)
        now = station_local(station.now()).replace(second=0, microsecond=0)
        start = now.replace(minute=0)
        self.title = line_edit(self, "activityTitle", max_length=100)
        self.kind = QComboBox(self)
        self.kind.setObjectName("activityKind")
        for kind in ACTIVITY_KINDS:
            self.kind.addItem(kind.label, kind.code)
        self.place = line_edit(self, "activityPlace", max_length=100)
        self.grid = QComboBox(self)
        self.grid.setObjectName("activityGrid")
        self.grid.addItem("", "")
        for g in grids:
            self.grid.addItem(f"{g.code} {g.name}", g.code)
        self.starts = datetime_edit(self, "activityStarts", start)
        self.ends = datetime_edit(self, "activityEnds", start.replace(hour=min(start.hour + 2, 23)))
        self.organiser = line_edit(self, "activityOrganiser", max_length=100)
        self.capacity = QSpinBox(self)
        self.capacity.setObjectName("activityCapacity")
        self.capacity.setRange(0, 10_000)
        self.capacity.setSpecialValueText(self.tr("No limit"))
        self.form.addRow(self.tr("Title"), self.title)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Place"), self.place)
        self.form.addRow(self.tr("Grid"), self.grid)
        self.form.addRow(self.tr("Starts"), self.starts)
        self.form.addRow(self.tr("Ends"), self.ends)
        self.form.addRow(self.tr("Organiser"), self.organiser)
        self.form.addRow(self.tr("Capacity"), self.capacity)
        self.watch(self.title.textChanged, self.starts.dateTimeChanged, self.ends.dateTimeChanged)
        self.title.setFocus()
        self.check()

    def problem(self) -> str | None:
        if self.ends.dateTime() <= self.starts.dateTime():
            return self.tr("The activity ends before it starts.")
        return None if text_of(self.title) else ""

    def job(self) -> Callable[[Station, Actor], vol.ActivityInfo]:
        title, kind = self.title.text(), str(self.kind.currentData())
        starts, ends = pydatetime(self.starts.dateTime()), pydatetime(self.ends.dateTime())
        place, organiser = self.place.text(), self.organiser.text()
        grid, capacity = str(self.grid.currentData()) or None, self.capacity.value() or None
        return lambda station, actor: vol.add_activity(
            station,
            actor,
            title=title,
            kind=kind,
            starts_at=starts,
            ends_at=ends,
            place=place,
            grid=grid,
            organiser=organiser,
            capacity=capacity,
        )


class CorrectionDialog(FormDialog):
    """A head's correction of an approved record: a member's true times and why; the approved
    sign-in stays, the correction stands in for it (audited)."""

    def __init__(
        self,
        ctx: DeskContext,
        activity: vol.ActivityInfo,
        members: list[vol.MemberInfo],
        parent: QWidget,
    ) -> None:
        super().__init__(ctx, self.tr("Correct an approved record"), "correctionDialog", parent)
        self.activity = activity
        self.picker = PickList(self, "correctMember", self.tr("Member's name or pinyin"), rows=4)
        self.picker.set_items(
            [(f"{m.name}  {m.id_masked}", m.id, " ".join(pinyin_keys(m.name))) for m in members]
        )
        self.signed_in = datetime_edit(self, "correctIn", activity.starts_at)
        self.signed_out = datetime_edit(self, "correctOut", activity.ends_at)
        self.reason = line_edit(self, "correctReason", max_length=200)
        self.form.addRow(self.tr("Activity"), QLabel(activity.title, self))
        self.form.addRow(self.tr("Member"), self.picker)
        self.form.addRow(self.tr("In"), self.signed_in)
        self.form.addRow(self.tr("Out"), self.signed_out)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.picker.list.currentRowChanged.connect(lambda _row: self.check())
        self.watch(
            self.reason.textChanged,
            self.signed_in.dateTimeChanged,
            self.signed_out.dateTimeChanged,
        )
        self.picker.edit.setFocus()
        self.check()

    def problem(self) -> str | None:
        if self.signed_out.dateTime() <= self.signed_in.dateTime():
            return self.tr("The sign-out must follow the sign-in.")
        return None if self.picker.chosen() and len(text_of(self.reason)) >= 2 else ""

    def job(self) -> Callable[[Station, Actor], vol.ActivityInfo]:
        activity_id, member = self.activity.id, self.picker.chosen() or ""
        at_in = pydatetime(self.signed_in.dateTime())
        at_out = pydatetime(self.signed_out.dateTime())
        reason = self.reason.text()
        return lambda station, actor: vol.correct(
            station,
            actor,
            activity_id,
            member,
            signed_in_at=at_in,
            signed_out_at=at_out,
            reason=reason,
        )
