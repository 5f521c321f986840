"""The 统计 page's 志愿服务 box on a real desk: the period's approved hours per unit and per
kind, the totals line, Alt+V exporting the volunteer workbook; an administrator has no box."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from stationdesk.services import volunteering as v
from tests.conftest import HEAD_PASSWORD, StationFixture
from tests.helpers.desk import log_in
from tests.helpers.ids import idn
from tests.helpers.rare_names import RARE_NAMES


def bj(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC) - timedelta(hours=8)


def _served(station: StationFixture) -> None:
    st, w = station.station, station.worker
    v.add_unit(st, w, v.UnitInput("区税务局", "机关"))
    member = v.add_member(
        st,
        w,
        v.MemberInput(
            name=RARE_NAMES[0].name,
            id_number=idn(90),
            report_date=date(2025, 3, 1),
            unit="区税务局",
        ),
    )
    for day, kind, (start, end) in ((2, "policy", (9, 11)), (9, "care", (9, 10))):
        activity = v.add_activity(
            st, w, title=f"3月{day}日", kind=kind, starts_at=bj(day, 9), ends_at=bj(day, 12)
        )
        v.sign_in(st, w, activity.id, member.id, at=bj(day, start))
        v.sign_out(st, w, activity.id, member.id, at=bj(day, end))
        station.clock.now = bj(day, 13)
        v.approve(st, station.head, activity.id)
    later = v.add_activity(st, w, title="4月", kind="care", starts_at=bj(31, 9), ends_at=bj(31, 12))
    v.sign_in(st, w, later.id, member.id, at=bj(31, 9))  # unapproved: never counted


def test_the_box_charts_the_period_and_exports(qtbot, make_desk, station):
    _served(station)
    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "lihead", HEAD_PASSWORD)
    win.show_page("stats")
    page = win.page_widgets["stats"]
    box = page.volunteer
    assert box is not None
    page.start.setDate(QDate(2026, 3, 1))
    page.end.setDate(QDate(2026, 3, 31))
    qtbot.waitUntil(
        lambda: box.report is not None and box.report.start == date(2026, 3, 1), timeout=10_000
    )
    qtbot.waitUntil(lambda: "累计 3 小时" in box.totals.text(), timeout=10_000)
    assert "参与服务 1 人" in box.totals.text()
    (units,) = box.unit_chart.series()
    assert units.barSets()[0].at(units.barSets()[0].count() - 1) == pytest.approx(3.0)
    (kinds,) = box.kind_chart.series()
    assert [kinds.barSets()[0].at(i) for i in range(2)] == [2.0, 1.0]

    page.setFocus()
    QTest.keyClick(page, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "volunteer-report-20260301-20260331.xlsx" in box.message.text(),
                    timeout=10_000)  # fmt: skip
    book = load_workbook(station.station.paths.exports / "volunteer-report-20260301-20260331.xlsx")
    rows = list(book["按单位"].iter_rows(min_row=3, values_only=True))
    assert rows[0][:4] == ("区税务局", 1, 2, 3.0)


def test_an_administrator_has_no_volunteer_box(qtbot, make_desk, station):
    from tests.conftest import ADMIN_PASSWORD

    desk = make_desk(station.station.paths.root)
    win = log_in(qtbot, desk, "admin", ADMIN_PASSWORD)
    win.show_page("stats")
    assert win.page_widgets["stats"].volunteer is None
