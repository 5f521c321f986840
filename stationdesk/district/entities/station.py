"""The ``station`` entity: a station's own row (code and name), seen only by that station."""

from __future__ import annotations

from typing import Any, ClassVar

from ..registry import ApplyContext, ApplyOutcome, FieldRecordHandler, Scope


class StationHandler(FieldRecordHandler):
    """A station may only describe itself: the code in its ops must be its enrolled code."""

    entity = "station"
    owned = True
    scope: ClassVar[Scope] = "owner"
    snapshot_rank = 0

    def validate(self, ctx: ApplyContext, data: dict[str, Any]) -> ApplyOutcome | None:
        code = data.get("code")
        if code is not None and code != ctx.station.code:
            return ApplyOutcome.reject(403, "a station can only push as its own station")
        return None


HANDLER = StationHandler()
