"""The ``resident`` entity: shared by every station, merged field by field (SYNC.md rules)."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import text

from stationdesk.domain.merge import FieldEdit, merge_edit
from stationdesk.sync.protocol import FieldConflictWire

from ..crypto import id_hmac, normalise_id_number, records_by_id_number, session_vault
from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, FieldRecordHandler, Scope

MERGED_INTO = "merged_into"
"""The field of a retired resident naming the one it was merged into."""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class ResidentHandler(FieldRecordHandler):
    """Any station may edit; the same field edited at two stations makes a conflict record.

    The ID number is a person's identity across the district: a station registering (``create``)
    a resident whose ID number a live resident already has is merged into that one, field by
    field (``domain.merge``: missing fields are taken, a different value makes a conflict
    record; the ID number is the match and stays the survivor's), and the arriving record is
    stored deleted with ``merged_into`` naming the survivor.
    A conflict on an identity field flags the record. An explicit ``merge`` op retires a
    record the same way (deleted, with the pointer).
    """

    entity = "resident"
    owned = False
    scope: ClassVar[Scope] = "district"
    identity_fields = ("id_number", "name", "birth_date")

    def apply(self, ctx: ApplyContext) -> ApplyOutcome:
        if ctx.op.kind == "create" and ctx.get(self.entity, ctx.op.entity_id) is None:
            survivor = self._same_person(ctx)
            if survivor is not None:
                return self._merge_into(ctx, survivor)
        return super().apply(ctx)

    def canonical(self, record: Record) -> dict[str, Any] | None:
        if not record.data.get(MERGED_INTO):
            return record.data
        # a station keeps a retired resident without the pointer and without its ID number
        # (the survivor holds it); the district keeps both, so the number still finds it
        data = {k: v for k, v in record.data.items() if k != MERGED_INTO}
        return {**data, "id_number": None}

    def _same_person(self, ctx: ApplyContext) -> Record | None:
        """The live resident (another id) with the arriving ID number, if there is one."""
        number = ctx.op.payload.get("id_number")
        if not isinstance(number, str) or not number.strip():
            return None
        session = ctx.session
        vault = session_vault(session)
        if session.connection().dialect.name == "postgresql":
            # two stations registering one person at once: the second waits for the first
            digest = id_hmac(vault, session.connection(), number)
            session.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                {"key": f"resident:{digest}"},
            )
        wanted = normalise_id_number(number)
        found: dict[str, Record] = {}
        for (entity, entity_id), record in ctx.records.items():  # this page's own records
            if entity == self.entity and record is not None:
                held = record.data.get("id_number")
                if isinstance(held, str) and normalise_id_number(held) == wanted:
                    found[entity_id] = record
        for record in records_by_id_number(session, vault, number):
            found.setdefault(record.entity_id, record)
        live = [
            r
            for key, r in sorted(found.items())
            if key != ctx.op.entity_id and not r.deleted and not r.data.get(MERGED_INTO)
        ]
        if not live:
            return None
        survivor = live[0]
        if survivor in session:
            session.refresh(survivor, with_for_update=True)
        ctx.records[(self.entity, survivor.entity_id)] = survivor
        return survivor

    def _merge_into(self, ctx: ApplyContext, survivor: Record) -> ApplyOutcome:
        """Merge the arriving registration into ``survivor`` and retire its id."""
        op = ctx.op
        payload = dict(op.payload)
        current = dict(survivor.data)
        edits = {
            name: FieldEdit(current.get(name) if _empty(current.get(name)) else None, value)
            for name, value in payload.items()
            if name not in (MERGED_INTO, "id_number") and not _empty(value)
        }
        merged = merge_edit(
            base_version=None,
            edits=edits,
            current=current,
            field_versions=survivor.field_versions,
            identity_fields=self.identity_fields,
        )
        wires: list[FieldConflictWire] = [
            self.field_conflict(ctx, survivor.entity_id, c) for c in merged.conflicts
        ]
        if merged.changed:
            ctx.write(
                self.entity,
                survivor.entity_id,
                data={**current, **merged.values},
                changed_fields=merged.values,
                flagged=True if merged.flagged else None,
                scope_station_id=None,
            )
        retired = ctx.write(
            self.entity,
            op.entity_id,
            data={**payload, MERGED_INTO: survivor.entity_id},
            changed_fields=payload,
            deleted=True,
            owner_station_id=ctx.station.id,
            scope_station_id=None,
        )
        return ApplyOutcome(
            status="conflict" if wires else "applied", version=retired.version, conflicts=wires
        )


HANDLER = ResidentHandler()
