"""The 同步 page and the status bar, driven like a user, against a real server process."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

from stationdesk.domain.ids import new_id
from stationdesk.services import sync
from stationdesk.store.models_sync import SyncConflict
from stationdesk.sync.client import SyncClient
from tests.helpers.desk import log_in

from .stations import create_resident


def test_sync_page_syncs_with_progress_and_the_status_bar_follows(
    qtbot, make_desk, make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    create_resident(a.station, a.head, "界面")
    with a.station.db.write_session() as s:
        s.add(
            SyncConflict(
                id=new_id(),
                kind="field",
                entity="resident",
                entity_id=new_id(),
                field="phone",
                local_value="13812345678",
                server_value="13900000000",
                applied_value="13812345678",
                identity=False,
                created_at=a.clock.now,
            )
        )
    desk = make_desk(a.station.paths.root)
    window = log_in(qtbot, desk, "head", "head-pass-1")
    label = window.findChild(QLabel, "statusSync")
    qtbot.waitUntil(lambda: "待上传" in label.text(), timeout=10_000)
    window.show_page("sync")
    page = window.page_widgets["sync"]
    table = page.findChild(QTableWidget, "conflictTable")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    assert table.item(0, 2).text() == "138****5678"  # phones masked on screen
    page.findChild(QPushButton, "syncNow").click()
    result = page.findChild(QLabel, "syncResult")
    qtbot.waitUntil(lambda: result.text().startswith("上传"), timeout=30_000)
    qtbot.waitUntil(
        lambda: "在线" in label.text() and "待上传 0 条" in label.text(), timeout=10_000
    )
    history = page.findChild(QTableWidget, "syncHistory")
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=10_000)
    assert history.item(0, 1).text() == "完成"
    table.selectRow(0)
    page.findChild(QPushButton, "conflictDismiss").click()
    qtbot.waitUntil(lambda: table.rowCount() == 0, timeout=10_000)


def test_an_upgrade_is_asked_for_in_the_status_bar(
    qtbot, make_desk, make_station, district_db, server
):
    a = make_station("SA0101", district_db)
    sync.save_login(a.station, a.admin, server.url, a.token)
    client = SyncClient(server.url, a.code, a.token, protocol_version=0)
    assert sync.run_sync(a.station, client=client).outcome == "upgrade"
    client.close()
    desk = make_desk(a.station.paths.root)
    window = log_in(qtbot, desk, "head", "head-pass-1")
    label = window.findChild(QLabel, "statusSync")
    qtbot.waitUntil(lambda: "请升级" in label.text(), timeout=10_000)
