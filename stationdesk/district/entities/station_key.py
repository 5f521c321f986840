"""The ``station_key`` entity: a station's public signing key, for offline QR verification."""

from __future__ import annotations

from ..registry import ApplyContext, ApplyOutcome
from ..station_keys import PENDING_NOTE, check_first_key, check_rotation
from .owned import OwnedEventsHandler


class StationKeyHandler(OwnedEventsHandler):
    """Published by its station, keyed by the station's code: a station publishes only its own.

    ``create`` publishes the first key; ``rotate`` replaces it (see ``district.station_keys``,
    which keeps the key history). A refused op changes neither the record nor the history.
    """

    entity = "station_key"

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        if op.entity_id != ctx.station.code:
            return ApplyOutcome.reject(403, "a station publishes only its own signing key")
        if op.kind == "create":
            change = check_first_key(ctx)
        elif op.kind == "rotate":
            change = check_rotation(ctx)
        else:
            return ApplyOutcome.reject(
                422, f"a signing key is published (create) or replaced (rotate), not {op.kind!r}"
            )
        if isinstance(change, ApplyOutcome):
            return change
        outcome = super().apply(ctx)
        if outcome.status == "rejected":
            return outcome
        if change():
            outcome.message = PENDING_NOTE.format(code=ctx.station.code)
        return outcome


HANDLER = StationKeyHandler()
