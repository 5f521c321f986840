"""The 应急 page: the open event's list in Chinese; keys 1-5 record a check-off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from stationdesk.domain.emergency import CheckStatus
from stationdesk.services import emergency, residents
from stationdesk.ui.pages.emergency import EmergencyPage
from tests.conftest import WORKER_PASSWORD
from tests.helpers.desk import log_in
from tests.helpers.ids import idn


def _statuses(station) -> dict[str, CheckStatus]:
    rows = emergency.list_entries(station.station, station.worker)
    return {r.name: r.status for r in rows}


def test_keys_set_the_status_of_the_selected_resident(qtbot, make_desk, station):
    st, head = station.station, station.head
    residents.add_grid(st, head, "G01", "第一网格")
    residents.add_building(st, head, "1栋", "G01")
    for n, (name, tag) in enumerate(
        (("张独居", "独居老人"), ("王低保", "低保"), ("孙党员", "党员"))
    ):
        residents.register_resident(
            st,
            head,
            residents.ResidentInput(
                name=name, id_number=idn(400 + n), building="1栋", room=f"{101 + n}", tags=(tag,)
            ),
        )
    desk = make_desk(st.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.show_page("emergency")
    page = win.page_widgets["emergency"]
    assert isinstance(page, EmergencyPage)
    qtbot.waitUntil(lambda: page.summary.text() == "当前没有进行中的应急事件。", timeout=10_000)

    emergency.start_event(st, head, "typhoon", "台风“海葵”")
    page.reload()
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=10_000)
    assert "台风“海葵”：共 2 人" in page.summary.text()
    names = [page.table.item(i, 0).text() for i in range(2)]
    assert sorted(names) == ["张独居", "王低保"]
    assert {page.table.item(i, 4).text() for i in range(2)} == {"未联系"}

    page.table.setFocus()
    page.table.selectRow(names.index("张独居"))
    QTest.keyClick(page.table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: _statuses(station)["张独居"] is CheckStatus.SAFE, timeout=10_000)
    page.table.selectRow(names.index("王低保"))
    QTest.keyClick(page.table, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: _statuses(station)["王低保"] is CheckStatus.UNREACHABLE, timeout=10_000)
    qtbot.waitUntil(lambda: "联系不上 1 人" in page.summary.text(), timeout=10_000)
    assert "已联系 1 人" in page.summary.text()
    shown = {page.table.item(i, 0).text(): page.table.item(i, 4).text() for i in range(2)}
    assert shown == {"张独居": "已联系·安全", "王低保": "联系不上"}
