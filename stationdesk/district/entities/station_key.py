"""The ``station_key`` entity: a station's public signing key, for offline QR verification."""

from __future__ import annotations

from .owned import OwnedEventsHandler


class StationKeyHandler(OwnedEventsHandler):
    """Published by its station (keyed by station code)."""

    entity = "station_key"


HANDLER = StationKeyHandler()
