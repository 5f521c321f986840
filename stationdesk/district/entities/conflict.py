"""The ``conflict`` entity: a station head's resolution of a conflict record."""

from __future__ import annotations

from sqlalchemy import select

from ..models import Conflict, Record
from ..registry import ApplyContext, ApplyOutcome, EntityHandler


class ConflictHandler(EntityHandler):
    """``resolve`` marks a server conflict reviewed (the value change, if any, is its own op)."""

    entity = "conflict"

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        op = ctx.op
        if op.kind != "resolve":
            return ApplyOutcome.reject(422, f"unknown kind {op.kind!r} for conflict")
        row = ctx.session.scalar(select(Conflict).where(Conflict.id == op.entity_id))
        if row is None:
            return ApplyOutcome.reject(404, "no such conflict")
        record = ctx.session.get(Record, (row.entity, row.entity_id))
        if record is not None and record.scope_station_id not in (None, ctx.station.id):
            return ApplyOutcome.reject(403, "this conflict is about another station's record")
        if row.resolved_at is None:
            row.resolved_at = ctx.now
            row.resolution = op.payload.get("resolution") or ""  # at most 200 (sync.schemas)
        return ApplyOutcome()


HANDLER = ConflictHandler()
