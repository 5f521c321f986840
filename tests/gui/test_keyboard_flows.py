"""The front desk by keyboard alone: each main flow driven with key events sent to the focused
widget (tests/helpers/flows.py), its outcome checked in the store, its actions within budget."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from stationdesk.cardreader.simulator import SimulatedReader
from stationdesk.domain.cases import CaseState, SatisfactionGrade
from stationdesk.services import cases, resident_hub, residents, settings
from stationdesk.ui.printers import PRINTER_KEY
from tests.conftest import WORKER_PASSWORD, StationFixture
from tests.helpers import flows
from tests.helpers.cards import a_card
from tests.helpers.cups import CupsPdfQueue, cups_pdf_queue, pdf_text
from tests.helpers.desk import log_in
from tests.helpers.ids import idn


@pytest.fixture
def queue(tmp_path: Path) -> CupsPdfQueue:
    return cups_pdf_queue(tmp_path / "landed")


def open_desk(qtbot, make_desk, station: StationFixture, printer: str = ""):
    """The desk signed in as the worker, its window active, on the residents page."""
    flows.ensure_building(station.station, station.worker)
    desk = make_desk(station.station.paths.root)
    if printer:
        QSettings().setValue(PRINTER_KEY, printer)
    desk.report_error = lambda exc: pytest.fail(f"the desk reported {exc!r}")
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5_000)
    return win


def back_on_the_desk(qtbot, win) -> None:
    """The dialog a flow opened has closed and the desk has the keyboard again (the window
    system activates it a moment after the dialog goes: a busy machine is given 5 s)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    assert QApplication.focusWidget() is not None and win.isAncestorOf(QApplication.focusWidget())


def within_budget(run: flows.FlowRun, record_property) -> None:
    print(run.line())
    record_property("actions", run.actions)
    record_property("seconds", round(run.seconds, 2))
    assert run.actions <= run.budget, run.line()


def test_intake_typed_by_hand(qtbot, make_desk, station, record_property):
    win = open_desk(qtbot, make_desk, station)
    person = flows.Person("赵晓东", idn(41, "19790312"), "13900001111", "3栋", "1", "302")
    run = flows.intake_by_hand(win, person)
    card = residents.get_resident(station.station, station.worker, run.outcome)
    assert card.row.name == "赵晓东" and card.row.birth_date.isoformat() == "1979-03-12"
    assert (card.building, card.unit, card.room) == ("3栋", "1", "302")
    assert residents.resident_with_id_number(station.station, station.worker, person.id_number)
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_intake_from_the_id_card_reader(qtbot, make_desk, station, record_property):
    sim = SimulatedReader()
    try:
        settings.set_setting(station.station, station.admin, "card_reader_kind", "serial")
        settings.set_setting(station.station, station.admin, "card_reader_port", sim.port_name)
        win = open_desk(qtbot, make_desk, station)
        qtbot.waitUntil(lambda: win.card_reader.label.text() == "读卡器：就绪", timeout=5_000)
        number = idn(43, "19850520")
        run = flows.intake_from_card(
            win, lambda: sim.present(a_card(id_number=number)), "13800004321"
        )
    finally:
        sim.close()
    card = residents.get_resident(station.station, station.worker, run.outcome)
    assert card.row.name == "张伟" and card.ethnicity == "满族"
    assert (card.building, card.unit, card.room) == ("3栋", "2", "502")
    found = residents.resident_with_id_number(station.station, station.worker, number)
    assert found is not None and found == run.outcome
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)
    assert run.actions <= 3 + 1  # the card lacks only the phone here


def test_find_a_resident(qtbot, make_desk, station, record_property):
    for seq, name in ((51, "林小梅"), (52, "林小梅")):  # two of one name: Down picks the second
        made = residents.register_resident(
            station.station,
            station.worker,
            residents.ResidentInput(name=name, id_number=idn(seq), building=None),
        )
    win = open_desk(qtbot, make_desk, station)
    run = flows.find_resident(win, "林小梅", made.row.id)
    assert win.page_widgets["residents"].card.card.row.id == made.row.id
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_returning_residents_certificate_issued_and_printed(
    qtbot, make_desk, station, queue, record_property
):
    rid = flows.seed_returning(station.station, station.worker, "欧阳晓岚", 61)
    win = open_desk(qtbot, make_desk, station, queue.name)
    run = flows.certificate_printed(win, "欧阳晓岚", rid, "RESIDENCE")
    issued = run.outcome
    records = resident_hub.resident_records(station.station, station.worker, rid)
    issued_numbers = [d.number for d in records.documents if d.status == "issued"]
    assert len(issued_numbers) == 2 and issued.number in issued_numbers  # the earlier one too
    (landed,) = queue.wait_for(1)
    assert issued.display_number in pdf_text(landed)
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)
    assert run.seconds <= flows.CERTIFICATE_SECONDS


def test_ctrl_enter_issues_and_prints_the_certificate_too(qtbot, make_desk, station, queue):
    rid = flows.seed_returning(station.station, station.worker, "欧阳晓岚", 64)
    win = open_desk(qtbot, make_desk, station, queue.name)
    run = flows.certificate_printed(win, "欧阳晓岚", rid, "RESIDENCE", "Ctrl+Return")
    (landed,) = queue.wait_for(1)
    assert run.outcome.display_number in pdf_text(landed)
    back_on_the_desk(qtbot, win)


def test_refusal_notice_from_the_card(qtbot, make_desk, station, queue, record_property):
    rid = flows.seed_returning(station.station, station.worker, "欧阳晓岚", 62)
    win = open_desk(qtbot, make_desk, station, queue.name)
    run = flows.refusal(win, "欧阳晓岚", rid, "无犯罪记录证明")
    notice = run.outcome
    assert notice is not None
    files = queue.wait_for(2)
    assert all(notice.display_number in pdf_text(f) for f in files)
    records = resident_hub.resident_records(station.station, station.worker, rid)
    assert [d.number for d in records.documents if d.status == "refused"] == [notice.number]
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_walk_in_matter_closed_on_the_spot_and_rated(qtbot, make_desk, station, record_property):
    win = open_desk(qtbot, make_desk, station)
    run = flows.walk_in_case(win, "zczx", "咨询高龄津贴", "已当场解答")
    detail = cases.show_case(station.station, station.worker, run.outcome)
    assert detail.case.summary == "咨询高龄津贴"
    assert detail.case.state is CaseState.FOLLOWED_UP  # resolved at once, then rated
    assert [e.action for e in detail.events][:3] == ["open", "accept", "resolve"]
    assert detail.rating is SatisfactionGrade.VERY_SATISFIED
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_matter_referred_to_a_department(qtbot, make_desk, station, record_property):
    case_id = flows.seed_accepted_case(station.station, station.worker, "楼道灯不亮")
    flows.seed_accepted_case(station.station, station.worker, "咨询社保")  # listed first
    win = open_desk(qtbot, make_desk, station)
    run = flows.refer_case(win, case_id, "请派人查看")
    detail = cases.show_case(station.station, station.worker, case_id)
    assert detail.case.state is CaseState.REFERRED and detail.case.department_name
    assert any(e.action == "refer" and e.note == "请派人查看" for e in detail.events)
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_visit_logged_from_the_card(qtbot, make_desk, station, record_property):
    rid = flows.seed_returning(station.station, station.worker, "欧阳晓岚", 63)
    win = open_desk(qtbot, make_desk, station)
    run = flows.visit(win, "欧阳晓岚", rid)
    card = residents.get_resident(station.station, station.worker, rid)
    assert [v.purpose for v in card.visits] == ["开具证明"]
    back_on_the_desk(qtbot, win)
    within_budget(run, record_property)


def test_f6_in_the_certificate_list_and_form_turns_to_a_refusal(qtbot, make_desk, station):
    from tests.helpers.keys import ActionCounter, wait_until

    rid = flows.seed_returning(station.station, station.worker, "欧阳晓岚", 65)
    win = open_desk(qtbot, make_desk, station)
    actions = win.page_widgets["residents"].certificate_actions
    c = ActionCounter()
    flows.open_card(win, c, "欧阳晓岚", rid)
    for then in ("", "1"):  # from the list itself, then from the form of its first item
        c.shortcut("F4")
        wait_until(lambda: actions.chooser is not None and actions.chooser.isActiveWindow())
        if then:
            c.shortcut(then)
            wait_until(lambda: actions.dialog is not None and actions.dialog.isActiveWindow())
            assert "F6" in actions.dialog.refuse_button.text()
        assert "F6" in actions.chooser.refuse_button.text()
        c.shortcut("F6")
        wait_until(lambda: actions.refusal is not None and actions.refusal.isActiveWindow())
        refusal = actions.refusal
        assert refusal.type_code == ("RESIDENCE" if then else None)
        c.key(Qt.Key.Key_Escape)
        wait_until(lambda r=refusal: not r.isVisible())
        wait_until(lambda: QApplication.activeWindow() is win, 5, "the desk active again")
        back_on_the_desk(qtbot, win)
