"""Station-authored records (cases, certificates): only the owner station writes them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from stationdesk.sync.protocol import Op

from ..models import Record
from ..registry import ApplyContext, FieldRecordHandler, Outcome, Scope, UniqueKeyId


class OwnedEventsHandler(FieldRecordHandler):
    """A record only its station changes: ``create`` sets it, every other kind is an event.

    The server keeps the latest state (the create payload with each event's payload laid over
    it) and the list of event kinds; one op moves the version by one, as at the station, so
    the scope hash compares ids, versions and deletion (the station is the record's author).
    """

    owned = True
    scope: ClassVar[Scope] = "owner"

    creating_kinds: ClassVar[tuple[str, ...]] = ("create",)

    def apply(self, ctx: ApplyContext) -> Outcome:
        op = ctx.op
        record = ctx.get(self.entity, op.entity_id)
        if op.kind == "delete" or (op.kind in self.creating_kinds and record is None):
            problem = self.check_new(ctx)
            if problem is not None:
                return problem
            if op.kind == "delete":
                return super().apply(ctx)
            rec = ctx.write(
                self.entity,
                op.entity_id,
                data={**dict(op.payload), "events": [op.kind]},
                changed_fields=list(op.payload),
                owner_station_id=ctx.station.id,
                scope_station_id=ctx.station.id,
            )
            return Outcome(version=rec.version)
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

    def check_new(self, ctx: ApplyContext) -> Outcome | None:
        """Refuse a new record (return an Outcome) or accept it (None)."""
        return None

    def canonical(self, record: Record) -> dict[str, Any] | None:
        return {}


class NumberedDocumentHandler(OwnedEventsHandler):
    """Certificates and refusal notices: numbered ``CODE-…`` with a never-resetting sequence.

    The number's station part must be the pushing station's code and the number must be new
    in the district; the sequence feeds the floor /hello returns after a restore.
    """

    creating_kinds = ("issue", "create")
    counter_name: ClassVar[str] = ""

    def unique_claims(self, op: Op) -> Iterable[UniqueKeyId]:
        number = op.payload.get("number") if op.kind in self.creating_kinds else None
        return [(self.entity, "number", str(number))] if number else []

    def check_new(self, ctx: ApplyContext) -> Outcome | None:
        payload = ctx.op.payload
        number = str(payload.get("number") or "")
        if not number.startswith(ctx.station.code + "-"):
            return Outcome.reject(403, "a number must carry the pushing station's code")
        if not ctx.claim_unique(self.entity, "number", number, ctx.op.entity_id):
            return Outcome.reject(409, f"number {number} is already used in the district")
        sequence = payload.get("sequence")
        if isinstance(sequence, int):
            ctx.counter(self.counter_name, sequence)
        return None


class CaseHandler(OwnedEventsHandler):
    """One-window cases: owned by the receiving station (首问负责)."""

    entity = "case"


HANDLER = CaseHandler()
