"""Login builds only the residents page; every other page is built when it is first shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from stationdesk.ui.pages.residents import ResidentsPage
from stationdesk.ui.pages.stats import StatsPage
from tests.conftest import HEAD_PASSWORD
from tests.helpers.desk import open_login, type_login


def logged_in_head(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    type_login(qtbot, login, "lihead", HEAD_PASSWORD)
    qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
    return desk, desk.main_window


def test_login_builds_only_the_residents_page(qtbot, make_desk, station):
    _desk, win = logged_in_head(qtbot, make_desk, station)
    assert [key for key in win.page_widgets if win.page_built(key)] == ["residents"]
    assert isinstance(win.pages.currentWidget(), ResidentsPage)
    assert not win.findChildren(StatsPage)  # no charts until the statistics page is shown
    assert win.pages.count() == len(win.page_keys) == 8  # 居民 … 应急, 志愿服务
    assert win.current_page_key() == "residents"


def test_stats_page_is_built_when_first_shown_and_works(qtbot, make_desk, station):
    _desk, win = logged_in_head(qtbot, make_desk, station)
    win.activateWindow()
    QTest.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # 统计
    qtbot.waitUntil(lambda: win.page_built("stats"), timeout=5_000)
    page = win.pages.currentWidget()
    assert isinstance(page, StatsPage)
    assert win.page_widgets["stats"] is page
    assert win.pages.indexOf(page) == win.page_keys.index("stats") == 4
    assert win.pages.count() == 8  # the placeholder made way for the page
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert page.overall_chart.series()  # the charts are drawn
    assert not win.page_built("settings")
    # built once: showing it again, or looking it up, gives the same page
    win.show_page("residents")
    win.show_page("stats")
    assert win.page_widgets["stats"] is page is win.pages.currentWidget()


def test_a_page_looked_up_in_code_is_built_without_being_shown(qtbot, make_desk, station):
    _desk, win = logged_in_head(qtbot, make_desk, station)
    settings = win.page_widgets["settings"]
    assert win.page_built("settings")
    assert win.current_page_key() == "residents"
    assert isinstance(win.pages.currentWidget(), ResidentsPage)
    assert win.pages.indexOf(settings) == 5
    win.nav.setCurrentRow(5)  # a click on 设置
    assert win.pages.currentWidget() is settings
