"""Today as Qt date widgets take it, on the station's clock rather than the PC's zone."""

from __future__ import annotations

from PySide6.QtCore import QDate

from stationdesk.domain.station_time import station_today


def station_qdate() -> QDate:
    """Today's date at the station, for date pickers and period defaults."""
    today = station_today()
    return QDate(today.year, today.month, today.day)
