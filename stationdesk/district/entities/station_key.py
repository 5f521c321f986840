"""The ``station_key`` entity: a station's public signing key, for offline QR verification."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from stationdesk.secrets.signing import format_effective_time

from ..registry import ApplyContext, ApplyOutcome
from ..station_keys import PENDING_NOTE, check_first_key, check_rotation, history
from .owned import OwnedEventsHandler

#: Where the record lists every key the station published, oldest first, as the station keeps
#: them (public key, valid from, valid to once replaced, basis): a station rebuilt from here
#: takes its key history back from it (services/certificates/synced.py).
KEYS = "keys"


class StationKeyHandler(OwnedEventsHandler):
    """Published by its station, keyed by the station's code: a station publishes only its own.

    ``create`` publishes the first key; ``rotate`` replaces it (see ``district.station_keys``,
    which keeps the key history). A refused op changes neither the record nor the history.
    """

    entity = "station_key"

    def admit(self, ctx: ApplyContext) -> ApplyOutcome | None:
        if ctx.op.entity_id != ctx.station.code:
            return ApplyOutcome.reject(403, "a station publishes only its own signing key")
        return None

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
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

    def fold(self, data: dict[str, Any], ctx: ApplyContext, version: int) -> dict[str, Any]:
        """Add the op's key to ``keys`` (a record from before the list starts it from the
        district's key history), the replaced one ending where the new one starts."""
        payload = ctx.op.payload
        keys = data.get(KEYS)
        if isinstance(keys, list):
            keys = [dict(k) for k in keys if isinstance(k, dict)]
        else:
            keys = [
                {
                    "public_key": row.public_key,
                    "valid_from": format_effective_time(row.valid_from),
                    "basis": row.basis,
                }
                for row in history(ctx.session, ctx.station.id)
            ]
            for older, newer in pairwise(keys):
                older["valid_to"] = newer["valid_from"]
        if ctx.op.kind == "rotate":
            start = payload.get("effective_at")
            basis = "signed" if payload.get("signature") is not None else "lost_key"
        else:
            start = payload.get("valid_from") or format_effective_time(ctx.op.station_time)
            basis = "first"
        if keys and keys[-1].get("valid_to") is None:
            keys[-1]["valid_to"] = start
        keys.append({"public_key": payload.get("public_key"), "valid_from": start, "basis": basis})
        data[KEYS] = keys
        return data


HANDLER = StationKeyHandler()
