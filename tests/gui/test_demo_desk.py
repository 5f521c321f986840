"""The demo desk on first look: every page shows something before anything is typed."""

from __future__ import annotations

from pathlib import Path

from stationdesk.services import setup
from stationdesk.services.demo_desk import NEWCOMER
from tests.helpers.desk import log_in


def test_each_page_of_the_demo_desk_shows_rows_on_first_look(qtbot, make_desk, tmp_path: Path):
    data_dir = tmp_path / "demo"
    setup.open_or_create_demo(data_dir, residents=300).close()  # a smaller demo, made alike
    desk = make_desk(data_dir, demo=True)
    user, _name, _role, password = setup.DEMO_WORKERS[0]
    win = log_in(qtbot, desk, user, password)

    residents_page = win.page_widgets["residents"]
    qtbot.waitUntil(lambda: residents_page.model.rowCount() > 0, timeout=10_000)
    # the search box is empty: the residents received at the desk lately, latest first
    assert residents_page.model.row_at(0).name == NEWCOMER
    assert residents_page.model.rowCount() == 7
    assert "7" in residents_page.count.text()

    win.show_page("certificates")
    certificates = win.page_widgets["certificates"]
    qtbot.waitUntil(lambda: certificates.model.rowCount() > 0, timeout=10_000)
    assert certificates.model.rowCount() == 6  # 4 certificates (1 voided) and 2 refusals

    win.show_page("cases")
    cases = win.page_widgets["cases"]
    qtbot.waitUntil(lambda: cases.model.rowCount() > 0, timeout=10_000)

    win.show_page("stats")
    stats = win.page_widgets["stats"]
    qtbot.waitUntil(lambda: stats.report is not None, timeout=10_000)
    assert stats.group_model.rowCount() > 0

    win.show_page("sync")
    sync_page = win.page_widgets["sync"]
    qtbot.waitUntil(lambda: sync_page.agent.status is not None, timeout=10_000)
    assert sync_page.agent.status.pending > 0  # the sample work waits to go to the district
