"""Station-authored records (cases, certificates): only the owner station writes them."""

from __future__ import annotations

from typing import Any, ClassVar

from ..models import Record
from ..registry import ApplyContext, FieldRecordHandler, Outcome, Scope


class OwnedEventsHandler(FieldRecordHandler):
    """A record only its station changes: ``create`` sets it, every other kind is an event.

    The server keeps the latest state (the create payload with each event's payload laid over
    it) and the list of event kinds; one op moves the version by one, as at the station, so
    the scope hash compares ids, versions and deletion (the station is the record's author).
    """

    owned = True
    scope: ClassVar[Scope] = "owner"

    def apply(self, ctx: ApplyContext) -> Outcome:
        op = ctx.op
        if op.kind in ("create", "delete"):
            return super().apply(ctx)
        record = ctx.get(self.entity, op.entity_id)
        if record is None:
            return Outcome.reject(404, f"no such {self.entity}")
        if record.owner_station_id not in (None, ctx.station.id):
            return Outcome.reject(403, f"this {self.entity} belongs to another station")
        data = {**record.data, **dict(op.payload)}
        data["events"] = [*record.data.get("events", []), op.kind]
        rec = ctx.write(
            self.entity,
            op.entity_id,
            data=data,
            changed_fields=list(op.payload),
            owner_station_id=record.owner_station_id,
            scope_station_id=record.scope_station_id,
        )
        return Outcome(version=rec.version)

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return {}


class CaseHandler(OwnedEventsHandler):
    """One-window cases: owned by the receiving station (首问负责)."""

    entity = "case"


HANDLER = CaseHandler()
