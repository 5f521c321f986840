"""The 志愿服务 page by keyboard on a real desk and station: a unit, a member, an activity, members
signed in and out by typing their names, a head's approval (a worker has none), hours shown as
the service computes them, a wish through its states, and bad input keeping save disabled."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication

from stationdesk.domain.volunteering import hours_text, service_minutes
from stationdesk.services import residents
from stationdesk.services import volunteering as vol
from stationdesk.services.errors import PermissionDeniedError
from stationdesk.ui.pages.volunteer import (
    ActivityDialog,
    MemberDialog,
    UnitDialog,
    VolunteerPage,
    WishDialog,
    WishStepDialog,
)
from tests.conftest import HEAD_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn, serial_idn

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
SURNAMES = "赵钱孙李周吴郑冯陈褚"
GIVEN = ("建国", "秀英", "志强", "桂兰", "海燕")


def bj(day: int, hour: int, minute: int = 0) -> datetime:
    """A March 2026 time on the station's clock, in UTC."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def key(qtbot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the keyboard is."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    qtbot.keyClick(widget, k, mods)


def open_page(qtbot, make_desk, station: StationFixture, user: str, password: str, tab: int):
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, user, password)
    desk.station.clock = station.clock  # the desk's station runs on the test's clock too
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    qtbot.keyClick(win, Qt.Key.Key_8, CTRL)
    page = win.page_widgets["volunteer"]
    assert isinstance(page, VolunteerPage) and win.current_page_key() == "volunteer"
    key(qtbot, getattr(Qt.Key, f"Key_{tab}"), ALT)
    assert page.tabs.currentIndex() == tab - 1
    return win, page


def shown(dialog) -> bool:
    return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()


def dialog_of(qtbot, tab, cls):
    qtbot.waitUntil(lambda: isinstance(tab.dialog, cls) and shown(tab.dialog), timeout=5_000)
    qtbot.waitUntil(tab.dialog.isActiveWindow, timeout=5_000)
    return tab.dialog


def saved(qtbot, dialog) -> None:
    """Ctrl+Enter saves; the desk has the keyboard back once the dialog is gone."""
    assert dialog.save.isEnabled(), dialog.error.text()
    window = dialog.parentWidget().window()
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not shown(dialog), timeout=10_000)
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def activity(station: StationFixture, title: str = "政策宣讲进楼栋") -> str:
    return vol.add_activity(
        station.station,
        station.worker,
        title=title,
        kind="policy",
        starts_at=bj(2, 9),
        ends_at=bj(2, 11, 30),
        place="社区广场",
    ).id


def members(station: StationFixture, count: int) -> list[str]:
    names = [f"{s}{g}" for s in SURNAMES for g in GIVEN][:count]
    for n, name in enumerate(names):
        vol.add_member(
            station.station,
            station.worker,
            vol.MemberInput(name=name, id_number=serial_idn(n + 10), report_date=date(2025, 3, 1)),
        )
    return names


def test_unit_member_and_activity_added_by_keyboard(qtbot, make_desk, station):
    residents.add_grid(station.station, station.head, "G01", "第一网格")
    _win, page = open_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD, 1)
    units = page.units
    key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, units, UnitDialog)
    assert QApplication.focusWidget() is dialog.name and not dialog.save.isEnabled()
    type_text(qtbot, dialog.name, "区税务局")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Down)  # 机关 → 企业
    assert dialog.unit_type.currentText() == "企业"
    key(qtbot, Qt.Key.Key_Up)
    dialog.party_org.setFocus()
    type_text(qtbot, dialog.party_org, "区税务局机关党委")
    dialog.phone.setFocus()
    type_text(qtbot, dialog.phone, "1381234")  # bad: save disabled, the reason said
    assert not dialog.save.isEnabled() and "电话号码格式错误" in dialog.error.text()
    type_text(qtbot, dialog.phone, "5678")
    assert dialog.save.isEnabled() and dialog.error.text() == ""
    dialog.paired.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert dialog.paired.isChecked()
    dialog.until.setDate(dialog.signed.date().addDays(-1))
    assert not dialog.save.isEnabled() and dialog.error.text() == "共建协议到期日早于签订日。"
    dialog.until.setDate(dialog.signed.date().addYears(2))
    dialog.commitments.setFocus()
    type_text(qtbot, dialog.commitments, "每季度一次政策宣讲")
    saved(qtbot, dialog)
    qtbot.waitUntil(lambda: units.table.rowCount() == 1, timeout=10_000)
    assert units.table.item(0, 0).text() == "区税务局"
    assert units.table.item(0, 4).text() == "138****5678"
    unit = vol.list_units(station.station, station.worker)[0]
    assert unit.party_org == "区税务局机关党委" and unit.agreement_date is not None

    # F2 edits the selected unit; the phone is kept unless retyped
    units.table.setFocus()
    units.table.selectRow(0)
    key(qtbot, Qt.Key.Key_F2)
    edit = dialog_of(qtbot, units, UnitDialog)
    edit.contact.setFocus()
    type_text(qtbot, edit.contact, "周联络")
    saved(qtbot, edit)
    qtbot.waitUntil(lambda: units.table.item(0, 3).text() == "周联络", timeout=10_000)
    assert units.table.item(0, 4).text() == "138****5678"

    # a member
    key(qtbot, Qt.Key.Key_2, ALT)
    tab = page.members
    qtbot.waitUntil(lambda: len(tab.choices[0]) == 1, timeout=10_000)
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = dialog_of(qtbot, tab, MemberDialog)
    type_text(qtbot, form.name, "马二")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.id_number
    type_text(qtbot, form.id_number, idn(31)[:-1] + ("0" if idn(31)[-1] != "0" else "1"))
    assert not form.save.isEnabled() and form.error.text()  # a wrong check digit
    form.id_number.clear()
    type_text(qtbot, form.id_number, idn(31))
    form.phone.setFocus()
    type_text(qtbot, form.phone, "13900001111")
    form.unit.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    form.grid.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    form.emergency.setFocus()
    key(qtbot, Qt.Key.Key_Space)
    saved(qtbot, form)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10_000)
    row = [tab.table.item(0, c).text() for c in range(10)]
    assert row[0] == "马二" and "*" in row[1] and row[2] == "139****1111"
    assert row[3:8] == ["区税务局", "", "G01", "2026-03-02", "是"]

    # F9 shows the full numbers, with a reason, audited
    tab.table.setFocus()
    tab.table.selectRow(0)
    key(qtbot, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: shown(tab.dialog) and tab.dialog.isActiveWindow(), timeout=5_000)
    reason = tab.dialog
    type_text(qtbot, reason.reason, "核对身份")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: idn(31) in tab.revealed.text(), timeout=10_000)
    assert "13900001111" in tab.revealed.text()

    # an activity
    key(qtbot, Qt.Key.Key_3, ALT)
    acts = page.activities
    key(qtbot, Qt.Key.Key_N, CTRL)
    new = dialog_of(qtbot, acts, ActivityDialog)
    type_text(qtbot, new.title, "安全知识进楼栋")
    new.kind.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    assert new.kind.currentText() == "安全科普"
    start = QDateTime(2026, 3, 2, 9, 0, 0)
    new.starts.setDateTime(start)
    new.ends.setDateTime(start.addSecs(-3600))  # bad: ends first
    assert not new.save.isEnabled() and new.error.text() == "活动结束时间早于开始时间。"
    new.ends.setDateTime(start.addSecs(3 * 3600))
    new.capacity.setValue(30)
    saved(qtbot, new)
    qtbot.waitUntil(lambda: acts.table.rowCount() == 1, timeout=10_000)
    assert [acts.table.item(0, c).text() for c in range(6)] == [
        "安全知识进楼栋", "安全科普", "03-02 09:00–12:00", "0/30", "0", "未审核",
    ]  # fmt: skip
    # a worker cannot approve: the button is not there and the service refuses
    assert not acts.approve_button.isVisibleTo(page)
    with pytest.raises(PermissionDeniedError):
        vol.approve(station.station, station.worker, acts.activities[0].id)


def test_fifty_members_signed_in_and_out_by_keyboard(qtbot, make_desk, station, capsys):
    names = members(station, 50)
    activity_id = activity(station)
    station.clock.now = bj(2, 9, 10)
    _win, page = open_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD, 3)
    acts = page.activities
    qtbot.waitUntil(lambda: acts.table.rowCount() == 1 and len(acts.members) == 50, timeout=10_000)
    acts.table.setFocus()
    key(qtbot, Qt.Key.Key_Return)  # Enter on the activity: to its sign-in box
    assert QApplication.focusWidget() is acts.picker.edit

    began, keys = time.perf_counter(), 0
    for name in names:
        type_text(qtbot, acts.picker.edit, name)
        key(qtbot, Qt.Key.Key_Return)
        keys += len(name) + 1
    qtbot.waitUntil(lambda: len(acts.selected().signins) == 50, timeout=60_000)
    seconds = time.perf_counter() - began
    shown = vol.show_activity(station.station, station.worker, activity_id)
    assert sorted(r.name for r in shown.signins) == sorted(names)
    with capsys.disabled():
        print(f"\nsigned in 50 members by keyboard: {keys} keys, {seconds:.2f} s")

    # a second sign-in is refused inline, nothing written
    type_text(qtbot, acts.picker.edit, names[0])
    assert "已签到" in acts.picker.list.currentItem().text()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: acts.message.text() == "该党员已签到过本次活动。", timeout=10_000)

    # one signs out early by Ctrl+Enter, the rest with Ctrl+Shift+O after the end
    station.clock.now = bj(2, 10, 25)
    type_text(qtbot, acts.picker.edit, names[1])
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: any(r.name == names[1] and r.minutes == 60 for r in acts.selected().signins),
        timeout=10_000,
    )
    station.clock.now = bj(2, 12)
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: all(r.signed_out_at for r in acts.selected().signins), timeout=30_000)
    # hours are shown as computed from the times (clamped to the window, down to the half hour)
    shown = vol.show_activity(station.station, station.worker, activity_id)
    table = {
        acts.signins.item(i, 0).text(): acts.signins.item(i, 3).text()
        for i in range(acts.signins.rowCount())
    }
    for r in shown.signins:
        expected = service_minutes(r.signed_in_at, r.signed_out_at, shown.starts_at, shown.ends_at)
        assert r.minutes == expected and table[r.name] == hours_text(expected)
    assert table[names[1]] == "1" and table[names[0]] == "2"  # 09:10-11:30 → 2 h 20 → 2
    total = hours_text(sum(r.minutes or 0 for r in shown.signins))
    assert f"合计 {total} 小时" in acts.heading.text()


def test_paper_sheet_then_head_approves_and_the_record_locks(qtbot, make_desk, station):
    names = members(station, 3)
    activity_id = activity(station)
    station.clock.now = bj(2, 15)  # the afternoon after: the paper sheet is entered
    _win, page = open_page(qtbot, make_desk, station, "lihead", HEAD_PASSWORD, 3)
    acts = page.activities
    qtbot.waitUntil(lambda: acts.table.rowCount() == 1 and len(acts.members) == 3, timeout=10_000)
    assert acts.approve_button.isVisibleTo(page)
    acts.picker.edit.setFocus()
    qtbot.waitUntil(acts.picker.edit.hasFocus, timeout=5_000)
    key(qtbot, Qt.Key.Key_F8)
    qtbot.waitUntil(acts.sheet.isChecked, timeout=5_000)  # a button's shortcut clicks it
    assert acts.sheet_in.dateTime() == QDateTime(2026, 3, 2, 9, 0, 0)
    for name, (h_in, m_in, h_out, m_out) in zip(
        names, ((9, 0, 11, 30), (8, 40, 10, 0), (9, 50, 12, 10)), strict=True
    ):
        acts.sheet_in.setDateTime(QDateTime(2026, 3, 2, h_in, m_in, 0))
        acts.sheet_out.setDateTime(QDateTime(2026, 3, 2, h_out, m_out, 0))
        acts.picker.edit.setFocus()
        type_text(qtbot, acts.picker.edit, name)
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda n=name: any(r.name == n and r.signed_out_at for r in acts.selected().signins),
            timeout=10_000,
        )
    hours_shown = [acts.signins.item(i, 3).text() for i in range(3)]
    assert sorted(hours_shown) == sorted(["2.5", "1", "1.5"])  # clamped to 09:00-11:30
    assert {acts.signins.item(i, 4).text() for i in range(3)} == {"签到表补录"}

    key(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: acts.selected().approved_at is not None, timeout=10_000)
    assert "记录已锁定" in acts.heading.text()
    assert not acts.picker.isEnabled() and not acts.approve_button.isEnabled()
    qtbot.waitUntil(lambda: acts.table.item(0, 5).text() == "已审核", timeout=10_000)
    assert acts.table.item(0, 4).text() == "5"
    first = next(r.member_id for r in acts.selected().signins if r.name == names[0])
    assert vol.member_hours(station.station, station.head, first).minutes == 150
    # the service's refusal is said inline (a second approval)
    acts.approve_button.setEnabled(True)
    acts.approve()
    qtbot.waitUntil(lambda: acts.message.text() == "该活动记录已审核。", timeout=10_000)
    assert vol.show_activity(station.station, station.head, activity_id).approved_at


def test_a_wish_from_the_wall_to_the_residents_grade(qtbot, make_desk, station):
    st, worker = station.station, station.worker
    residents.add_building(st, worker, "3栋")
    rid = residents.register_resident(
        st,
        worker,
        residents.ResidentInput(name="林阿婆", id_number=idn(41), building="3栋", room="101"),
    ).row.id
    members(station, 2)
    late = vol.add_wish(st, worker, rid, "修好楼道灯", deadline=date(2026, 3, 3), category="其他")
    win, page = open_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD, 4)
    wall = page.wishes
    qtbot.waitUntil(lambda: wall.table.rowCount() == 1, timeout=10_000)
    assert wall.table.item(0, 4).text() == "待认领"

    key(qtbot, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, wall, WishDialog)
    assert QApplication.focusWidget() is dialog.picker.edit and not dialog.save.isEnabled()
    type_text(qtbot, dialog.picker.edit, "林阿婆")
    qtbot.waitUntil(lambda: dialog.picker.list.count() == 1, timeout=10_000)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.text, "帮忙更换灯泡")
    saved(qtbot, dialog)
    qtbot.waitUntil(lambda: wall.table.rowCount() == 2, timeout=10_000)
    row = [w.text for w in wall.wishes].index("帮忙更换灯泡")
    wall.table.setFocus()
    wall.table.selectRow(row)
    assert not wall.fulfil_button.isEnabled() and wall.claim_button.isEnabled()

    key(qtbot, Qt.Key.Key_F3)  # claimed by a member picked by name
    claim = dialog_of(qtbot, wall, WishStepDialog)
    type_text(qtbot, claim.picker.edit, "赵")
    assert claim.picker.list.count() == 2  # 赵建国 and 赵秀英
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shown(claim), timeout=10_000)
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    qtbot.waitUntil(lambda: wall.table.item(row, 4).text() == "已认领", timeout=10_000)
    assert wall.table.item(row, 5).text() == "赵秀英"

    wall.table.setFocus()
    key(qtbot, Qt.Key.Key_F4)
    fulfil = dialog_of(qtbot, wall, WishStepDialog)
    assert not fulfil.save.isEnabled()  # no note yet
    type_text(qtbot, fulfil.note, "已更换LED灯泡")
    saved(qtbot, fulfil)
    qtbot.waitUntil(lambda: wall.table.item(row, 4).text() == "已完成", timeout=10_000)

    wall.table.setFocus()
    key(qtbot, Qt.Key.Key_F6)
    confirm = dialog_of(qtbot, wall, WishStepDialog)
    assert confirm.grade.currentText() == "满意"
    saved(qtbot, confirm)
    qtbot.waitUntil(lambda: wall.table.item(row, 4).text() == "已确认", timeout=10_000)
    assert wall.table.item(row, 6).text() == "满意"
    assert wall.table.item(row, 7).text() == "已更换LED灯泡"

    # the other wish is past its deadline: red, and counted
    station.clock.now = bj(5, 10)
    page.data_changed()
    other = [w.id for w in wall.wishes].index(late.id)
    qtbot.waitUntil(lambda: wall.table.item(other, 4).text() == "待认领（已逾期）", timeout=10_000)
    assert wall.table.item(other, 0).foreground().color().name() == "#c62828"
    assert wall.table.item(row, 0).foreground().color().name() != "#c62828"
    assert wall.overdue_note.text() == "逾期 1 件（红色）"


def test_every_tab_shows_its_buttons_keys_without_clashes(qtbot, make_desk, station):
    """test_button_keys sees the tab on screen; here every tab, for a head (all buttons)."""
    from PySide6.QtWidgets import QAbstractButton

    from tests.gui.test_button_keys import shown_keys

    members(station, 1)
    activity(station)
    win, page = open_page(qtbot, make_desk, station, "lihead", HEAD_PASSWORD, 1)
    for index in range(page.tabs.count()):
        key(qtbot, getattr(Qt.Key, f"Key_{index + 1}"), ALT)
        tab = page.tabs.currentWidget()
        qtbot.waitUntil(tab.isVisible, timeout=5_000)
        seen: dict[str, str] = {}
        buttons = [b for b in tab.findChildren(QAbstractButton) if b.isVisibleTo(page)]
        assert len(buttons) >= 2
        for button in buttons:
            keys = shown_keys(win, page, button)
            assert keys and keys in button.text(), button.text()
            assert keys not in seen, f"{button.text()} and {seen[keys]}"
            seen[keys] = button.text()
