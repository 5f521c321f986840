"""The emergency-mode entities (平急转换): a station's events, list entries and responders.

Each is owned by the station that made it and seen only by it (and, read-only, on the
district's event board). Every op's payload is checked against its kind's model
(``sync.schemas.emergency``) before anything is written: a malformed one is refused with 422
naming the op and the field. An entry's
``check`` ops are kept in order under ``checks`` (sealed with its note); the record names
its resident by id and never holds a phone or an ID number.
"""

from __future__ import annotations

from typing import Any

from stationdesk.domain.emergency import entry_uid
from stationdesk.sync.protocol import Op
from stationdesk.sync.schemas import PayloadProblem, op_kinds

from ..registry import ApplyContext, ApplyOutcome, register
from .owned import OwnedEventsHandler

#: Where an entry's record keeps its check-offs, in the order they were made.
CHECKS = "checks"


def _where(op: Op) -> str:
    return f"op {op.seq} ({op.entity} {op.kind})"


class _EmergencyHandler(OwnedEventsHandler):
    """An owned record whose ops are checked field by field before they are applied."""

    snapshot_rank = 40

    def admit(self, ctx: ApplyContext) -> ApplyOutcome | None:
        kinds = op_kinds(self.entity)
        if ctx.op.kind in kinds:
            return None
        return ApplyOutcome.reject(
            422, f"{_where(ctx.op)}: kind must be one of {', '.join(kinds)} for {self.entity}"
        )

    def refuse(self, op: Op, problem: PayloadProblem) -> ApplyOutcome:
        """Refused naming the op's place in the push, as ``payload.<field> <reason>``."""
        where = ".".join(["payload", *(str(p) for p in problem.loc)])
        return ApplyOutcome.reject(422, f"{_where(op)}: {where} {problem.reason}")

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        """Apply an op whose payload passed its schema (``sync.schemas.emergency``)."""
        op = ctx.op
        where = _where(op)
        problem = self.problem(ctx)
        if problem is not None:
            return ApplyOutcome.reject(422, f"{where}: {problem}")
        record = ctx.get(self.entity, op.entity_id)
        if op.kind in self.creating_kinds and record is not None:
            return ApplyOutcome.reject(409, f"{where}: this {self.entity} already exists")
        return super().apply(ctx)

    def problem(self, ctx: ApplyContext) -> str | None:
        """A problem of the op beyond its fields' form, or None."""
        return None


class EmergencyEventHandler(_EmergencyHandler):
    """Events: ``start`` (kind, name, level, grids, time, who), then ``stop`` (once)."""

    entity = "emergency_event"
    creating_kinds = ("start",)

    def problem(self, ctx: ApplyContext) -> str | None:
        record = ctx.get(self.entity, ctx.op.entity_id)
        if ctx.op.kind == "stop" and record is not None and record.data.get("closed_at"):
            return "closed_at: the event is already stopped"
        return None


class EmergencyResponderHandler(_EmergencyHandler):
    """Responders: created once; the name is sealed at rest."""

    entity = "emergency_responder"


class EmergencyEntryHandler(_EmergencyHandler):
    """Entries of an event's list: ``create`` (by resident id, of an event of the same
    station), ``assign`` (a responder) and ``check`` (one check-off, appended to ``checks``)."""

    entity = "emergency_entry"
    snapshot_rank = 60

    def problem(self, ctx: ApplyContext) -> str | None:
        op = ctx.op
        payload = op.payload
        if op.kind == "check":
            if payload["check"]["status"] != payload["status"]:
                return "payload.check.status must be the entry's new status"
            return None
        if op.kind != "create":
            return None
        event_id, resident_id = str(payload["event_id"]), str(payload["resident_id"])
        event = ctx.get("emergency_event", event_id)
        if event is None or event.owner_station_id != ctx.station.id:
            return "payload.event_id is no event of this station"
        if op.entity_id != entry_uid(event_id, resident_id):
            return "entity_id must be the entry id of payload.event_id and payload.resident_id"
        return None

    def fold(self, data: dict[str, Any], ctx: ApplyContext, version: int) -> dict[str, Any]:
        check = data.pop("check", None)
        if isinstance(check, dict):
            data[CHECKS] = [*data.get(CHECKS, []), check]
        return data


register(EmergencyEventHandler())
register(EmergencyResponderHandler())
HANDLER = EmergencyEntryHandler()
