"""The 应急 page and switching emergency mode on and off, by keyboard on a real desk: Ctrl+Shift+E
starts an event, the red banner follows the check-offs, keys 1-5 check residents off (a 需要帮助
opens a case), a worker is refused inline, the event ends with a summary and a report."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from stationdesk.domain.emergency import CheckStatus
from stationdesk.services import cases, emergency, residents
from stationdesk.ui.pages.emergency import EmergencyPage
from stationdesk.ui.pages.emergency_dialogs import StartEmergencyDialog, StopEmergencyDialog
from tests.conftest import HEAD_PASSWORD, WORKER_PASSWORD
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn
from tests.helpers.poppler import needs_poppler, pdf_text
from tests.helpers.rare_names import RARE_NAMES


def _statuses(station) -> dict[str, CheckStatus]:
    rows = emergency.list_entries(station.station, station.worker)
    return {r.name: r.status for r in rows}


def _people(station) -> None:
    st, head = station.station, station.head
    residents.add_grid(st, head, "G01", "第一网格")
    residents.add_grid(st, head, "G02", "第二网格")
    residents.add_building(st, head, "1栋", "G01")
    residents.add_building(st, head, "9栋", "G02")
    people = (
        ("张独居", "1栋", "独居老人"),
        ("王低保", "9栋", "低保"),
        ("孙党员", "1栋", "党员"),
        (RARE_NAMES[0].name, "1栋", "高龄老人"),
    )
    for n, (name, building, tag) in enumerate(people):
        residents.register_resident(
            st,
            head,
            residents.ResidentInput(
                name=name, id_number=idn(400 + n), building=building, room=f"{101 + n}",
                tags=(tag,),
            ),
        )  # fmt: skip


def _gone(widget) -> bool:
    """Closed: hidden, or already deleted (the dialogs delete themselves on close)."""
    return not shiboken6.isValid(widget) or not widget.isVisible()


def _dialog(cls):
    shown = (w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible())
    return next(shown, None)


def test_keys_set_the_status_of_the_selected_resident(qtbot, make_desk, station):
    _people(station)
    st, head = station.station, station.head
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    assert isinstance(page, EmergencyPage)
    qtbot.waitUntil(lambda: page.summary.text() == "当前没有进行中的应急事件。", timeout=10_000)
    assert not win.emergency_banner.isVisible()

    emergency.start_event(st, head, "typhoon", "台风“海葵”")
    page.reload()
    qtbot.waitUntil(lambda: len(page.rows) == 3, timeout=10_000)
    assert "台风 Ⅳ级 台风“海葵”：共 3 人" in page.summary.text()
    names = [page.table.item(i, 0).text() for i in range(3)]
    assert sorted(names) == sorted(["张独居", "王低保", RARE_NAMES[0].name])
    assert {page.table.item(i, 4).text() for i in range(3)} == {"未联系"}

    page.table.setFocus()
    page.table.selectRow(names.index("张独居"))
    QTest.keyClick(page.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _statuses(station)["张独居"] is CheckStatus.SAFE, timeout=10_000)
    page.table.selectRow(names.index("王低保"))
    QTest.keyClick(page.table, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: _statuses(station)["王低保"] is CheckStatus.UNREACHABLE, timeout=10_000)
    qtbot.waitUntil(lambda: "联系不上 1 人" in page.summary.text(), timeout=10_000)
    assert "已联系 1 人（33%）" in page.summary.text()
    shown = {page.table.item(i, 0).text(): page.table.item(i, 4).text() for i in range(3)}
    assert shown["张独居"] == "已联系·安全" and shown["王低保"] == "联系不上"
    grids = {
        page.grid_table.item(i, 0).text(): page.grid_table.item(i, 1).text()
        for i in range(page.grid_table.rowCount())
    }
    assert grids == {"G01": "1/2", "G02": "0/1", "合计": "1/3"}

    assert "超时 0 人" in page.summary.text() and page.overdue_note.text() == ""

    # 联系不上 for longer than the threshold turns the row red: a check made elsewhere, on a
    # clock months behind the desk's
    rare = next(r for r in page.rows if r.name == RARE_NAMES[0].name)
    emergency.check(st, station.worker, rare.resident_id, "unreachable")
    page.reload()
    qtbot.waitUntil(lambda: "超时 1 人" in page.summary.text(), timeout=10_000)
    row = [r.name for r in page.rows].index(RARE_NAMES[0].name)
    assert page.table.item(row, 0).foreground().color().name() == "#c62828"
    assert page.table.item(row, 4).text().startswith("联系不上（自 03-02")
    other = [r.name for r in page.rows].index("王低保")  # unreachable, but only just
    assert page.table.item(other, 0).foreground().color().name() != "#c62828"
    assert "1 人联系不上超过 2 小时" in page.overdue_note.text()


@needs_poppler
def test_a_typhoon_by_keyboard_from_start_to_report(qtbot, make_desk, station, tmp_path):
    _people(station)
    st = station.station
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "lihead", HEAD_PASSWORD)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)

    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, ctrl_shift)
    qtbot.waitUntil(lambda: _dialog(StartEmergencyDialog) is not None, timeout=5_000)
    dialog = _dialog(StartEmergencyDialog)
    qtbot.waitUntil(lambda: dialog.grids.count() == 2, timeout=5_000)  # every grid, ticked
    assert dialog.chosen_grids() is None
    assert QApplication.focusWidget() is dialog.name and not dialog.ok.isEnabled()
    type_text(qtbot, dialog.name, "台风“摩羯”")
    QTest.keyClick(dialog.level, Qt.Key.Key_Up)  # Ⅳ级 → Ⅲ级 → Ⅱ级
    QTest.keyClick(dialog.level, Qt.Key.Key_Up)
    assert dialog.level.currentText() == "Ⅱ级"
    QTest.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _gone(dialog), timeout=10_000)

    banner = win.emergency_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10_000)
    assert banner.text() == "应急状态：台风「台风“摩羯”」 Ⅱ级 · 已联系 0/3"
    assert win.current_page_key() == "emergency"
    page = win.page_widgets["emergency"]
    qtbot.waitUntil(lambda: len(page.rows) == 3, timeout=10_000)
    assert QApplication.focusWidget() is page.table and page.table.currentRow() == 0

    # one key per row, as a paper sheet is entered: 2 safe, 3 needs help, 4 relocated
    first, second = page.rows[0].name, page.rows[1].name
    for key in (Qt.Key.Key_2, Qt.Key.Key_3):
        QTest.keyClick(page.table, key)
    qtbot.waitUntil(lambda: _statuses(station)[second] is CheckStatus.NEED_HELP, timeout=10_000)
    assert _statuses(station)[first] is CheckStatus.SAFE
    qtbot.waitUntil(lambda: banner.text().endswith("已联系 2/3"), timeout=10_000)
    helped = emergency.list_entries(st, station.worker, status="need-help")[0]
    case = cases.show_case(st, station.worker, helped.case_number)
    assert case.resident_id == helped.resident_id  # a case, ready to refer
    qtbot.waitUntil(lambda: page.help_table.rowCount() == 1, timeout=10_000)
    assert page.help_table.item(0, 1).text() == helped.case_number

    # 打印呼叫单: one PDF per responder (here all 未分配) and one per grid, in the exports folder
    page.sheets_button.setFocus()
    QTest.keyClick(page.sheets_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.message.text().startswith("已生成 3 份呼叫单"), timeout=30_000)
    sheets = sorted(p.name for p in st.paths.exports.glob("emergency-sheets-*/*.pdf"))
    assert sheets == ["网格-G01.pdf", "网格-G02.pdf", "责任人-未分配.pdf"]
    assert RARE_NAMES[0].name in pdf_text(next(st.paths.exports.glob("*/网格-G01.pdf")))

    # another event while this one is open: Ctrl+Shift+E just shows the page
    win.show_page("residents")
    win.start_emergency()
    assert win.current_page_key() == "emergency" and _dialog(StartEmergencyDialog) is None

    page.stop_button.setFocus()
    QTest.keyClick(page.stop_button, Qt.Key.Key_Space)  # 结束应急…
    stop = _dialog(StopEmergencyDialog)
    assert stop is not None and not stop.ok.isEnabled()  # a summary is required
    type_text(qtbot, stop.summary, "全部核查，一人求助已转办。")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is stop, timeout=5_000)
    QTest.keyClick(stop.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _gone(stop), timeout=20_000)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    assert "已导出：emergency-report-" in page.message.text()
    reports = list(st.paths.exports.glob("emergency-report-*.pdf"))
    assert len(reports) == 1 and reports[0].with_suffix(".xlsx").is_file()  # and its workbook
    text = pdf_text(reports[0])
    assert "全部核查，一人求助已转办。" in text and helped.case_number in text


def test_a_worker_is_refused_inline_and_nothing_starts(qtbot, make_desk, station):
    _people(station)
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.emergency_action.trigger()
    dialog = _dialog(StartEmergencyDialog)
    assert dialog is not None
    type_text(qtbot, dialog.name, "暴雨")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.isVisible() and dialog.error.text() == "只有站长可以启动或结束应急状态。"
    assert emergency.current_event(station.station, station.worker) is None
    assert not win.emergency_banner.isVisible()

    # nor may a worker end one a head started: told so in the dialog, the event stays open
    dialog.reject()
    emergency.start_event(station.station, station.head, "rainstorm", "暴雨")
    win.data_changed()  # started outside this desk: the banner follows the next change signal
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    qtbot.waitUntil(lambda: page.stop_button.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: win.emergency_banner.isVisible(), timeout=10_000)
    page.ask_stop()
    stop = _dialog(StopEmergencyDialog)
    type_text(qtbot, stop.summary, "结束")
    stop.ok.click()
    qtbot.waitUntil(lambda: stop.error.text() != "", timeout=10_000)
    assert stop.error.text() == "只有站长可以启动或结束应急状态。"
    assert emergency.current_event(station.station, station.worker) is not None


def test_phones_in_full_only_for_the_assigned_responder_by_f9(qtbot, make_desk, station):
    st, head = station.station, station.head
    residents.add_grid(st, head, "G01", "第一网格")
    residents.add_building(st, head, "1栋", "G01")
    card = residents.register_resident(
        st,
        head,
        residents.ResidentInput(
            name=RARE_NAMES[0].name,
            id_number=idn(480),
            phones=("13812345678",),
            building="1栋",
            room="101",
            tags=("独居老人",),
        ),
    )
    emergency.start_event(st, head, "typhoon", "台风“海葵”")
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    assert isinstance(page, EmergencyPage)
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=10_000)
    page.table.setFocus()
    page.table.selectRow(0)
    box = page.contacts
    qtbot.waitUntil(lambda: box.lines.text() == "本人 138****5678", timeout=10_000)
    assert not box.reveal_button.isEnabled()  # nobody is assigned to this resident yet
    assert box.reveal_button.text() == "显示完整电话（F9）"

    emergency.add_responder(st, head, worker="wangfang", grid="G01")
    emergency.assign(st, head)
    box.show_for(card.row.id)
    qtbot.waitUntil(box.reveal_button.isEnabled, timeout=10_000)
    QTest.keyClick(page.table, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: box.lines.text() == "本人 13812345678", timeout=10_000)
    assert not box.reveal_button.isEnabled()
    page.table.selectRow(0)  # the same row: still in full until another is chosen
    assert box.lines.text() == "本人 13812345678"


def test_roster_assign_reassign_and_add_by_keyboard(qtbot, make_desk, station):
    from stationdesk.ui.pages.emergency_roster import (
        AddToListDialog,
        ReassignDialog,
        RespondersDialog,
    )

    _people(station)
    st, head = station.station, station.head
    emergency.start_event(st, head, "typhoon", "台风“海葵”")
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "lihead", HEAD_PASSWORD)
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    assert isinstance(page, EmergencyPage)
    qtbot.waitUntil(lambda: len(page.rows) == 3, timeout=10_000)
    assert page.assign_button.text() == "自动分配（Alt+G）"
    page.table.setFocus()

    # Alt+Y: add wangfang for G01, then a volunteer for everywhere, without closing
    QTest.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _dialog(RespondersDialog) is not None, timeout=5_000)
    roster = _dialog(RespondersDialog)
    qtbot.waitUntil(lambda: roster.worker.count() > 1 and roster.grid.count() > 1, timeout=10_000)
    roster.worker.setCurrentIndex(roster.worker.findData("wangfang"))
    roster.grid.setCurrentIndex(roster.grid.findData("G01"))
    QTest.keyClick(roster.worker, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: roster.listed.count() == 1, timeout=10_000)
    assert roster.worker.findData("wangfang") < 0  # a responder once
    roster.worker.setCurrentIndex(0)
    type_text(qtbot, roster.name, "志愿者老赵")
    QTest.keyClick(roster.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: roster.listed.count() == 2, timeout=10_000)
    QTest.keyClick(roster, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _gone(roster), timeout=5_000)

    # Alt+G: everyone gets a responder
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    QTest.keyClick(page.table, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "已分配 3 人" in page.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: all(r.responder for r in page.rows), timeout=10_000)

    # Alt+R on a row: give it to the other responder
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    page.table.setFocus()
    page.table.selectRow(0)
    moved = page.rows[0].resident_id
    QTest.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _dialog(ReassignDialog) is not None, timeout=5_000)
    give = _dialog(ReassignDialog)
    qtbot.waitUntil(give.ok.isEnabled, timeout=10_000)
    current = next(r for r in page.rows if r.resident_id == moved).responder_id
    other = next(i for i in range(give.responder.count()) if give.responder.itemData(i) != current)
    give.responder.setCurrentIndex(other)
    target = give.responder.itemData(other)
    QTest.keyClick(give.responder, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: next(r for r in page.rows if r.resident_id == moved).responder_id == target,
        timeout=10_000,
    )

    # Alt+A: 孙党员 is not vulnerable; found by name, Down, Enter puts them on the list
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    QTest.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _dialog(AddToListDialog) is not None, timeout=5_000)
    add = _dialog(AddToListDialog)
    type_text(qtbot, add.search, "孙党员")
    qtbot.waitUntil(lambda: add.found.count() == 1, timeout=10_000)
    QTest.keyClick(add.search, Qt.Key.Key_Down)
    assert add.found.hasFocus()
    QTest.keyClick(add.found, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.rows) == 4, timeout=10_000)
    assert any(r.name == "孙党员" and r.added for r in page.rows)


def test_a_scanned_sheet_row_is_one_key_from_its_status(qtbot, make_desk, station):
    _people(station)
    st, head = station.station, station.head
    event = emergency.start_event(st, head, "typhoon", "台风“海葵”")
    rare = next(r for r in emergency.list_entries(st, head) if r.name == RARE_NAMES[0].name)
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    assert isinstance(page, EmergencyPage)
    qtbot.waitUntil(lambda: len(page.rows) == 3, timeout=10_000)
    page.table.setFocus()
    page.table.selectRow(0)
    # the scanner types into the list: the letters move it to the scan field, nothing is set
    code = emergency.qr_payload(event.id, rare.resident_id)
    QTest.keyClicks(page.table, code[0])
    assert page.scan.hasFocus()  # and the keys the scanner types next go where the focus is
    QTest.keyClicks(QApplication.focusWidget(), code[1:])
    QTest.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.table.hasFocus() and page.selected().resident_id == rare.resident_id
    assert set(_statuses(station).values()) == {CheckStatus.NOT_CONTACTED}
    QTest.keyClick(page.table, Qt.Key.Key_4)  # 已转移安置, as written on the paper
    qtbot.waitUntil(
        lambda: _statuses(station)[RARE_NAMES[0].name] is CheckStatus.RELOCATED, timeout=10_000
    )

    QTest.keyClick(page.table, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert page.scan.hasFocus()
    QTest.keyClicks(page.scan, emergency.qr_payload("another-event", rare.resident_id))
    QTest.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.message.text() == "该呼叫单属于另一次应急事件。"
    QTest.keyClicks(page.scan, "hello")
    QTest.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.message.text() == "这不是呼叫单上的二维码。"
