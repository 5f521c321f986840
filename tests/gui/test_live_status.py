"""Live status: one change signal after writes and syncs; the status bar, the pages and the
district form follow it; every time is on the station's clock."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from stationdesk.services import residents, sync
from stationdesk.ui.tasks import TaskRunner
from tests.conftest import ADMIN_PASSWORD, WORKER_PASSWORD, StationFixture
from tests.helpers.certificates import register
from tests.helpers.desk import log_in


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def test_a_burst_of_writes_is_one_change_and_reads_and_failures_are_none(qtbot, runner):
    changes: list[int] = []
    writing: list[bool] = []
    runner.changed.connect(lambda: changes.append(1))
    runner.writing.connect(writing.append)
    done: list[int] = []
    for i in range(3):
        runner.write(lambda i=i: time.sleep(0.02) or i, done.append)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5_000)
    qtbot.waitUntil(lambda: changes == [1], timeout=2_000)
    assert writing == [True, False]
    qtbot.wait(3 * TaskRunner.CHANGE_QUIET_MS)
    assert changes == [1]

    read: list[int] = []
    runner.run(lambda: 5, read.append)
    failed: list[BaseException] = []
    runner.write(lambda: 1 / 0, None, failed.append)
    qtbot.waitUntil(lambda: bool(read) and bool(failed), timeout=5_000)
    qtbot.wait(3 * TaskRunner.CHANGE_QUIET_MS)
    assert changes == [1]  # neither a read nor a write that failed changed anything


def test_the_status_bar_pending_count_follows_new_work(qtbot, make_desk, station):
    # the building (itself a synced op) is on the list before the desk opens
    residents.add_building(station.station, station.worker, "3栋")
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    desk.sync_agent.timer.stop()  # no timed sync cycle refreshes the status behind our back
    before = sync.sync_status(station.station).pending
    qtbot.waitUntil(lambda: f"待上传 {before} 条" in win.sync_label.text(), timeout=5_000)
    desk.runner.write(lambda: register(station, seq=31))
    qtbot.waitUntil(lambda: sync.sync_status(station.station).pending > before, timeout=5_000)
    pending = sync.sync_status(station.station).pending
    qtbot.waitUntil(lambda: f"待上传 {pending} 条" in win.sync_label.text(), timeout=5_000)


def test_an_ended_sync_clears_its_phase_and_says_why_in_chinese(qtbot, make_desk, station):
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    win.show_page("sync")
    page = win.page_widgets["sync"]
    with qtbot.waitSignal(desk.sync_agent.finished, timeout=10_000):
        page.sync_button.click()
    qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=5_000)
    assert page.phase.text() == ""
    text = page.result_label.text()
    assert text.startswith("尚未设置：") or text.startswith("未设置："), text
    assert ": " not in text and "stationdesk" not in text and "sync login" not in text
    assert "设置" in text
    win.resize(1366, 768)  # a station PC's screen: no button stretched across the page
    qtbot.waitUntil(lambda: page.width() > 1000, timeout=5_000)
    for button in (page.sync_button, page.cancel_button):
        assert button.width() <= 2 * button.sizeHint().width(), button.objectName()


def test_the_district_form_shows_a_saved_link_without_an_error(qtbot, make_desk, station):
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "admin", ADMIN_PASSWORD)
    win.show_page("settings")
    page = win.page_widgets["settings"]
    qtbot.keyClicks(page.district_url, "https://sync.example.com")
    assert page.district_message.text() != ""  # a server without a token is not enough
    assert not page.district_save.isEnabled()
    qtbot.keyClicks(page.district_token, "token-0123456789")
    assert page.district_message.text() == "" and page.district_save.isEnabled()
    page.district_save.click()
    qtbot.waitUntil(lambda: page.district_state.text() == "已保存接入令牌。", timeout=5_000)
    assert page.district_message.text() == ""
    assert page.district_url.text() == "https://sync.example.com"
    assert not page.district_save.isEnabled()


@pytest.fixture
def pc_in_new_york() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_visits_and_sync_history_show_station_time_whatever_the_pc_zone(
    qtbot, make_desk, station: StationFixture, pc_in_new_york
):
    station.clock.now = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 08:30 in Beijing
    resident_id, _number = register(station, seq=32)
    residents.add_visit(station.station, station.worker, resident_id, "咨询")
    sync.run_sync(station.station, trigger="manual")  # not set up: a history row all the same
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "wangfang", WORKER_PASSWORD)
    page = win.page_widgets["residents"]
    page.open_resident(resident_id)
    qtbot.waitUntil(lambda: page.card.visits.count() == 1, timeout=5_000)
    assert page.card.visits.item(0).text().startswith("2026-03-02 08:30")
    win.show_page("sync")
    history = win.page_widgets["sync"].history
    qtbot.waitUntil(lambda: history.rowCount() >= 1, timeout=5_000)
    assert history.item(0, 0).text() == "2026-03-02 08:30:00"
