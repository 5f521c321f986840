"""The desk with a (simulated) ID-card reader: a card opens its resident or a filled intake."""

from __future__ import annotations

import itertools
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer

from stationdesk.cardreader import CardIdentity
from stationdesk.cardreader.simulator import Fault, SimulatedReader
from stationdesk.services import residents, settings
from tests.conftest import WORKER_PASSWORD, StationFixture
from tests.helpers.cards import a_card as card
from tests.helpers.desk import log_in
from tests.helpers.ids import idn


def a_card(number: str, name: str = "张伟", address: str = "") -> CardIdentity:
    """A long-term card of a 回族 holder with this number."""
    over = {"address": address} if address else {}
    return card(name=name, ethnic_code="03", id_number=number, valid_until=None, **over)


@pytest.fixture
def sim():
    simulator = SimulatedReader()
    yield simulator
    simulator.close()


def desk_with_reader(qtbot, make_desk, station: StationFixture, sim: SimulatedReader):
    st = station.station
    residents.add_building(st, station.worker, "3栋")
    residents.add_building(st, station.worker, "13栋")
    settings.set_setting(st, station.admin, "card_reader_kind", "serial")
    settings.set_setting(st, station.admin, "card_reader_port", sim.port_name)
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    label = win.card_reader.label
    qtbot.waitUntil(lambda: label.text() == "读卡器：就绪", timeout=5_000)
    return desk, win, win.page_widgets["residents"]


def test_a_registered_residents_card_opens_their_card(qtbot, make_desk, station, sim):
    number = idn(171, "19850520")
    made = residents.register_resident(
        station.station, station.worker, residents.ResidentInput(name="张伟", id_number=number)
    )
    _desk, win, page = desk_with_reader(qtbot, make_desk, station, sim)
    win.show_page("certificates")
    sim.present(a_card(number))  # the one action
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert page.card.card.row.id == made.row.id
    assert win.current_page_key() == "residents"
    assert getattr(page, "intake", None) is None
    assert win.card_reader.label.text() == "已读取身份证。"
    page.card.show_card(None)
    sim.lift()
    qtbot.wait(3_500)  # lifted long enough to count as a new placing
    sim.present(card(id_number=number, valid_until=date(2020, 3, 1)))
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    assert win.card_reader.label.text() == "已读取身份证：该证已于2020-03-01过期。"


def test_a_new_residents_card_opens_the_filled_intake_and_saves_in_few_actions(
    qtbot, make_desk, station, sim
):
    number = idn(173, "19850520")
    _desk, _win, page = desk_with_reader(qtbot, make_desk, station, sim)
    started = time.monotonic()
    sim.present(a_card(number))  # action 1: the card is placed on the reader
    qtbot.waitUntil(lambda: getattr(page, "intake", None) is not None, timeout=10_000)
    dialog = page.intake
    qtbot.waitUntil(lambda: dialog.building.currentData() == "3栋", timeout=5_000)
    assert dialog.name.text() == "张伟" and dialog.id_number.text() == number
    assert "1985-05-20" in dialog.id_facts.text() and "男" in dialog.id_facts.text()
    assert dialog.ethnicity.currentData() == "回族"
    assert (dialog.unit.text(), dialog.room.text()) == ("2", "502")
    assert "人民广场街道3栋2单元502室" in dialog.note.text()
    assert dialog.phone.hasFocus()
    keys = 0
    for ch in "13800001234":  # the one field the card lacks here: the phone
        qtbot.keyClick(dialog.focusWidget(), ch)
        keys += 1
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # action 2: save
    actions = 2
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.card.card is not None, timeout=10_000)
    elapsed = time.monotonic() - started
    card = page.card.card
    assert card.row.name == "张伟" and card.ethnicity == "回族"
    assert card.building == "3栋" and card.room == "502"
    assert residents.resident_with_id_number(station.station, station.worker, number)
    assert actions <= 3
    print(f"card intake: {actions} actions + {keys} phone keys, {elapsed:.2f} s")


def test_a_card_while_the_intake_is_open_fills_it(qtbot, make_desk, station, sim):
    _desk, _win, page = desk_with_reader(qtbot, make_desk, station, sim)
    dialog = page.open_intake()
    sim.present(a_card(idn(175, "19850520"), name="李娜", address="吉林省长春市朝阳区某路1号"))
    qtbot.waitUntil(lambda: dialog.name.text() == "李娜", timeout=10_000)
    assert dialog.building.currentIndex() == 0  # no building of the station in the address
    assert page.intake is dialog and dialog.isVisible()


def test_bad_frames_checksum_errors_and_unplugging_show_in_the_status_bar(
    qtbot, make_desk, station, sim
):
    _desk, win, _page = desk_with_reader(qtbot, make_desk, station, sim)
    label = win.card_reader.label
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    sim.inject(Fault.BAD_FRAME)
    qtbot.waitUntil(lambda: "无法识别" in label.text(), timeout=5_000)
    sim.inject(Fault.CHECKSUM)
    qtbot.waitUntil(lambda: "校验" in label.text(), timeout=5_000)
    sim.unplug()
    qtbot.waitUntil(lambda: "读卡器已断开" in label.text(), timeout=5_000)
    qtbot.wait(500)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.5, "the GUI thread stalled while the reader failed"
    # replugged as another port: the reader comes back once the setting names it
    again = SimulatedReader()
    try:
        settings.set_setting(station.station, station.admin, "card_reader_port", again.port_name)
        win.card_reader.reload()
        qtbot.waitUntil(lambda: label.text() == "读卡器：就绪", timeout=5_000)
    finally:
        again.close()


def test_the_admin_chooses_the_reader_in_settings_and_it_connects(qtbot, make_desk, station, sim):
    from tests.conftest import ADMIN_PASSWORD

    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "admin", ADMIN_PASSWORD)
    assert win.card_reader.label.text() == ""  # no reader chosen yet
    win.show_page("settings")
    box = win.page_widgets["settings"].card_reader
    qtbot.waitUntil(
        lambda: box.kind.isEnabled() and box.kind.currentData() == "none", timeout=5_000
    )
    assert box.kind.itemText(1) == "串口读卡器（GA/T 467，USB串口）"
    box.kind.setCurrentIndex(box.kind.findData("serial"))
    box.port.setEditText("")
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)
    assert box.message.text() == "请选择读卡器的串口。"
    box.port.setEditText(sim.port_name)
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.card_reader.label.text() == "读卡器：就绪", timeout=5_000)
    assert box.state.text() == "已保存。"
    assert settings.card_reader_config(station.station).port == sim.port_name


def test_the_vendor_library_off_windows_says_so_in_the_status_bar(qtbot, make_desk, station):
    settings.set_card_reader(station.station, station.admin, "sdk", "1001", "C:/r/termb.dll")
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    qtbot.waitUntil(lambda: "仅支持Windows" in win.card_reader.label.text(), timeout=5_000)
    box_page = win.page_widgets["settings"]
    assert not box_page.card_reader.save.isEnabled()  # a worker sees the choice, cannot change it


def test_a_card_on_a_locked_desk_opens_nothing(qtbot, make_desk, station, sim):
    desk, win, page = desk_with_reader(qtbot, make_desk, station, sim)
    desk.lock()
    assert win.is_covered()
    sim.present(a_card(idn(177, "19850520")))
    qtbot.wait(1_500)  # five polls of the reader
    assert getattr(page, "intake", None) is None and page.card.card is None
    assert win.card_reader.label.text() == "读卡器：就绪"  # no "close the dialog" over the lock


def test_closing_the_window_does_not_wait_for_a_silent_reader(qtbot, make_desk, station, sim):
    from stationdesk.ui.card_reader import ENDING

    _desk, win, _page = desk_with_reader(qtbot, make_desk, station, sim)
    thread = win.card_reader.reader_thread
    sim.inject(Fault.SILENCE, times=20)  # every poll now waits its whole second for an answer
    qtbot.wait(400)
    started = time.monotonic()
    win.close()
    assert time.monotonic() - started < 0.3
    assert thread in ENDING
    qtbot.waitUntil(lambda: thread not in ENDING, timeout=5_000)
    assert thread.isFinished()
