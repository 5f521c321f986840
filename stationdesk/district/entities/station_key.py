"""The ``station_key`` entity: a station's public signing key, for offline QR verification."""

from __future__ import annotations

from ..registry import ApplyContext, ApplyOutcome
from .owned import OwnedEventsHandler


class StationKeyHandler(OwnedEventsHandler):
    """Published by its station, keyed by the station's code: a station publishes only its own."""

    entity = "station_key"

    def check_new(self, ctx: ApplyContext) -> ApplyOutcome | None:
        if ctx.op.entity_id != ctx.station.code:
            return ApplyOutcome.reject(403, "a station publishes only its own signing key")
        return None


HANDLER = StationKeyHandler()
