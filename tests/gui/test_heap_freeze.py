"""The desk keeps its long-lived objects out of full garbage collections while logged in."""

from __future__ import annotations

import gc

from tests.conftest import WORKER_PASSWORD
from tests.helpers.desk import open_login, type_login


def test_login_freezes_the_heap_and_logout_releases_it(qtbot, make_desk, station):
    desk, login = open_login(qtbot, make_desk, station)
    desk.freeze_heap = True  # as the app (entry.run_gui) builds it
    assert gc.get_freeze_count() == 0
    try:
        type_login(qtbot, login, "wangfang", WORKER_PASSWORD)
        qtbot.waitUntil(lambda: desk.main_window is not None, timeout=10_000)
        window = desk.main_window
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
        # the main window's wrapper is among the frozen objects, not in any generation
        assert gc.is_tracked(window)
        assert not any(o is window for g in (0, 1, 2) for o in gc.get_objects(g))
        desk.logout()
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()  # the test process shares one collector with every other test
