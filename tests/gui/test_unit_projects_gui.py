"""On a real desk by keyboard: a unit's 结对共建 projects added and moved through their states on
the 驻区单位 tab (save disabled while invalid, the reason said in Chinese), and members signed in
and out of an activity by placing their ID card on a (simulated) reader."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationdesk.cardreader.simulator import SimulatedReader
from stationdesk.domain.volunteering import service_minutes
from stationdesk.services import settings
from stationdesk.services import volunteering as vol
from stationdesk.ui.pages.volunteer.units import ProjectDialog, ProjectStatusDialog
from tests.conftest import WORKER_PASSWORD
from tests.helpers.cards import a_card
from tests.helpers.desk import type_text
from tests.helpers.ids import idn

from .test_volunteer_page import ALT, activity, bj, dialog_of, key, open_page, saved


def test_a_units_projects_added_and_moved_by_keyboard(qtbot, make_desk, station):
    vol.add_unit(station.station, station.worker, vol.UnitInput("区税务局", "机关"))
    _win, page = open_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD, 1)
    units, box = page.units, page.units.projects
    qtbot.waitUntil(lambda: units.table.rowCount() == 1, timeout=10_000)
    assert box.heading.text() == "区税务局的结对共建项目"
    assert box.add_button.text() == "添加项目（Alt+P）"
    assert box.status_button.text() == "更改状态（Alt+S）"
    assert not box.status_button.isEnabled()  # no project yet

    key(qtbot, Qt.Key.Key_P, ALT)
    dialog = dialog_of(qtbot, units, ProjectDialog)
    assert QApplication.focusWidget() is dialog.title and not dialog.save.isEnabled()
    type_text(qtbot, dialog.title, "长" * 61)  # bad: too long
    assert not dialog.save.isEnabled() and dialog.error.text() == "项目名称不能超过60个字。"
    dialog.title.clear()
    type_text(qtbot, dialog.title, "政策宣讲进楼栋")
    assert dialog.save.isEnabled() and dialog.error.text() == ""
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.source
    assert dialog.source.currentText() == "项目清单"
    key(qtbot, Qt.Key.Key_Tab)
    assert dialog.status.currentText() == "计划中"
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.note, "每季度一次")
    saved(qtbot, dialog)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=10_000)
    row = [box.table.item(0, c).text() for c in range(4)]
    assert row == ["政策宣讲进楼栋", "项目清单", "计划中", "每季度一次"]

    # a second project of the same title is refused inline
    key(qtbot, Qt.Key.Key_P, ALT)
    again = dialog_of(qtbot, units, ProjectDialog)
    type_text(qtbot, again.title, "政策宣讲进楼栋")
    assert not again.save.isEnabled() and again.error.text() == "该单位已有同名项目。"
    again.title.clear()
    type_text(qtbot, again.title, "捐赠图书")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)  # 项目清单 → 资源清单
    assert again.source.currentText() == "资源清单"
    saved(qtbot, again)
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=10_000)

    # Alt+S moves the selected project on; save waits for another status
    box.table.selectRow(0)
    key(qtbot, Qt.Key.Key_S, ALT)
    status = dialog_of(qtbot, units, ProjectStatusDialog)
    assert QApplication.focusWidget() is status.status and not status.save.isEnabled()
    key(qtbot, Qt.Key.Key_Down)
    assert status.status.currentText() == "进行中" and status.save.isEnabled()
    saved(qtbot, status)
    qtbot.waitUntil(lambda: box.table.item(0, 2).text() == "进行中", timeout=10_000)
    stored = vol.list_units(station.station, station.worker)[0].projects
    assert [(p.title, p.list, p.status) for p in stored] == [
        ("政策宣讲进楼栋", "projects", "active"),
        ("捐赠图书", "resources", "planned"),
    ]


@pytest.fixture
def sim():
    simulator = SimulatedReader()
    yield simulator
    simulator.close()


def test_an_id_card_signs_its_member_in_and_then_out(qtbot, make_desk, station, sim):
    number = idn(181, "19800101")
    vol.add_member(
        station.station,
        station.worker,
        vol.MemberInput(name="赵建国", id_number=number, report_date=date(2025, 3, 1)),
    )
    activity_id = activity(station)
    station.clock.now = bj(2, 9, 10)
    settings.set_setting(station.station, station.admin, "card_reader_kind", "serial")
    settings.set_setting(station.station, station.admin, "card_reader_port", sim.port_name)
    win, page = open_page(qtbot, make_desk, station, "wangfang", WORKER_PASSWORD, 3)
    qtbot.waitUntil(lambda: win.card_reader.label.text() == "读卡器：就绪", timeout=5_000)
    acts = page.activities
    qtbot.waitUntil(lambda: acts.table.rowCount() == 1, timeout=10_000)

    sim.present(a_card(name="赵建国", id_number=number))  # the one action
    qtbot.waitUntil(lambda: acts.message.text() == "已签到：赵建国", timeout=10_000)
    assert win.current_page_key() == "volunteer" and acts.signins.rowCount() == 1
    assert acts.signins.item(0, 0).text() == "赵建国"
    shown = vol.show_activity(station.station, station.worker, activity_id)
    assert [(r.name, r.signed_out_at) for r in shown.signins] == [("赵建国", None)]

    sim.lift()
    qtbot.wait(3_500)  # lifted long enough to count as a new placing
    station.clock.now = bj(2, 11)
    sim.present(a_card(name="赵建国", id_number=number))
    qtbot.waitUntil(lambda: acts.message.text() == "已签退：赵建国", timeout=10_000)
    shown = vol.show_activity(station.station, station.worker, activity_id)
    assert shown.signins[0].minutes == service_minutes(
        bj(2, 9, 10), bj(2, 11), bj(2, 9), bj(2, 11, 30)
    )
    assert acts.signins.item(0, 3).text() != ""

    # a card no reported member carries: said on the tab, nothing written, no resident opened
    sim.lift()
    qtbot.wait(3_500)
    sim.present(a_card(id_number=idn(183, "19850520")))
    qtbot.waitUntil(
        lambda: acts.message.text() == "该身份证号不是已报到的在职党员。", timeout=10_000
    )
    assert win.current_page_key() == "volunteer"
    assert len(vol.show_activity(station.station, station.worker, activity_id).signins) == 1
