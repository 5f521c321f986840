"""The station's clock face: every time shown to a worker is in the station's zone, Asia/Shanghai.

Times are stored in UTC (a naive value read back from the store is UTC). What a worker sees, in
lists, timelines, the status bar and file names, is the station's wall clock whatever zone the
PC itself is set to: a desk PC left on another zone must not show 16:30 for a visit at 08:30.
Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
every date a station holds and needs no tz database on the PC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final

#: The station's zone (China Standard Time, Asia/Shanghai).
STATION_TZ: Final = timezone(timedelta(hours=8), "CST")


def station_local(moment: datetime) -> datetime:
    """``moment`` on the station's wall clock (a naive value is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STATION_TZ)


def shown_minute(moment: datetime) -> str:
    """``2026-12-05 16:30``: a moment as lists and timelines show it."""
    return f"{station_local(moment):%Y-%m-%d %H:%M}"


def shown_second(moment: datetime) -> str:
    """``2026-12-05 16:30:05``: a moment to the second (sync history)."""
    return f"{station_local(moment):%Y-%m-%d %H:%M:%S}"


def shown_short(moment: datetime) -> str:
    """``12-05 16:30``: a recent moment in a status line."""
    return f"{station_local(moment):%m-%d %H:%M}"


def station_today(now: datetime | None = None) -> date:
    """Today's date at the station (``now`` defaults to the current time)."""
    return station_local(now or datetime.now(UTC)).date()
