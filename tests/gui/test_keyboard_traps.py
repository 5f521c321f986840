"""No keyboard traps: Tab leaves lists and multi-line fields, Ctrl+K and Down reach the results,
Enter opens a card, and an Enter pressed while the station opens is not lost. Keys only."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from stationdesk.services import residents
from tests.conftest import HEAD_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.desk import log_in, type_text
from tests.helpers.ids import idn

CTRL = Qt.KeyboardModifier.ControlModifier


def desk_with_residents(qtbot, make_desk, station: StationFixture):
    """Logged in as a worker with two residents found by a search (the first one selected)."""
    residents.add_building(station.station, station.worker, "3栋")
    for seq, name in ((31, "林小梅"), (32, "林大海")):
        residents.register_resident(
            station.station,
            station.worker,
            residents.ResidentInput(name=name, id_number=idn(seq), building="3栋", room="101"),
        )
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    page = win.page_widgets["residents"]
    qtbot.keyClick(win, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(win.search.hasFocus, timeout=5_000)
    type_text(qtbot, win.search, "林")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    return desk, win, page


def test_tab_and_shift_tab_leave_the_results_table(qtbot, make_desk, station):
    _desk, _win, page = desk_with_residents(qtbot, make_desk, station)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus, timeout=5_000)
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert not page.table.hasFocus(), "Tab walked into the next cell"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not page.table.hasFocus(), "Shift+Tab walked into the previous cell"


def test_tab_leaves_every_table_of_every_page(qtbot, make_desk, station):
    from PySide6.QtWidgets import QTableView

    from stationdesk.services import cases

    station.clock.now = datetime.now(UTC)  # the matter counts in this month's statistics
    cases.open_case(
        station.station, station.head, cases.NewCase("POLICY_CONSULTATION", "walk-in", "咨询")
    )
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "lihead", HEAD_PASSWORD)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    seen = []
    for row, key in enumerate(win.page_keys):
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_{row + 1}"), CTRL)
        assert win.current_page_key() == key
        for table in win.page_widgets[key].findChildren(QTableView):
            if not table.isVisible() or table.model() is None:
                continue
            if table.objectName() in ("caseTable", "groupTable"):
                qtbot.waitUntil(lambda t=table: t.model().rowCount() > 0, timeout=10_000)
            table.setFocus()
            qtbot.waitUntil(table.hasFocus, timeout=5_000)
            qtbot.keyClick(table, Qt.Key.Key_Tab)
            assert not table.hasFocus(), f"Tab is trapped in {key}/{table.objectName()}"
            seen.append(table.objectName())
    assert {"residentTable", "caseTable", "groupTable", "ledgerTable"} <= set(seen), seen


def test_down_enters_the_results_and_enter_opens_the_card(qtbot, make_desk, station):
    _desk, win, page = desk_with_residents(qtbot, make_desk, station)
    assert win.search.hasFocus()
    qtbot.keyClick(win.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.table.currentIndex().row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.model.row_at(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.card.card is not None and page.card.card.row.id == second.id, timeout=10_000
    )

    def in_card() -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and page.card.isAncestorOf(focused)

    qtbot.waitUntil(in_card, timeout=5_000)


def test_a_card_read_that_finishes_late_does_not_replace_the_newer_card(
    qtbot, make_desk, station, monkeypatch
):
    """Cards are read on a pool: the first resident's read, slowed down, ends after the second
    one's, and the card shows the second resident, the one asked for last."""
    import threading

    _desk, _win, page = desk_with_residents(qtbot, make_desk, station)
    first, second = page.model.row_at(0), page.model.row_at(1)
    real_get = residents.get_resident
    released = threading.Event()

    def slow_for_the_first(st, actor, resident_id):
        if resident_id == first.id:
            released.wait(10)
        return real_get(st, actor, resident_id)

    monkeypatch.setattr(residents, "get_resident", slow_for_the_first)
    page.open_resident(first.id)
    page.open_resident(second.id)
    qtbot.waitUntil(
        lambda: page.card.card is not None and page.card.card.row.id == second.id, timeout=10_000
    )
    released.set()
    qtbot.wait(300)  # the first read's answer arrives now and must be dropped
    assert page.card.card is not None and page.card.card.row.id == second.id


def test_ctrl_k_reaches_the_search_box_from_a_text_field(qtbot, make_desk, station):
    _desk, win, _page = desk_with_residents(qtbot, make_desk, station)
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)  # the matters page and its filter field
    cases = win.page_widgets["cases"]
    cases.filter.setFocus()
    qtbot.waitUntil(cases.filter.hasFocus, timeout=5_000)
    type_text(qtbot, cases.filter, "abc")
    qtbot.keyClick(cases.filter, Qt.Key.Key_Home)
    qtbot.keyClick(cases.filter, Qt.Key.Key_K, CTRL)
    assert cases.filter.text() == "abc"  # not "delete to the end of the line"
    assert win.search.hasFocus()
    assert win.search.selectedText() == "林"  # typing replaces the last search


def test_tab_leaves_the_details_field_and_ctrl_enter_saves_the_matter(qtbot, make_desk, station):
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_3, CTRL)
    page = win.page_widgets["cases"]
    qtbot.waitUntil(lambda: bool(page.matter_types), timeout=10_000)
    qtbot.keyClick(win, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: page.intake is not None and page.intake.isVisible(), timeout=5_000)
    dialog = page.intake
    qtbot.waitUntil(dialog.type_filter.hasFocus, timeout=5_000)
    type_text(qtbot, dialog.type_filter, "zczx")
    qtbot.keyClick(dialog.type_filter, Qt.Key.Key_Return)
    type_text(qtbot, dialog.summary, "咨询高龄津贴")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Tab)
    assert dialog.description.hasFocus()
    type_text(qtbot, dialog.description, "ask")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    assert "\t" not in dialog.description.toPlainText()
    assert not dialog.description.hasFocus()
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
    )
    assert dialog.description.hasFocus()
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)


def test_every_multi_line_field_leaves_on_tab(qtbot, make_desk, station):
    from stationdesk.domain.cases import CaseAction
    from stationdesk.services import certificates
    from stationdesk.ui.pages.cases.dialogs import ActionDialog
    from stationdesk.ui.pages.certificate_dialogs import RefusalDialog, RefusalSubject

    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    guide = certificates.active_refusal_guide(station.station)
    subject = RefusalSubject("r1", "林小梅", type_code=None, type_name="", detail="")
    dialogs = [
        RefusalDialog(desk, subject, guide, win),
        ActionDialog(CaseAction.REFER, [], None, "", win),
    ]
    for dialog in dialogs:
        dialog.show()
        for edit in dialog.findChildren(QPlainTextEdit):
            edit.setFocus()
            qtbot.keyClick(edit, Qt.Key.Key_Tab)
            assert "\t" not in edit.toPlainText(), edit.objectName()
        dialog.close()


def test_enter_pressed_while_the_station_opens_logs_in_once_it_is_open(qtbot, make_desk, station):
    desk = make_desk(station.station.paths.root)
    desk.start()
    login = desk.login_window
    assert login is not None and not desk.ready
    qtbot.keyClicks(login.username, "wangfang")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    qtbot.keyClicks(login.password, WORKER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert not desk.ready  # the Enter came before the station was open
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=15_000)


def test_ctrl_enter_submits_a_matter_step_from_its_note(qtbot):
    from PySide6.QtWidgets import QDialog

    from stationdesk.domain.cases import CaseAction
    from stationdesk.ui.pages.cases.dialogs import ActionDialog

    dialog = ActionDialog(CaseAction.REJECT, [], None, "")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()  # no note yet: nothing is sent
    type_text(qtbot, dialog.note_edit, "不属于本站受理范围")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
