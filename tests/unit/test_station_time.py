"""The station's clock face: stored UTC shown as Asia/Shanghai wall time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from stationdesk.domain.station_time import shown_minute, shown_second, shown_short, station_today


def test_a_utc_moment_is_shown_eight_hours_ahead_and_naive_means_utc():
    moment = datetime(2026, 12, 31, 16, 5, 9, tzinfo=UTC)
    assert shown_minute(moment) == "2027-01-01 00:05"
    assert shown_second(moment.replace(tzinfo=None)) == "2027-01-01 00:05:09"
    assert shown_short(moment) == "01-01 00:05"
    assert station_today(moment).isoformat() == "2027-01-01"


@given(
    st.datetimes(min_value=datetime(1992, 1, 1), max_value=datetime(2099, 1, 1)),
    st.integers(min_value=-12, max_value=14),
)
def test_the_same_moment_reads_the_same_from_any_zone(naive: datetime, hours: int):
    moment = naive.replace(tzinfo=UTC)
    elsewhere = moment.astimezone(timezone(timedelta(hours=hours)))
    assert shown_second(elsewhere) == shown_second(moment)
    assert shown_second(moment) == (naive + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
