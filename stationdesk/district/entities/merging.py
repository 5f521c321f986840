"""Registrations of one person (or unit) merged into the record that already stands for them."""

from __future__ import annotations

from typing import Any, ClassVar

from stationdesk.domain.merge import FieldEdit, merge_edit
from stationdesk.sync.protocol import FieldConflictWire

from ..models import Record
from ..registry import ApplyContext, ApplyOutcome, FieldRecordHandler

MERGED_INTO = "merged_into"
"""The field of a retired record naming the one it was merged into."""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class MergingHandler(FieldRecordHandler):
    """A handler whose ``create`` may turn out to register a record the district already holds
    (the same ID number, the same unit): :meth:`merge_into` merges it field by field
    (``domain.merge``: missing fields are taken, a different value makes a conflict record) and
    stores the arriving record deleted with ``merged_into`` naming the survivor."""

    merge_kept: ClassVar[tuple[str, ...]] = ()
    """Fields the survivor keeps as they are (the match, lists :meth:`extend` grows)."""

    def arriving(self, ctx: ApplyContext) -> dict[str, Any]:
        """The arriving registration's fields as they are merged."""
        return dict(ctx.op.payload)

    def extend(self, ctx: ApplyContext, data: dict[str, Any], arriving: dict[str, Any]) -> None:
        """Add to the survivor's new state what the registration brings beyond fields."""

    def merge_into(self, ctx: ApplyContext, survivor: Record) -> ApplyOutcome:
        """Merge the arriving registration into ``survivor`` and retire its id."""
        payload = self.arriving(ctx)
        current = dict(survivor.data)
        edits = {
            name: FieldEdit(current.get(name) if _empty(current.get(name)) else None, value)
            for name, value in payload.items()
            if name not in (MERGED_INTO, *self.merge_kept) and not _empty(value)
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
        data = {**current, **merged.values}
        self.extend(ctx, data, payload)
        changed = [name for name in data if data[name] != current.get(name)]
        if changed:
            ctx.write(
                self.entity,
                survivor.entity_id,
                data=data,
                changed_fields=changed,
                flagged=True if merged.flagged else None,
                scope_station_id=None,
            )
        retired = ctx.write(
            self.entity,
            ctx.op.entity_id,
            data={**payload, MERGED_INTO: survivor.entity_id},
            changed_fields=payload,
            deleted=True,
            owner_station_id=ctx.station.id,
            scope_station_id=None,
        )
        return ApplyOutcome(
            status="conflict" if wires else "applied", version=retired.version, conflicts=wires
        )
